import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildCustomer, buildTrack, buildUser } from '../../src/demo/builders.js';
import { computeOverview, todayIn } from '../../src/forecast/overview.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, smallOrganisation, startTestApp, type TestApp } from '../support/test-app.js';

type Overview = { tracks: { trackId: number }[]; total: unknown };

/**
 * The overview is kept per year, tracks read and day (forecast/overview-cache.ts) until a change to its
 * inputs. Whatever changes — an orders target, an SAP order or its void, a new opportunity, a rolling
 * schedule (one order month or call-off lines), a stage, an opportunity moving track, the target ledger,
 * the stage probabilities, a track's line, the day — the overview a reader gets right after is the one
 * computed afresh from the same data, for every year and reader.
 */
describeWithDatabase('the kept overview equals the overview computed afresh after every kind of change', () => {
  let t: TestApp;
  const as: Record<string, Client> = {};
  const ids: Record<string, number> = {};
  const opportunities: number[] = [];
  let now = new Date('2026-04-15T10:00:00+08:00');

  const ok = (res: { status: number; body: unknown }, status = 200) =>
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(status);
  const signIn = async (...users: string[]) => {
    for (const u of users) as[u] = await t.as(u);
  };
  const run = (query: ReturnType<typeof sql>) => t.database.db.execute(query);
  const write = async (kind: string, rows: unknown[]) => ok(await as.admin!.post(`/api/v1/exchange/${kind}`, { rows }));
  /** A new opportunity; `refusable`: a customer of a track now commodity is refused one (nothing changes). */
  const create = async (code: string, customer: 'C1' | 'C4', rolling: object, refusable = false) => {
    const res = await as[customer === 'C1' ? 'am1' : 'am4']!.post('/api/v1/opportunities', {
      code,
      name: code,
      customerId: ids[customer],
      kind: 'mold_development',
      stage: 'M',
      rolling,
    });
    if (refusable && res.status === 400) return;
    ok(res, 201);
    opportunities.push(res.body.id);
  };

  beforeAll(async () => {
    const org = smallOrganisation();
    org.tracks.push(buildTrack({ code: 'T3', name: '汽车', directorUsername: null }));
    org.users.push(buildUser({ username: 'am4', role: 'am', trackCode: 'T3' }));
    org.customers.push(buildCustomer({ code: 'C4', amUsername: 'am4' }));
    t = await startTestApp({ now: now.toISOString(), org });
    await signIn('admin', 'ceo', 'director1', 'am1', 'am4');
    for (const x of [
      ...(await as.admin!.get('/api/v1/customers')).body.items,
      ...(await as.admin!.get('/api/v1/tracks')).body.items,
    ])
      ids[x.code] = x.id;
    await write('targets', [
      { year: 2026, month: 1, kind: 'orders', trackCode: 'T1', amount: 1000 },
      { year: 2026, month: 5, kind: 'orders', trackCode: 'T3', amCode: 'AM4', amount: 700 },
    ]);
    await write('orders', [{ orderNo: 'O0', lineNo: 1, date: '2026-02-03', customerCode: 'C1', amount: 400 }]);
    await create('P0', 'C1', { orderMonth: '2026-06', amount: 2000 });
    await create('P1', 'C4', { orders: { '2026-05': 100, '2027-02': 300 } });
  }, 240_000);
  afterAll(() => t.close());

  const read = async (year: number, who: string): Promise<Overview> => {
    const res = await as[who]!.get(`/api/v1/forecast/overview?year=${year}`);
    ok(res);
    return res.body as Overview;
  };
  /** The same tracks' overview computed now, straight from the inputs, as the API sends it. */
  const fresh = async (year: number, tracks: number[]) =>
    JSON.parse(
      JSON.stringify(await computeOverview(t.database.db, year, tracks, todayIn(t.clock.now(), t.config.timeZone))),
    );
  const READS = [
    [2025, 'ceo'],
    [2026, 'ceo'],
    [2027, 'ceo'],
    [2026, 'director1'],
  ] as const;
  const later = async (days: number) => {
    now = new Date(now.getTime() + days * 86_400_000);
    await t.setNow(now.toISOString());
    // Sessions idle for days have ended.
    await signIn('admin', 'ceo', 'director1', 'am1', 'am4');
  };
  const readAll = () => Promise.all(READS.map(([year, who]) => read(year, who)));

  type Change = { kind: string; apply: () => Promise<void> };
  let n = 0;
  const year = fc.constantFrom(2025, 2026, 2027);
  const month = fc.integer({ min: 1, max: 12 });
  const ym = fc.tuple(year, month).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
  const cents = fc.integer({ min: 1, max: 900_000 }).map((c) => c / 100);
  const someOpportunity = fc.nat().map((i) => opportunities[i % opportunities.length]!);
  const kinds: fc.Arbitrary<Change>[] = [
    fc.record({ year, month, track: fc.constantFrom('T1', 'T3'), am: fc.boolean(), amount: cents }).map((r) => ({
      kind: `orders target ${r.year}-${r.month} ${r.track}${r.am ? ' AM' : ''} ${r.amount}`,
      apply: () =>
        write('targets', [
          {
            year: r.year,
            month: r.month,
            kind: 'orders',
            trackCode: r.track,
            ...(r.am ? { amCode: r.track === 'T1' ? 'AM1' : 'AM4' } : {}),
            amount: r.amount,
          },
        ]),
    })),
    fc
      .record({ at: ym, day: fc.integer({ min: 1, max: 28 }), customer: fc.constantFrom('C1', 'C4'), amount: cents })
      .map((r) => ({
        kind: `SAP order ${r.at}-${r.day} ${r.customer} ${r.amount}`,
        apply: () =>
          write('orders', [
            {
              orderNo: `O${++n}`,
              lineNo: 1,
              date: `${r.at}-${String(r.day).padStart(2, '0')}`,
              customerCode: r.customer,
              amount: r.amount,
            },
          ]),
      })),
    fc.constant({
      kind: 'the first SAP order voided or restored',
      apply: async () =>
        write('orders', [
          { orderNo: 'O0', lineNo: 1, date: '2026-02-03', customerCode: 'C1', amount: 400, void: n++ % 2 === 0 },
        ]),
    }),
    fc.record({ at: ym, amount: cents, customer: fc.constantFrom('C1' as const, 'C4' as const) }).map((r) => ({
      kind: `new opportunity ${r.customer} ${r.at} ${r.amount}`,
      apply: () => create(`N${++n}`, r.customer, { orderMonth: r.at, amount: r.amount }, true),
    })),
    fc
      .record({
        id: someOpportunity,
        schedule: fc.oneof(
          fc.record({ orderMonth: ym, amount: cents }),
          fc.record({ orders: fc.dictionary(ym, cents, { minKeys: 1, maxKeys: 3 }) }),
        ),
      })
      .map((r) => ({
        kind: `rolling of ${r.id}: ${JSON.stringify(r.schedule)}`,
        apply: async () => {
          const res = await as.admin!.put(`/api/v1/opportunities/${r.id}/forecast/rolling`, {
            ...r.schedule,
            reason: '客户推迟',
          });
          // A write refused (a closed opportunity's schedule) changes nothing: the overview must still agree.
          expect([200, 400, 409, 422], JSON.stringify(res.body)).toContain(res.status);
        },
      })),
    fc.record({ id: someOpportunity, stage: fc.constantFrom('lead', 'L', 'M', 'H', 'won', 'lost') }).map((r) => ({
      kind: `stage of ${r.id} → ${r.stage}`,
      apply: async () => void (await run(sql`update opportunities set stage = ${r.stage} where id = ${r.id}`)),
    })),
    fc.record({ id: someOpportunity, track: fc.constantFrom('T1', 'T3') }).map((r) => ({
      kind: `opportunity ${r.id} moves to ${r.track}`,
      apply: async () => void (await run(sql`update opportunities set track_id = ${ids[r.track]} where id = ${r.id}`)),
    })),
    fc.record({ id: someOpportunity, year, amount: cents }).map((r) => ({
      kind: `ledger entry ${r.year} ${r.id} ${r.amount}`,
      apply: async () =>
        void (await run(sql`insert into target_ledger_entries (year, version, opportunity_id, month, amount, at)
          values (${r.year}, 1, ${r.id}, make_date(${r.year}, 3, 1), ${r.amount}, now())`)),
    })),
    fc.record({ year }).map((r) => ({
      kind: `ledger of ${r.year} emptied`,
      apply: async () => void (await run(sql`delete from target_ledger_entries where year = ${r.year}`)),
    })),
    fc.integer({ min: 1, max: 99 }).map((p) => ({
      kind: `stage probability of M ${p} %`,
      apply: async () =>
        void (await run(sql`insert into forecast_settings (id, data, version) values (1, ${JSON.stringify({ stageProbabilities: { lead: 0.1, L: 0.2, M: p / 100, H: 0.8 } })}::jsonb, 1)
          on conflict (id) do update set data = excluded.data, version = forecast_settings.version + 1`)),
    })),
    fc.constantFrom('integrated', 'commodity').map((line) => ({
      kind: `T3's line ${line}`,
      apply: async () => void (await run(sql`update tracks set business_line = ${line} where id = ${ids.T3}`)),
    })),
    fc.record({ id: someOpportunity, factor: fc.integer({ min: 1, max: 30 }) }).map((r) => ({
      kind: `call-off lines of ${r.id} × ${r.factor / 10}`,
      apply: async () =>
        void (await run(sql`update forecast_months set amount = round(amount * ${r.factor / 10}, 2)
          where opportunity_id = ${r.id} and version = 'rolling' and line = 'order'`)),
    })),
    fc.integer({ min: 1, max: 120 }).map((days) => ({
      kind: `${days} days later`,
      apply: () => later(days),
    })),
  ];

  /**
   * Reads everything (so each is kept), applies the change, and reads again against a fresh computation;
   * `reaches`: the change must show in some read (else the check proves nothing about that input).
   */
  const check = async (change: Change, reaches = false) => {
    const before = await readAll();
    await change.apply();
    const after = await readAll();
    if (reaches) expect(after, `${change.kind} shows`).not.toEqual(before);
    for (const [i, [y]] of READS.entries()) {
      const got = after[i]!;
      const expected = await fresh(
        y,
        got.tracks.map((x) => x.trackId),
      );
      expect({ tracks: got.tracks, total: got.total }, `${change.kind}, ${READS[i]}`).toEqual(expected);
    }
  };
  const sqlChange = (kind: string, query: ReturnType<typeof sql>): Change => ({
    kind,
    apply: async () => void (await run(query)),
  });
  const rolling = (who: string, id: () => number, body: object): Change => ({
    kind: `rolling schedule ${JSON.stringify(body)}`,
    apply: async () => ok(await as[who]!.put(`/api/v1/opportunities/${id()}/forecast/rolling`, body)),
  });

  test('each kind of input once: the change shows, and the overview read right after is the one computed afresh', async () => {
    const [p0, p1] = opportunities as [number, number];
    const changes: Change[] = [
      {
        kind: 'orders target',
        apply: () => write('targets', [{ year: 2026, month: 3, kind: 'orders', trackCode: 'T1', amount: 500 }]),
      },
      {
        kind: 'SAP order',
        apply: () =>
          write('orders', [{ orderNo: 'OX', lineNo: 1, date: '2026-03-10', customerCode: 'C4', amount: 250 }]),
      },
      {
        kind: 'SAP order voided',
        apply: () =>
          write('orders', [
            { orderNo: 'O0', lineNo: 1, date: '2026-02-03', customerCode: 'C1', amount: 400, void: true },
          ]),
      },
      { kind: 'new opportunity', apply: () => create('NX', 'C1', { orderMonth: '2026-07', amount: 900 }) },
      rolling('am1', () => p0, { orderMonth: '2026-09', amount: 1500, reason: '客户推迟' }),
      // Call-off lines rewritten, the version staying one with lines.
      rolling('am4', () => p1, { orders: { '2026-05': 100, '2027-02': 500 } }),
      sqlChange('stage', sql`update opportunities set stage = 'H' where id = ${p0}`),
      sqlChange('opportunity moves track', sql`update opportunities set track_id = ${ids.T1} where id = ${p1}`),
      sqlChange(
        'ledger entry',
        sql`insert into target_ledger_entries (year, version, opportunity_id, month, amount, at)
          values (2026, 1, ${p0}, date '2026-06-01', 600, now())`,
      ),
      sqlChange('ledger emptied', sql`delete from target_ledger_entries where year = 2026`),
      sqlChange(
        'stage probabilities',
        sql`insert into forecast_settings (id, data, version)
          values (1, ${JSON.stringify({ stageProbabilities: { lead: 0.1, L: 0.2, M: 0.33, H: 0.8 } })}::jsonb, 1)
          on conflict (id) do update set data = excluded.data, version = forecast_settings.version + 1`,
      ),
      sqlChange(
        'call-off lines',
        sql`update forecast_months set amount = amount * 2 where opportunity_id = ${p1} and version = 'rolling' and line = 'order'`,
      ),
      sqlChange("a track's line", sql`update tracks set business_line = 'commodity' where id = ${ids.T3}`),
      sqlChange("a track's line back", sql`update tracks set business_line = 'integrated' where id = ${ids.T3}`),
      { kind: 'the day', apply: () => later(30) },
    ];
    for (const change of changes) await check(change, true);
    // Each computing folds the changes it counted: the next reads count one row per day, not the history.
    const rows = await t.database.db.execute(
      sql`select count(*)::int as n from change_stamps where topic = 'overview' and month in ('-infinity', '2026-01-01')`,
    );
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]!.n).toBeLessThanOrEqual(2);
  }, 600_000);

  test('after any sequence of changes every year and reader reads what is computed afresh', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(...kinds), { minLength: 1, maxLength: 4 }), async (changes) => {
        for (const change of changes) await check(change);
      }),
      { numRuns: 12 },
    );
  }, 600_000);

  test('read again with no change in between, the overview is the one kept, not computed anew', async () => {
    const computed = async () =>
      (
        (await t.database.db.execute(
          sql`select year, scope, computed_at::text as at from forecast_overview_cache order by 1, 2`,
        )) as unknown as { rows: unknown[] }
      ).rows;
    await readAll();
    const kept = await computed();
    expect(kept.length).toBeGreaterThan(0);
    await readAll();
    expect(await computed()).toEqual(kept);
  });

  test('a director reads their own track; the CEO every integrated one', async () => {
    expect((await read(2026, 'director1')).tracks.map((x) => x.trackId)).toEqual([ids.T1]);
    const tracks = (await read(2026, 'ceo')).tracks.map((x) => x.trackId);
    expect(tracks).toContain(ids.T1);
    expect(tracks).not.toContain(ids.T2);
  });
});
