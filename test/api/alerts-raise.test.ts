import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

type AlertItem = { id: number; kind: string; opportunityId: number | null; period: string | null };

describeWithDatabase(
  'forecast alerts raise themselves: day 25 and the dual-version gap (SPEC §6.4, §6.5, §9.1)',
  () => {
    let t: TestApp;
    let as: Record<string, Client>;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      t = await startTestApp({ now: '2026-03-02T10:00:00+08:00' });
      as = {};
      for (const u of ['admin', 'ceo', 'director1', 'director2', 'am1', 'am2']) as[u] = await t.as(u);
      const customers = (await as.admin!.get('/api/v1/customers')).body.items;
      const c1 = customers.find((c) => c.code === 'C1')!.id;
      const make = async (code: string, body: Record<string, unknown>) => {
        const res = await as.am1!.post('/api/v1/opportunities', { code, name: code, customerId: c1, ...body });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        ids[code] = res.body.id;
      };
      const mold = { kind: 'mold_development' };
      // Expects its order in March, stage M: the day-25 check raises it.
      await make('D25', { ...mold, stage: 'M', rolling: { orderMonth: '2026-03', amount: 100 } });
      // Monthly call-offs: February 50, March 70 — March is in its schedule.
      await make('CALLOFF', {
        kind: 'mass_production',
        stage: 'L',
        rolling: { orders: { '2026-02': 50, '2026-03': 70 } },
      });
      // April: not this month (until April's check).
      await make('LATER', { ...mold, stage: 'lead', rolling: { orderMonth: '2026-04', amount: 30 } });
      // Lost ones and ones at H are not late: none raised.
      await make('LOST', { ...mold, stage: 'M', rolling: { orderMonth: '2026-03', amount: 10 } });
      await as.am1!.post(`/api/v1/opportunities/${ids.LOST}/stage`, { stage: 'lost', reason: '客户取消' });
      await make('GAP', { ...mold, stage: 'M', rolling: { orderMonth: '2026-03', amount: 100 } });
      const precision = { orderMonth: '2026-03', amount: 100, shipments: { '2026-04': 100 } };
      expect((await as.am1!.put(`/api/v1/opportunities/${ids.GAP}/forecast/precision`, precision)).status).toBe(200);
      expect((await as.am1!.post(`/api/v1/opportunities/${ids.GAP}/stage`, { stage: 'H' })).status).toBe(200);
    });
    afterAll(() => t.close());

    const runDue = async () =>
      (await as.admin!.post('/api/v1/admin/jobs/run-due')).body.ran as { job: string; periodKey: string }[];
    const moveTo = async (iso: string) => {
      await t.setNow(iso);
      for (const u of Object.keys(as)) as[u] = await t.as(u);
    };
    const alertsOf = async (query: string, who = 'ceo') =>
      (await as[who]!.get(`/api/v1/alerts?${query}`)).body.items as AlertItem[];
    const inbox = async (who: string) =>
      (await as[who]!.get('/api/v1/notifications')).body.items as { kind: string; link: string; title: string }[];

    test('the dual-version gap: equal versions raise nothing; a gap above 10 % raises one alert to the director', async () => {
      expect(await alertsOf('kind=dual_version_gap')).toEqual([]);
      // |100 − 120| ÷ 120 = 0.1667 > 0.10
      const put = (amount: number, orderMonth = '2026-03') =>
        as.am1!.put(`/api/v1/opportunities/${ids.GAP}/forecast/precision`, {
          orderMonth,
          amount,
          shipments: { '2026-04': amount },
          ...(orderMonth === '2026-03' ? {} : { reason: '客户推迟一个月' }),
        });
      expect((await put(120)).status).toBe(200);
      const [gap] = await alertsOf('kind=dual_version_gap');
      expect(gap).toMatchObject({ opportunityId: ids.GAP, period: null, status: 'open', trackId: expect.any(Number) });
      const detail = (await as.director1!.get(`/api/v1/alerts/${gap!.id}`)).body;
      expect(detail.facts).toMatchObject({ rolling: { amount: 100 }, precision: { amount: 120 }, gap: true });
      expect(detail.facts.ratio).toBeCloseTo(20 / 120, 10);
      expect(detail.raisedAt).toBe('2026-03-02T02:00:00.000Z');
      // SLA 2 days = 48 h.
      expect(detail.dueAt).toBe('2026-03-04T02:00:00.000Z');
      expect(detail.history.map((h) => h.action)).toEqual(['raised']);
      const notice = (await inbox('director1')).find((n) => n.kind === 'alert_raised');
      expect(notice).toMatchObject({ link: `/alerts/${gap!.id}` });
      expect(notice!.title).toContain('双版本差异');

      // Another write with a gap updates the same alert in place.
      expect((await put(125)).status).toBe(200);
      const again = await alertsOf('kind=dual_version_gap');
      expect(again).toHaveLength(1);
      const updated = (await as.director1!.get(`/api/v1/alerts/${gap!.id}`)).body;
      expect(updated.facts).toMatchObject({ precision: { amount: 125 } });
      expect(updated.history.map((h) => h.action)).toEqual(['raised', 'facts_updated']);

      // Handled: a later write within the threshold raises nothing new (|100 − 111| ÷ 111 = 0.099) …
      expect((await as.director1!.post(`/api/v1/alerts/${gap!.id}/resolve`, { note: '报价已确认' })).status).toBe(200);
      expect((await put(111)).status).toBe(200);
      expect(await alertsOf('kind=dual_version_gap&status=open')).toEqual([]);
      // … one that still leaves a gap (order months differ) raises a new one.
      expect((await put(111, '2026-04')).status).toBe(200);
      const open = await alertsOf('kind=dual_version_gap&status=open');
      expect(open).toHaveLength(1);
      expect(open[0]!.id).not.toBe(gap!.id);
    });

    test('day 25: nothing at 08:59; at 09:00 the integrated opportunities before H expecting a March order, once', async () => {
      await moveTo('2026-03-25T08:59:30+08:00');
      await runDue();
      expect(await alertsOf('kind=day25')).toEqual([]);
      await moveTo('2026-03-25T09:00:30+08:00');
      await runDue();
      await runDue();
      const raised = await alertsOf('kind=day25');
      expect(raised.map((a) => a.opportunityId).sort()).toEqual([ids.D25, ids.CALLOFF].sort());
      expect(raised.every((a) => a.period === '2026-03')).toBe(true);
      const calloff = (await alertsOf(`kind=day25&opportunityId=${ids.CALLOFF}`, 'director1'))[0]!;
      const detail = (await as.director1!.get(`/api/v1/alerts/${calloff.id}`)).body;
      expect(detail.facts).toMatchObject({ month: '2026-03', stage: 'L', expectedOrder: 70 });
      expect(detail.raisedAt).toBe('2026-03-25T01:00:00.000Z');
      // To the director; the AM informed.
      expect(
        (await inbox('director1')).filter((n) => n.kind === 'alert_raised' && n.title.includes('25日')),
      ).toHaveLength(2);
      expect((await inbox('am1')).filter((n) => n.kind === 'alert_informed')).toHaveLength(2);
      // Another minute, another run: still once per opportunity and month.
      await moveTo('2026-03-25T09:05:00+08:00');
      await runDue();
      expect(await alertsOf('kind=day25')).toHaveLength(2);
    });

    test('SLA: open and past dueAt is overdue (listed by overdue=true, the director notified once); handled ones never', async () => {
      const [first] = await alertsOf(`kind=day25&opportunityId=${ids.D25}`);
      await moveTo('2026-03-27T08:59:00+08:00');
      expect((await as.director1!.get(`/api/v1/alerts/${first!.id}`)).body.overdue).toBe(false);
      await moveTo('2026-03-27T09:00:00+08:00');
      expect((await as.director1!.get(`/api/v1/alerts/${first!.id}`)).body.overdue).toBe(true);
      expect((await alertsOf('kind=day25&overdue=true', 'director1')).map((a) => a.id)).toContain(first!.id);
      await runDue();
      await runDue();
      const overdue = (await inbox('director1')).filter((n) => n.kind === 'alert_overdue');
      expect(overdue.filter((n) => n.link === `/alerts/${first!.id}`)).toHaveLength(1);
      await as.director1!.post(`/api/v1/alerts/${first!.id}/resolve`, { note: '已跟进，客户下周下单' });
      const after = (await as.director1!.get(`/api/v1/alerts/${first!.id}`)).body;
      expect(after).toMatchObject({ status: 'resolved', overdue: false, note: '已跟进，客户下周下单' });
      expect((await alertsOf('kind=day25&overdue=false', 'director1')).map((a) => a.id)).toContain(first!.id);
    });

    test('downtime across April’s moment: the check runs once when the server is back, dated at its moment', async () => {
      await moveTo('2026-04-24T12:00:00+08:00');
      await runDue();
      expect(await alertsOf('kind=day25&status=open&trackId=999')).toEqual([]);
      expect((await alertsOf('kind=day25')).filter((a) => a.period === '2026-04')).toEqual([]);
      await moveTo('2026-04-27T10:00:00+08:00');
      await runDue();
      await runDue();
      const april = (await alertsOf('kind=day25')).filter((a) => a.period === '2026-04');
      expect(april.map((a) => a.opportunityId)).toEqual([ids.LATER]);
      const detail = (await as.director1!.get(`/api/v1/alerts/${april[0]!.id}`)).body;
      expect(detail.raisedAt).toBe('2026-04-25T01:00:00.000Z');
      // Born 49 hours ago against a 48-hour SLA: overdue already.
      expect(detail.overdue).toBe(true);
    });
  },
);
