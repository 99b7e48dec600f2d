import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, type Response, startTestApp, type TestApp } from '../support/test-app.js';

const fieldsOf = (res: Response) => (res.error?.details ?? []).map((d) => d.field);
type Line = { opportunityId: number; month: string; amount: number };

describeWithDatabase('baseline, target ledger and target change requests (SPEC §6.2, §6.3, §9.1)', () => {
  let t: TestApp;
  let as: Record<string, Client>;
  const id = {} as Record<'A' | 'B' | 'C' | 'D' | 'L' | 'E', number>;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-10T10:00:00+08:00' });
    as = {};
    for (const u of ['admin', 'ceo', 'planner', 'director1', 'director2', 'am1', 'am2', 'am3']) as[u] = await t.as(u);
    const customers = (await as.admin!.get('/api/v1/customers')).body.items as { id: number; code: string }[];
    const customer = Object.fromEntries(customers.map((c) => [c.code, c.id]));
    const make = async (
      who: string,
      code: keyof typeof id,
      customerCode: string,
      rolling?: object,
      kind = 'mold_development',
    ) => {
      const res = await as[who]!.post('/api/v1/opportunities', {
        code,
        name: code,
        customerId: customer[customerCode],
        kind,
        stage: 'M',
        ...(rolling ? { rolling } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      id[code] = res.body.id;
    };
    await make('am1', 'A', 'C1', { orderMonth: '2026-03', amount: 1000 });
    await make('am1', 'B', 'C1', { orders: { '2026-04': 300, '2026-05': 200 } }, 'mass_production');
    await make('am1', 'C', 'C1', { orderMonth: '2026-06' });
    await make('am2', 'D', 'C2', { orderMonth: '2027-02', amount: 500 });
    await make('am1', 'L', 'C1', { orderMonth: '2026-02', amount: 50 });
    await make('am3', 'E', 'C3', undefined, 'commodity_mold');
    await as.am1!.post(`/api/v1/opportunities/${id.L}/stage`, { stage: 'lost', reason: '项目取消' });
  });
  afterAll(() => t.close());

  const lock = () => as.admin!.post('/api/v1/baselines/2026/lock');
  const submit = (who: string, kind: string, lines: Line[], reason = '客户项目调整') =>
    as[who]!.post('/api/v1/target-requests', { kind, year: 2026, reason, lines });
  const act = <A extends 'approve' | 'reject' | 'withdraw' | 'execute'>(
    who: string,
    reqId: number,
    action: A,
    body?: object,
    headers?: Record<string, string>,
  ) => as[who]!.post(`/api/v1/target-requests/${reqId}/${action}`, body, headers);
  const totals = async (query = '') => (await as.ceo!.get(`/api/v1/targets?year=2026${query}`)).body;

  test('the open baseline lists the year’s schedule months per opportunity and every incomplete one', async () => {
    const open = (await as.director1!.get('/api/v1/baselines/2026')).body;
    expect(open).toMatchObject({ year: 2026, status: 'open', lockedAt: null });
    expect(
      open.items.map((i: { code: string; orderMonth: string; amount: number }) => [i.code, i.orderMonth, i.amount]),
    ).toEqual([
      ['A', '2026-03', 1000],
      ['B', '2026-04', 300],
      ['B', '2026-05', 200],
    ]);
    expect(open.incomplete).toEqual([expect.objectContaining({ opportunityId: id.C, missing: ['amount'] })]);
    expect(open.byTrack).toEqual([{ trackId: expect.any(Number), amount: 1500 }]);
    expect((await as.am2!.get('/api/v1/baselines/2026')).body.items).toEqual([]);
  });

  test('locking is the admin’s, refused while anything is incomplete (409 naming each), then immutable', async () => {
    expect((await as.director1!.post('/api/v1/baselines/2026/lock')).status).toBe(403);
    const refused = await lock();
    expect(refused.status).toBe(409);
    expect(refused.error?.code).toBe('baseline_incomplete');
    expect(fieldsOf(refused)).toEqual([`opportunities.${id.C}`]);
    await as.am1!.put(`/api/v1/opportunities/${id.C}/forecast/rolling`, { orderMonth: '2026-06', amount: 400 });
    const locked = await lock();
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({ status: 'locked', byTrack: [{ amount: 1900 }] });
    await as.am1!.put(`/api/v1/opportunities/${id.A}/forecast/rolling`, { orderMonth: '2026-03', amount: 5000 });
    const after = (await as.ceo!.get('/api/v1/baselines/2026')).body;
    expect(after.items.find((i) => i.code === 'A')?.amount).toBe(1000);
    const again = await lock();
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe('baseline_locked');
    expect((await totals()).version).toBe(1);
    expect((await as.ceo!.get('/api/v1/targets/versions?year=2026')).body).toEqual([
      { version: 1, requestId: null, executedAt: expect.any(String) },
    ]);
  });

  test('a migration: AM submits, director approves, admin executes into ledger version 2; totals unchanged', async () => {
    const res = await submit('am1', 'migrate', [
      { opportunityId: id.A, month: '2026-03', amount: -300 },
      { opportunityId: id.C, month: '2026-06', amount: 300 },
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', overdue: false, can: { withdraw: true, decide: false } });
    const approved = await act('director1', res.body.id, 'approve', { comment: '同意' }, { 'if-match': '1' });
    expect(approved.body).toMatchObject({ status: 'approved', can: { decide: false } });
    expect(Date.parse(approved.body.executeDueAt!) - Date.parse(approved.body.approvedAt!)).toBe(48 * 3_600_000);
    const executed = await act('admin', res.body.id, 'execute');
    expect(executed.body).toMatchObject({ status: 'executed', ledgerVersion: 2 });
    expect(executed.body.decisions.map((d: { decision: string; role: string }) => `${d.role}:${d.decision}`)).toEqual([
      'director:approve',
      'admin:execute',
    ]);
    const v2 = await totals();
    expect(v2).toMatchObject({ version: 2, byTrack: [{ amount: 1900 }] });
    const cell = (body: { items: Line[] }, opp: number, month: string) =>
      body.items.find((i) => i.opportunityId === opp && i.month === month)?.amount;
    expect(cell(v2, id.A!, '2026-03')).toBe(700);
    expect(cell(v2, id.C!, '2026-06')).toBe(700);
    expect(cell(await totals('&version=1'), id.A!, '2026-03')).toBe(1000);
    const inbox = (await as.am1!.get('/api/v1/notifications')).body.items.map((n: { title: string }) => n.title);
    expect(inbox.some((title: string) => title.includes('已批准'))).toBe(true);
    expect(inbox.some((title: string) => title.includes('已执行'))).toBe(true);
  });

  test('bad requests name the line and change nothing', async () => {
    expect(fieldsOf(await submit('am1', 'migrate', [{ opportunityId: id.A, month: '2026-03', amount: -1 }]))).toEqual([
      'lines',
    ]);
    const below = await submit('am1', 'migrate', [
      { opportunityId: id.A, month: '2026-03', amount: -5000 },
      { opportunityId: id.C, month: '2026-06', amount: 5000 },
    ]);
    expect(fieldsOf(below)).toEqual(['lines[0].amount']);
    const lost = await submit('am1', 'adjust_total', [{ opportunityId: id.L, month: '2026-02', amount: 10 }]);
    expect(fieldsOf(lost)).toEqual(['lines[0].opportunityId']);
    expect((await submit('am1', 'adjust_total', [{ opportunityId: id.E, month: '2026-02', amount: 10 }])).status).toBe(
      404,
    );
    const reduceOthers = await submit('am1', 'migrate', [
      { opportunityId: id.D, month: '2026-02', amount: -10 },
      { opportunityId: id.A, month: '2026-03', amount: 10 },
    ]);
    expect(fieldsOf(reduceOthers)).toEqual(['lines[0].amount']);
    const correction = await submit('am1', 'baseline_correction', [
      { opportunityId: id.A, month: '2026-03', amount: 5 },
    ]);
    expect(correction.status).toBe(409);
    expect(correction.error).toMatchObject({
      code: 'baseline_locked',
      message: '模具开发商机和量产商机基准锁定，拒绝任何修改请求',
    });
    expect((await as.ceo!.get('/api/v1/target-requests')).body.items).toHaveLength(1);
  });

  test('a total change goes director → CEO; the director’s goes straight to the CEO; the CEO’s is approved', async () => {
    const am = (await submit('am1', 'adjust_total', [{ opportunityId: id.B, month: '2026-04', amount: 100 }])).body;
    expect((await act('director1', am.id, 'approve')).body.status).toBe('director_approved');
    expect((await act('director1', am.id, 'approve')).status).toBe(403);
    expect((await act('ceo', am.id, 'approve')).body.status).toBe('approved');
    const director = (
      await submit('director1', 'adjust_total', [{ opportunityId: id.B, month: '2026-05', amount: 50 }])
    ).body;
    expect(director).toMatchObject({ status: 'director_approved' });
    const ceo = (await submit('ceo', 'adjust_total', [{ opportunityId: id.B, month: '2026-05', amount: 50 }])).body;
    expect(ceo).toMatchObject({ status: 'approved' });
    const migration = (
      await submit('director1', 'migrate', [
        { opportunityId: id.B, month: '2026-04', amount: -10 },
        { opportunityId: id.A, month: '2026-03', amount: 10 },
      ])
    ).body;
    expect((await act('director1', migration.id, 'approve')).status).toBe(403);
    expect((await act('ceo', migration.id, 'approve')).body.status).toBe('approved');
    expect((await act('admin', am.id, 'execute')).body.ledgerVersion).toBe(3);
    expect((await totals()).byTrack[0]?.amount).toBe(2000);
  });

  test('withdraw before approval only; reject needs a comment; a closed request takes no more decisions', async () => {
    const mine = (await submit('am1', 'adjust_total', [{ opportunityId: id.A, month: '2026-03', amount: 1 }])).body;
    expect((await act('am2', mine.id, 'withdraw')).status).toBe(404);
    expect((await act('am1', mine.id, 'withdraw')).body.status).toBe('withdrawn');
    expect((await act('director1', mine.id, 'approve')).status).toBe(409);
    const other = (await submit('am1', 'adjust_total', [{ opportunityId: id.A, month: '2026-03', amount: 2 }])).body;
    expect(fieldsOf(await act('director1', other.id, 'reject', {}))).toEqual(['comment']);
    expect((await act('director1', other.id, 'reject', { comment: '理由不足' })).body.status).toBe('rejected');
    expect((await act('am1', other.id, 'withdraw')).status).toBe(409);
    expect((await act('director1', other.id, 'approve', {}, { 'if-match': '1' })).status).toBe(409);
    const open = (await submit('am1', 'adjust_total', [{ opportunityId: id.A, month: '2026-03', amount: 3 }])).body;
    expect((await act('director1', open.id, 'approve', {}, { 'if-match': '7' })).status).toBe(412);
    expect((await as.am1!.get(`/api/v1/target-requests/${open.id}`)).body.status).toBe('submitted');
  });

  test('requests are read by the submitter, the track’s director, the CEO and the admin', async () => {
    const ids = async (who: string) =>
      ((await as[who]!.get('/api/v1/target-requests?year=2026')).body.items ?? []).length;
    expect(await ids('am2')).toBe(0);
    expect(await ids('director2')).toBe(0);
    expect(await ids('director1')).toBeGreaterThan(0);
    expect(await ids('admin')).toBe(await ids('ceo'));
    expect((await as.planner!.get('/api/v1/target-requests')).status).toBe(403);
  });

  test('an approved request not executed within two days is overdue; execution re-checks the ≥ 0 rule (409)', async () => {
    const first = (
      await submit('am1', 'migrate', [
        { opportunityId: id.A, month: '2026-03', amount: -700 },
        { opportunityId: id.C, month: '2026-06', amount: 700 },
      ])
    ).body;
    const second = (
      await submit('am1', 'migrate', [
        { opportunityId: id.A, month: '2026-03', amount: -700 },
        { opportunityId: id.C, month: '2026-06', amount: 700 },
      ])
    ).body;
    await act('director1', first.id, 'approve');
    await act('director1', second.id, 'approve');
    await t.setNow('2026-01-12T11:00:00+08:00');
    for (const u of Object.keys(as)) as[u] = await t.as(u);
    expect((await as.admin!.get(`/api/v1/target-requests/${first.id}`)).body.overdue).toBe(true);
    expect((await act('admin', first.id, 'execute')).body.status).toBe('executed');
    const refused = await act('admin', second.id, 'execute');
    expect(refused.status).toBe(409);
    expect(fieldsOf(refused)).toEqual(['lines[0].amount']);
    expect((await as.admin!.get(`/api/v1/target-requests/${second.id}`)).body.status).toBe('approved');
  });
});
