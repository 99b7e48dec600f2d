import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The supervision report's alerts carry their SLA deadline (`dueAt`, issue 12): the report shows when each
 * escalated alert was due and colours it red once passed, without guessing from today's SLA setting.
 */
describeWithDatabase('an escalated alert in the opening report carries its SLA deadline', () => {
  let t: TestApp;
  let ceo: Client;
  let alertId: number;
  let meetingId: number;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T10:00:00+08:00' });
    const am1 = await t.as('am1');
    const director = await t.as('director1');
    ceo = await t.as('ceo');
    const c1 = (await am1.get('/api/v1/customers')).body.items.find((c) => c.code === 'C1')!.id;
    const made = await am1.post('/api/v1/opportunities', {
      code: 'P1',
      name: 'P1',
      customerId: c1,
      kind: 'mold_development',
      stage: 'M',
      rolling: { orderMonth: '2026-06', amount: 100 },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    // a quote far from the rolling forecast raises a dual-version gap alert
    await am1.put(`/api/v1/opportunities/${made.body.id}/forecast/precision`, {
      orderMonth: '2026-06',
      amount: 150,
      shipments: { '2026-07': 150 },
    });
    await am1.post(`/api/v1/opportunities/${made.body.id}/stage`, { stage: 'H' });
    const gap = (await director.get('/api/v1/alerts?kind=dual_version_gap')).body.items;
    expect(gap).toHaveLength(1);
    alertId = gap[0]!.id;
    const escalated = await director.post(`/api/v1/alerts/${alertId}/escalate`, { note: '报价与滚动预测差异大' });
    expect(escalated.status, JSON.stringify(escalated.body)).toBe(200);
    const meetings = (await ceo.get('/api/v1/meetings?from=2026-03-04&to=2026-03-04&type=supervision')).body.items;
    meetingId = meetings[0]!.id;
  }, 180_000);
  afterAll(() => t.close());

  test('a new version lists the alert with the same dueAt as the alert itself', async () => {
    const alert = (await ceo.get(`/api/v1/alerts/${alertId}`)).body;
    expect(alert.dueAt).toMatch(/^2026-03-\d\dT/);
    const report = await ceo.post(`/api/v1/meetings/${meetingId}/opening-report`);
    expect(report.status, JSON.stringify(report.body).slice(0, 300)).toBe(201);
    expect(report.body.alerts.map((a) => [a.id, a.dueAt])).toEqual([[alertId, alert.dueAt]]);
  });

  test('a version stored before summaries carried the deadline answers with it too', async () => {
    const alert = (await ceo.get(`/api/v1/alerts/${alertId}`)).body;
    await t.database.query(
      `update opening_reports
        set content = jsonb_set(content::jsonb, '{alerts,0}', (content::jsonb->'alerts'->0) - 'dueAt')::json
        where meeting_id = $1`,
      [meetingId],
    );
    const older = await ceo.get(`/api/v1/meetings/${meetingId}/opening-report?version=1`);
    expect(older.status, JSON.stringify(older.body).slice(0, 300)).toBe(200);
    expect(older.body.alerts[0]!.dueAt).toBe(alert.dueAt);
  });
});
