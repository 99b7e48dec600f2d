import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AlertDto } from '../../src/alerts/contract.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, type Response, startTestApp, type TestApp } from '../support/test-app.js';

type AlertItem = { id: number; kind: string; status: string; opportunityId: number | null; period: string | null };
const WHO = ['ceo', 'secretary', 'director1', 'director2', 'am1', 'am2', 'am3', 'admin', 'planner', 'key'] as const;
type Who = (typeof WHO)[number];

/**
 * One story in time order (the clock only moves forward): coverage checked daily, escalation into the
 * supervision opening report, the CEO's handling and routing, SAP's close raising delays and commodity
 * deviations, the authorisation matrix and the refusals.
 */
describeWithDatabase(
  'forecast alerts are handled: status graph, SLA, opening report, routing (SPEC §6.5, §9.1)',
  () => {
    let t: TestApp;
    const as = {} as Record<Who, Client>;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      t = await startTestApp({ now: '2026-03-02T10:00:00+08:00' });
      await signIn();
      as.key = t.bearer(
        (await as.admin.post('/api/v1/admin/api-keys', { name: 'SAP', scopes: ['integration'] })).body.key,
      );
      const customers = (await as.admin.get('/api/v1/customers')).body.items;
      const customer = (code: string) => customers.find((c) => c.code === code)!.id;
      const tracks = (await as.admin.get('/api/v1/tracks')).body.items;
      ids.T1 = tracks.find((x) => x.code === 'T1')!.id;
      ids.T2 = tracks.find((x) => x.code === 'T2')!.id;
      const targets = [
        { year: 2026, month: 6, kind: 'orders', trackCode: 'T1', amount: 1000 },
        { year: 2026, month: 3, kind: 'orders', trackCode: 'T2', amCode: 'AM3', amount: 500 },
      ];
      expect((await as.admin.post('/api/v1/exchange/targets', { rows: targets })).status).toBe(200);
      const make = async (
        who: Who,
        code: string,
        customerCode: string,
        stage: string,
        orderMonth: string,
        amount: number,
      ) => {
        const res = await as[who].post('/api/v1/opportunities', {
          code,
          name: code,
          customerId: customer(customerCode),
          kind: 'mold_development',
          stage,
          rolling: { orderMonth, amount },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        ids[code] = res.body.id;
      };
      await make('am1', 'P1', 'C1', 'M', '2026-06', 100);
      await make('am2', 'P2', 'C2', 'L', '2026-03', 80);
      await make('am1', 'P3', 'C1', 'M', '2026-03', 60);
      await make('am1', 'P4', 'C1', 'M', '2026-03', 40);
      await as.am1.post(`/api/v1/opportunities/${ids.P4}/stage`, { stage: 'won' });
      const order = (
        orderNo: string,
        customerCode: string,
        date: string,
        amount: number,
        opportunityCode?: string,
      ) => ({
        orderNo,
        lineNo: 1,
        date,
        customerCode,
        amount,
        ...(opportunityCode ? { opportunityCode } : {}),
      });
      const orders = [order('O1', 'C1', '2026-03-02', 60, 'P3'), order('O2', 'C3', '2026-03-15', 450)];
      expect((await as.admin.post('/api/v1/exchange/orders', { rows: orders })).status).toBe(200);
      expect((await as.admin.post('/api/v1/baselines/2026/lock')).status).toBe(200);
      const project = async (trackId: number, title: string) =>
        (
          await as.ceo.post('/api/v1/projects', {
            type: 'sales_forecast',
            title,
            trackId,
            ownerId: (await as.admin.get('/api/v1/users?role=director')).body.items.find((u) => u.trackId === trackId)!
              .id,
          })
        ).body.id as number;
      ids.projectT1 = await project(ids.T1, '消费电子I销售预测PDCA');
      ids.projectT2 = await project(ids.T2, '商品模销售预测PDCA');
    });
    afterAll(() => t.close());

    async function signIn() {
      for (const who of WHO) if (who !== 'key') as[who] = await t.as(who);
    }
    const moveTo = async (iso: string) => {
      await t.setNow(iso);
      await signIn();
    };
    const runDue = () => as.admin.post('/api/v1/admin/jobs/run-due');
    const alertsOf = async (query: string, who: Who = 'ceo') =>
      (await as[who].get(`/api/v1/alerts?${query}`)).body.items as AlertItem[];
    const inbox = async (who: Who) =>
      (await as[who].get('/api/v1/notifications')).body.items as { kind: string; link: string }[];
    const act = (who: Who, id: number, action: string, body: unknown, headers?: Record<string, string>) =>
      as[who].post(`/api/v1/alerts/${id}/${action}`, body, headers) as Promise<Response<AlertDto>>;

    test('coverage: checked daily at 09:00; the track below 1.5 raises one alert per month with its numbers', async () => {
      await runDue();
      const [coverage] = await alertsOf('kind=coverage_shortfall');
      expect(coverage).toMatchObject({ period: '2026-03', status: 'open', trackId: ids.T1, amId: null });
      const detail = (await as.director1.get(`/api/v1/alerts/${coverage!.id}`)).body;
      // Target 1000 − orders to date 60 = gap 940; pipeline from March: P1 100 + P2 80 + P3 60 = 240.
      expect(detail.facts).toMatchObject({ orderTarget: 1000, ytdOrders: 60, remainingGap: 940, pipeline: 240 });
      expect(detail.facts.coverage).toBeCloseTo(240 / 940, 10);
      expect(detail.raisedAt).toBe('2026-03-02T01:00:00.000Z');
      await moveTo('2026-03-03T09:00:30+08:00');
      await runDue();
      expect(await alertsOf('kind=coverage_shortfall')).toHaveLength(1);
      expect((await inbox('director1')).filter((n) => n.kind === 'alert_raised')).toHaveLength(1);
      ids.coverage = coverage!.id;
    });

    test('escalation: the CEO’s inbox, and the supervision meeting’s opening report — a new version when it comes after the first', async () => {
      const escalated = await act('director1', ids.coverage!, 'escalate', { note: '缺口过大，需CEO协调资源' });
      expect(escalated.status, JSON.stringify(escalated.body)).toBe(200);
      expect((await inbox('ceo')).filter((n) => n.kind === 'alert_escalated')).toEqual([
        expect.objectContaining({ link: `/alerts/${ids.coverage}` }),
      ]);
      const meetings = (await as.ceo.get('/api/v1/meetings?from=2026-03-04&to=2026-03-04&type=supervision')).body.items;
      const meeting = meetings[0]!.id;
      await moveTo('2026-03-03T09:31:00+08:00');
      await runDue();
      const firstRes = await as.ceo.get(`/api/v1/meetings/${meeting}/opening-report`);
      expect(firstRes.status, JSON.stringify(firstRes.body).slice(0, 300)).toBe(200);
      const first = firstRes.body;
      expect(first.version).toBe(1);
      expect(first.alerts.map((a) => [a.id, a.kind, a.status])).toEqual([
        [ids.coverage, 'coverage_shortfall', 'escalated'],
      ]);
      expect(first.alerts[0]).toMatchObject({ trackName: '消费电子I', note: '缺口过大，需CEO协调资源' });

      // A dual-version gap escalated after the first version: a new version lists it too.
      await as.am1.put(`/api/v1/opportunities/${ids.P1}/forecast/precision`, {
        orderMonth: '2026-06',
        amount: 150,
        shipments: { '2026-07': 150 },
      });
      await as.am1.post(`/api/v1/opportunities/${ids.P1}/stage`, { stage: 'H' });
      const [gap] = await alertsOf('kind=dual_version_gap');
      ids.gap = gap!.id;
      await moveTo('2026-03-03T12:00:00+08:00');
      expect((await act('director1', ids.gap, 'escalate', { note: '报价与滚动预测差异大' })).status).toBe(200);
      await runDue();
      const second = (await as.ceo.get(`/api/v1/meetings/${meeting}/opening-report`)).body;
      expect(second).toMatchObject({ version: 2, trigger: 'escalation' });
      expect(second.alerts.map((a) => a.id)).toEqual([ids.coverage, ids.gap]);
      await runDue();
      expect((await as.ceo.get(`/api/v1/meetings/${meeting}/opening-report`)).body.version).toBe(2);
    });

    test('routing: a project of another track is 400 naming projectId; the CEO opens a 商机推进异常PDCA or links one', async () => {
      const other = await act('ceo', ids.coverage!, 'route', { projectId: ids.projectT2 });
      expect(other.status).toBe(400);
      expect(other.error?.details?.[0]?.field).toBe('projectId');
      const neither = await act('ceo', ids.coverage!, 'route', { note: '转专项' });
      expect(neither.error?.details?.[0]?.field).toBe('projectId');
      // Escalated: the director no longer decides (403); the CEO does.
      expect((await act('director1', ids.coverage!, 'resolve', { note: '已处理' })).status).toBe(403);
      const opened = await act('ceo', ids.coverage!, 'route', { project: { title: '消费电子I机会池补充' } });
      expect(opened.status, JSON.stringify(opened.body)).toBe(200);
      expect(opened.body).toMatchObject({ status: 'routed', handledBy: expect.any(Number) });
      const project = (await as.ceo.get(`/api/v1/projects/${opened.body.projectId}`)).body;
      expect(project).toMatchObject({ type: 'opportunity_anomaly', trackId: ids.T1, title: '消费电子I机会池补充' });
      expect(project.ownerId).toBe((await as.director1.get('/api/v1/me')).body.user!.id);

      const linked = await act('ceo', ids.gap!, 'route', { projectId: ids.projectT1, note: '纳入销售预测PDCA' });
      expect(linked.body).toMatchObject({ status: 'routed', projectId: ids.projectT1, note: '纳入销售预测PDCA' });
      // routed → resolved by the director once the project's work is done; nothing else.
      expect((await act('ceo', ids.gap!, 'resolve', { note: 'x' })).status).toBe(403);
      expect((await act('director1', ids.gap!, 'escalate', { note: 'x' })).status).toBe(409);
      const done = await act('director1', ids.gap!, 'resolve', { note: '报价已更新' });
      expect(done.body).toMatchObject({ status: 'resolved', projectId: ids.projectT1 });
      const history = (await as.director1.get(`/api/v1/alerts/${ids.gap}`)).body.history;
      expect(history.map((h) => [h.action, (h.after as { status?: string }).status])).toEqual([
        ['raised', 'open'],
        ['escalate', 'escalated'],
        ['route', 'routed'],
        ['resolve', 'resolved'],
      ]);
    });

    test('SAP’s close of March: a delay for the target without an order, a commodity deviation for the AM — once', async () => {
      await moveTo('2026-04-02T10:00:00+08:00');
      expect((await as.admin.post('/api/v1/exchange/close', { source: 'ERP', month: '2026-03' })).status).toBe(200);
      expect(await alertsOf('kind=delay')).toEqual([]);
      for (let i = 0; i < 2; i++)
        expect((await as.admin.post('/api/v1/exchange/close', { source: 'SAP', month: '2026-03' })).status).toBe(200);
      // March targets: P2 80 (no order), P3 60 (ordered), P4 40 (won).
      const delays = await alertsOf('kind=delay');
      expect(delays.map((a) => [a.opportunityId, a.period])).toEqual([[ids.P2, '2026-03']]);
      ids.delay = delays[0]!.id;
      expect((await as.director1.get(`/api/v1/alerts/${ids.delay}`)).body.facts).toMatchObject({ target: 80 });
      expect(
        (await inbox('director1')).some((n) => n.kind === 'alert_raised' && n.link === `/alerts/${ids.delay}`),
      ).toBe(true);
      expect((await inbox('am2')).filter((n) => n.kind === 'alert_informed')).toHaveLength(1);
      const [deviation] = await alertsOf('kind=commodity_deviation');
      expect(deviation).toMatchObject({ period: '2026-03', trackId: ids.T2 });
      ids.deviation = deviation!.id;
      expect((await as.am3.get(`/api/v1/alerts/${ids.deviation}`)).body.facts).toMatchObject({
        target: 500,
        orders: 450,
        difference: -50,
      });
      expect((await inbox('am3')).filter((n) => n.kind === 'alert_raised')).toHaveLength(1);
      expect((await inbox('director2')).filter((n) => n.kind === 'alert_informed')).toHaveLength(1);
    });

    test('every alert endpoint × every role: scope by track and AM, handling by the one the status waits for', async () => {
      const stale = { 'if-match': '999' };
      const id = ids.delay!;
      const rows: [string, (who: Who) => Promise<{ status: number }>, number[]][] = [
        ['GET /alerts', (w) => as[w].get('/api/v1/alerts'), [200, 403, 200, 200, 200, 200, 200, 200, 403, 403]],
        [
          'GET /alerts/:id',
          (w) => as[w].get(`/api/v1/alerts/${id}`),
          [200, 403, 200, 404, 404, 200, 404, 200, 403, 403],
        ],
        ...(['resolve', 'escalate'] as const).map(
          (action) =>
            [
              `POST /alerts/:id/${action}`,
              (w: Who) => act(w, id, action, { note: '说明' }, stale),
              [403, 403, 412, 404, 404, 403, 404, 403, 403, 403],
            ] as [string, (who: Who) => Promise<{ status: number }>, number[]],
        ),
        [
          'POST /alerts/:id/route',
          (w) => act(w, id, 'route', { projectId: ids.projectT1 }, stale),
          [403, 403, 412, 404, 404, 403, 404, 403, 403, 403],
        ],
      ];
      for (const [name, call, statuses] of rows) {
        const got = [];
        for (const who of WHO) got.push((await call(who)).status);
        expect(got, name).toEqual(statuses);
      }
      // What each sees in the list: the director their track, an AM their own.
      expect((await alertsOf('', 'director2')).map((a) => a.kind)).toEqual(['commodity_deviation']);
      expect((await alertsOf('', 'am2')).map((a) => a.id)).toEqual([ids.delay]);
      expect((await alertsOf('', 'am1')).map((a) => a.id)).toEqual([ids.gap]);
      expect((await alertsOf(`trackId=${ids.T2}`, 'director1')).length).toBe(0);
    });

    test('handling: resolve once (twice is 409), the AM gives the reason of a commodity deviation, unknown ids 404', async () => {
      const version = (await as.director1.get(`/api/v1/alerts/${ids.delay}`)).body.version;
      const resolved = await act(
        'director1',
        ids.delay!,
        'resolve',
        { note: '客户项目推迟至5月' },
        {
          'if-match': String(version),
        },
      );
      expect(resolved.body).toMatchObject({ status: 'resolved', note: '客户项目推迟至5月', overdue: false });
      expect((await act('director1', ids.delay!, 'resolve', { note: '再次' })).status).toBe(409);
      expect((await act('director1', ids.delay!, 'route', { projectId: ids.projectT1 })).status).toBe(409);
      expect((await act('director2', ids.deviation!, 'resolve', { note: '原因' })).status).toBe(403);
      const reason = await act('am3', ids.deviation!, 'resolve', { note: '客户一张订单推迟到4月' });
      expect(reason.body).toMatchObject({ status: 'resolved', note: '客户一张订单推迟到4月' });
      expect((await act('director1', 999_999, 'resolve', { note: 'x' })).status).toBe(404);
      expect((await act('director1', ids.delay!, 'resolve', {})).error?.details?.[0]?.field).toBe('note');
      // April's own coverage alert, raised once the clock reached April's daily check.
      await runDue();
      expect((await alertsOf('kind=coverage_shortfall')).map((a) => a.period)).toEqual(['2026-04', '2026-03']);
    });
  },
);
