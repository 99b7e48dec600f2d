import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The monthly-update notices (SPEC §9.1 "Notices"): on day 1 of the window each AM with due
 * opportunities is told, once per month; a director reminds those still missing, once per AM and day.
 * am1 has one integrated opportunity (due); am2 none; am3 only a commodity quote (never due).
 */
describeWithDatabase('monthly forecast update notices and reminders (SPEC §5, §9.1)', () => {
  let t: TestApp;
  const as: Record<string, Client> = {};
  const users: Record<string, number> = {};
  let opportunity = 0;
  const WHO = ['admin', 'director1', 'director2', 'am1', 'am2', 'am3'];

  const moveTo = async (iso: string) => {
    await t.setNow(iso);
    for (const u of WHO) as[u] = await t.as(u);
    expect((await as.admin!.post('/api/v1/admin/jobs/run-due')).status).toBe(200);
  };
  const inbox = async (who: string, kind: string) =>
    (await as[who]!.get('/api/v1/notifications?limit=100')).body.items.filter((n) => n.kind === kind);
  const remind = (who: string, body: unknown) => as[who]!.post('/api/v1/forecast/compliance/remind', body);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-02-20T10:00:00+08:00' });
    for (const u of WHO) as[u] = await t.as(u);
    for (const u of (await as.admin!.get('/api/v1/users?limit=100')).body.items) users[u.username] = u.id;
    const customers = Object.fromEntries(
      (await as.admin!.get('/api/v1/customers')).body.items.map((c) => [c.code, c.id]),
    );
    const made = await as.am1!.post('/api/v1/opportunities', {
      code: 'DUE',
      name: '结构件',
      customerId: customers.C1,
      kind: 'mold_development',
      rolling: { orderMonth: '2026-06', amount: 100 },
    });
    expect(made.status).toBe(201);
    opportunity = made.body.id;
    await as.am3!.post('/api/v1/opportunities', {
      code: 'QUOTE',
      name: '报价',
      customerId: customers.C3,
      kind: 'commodity_mold',
    });
  });
  afterAll(() => t.close());

  test('day 1 of the window: the AM with due opportunities is told once, whatever the re-runs; others not', async () => {
    await moveTo('2026-02-28T23:59:00+08:00');
    expect(await inbox('am1', 'forecast_update_due')).toHaveLength(0);
    await moveTo('2026-03-01T00:00:00+08:00');
    const [notice] = await inbox('am1', 'forecast_update_due');
    expect(notice).toMatchObject({ link: '/forecast/update', createdAt: '2026-02-28T16:00:00.000Z' });
    expect(notice!.title).toBe('2026-03 月度滚动预测待更新：1 个商机，请于 3月6日 00:00 前完成');
    await moveTo('2026-03-01T09:00:00+08:00');
    await moveTo('2026-03-03T09:00:00+08:00');
    expect(await inbox('am1', 'forecast_update_due')).toHaveLength(1);
    expect(await inbox('am2', 'forecast_update_due')).toHaveLength(0);
    expect(await inbox('am3', 'forecast_update_due')).toHaveLength(0);
  });

  test('catch-up: down over day 1, the notice comes while the window is open; after it closed, never', async () => {
    // Down from 3 March to 3 April: April's notice comes at once, dated at the window's start.
    await moveTo('2026-04-03T10:00:00+08:00');
    const april = await inbox('am1', 'forecast_update_due');
    expect(april.map((n) => n.createdAt)).toEqual(['2026-03-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z']);
    // Down over all of May's window: a notice after it closed would be stale.
    await moveTo('2026-05-07T10:00:00+08:00');
    expect(await inbox('am1', 'forecast_update_due')).toHaveLength(2);
  });

  test('a director reminds the AMs still missing: one per AM per day, none once updated', async () => {
    await moveTo('2026-06-02T10:00:00+08:00');
    const first = await remind('director1', { month: '2026-06' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ month: '2026-06', reminded: [users.am1], skipped: [] });
    const again = await remind('admin', { month: '2026-06', amIds: [users.am1] });
    expect(again.body.skipped).toEqual([{ amId: users.am1, reason: 'already_reminded_today' }]);
    const reminders = await inbox('am1', 'forecast_update_reminder');
    expect(reminders.map((n) => n.title)).toEqual([
      '催办：2026-06 月度滚动预测还有 1 个商机未更新（6月6日 00:00 截止）',
    ]);
    await moveTo('2026-06-03T10:00:00+08:00');
    expect((await remind('director1', { month: '2026-06' })).body.reminded).toEqual([users.am1]);
    const put = await as.am1!.put(`/api/v1/opportunities/${opportunity}/forecast/rolling`, {
      orderMonth: '2026-06',
      amount: 100,
    });
    expect(put.status).toBe(200);
    await moveTo('2026-06-04T10:00:00+08:00');
    const done = await remind('director1', { month: '2026-06', amIds: [users.am1] });
    expect(done.body).toEqual({
      month: '2026-06',
      reminded: [],
      skipped: [{ amId: users.am1, reason: 'nothing_missing' }],
    });
    expect(await inbox('am1', 'forecast_update_reminder')).toHaveLength(2);
  });

  test('who may remind, and bad input: another track’s AM, a closed window, a month that is not YYYY-MM', async () => {
    await moveTo('2026-06-02T10:00:00+08:00');
    expect((await remind('am1', { month: '2026-06' })).status).toBe(403);
    const foreign = await remind('director2', { month: '2026-06', amIds: [users.am1] });
    expect(foreign.status).toBe(404);
    expect(foreign.error?.details?.map((d) => d.field)).toEqual(['amIds[0]']);
    const closed = await remind('director1', { month: '2026-05' });
    expect(closed.status).toBe(409);
    expect(closed.error?.details?.map((d) => d.field)).toEqual(['month']);
    const bad = await remind('director1', { month: '2026-6' });
    expect(bad.status).toBe(400);
    expect(bad.error?.details?.[0]?.field).toBe('month');
    const unknown = await remind('admin', { month: '2026-06', amIds: [99999] });
    expect(unknown.status).toBe(404);
    expect(unknown.error?.details?.map((d) => d.field)).toEqual(['amIds[0]']);
  });
});
