import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedDemoApsHistory } from '../../src/feeds/demo.js';
import { writerFor } from '../support/feeds.js';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NOW = '2026-03-02T08:00:00+08:00';
const quote = { orderMonth: '2026-05', amount: 500, shipments: { '2026-06': 500 } };

/**
 * The demo's APS delivery history (issue 11 item 6): the queued quotes pushed by the product's sender to
 * a simulated APS — acknowledged at once, retried through an outage a month ago, and the newest refused.
 */
describeWithDatabase('the demo’s APS delivery history', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const write = await writerFor(t);
    for (const [code, at] of [
      ['D-OLD', '2026-01-10T10:00:00+08:00'],
      ['D-OUTAGE', '2026-01-31T10:00:00+08:00'],
      ['D-NEW', '2026-02-27T15:00:00+08:00'],
    ] as const) {
      await t.setNow(at);
      const id = await write.create(code, 'commodity');
      await write.put(id, 'precision', quote);
      await write.stage(id, 'H');
    }
    await t.setNow(NOW);
    await seedDemoApsHistory(t.database.db, { now: new Date(NOW) });
  });
  afterAll(() => t.close());

  test('acknowledged at once, after retries through the outage, and one still refused', async () => {
    const log = (await (await t.as('admin')).get('/api/v1/admin/aps-deliveries')).body.items;
    const of = (code: string) => log.find((d) => d.opportunityCode === code)!;
    expect(of('D-OLD')).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: null,
      sentAt: '2026-01-10T02:00:00.000Z',
    });
    // APS was down from 09:50 to 23:50 on 31 January (10 minutes before the first quote of the last 30 days).
    const outage = of('D-OUTAGE');
    expect(outage).toMatchObject({ status: 'sent', lastStatus: 200, lastError: 'HTTP 503 {"error":"APS 维护中"}' });
    expect(outage.attempts).toBeGreaterThan(5);
    expect(outage.sentAt! >= '2026-01-31T15:50:00.000Z').toBe(true);
    expect(outage.sentAt! < '2026-01-31T16:51:00.000Z').toBe(true);
    const refused = of('D-NEW');
    expect(refused).toMatchObject({ status: 'pending', lastStatus: 422 });
    expect(refused.lastError).toContain('零件号 P-7781');
    expect(refused.attempts).toBeGreaterThan(10);
  });
});
