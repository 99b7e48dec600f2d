import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rebuildRollups } from '../../src/exchange/rollups.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

const CUSTOMERS = ['C1', 'C2', 'C3'];
const line = fc.record({
  doc: fc.integer({ min: 1, max: 12 }),
  customer: fc.constantFrom(...CUSTOMERS),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  cents: fc.integer({ min: -50_000, max: 2_000_000 }),
  cost: fc.option(fc.integer({ min: 0, max: 1_500_000 }), { nil: undefined }),
  void: fc.boolean(),
});
/** Up to three batches of lines; later batches re-send, move and void earlier ones. */
const batches = fc.array(fc.uniqueArray(line, { selector: (l) => l.doc, maxLength: 8 }), {
  minLength: 1,
  maxLength: 3,
});

describeWithDatabase('the board equals what the fact lines say (property)', () => {
  let t: TestApp;
  let admin: Client;
  let year = 2030;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('admin');
  });
  afterAll(() => t.close());

  const q = <T>(text: string, params: unknown[] = []) => t.database.query<T>(text, params);

  test('for random write-backs, board numerators equal sums over the lines, and drill-downs sum to their parents', async () => {
    await fc.assert(
      fc.asyncProperty(
        batches,
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('month', 'ytd'),
        async (sends, month, view) => {
          year += 1;
          for (const batch of sends) {
            const rows = batch.map((l) => ({
              source: 'ERP',
              docNo: `P${year}-${l.doc}`,
              lineNo: 1,
              date: `${year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`,
              customerCode: l.customer,
              amount: l.cents / 100,
              ...(l.cost === undefined ? {} : { cost: l.cost / 100 }),
              void: l.void,
            }));
            expect((await admin.post('/api/v1/exchange/shipments', { rows })).status).toBe(200);
          }
          const m = `${year}-${String(month).padStart(2, '0')}`;
          const from = view === 'ytd' ? `${year}-01-01` : `${m}-01`;
          const expected = await q<{ code: string; sales: number; margin: number | null; swc: number | null }>(
            `select t.code, coalesce(round(sum(s.amount), 2), 0)::float8 as sales,
                  round(sum(s.amount - s.cost) filter (where s.cost is not null), 2)::float8 as margin,
                  round(sum(s.amount) filter (where s.cost is not null), 2)::float8 as swc
           from tracks t left join shipments s on s.track_id = t.id and not s.void and s.date >= $1::date
             and s.date < ($2::date + interval '1 month') and s.doc_no like $3
           group by t.code`,
            [from, `${m}-01`, `P${year}-%`],
          );
          const board = (await admin.get(`/api/v1/board?month=${m}&view=${view}`)).body;
          for (const e of expected) {
            const metrics = board.tracks.find((x) => x.code === e.code)!.metrics;
            expect(metrics['1']!.numerator ?? 0).toBeCloseTo(e.sales, 2);
            // no cost-bearing line and lines netting to zero both leave no margin to compute
            expect(metrics['5']!.denominator ?? 0).toBeCloseTo(e.swc ?? 0, 2);
            if (e.margin !== null) expect(metrics['5']!.numerator).toBeCloseTo(e.margin, 2);
            const trackId = board.tracks.find((x) => x.code === e.code)!.id;
            const ams = (
              await admin.get(
                `/api/v1/board/drilldown?no=1&subjectType=track&subjectId=${trackId}&month=${m}&view=${view}`,
              )
            ).body;
            expect(ams.rows.reduce((s, r) => s + (r.numerator ?? 0), 0)).toBeCloseTo(ams.parent.numerator ?? 0, 2);
            for (const am of ams.rows.filter((r) => r.id !== 'unassigned')) {
              const customers = (
                await admin.get(
                  `/api/v1/board/drilldown?no=1&subjectType=am&subjectId=${am.id}&month=${m}&view=${view}`,
                )
              ).body;
              expect(customers.rows.reduce((s, r) => s + (r.numerator ?? 0), 0)).toBeCloseTo(am.numerator ?? 0, 2);
            }
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  test('the rollups kept by every write-back equal the rollups rebuilt from the lines', async () => {
    const snapshot = () =>
      q<{ k: string; amount: number }>(
        `select measure || '|' || month || '|' || source || '|' || track_id || '|' || am_id || '|' || customer_id || '|' || opportunity_code as k, amount::float8 as amount
         from fact_monthly where amount <> 0 order by 1`,
      );
    const incremental = await snapshot();
    expect(incremental.length).toBeGreaterThan(0);
    await rebuildRollups(t.database.db);
    expect(await snapshot()).toEqual(incremental);
  });
});
