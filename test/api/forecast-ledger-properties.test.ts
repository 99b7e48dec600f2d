import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

type Targets = {
  version: number;
  items: { opportunityId: number; month: string; amount: number }[];
  byTrack: { trackId: number; amount: number }[];
};

const SEED = Number(process.env.PROPERTY_SEED ?? 20261203);

describeWithDatabase('target ledger properties (SPEC §6.2, §6.3)', () => {
  let t: TestApp;
  let as: Record<string, Client>;
  const cells: { opportunityId: number; month: string }[] = [];
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-10T10:00:00+08:00' });
    as = {};
    for (const u of ['admin', 'ceo', 'director1', 'am1']) as[u] = await t.as(u);
    const c1 = (await as.admin!.get('/api/v1/customers')).body.items.find((c) => c.code === 'C1')!.id;
    for (const [i, months] of [['2026-02'], ['2026-03', '2026-04'], ['2026-05'], ['2026-06', '2026-09']].entries()) {
      const orders = Object.fromEntries(months.map((m, k) => [m, 1000 * (i + 1) + 100 * k]));
      const res = await as.am1!.post('/api/v1/opportunities', {
        code: `P${i}`,
        name: `P${i}`,
        customerId: c1,
        kind: 'mass_production',
        stage: 'M',
        rolling: { orders },
      });
      for (const month of months) cells.push({ opportunityId: res.body.id, month });
    }
    expect((await as.admin!.post('/api/v1/baselines/2026/lock')).status).toBe(200);
  });
  afterAll(() => t.close());

  const targets = async (query = ''): Promise<Targets> => (await as.ceo!.get(`/api/v1/targets?year=2026${query}`)).body;

  /** A migration moving `share` of one cell's current target to another, executed end to end through the API. */
  async function migrate(from: number, to: number, share: number): Promise<void> {
    const current = await targets();
    const source = cells[from]!;
    const have =
      current.items.find((i) => i.opportunityId === source.opportunityId && i.month === source.month)?.amount ?? 0;
    const amount = Math.floor(have * share * 100) / 100;
    if (amount <= 0 || from === to) return;
    const submitted = await as.director1!.post('/api/v1/target-requests', {
      kind: 'migrate',
      year: 2026,
      reason: '目标迁移',
      lines: [
        { ...source, amount: -amount },
        { ...cells[to]!, amount },
      ],
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect((await as.ceo!.post(`/api/v1/target-requests/${submitted.body.id}/approve`)).status).toBe(200);
    expect((await as.admin!.post(`/api/v1/target-requests/${submitted.body.id}/execute`)).status).toBe(200);
  }

  test('after any executed migrations, every version’s total per track equals version 1’s; no cell below 0', async () => {
    const baseline = (await targets('&version=1')).byTrack;
    const migration = fc.record({
      from: fc.integer({ min: 0, max: cells.length - 1 }),
      to: fc.integer({ min: 0, max: cells.length - 1 }),
      share: fc.double({ min: 0.01, max: 1, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(migration, { minLength: 1, maxLength: 3 }), async (steps) => {
        for (const s of steps) await migrate(s.from, s.to, s.share);
        const latest = await targets();
        for (let version = 1; version <= latest.version; version++) {
          const seen = await targets(`&version=${version}`);
          expect(seen.byTrack).toEqual(baseline);
          expect(seen.items.every((i) => i.amount >= 0)).toBe(true);
        }
      }),
      { numRuns: 6, seed: SEED, endOnFailure: true },
    );
  });
});
