import fc from 'fast-check';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildBoard } from '../../src/board/board.js';
import { Board } from '../../src/board/contract.js';
import { buildCustomer, buildTrack, buildUser } from '../../src/demo/builders.js';
import { rebuildRollups } from '../../src/exchange/rollups.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, smallOrganisation, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The board is computed once per period and kept until a change to its inputs (board/cache.ts). Whatever
 * changes — a write-back line, a void, a threshold, an AM moving track, a customer moving AM, dimension
 * 6's way of measuring, a target, a receivable, a rollup rebuild — the board a reader gets is the one
 * computed afresh from the same data.
 */
describeWithDatabase('the kept board equals the board computed afresh after every kind of change', () => {
  let t: TestApp;
  const as: Record<string, Client> = {};
  const ids: Record<string, number> = {};
  /** The periods read before and after each change: history, the current month, YTD, a later month. */
  const PERIODS = [
    ['2026-02', 'month'],
    ['2026-03', 'month'],
    ['2026-03', 'ytd'],
    ['2026-04', 'ytd'],
  ] as const;

  const ok = (res: { status: number; body: unknown }, status = 200) =>
    expect(res.status, JSON.stringify(res.body)).toBe(status);
  const write = async (kind: string, rows: unknown[]) => ok(await as.admin!.post(`/api/v1/exchange/${kind}`, { rows }));
  const signIn = async (...users: string[]) => {
    for (const u of users) as[u] = await t.as(u);
  };
  const kept = async (month: string, view: string) => {
    const res = await as.ceo!.get(`/api/v1/board?month=${month}&view=${view}`);
    ok(res);
    return res.body;
  };
  /** The board computed now, straight from the rollups, as the API would send it (the contract's fields). */
  const fresh = async (month: string, view: 'month' | 'ytd') =>
    Value.Clean(Board, JSON.parse(JSON.stringify(await buildBoard(t.database.db, month, view))));

  beforeAll(async () => {
    const org = smallOrganisation();
    org.tracks.push(buildTrack({ code: 'T3', name: '汽车', directorUsername: null }));
    org.users.push(buildUser({ username: 'am4', role: 'am', trackCode: 'T3' }));
    org.customers.push(buildCustomer({ code: 'C4', amUsername: 'am4' }));
    // An AM without customers may move track (one with customers gives them away first).
    org.users.push(buildUser({ username: 'am5', role: 'am', trackCode: 'T3' }));
    t = await startTestApp({ now: '2026-02-02T10:00:00+08:00', org });
    await signIn('admin', 'am1', 'am2', 'am3');
    const lists = [
      ...(await as.admin!.get('/api/v1/customers')).body.items,
      ...(await as.admin!.get('/api/v1/tracks')).body.items,
      ...(await as.admin!.get('/api/v1/users?limit=100')).body.items,
    ];
    for (const x of lists) ids[x.code] = x.id;
    // Forecasts frozen in February's and March's snapshots, so dimension 6 has items to measure.
    for (const [code, customer, kind] of [
      ['A1', 'C1', 'mold_development'],
      ['B1', 'C2', 'mold_development'],
      ['Q1', 'C3', 'commodity_mold'],
    ] as const) {
      const who = customer === 'C1' ? 'am1' : customer === 'C2' ? 'am2' : 'am3';
      ok(
        await as[who]!.post('/api/v1/opportunities', {
          code,
          name: code,
          customerId: ids[customer],
          kind,
          stage: 'M',
          ...(kind === 'commodity_mold'
            ? {}
            : { rolling: { orderMonth: '2026-02', amount: 300, shipments: { '2026-02': 200, '2026-03': 100 } } }),
        }),
        201,
      );
    }
    for (const at of ['2026-03-02T10:00:00+08:00', '2026-03-06T00:00:30+08:00']) {
      await t.setNow(at);
      // Sessions idle for days have ended.
      await signIn('admin');
      ok(await as.admin!.post('/api/v1/admin/jobs/run-due'));
    }
    await write('shipments', [
      {
        source: 'ERP',
        docNo: 'S1',
        lineNo: 1,
        date: '2026-02-10',
        customerCode: 'C1',
        amount: 180,
        cost: 120,
        opportunityCode: 'A1',
      },
      {
        source: 'ERP',
        docNo: 'S2',
        lineNo: 1,
        date: '2026-03-03',
        customerCode: 'C2',
        amount: 90,
        opportunityCode: 'B1',
      },
      { source: 'ERP', docNo: 'S3', lineNo: 1, date: '2026-03-04', customerCode: 'C4', amount: 500 },
    ]);
    await write('targets', [
      { year: 2026, month: 2, kind: 'sales', trackCode: 'T1', amount: 1000 },
      { year: 2026, month: 3, kind: 'sales', trackCode: 'T1', amCode: 'AM2', amount: 400 },
      { year: 2026, month: 3, kind: 'sales', trackCode: 'T3', amCode: 'AM5', amount: 300 },
    ]);
    await write('expenses', [
      { docNo: 'E1', lineNo: 1, date: '2026-03-11', trackCode: 'T3', amCode: 'AM5', amount: 45 },
    ]);
    await write('receivables', [{ asOf: '2026-02-28', customerCode: 'C1', balance: 800 }]);
    await signIn('ceo', 'director1');
  }, 240_000);
  afterAll(() => t.close());

  type Change = { kind: string; apply: () => Promise<void> };
  let doc = 100;
  let proposals = 0;
  const amTrack: Record<string, string> = { AM1: 'T1', AM2: 'T1', AM3: 'T2', AM4: 'T3', AM5: 'T3' };
  const customerAm: Record<string, string> = { C1: 'AM1', C2: 'AM2', C3: 'AM3', C4: 'AM4' };
  const sent: { docNo: string; date: string; customerCode: string; amount: number }[] = [];

  const month = fc.integer({ min: 1, max: 5 }).map((m) => `2026-${String(m).padStart(2, '0')}`);
  const kinds: fc.Arbitrary<Change>[] = [
    // A write-back line, some naming an opportunity (an input of dimension 6 too).
    fc
      .record({
        month,
        day: fc.integer({ min: 1, max: 28 }),
        customer: fc.constantFrom('C1', 'C2', 'C3', 'C4'),
        cents: fc.integer({ min: 1, max: 500_000 }),
        code: fc.constantFrom(undefined, 'A1', 'B1', 'Q1'),
      })
      .map((l) => ({
        kind: `shipment ${l.month}-${l.day} ${l.customer} ${l.cents / 100}${l.code ? ` ${l.code}` : ''}`,
        apply: async () => {
          const line = {
            docNo: `R${doc++}`,
            date: `${l.month}-${String(l.day).padStart(2, '0')}`,
            customerCode: l.customer,
            amount: l.cents / 100,
          };
          sent.push(line);
          await write('shipments', [
            { source: 'ERP', lineNo: 1, ...line, ...(l.code ? { opportunityCode: l.code } : {}) },
          ]);
        },
      })),
    // Voiding a line sent before.
    fc.nat().map((k) => ({
      kind: `void #${k}`,
      apply: async () => {
        const line = sent.splice(k % Math.max(1, sent.length), 1)[0];
        if (line) await write('shipments', [{ source: 'ERP', lineNo: 1, ...line, void: true }]);
      },
    })),
    // A threshold change, approved from this month or a later one.
    fc
      .record({
        no: fc.integer({ min: 1, max: 5 }),
        red: fc.integer({ min: 10, max: 90 }),
        from: fc.constantFrom('2026-03', '2026-04'),
      })
      .map((b) => ({
        kind: `threshold ${b.no} red ${b.red / 100} from ${b.from}`,
        apply: async () => {
          proposals++;
          const res = await as.director1!.post('/api/v1/threshold-proposals', {
            no: b.no,
            red: b.red / 100,
            yellow: b.red / 100 + 0.05,
            reason: `调整 ${proposals}`,
          });
          ok(res, 201);
          ok(
            await as.ceo!.post(`/api/v1/threshold-proposals/${(res.body as { id: number }).id}/approve`, {
              effectiveMonth: b.from,
            }),
          );
        },
      })),
    // An AM moving to the other integrated track.
    fc.constant({
      kind: 'AM5 moves track',
      apply: async () => {
        const am = 'AM5';
        amTrack[am] = amTrack[am] === 'T1' ? 'T3' : 'T1';
        ok(await as.admin!.patch(`/api/v1/users/${ids[am]}`, { trackId: ids[amTrack[am]!] }));
      },
    }),
    // A customer given to another AM of the integrated line (its opportunities follow).
    fc.record({ customer: fc.constantFrom('C1', 'C2', 'C4'), am: fc.constantFrom('AM1', 'AM2', 'AM4') }).map((m) => ({
      kind: `${m.customer} moves to ${m.am}`,
      apply: async () => {
        customerAm[m.customer] = m.am;
        ok(await as.admin!.patch(`/api/v1/customers/${ids[m.customer]}`, { amId: ids[m.am] }));
      },
    })),
    // Dimension 6's way of measuring, from this month on.
    fc
      .record({ formula: fc.constantFrom('wape', 'mean_item', 'ratio'), lag: fc.integer({ min: 0, max: 1 }) })
      .map((c) => ({
        kind: `accuracy ${c.formula} lag ${c.lag}`,
        apply: async () =>
          ok(
            await as.admin!.put('/api/v1/forecast/accuracy-config', {
              effectiveMonth: '2026-03',
              formula: c.formula,
              lag: c.lag,
              version: 'rolling',
              granularity: 'opportunity',
              actualsSource: null,
            }),
          ),
      })),
    fc.record({ month: fc.integer({ min: 1, max: 4 }), am: fc.constantFrom(undefined, 'AM1', 'AM5') }).map((g) => ({
      kind: `target ${g.month} ${g.am ?? 'T1'}`,
      apply: () =>
        write('targets', [
          {
            year: 2026,
            month: g.month,
            kind: 'sales',
            trackCode: g.am ? amTrack[g.am] : 'T1',
            ...(g.am ? { amCode: g.am } : {}),
            amount: 100 * g.month + doc++,
          },
        ]),
    })),
    fc
      .record({ day: fc.integer({ min: 1, max: 28 }), month, customer: fc.constantFrom('C1', 'C2', 'C3') })
      .map((r) => ({
        kind: `receivable ${r.month}-${r.day} ${r.customer}`,
        apply: () =>
          write('receivables', [
            { asOf: `${r.month}-${String(r.day).padStart(2, '0')}`, customerCode: r.customer, balance: doc++ },
          ]),
      })),
    fc.constant({ kind: 'rollups rebuilt', apply: () => rebuildRollups(t.database.db) }),
  ];
  /** One change of every kind in a random order, then a few more of any kind. */
  const changes = fc
    .tuple(...kinds)
    .chain((each) => fc.shuffledSubarray(each, { minLength: each.length }))
    .chain((each) => fc.array(fc.oneof(...kinds), { maxLength: 3 }).map((more) => [...each, ...more]));

  test('after each change of a bounded random run (every kind, fixed seed), every kept period equals a fresh board', async () => {
    await fc.assert(
      fc.asyncProperty(changes, async (sequence) => {
        for (const c of sequence) {
          // Every period is read (and kept) before the change, so a stale kept board would show.
          for (const [m, v] of PERIODS) await kept(m, v);
          await c.apply();
          for (const [m, v] of PERIODS) expect(await kept(m, v), `${c.kind}: ${m} ${v}`).toEqual(await fresh(m, v));
        }
      }),
      { seed: 20261203, numRuns: 3, endOnFailure: true },
    );
  }, 240_000);

  test('a period read twice with nothing changed in between is computed once and kept in the database', async () => {
    const q = (text: string) => t.database.query<{ stamp: string; computed_at: string }>(text);
    await kept('2026-03', 'ytd');
    const [first] = await q(
      `select stamp::text, computed_at::text from board_cache where month = '2026-03' and view = 'ytd'`,
    );
    expect(await kept('2026-03', 'ytd')).toEqual(await fresh('2026-03', 'ytd'));
    const [second] = await q(
      `select stamp::text, computed_at::text from board_cache where month = '2026-03' and view = 'ytd'`,
    );
    expect(second).toEqual(first);
    // A change to a later month leaves it kept; one to an earlier month does not.
    await write('shipments', [
      { source: 'ERP', docNo: 'LATER', lineNo: 1, date: '2026-05-02', customerCode: 'C1', amount: 7 },
    ]);
    await kept('2026-03', 'ytd');
    const [third] = await q(
      `select stamp::text, computed_at::text from board_cache where month = '2026-03' and view = 'ytd'`,
    );
    expect(third).toEqual(first);
    await write('shipments', [
      { source: 'ERP', docNo: 'EARLY', lineNo: 1, date: '2026-01-02', customerCode: 'C1', amount: 7 },
    ]);
    const board = await kept('2026-03', 'ytd');
    const [fourth] = await q(
      `select stamp::text, computed_at::text from board_cache where month = '2026-03' and view = 'ytd'`,
    );
    expect(Number(fourth!.stamp)).toBeGreaterThan(Number(first!.stamp));
    expect(board).toEqual(await fresh('2026-03', 'ytd'));
    // Computing it folded the changes it counted: the next reads count one row per month, not the history.
    const many = await t.database.query<{ topic: string; month: string; n: number }>(
      `select topic, month::text, count(*)::int as n from change_stamps
        where topic in ('board', 'accuracy') and month <= '2026-03-01' group by 1, 2 having count(*) > 1`,
    );
    expect(many).toEqual([]);
    const [counted] = await t.database.query<{ n: string }>(
      `select count(*)::text as n from change_stamps where topic in ('board', 'accuracy') and month <= '2026-03-01'`,
    );
    expect(Number(counted!.n)).toBeGreaterThan(0);
    // and a change after the fold is still seen
    await write('shipments', [
      { source: 'ERP', docNo: 'AFTER-FOLD', lineNo: 1, date: '2026-02-03', customerCode: 'C1', amount: 11 },
    ]);
    expect(await kept('2026-03', 'ytd')).toEqual(await fresh('2026-03', 'ytd'));
  });
});
