import { afterAll, beforeAll, expect, test } from 'vitest';
import { alerts } from '../../src/alerts/schema.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * One AM's opportunities between the February and March snapshots, each landing in one known bucket:
 * LOST (lost, 100), WON (won, 200), NEW (created after February, 700), SHIPPED (won before February and
 * fully shipped since, so it leaves: removed, 50), PUSH (April → July, 300 → 350), PULL (September →
 * August, 400 → 380), CHANGED (500 → 550), SAME (unchanged, 600). QUOTE is am3's commodity quote at M.
 */
describeWithDatabase('snapshot flow and the review packs (SPEC §6.6, §9.1 `Flow`)', () => {
  let t: TestApp;
  const as: Record<string, Client> = {};
  const ids: Record<string, number> = {};
  const users: Record<string, number> = {};
  const customers: Record<string, number> = {};
  let track1 = 0;
  const WHO = ['admin', 'ceo', 'planner', 'secretary', 'director1', 'director2', 'am1', 'am2', 'am3'];

  const signInAll = async () => {
    for (const u of WHO) as[u] = await t.as(u);
  };
  const moveTo = async (iso: string) => {
    await t.setNow(iso);
    await signInAll();
    const ran = await as.admin!.post('/api/v1/admin/jobs/run-due');
    expect(ran.status).toBe(200);
  };
  const make = async (code: string, customer: string, rolling: Record<string, unknown>, stage = 'M') => {
    const who = customer === 'C3' ? 'am3' : 'am1';
    const res = await as[who]!.post('/api/v1/opportunities', {
      code,
      name: `商机 ${code}`,
      customerId: customers[customer],
      kind: customer === 'C3' ? 'commodity_mold' : 'mold_development',
      stage,
      rolling,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[code] = res.body.id;
  };
  const put = async (code: string, body: Record<string, unknown>) => {
    const res = await as.am1!.put(`/api/v1/opportunities/${ids[code]}/forecast/rolling`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const stage = async (code: string, to: string, reason?: string) => {
    const res = await as.am1!.post(`/api/v1/opportunities/${ids[code]}/stage`, { stage: to, reason });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-20T10:00:00+08:00' });
    await signInAll();
    for (const c of (await as.admin!.get('/api/v1/customers')).body.items) customers[c.code] = c.id;
    for (const u of (await as.admin!.get('/api/v1/users?limit=100')).body.items) users[u.username] = u.id;
    track1 = (await as.admin!.get('/api/v1/tracks')).body.items.find((t) => t.code === 'T1')!.id;
    await make('LOST', 'C1', { orderMonth: '2026-06', amount: 100 });
    await make('WON', 'C1', { orderMonth: '2026-05', amount: 200 });
    await make('SHIPPED', 'C1', { orderMonth: '2026-01', amount: 50 });
    await make('PUSH', 'C1', { orderMonth: '2026-04', amount: 300 });
    await make('PULL', 'C1', { orderMonth: '2026-09', amount: 400 });
    await make('CHANGED', 'C1', { orderMonth: '2026-10', amount: 500 });
    await make('SAME', 'C1', { orderMonth: '2026-11', amount: 600 });
    await make('QUOTE', 'C3', {});
    await as.am3!.put(`/api/v1/opportunities/${ids.QUOTE}/forecast/precision`, { orderMonth: '2026-05', amount: 90 });
    await stage('SHIPPED', 'won');
    // February's window closes on 6 February 00:00: the snapshot is frozen.
    await moveTo('2026-02-10T10:00:00+08:00');
    await stage('LOST', 'lost', '客户取消项目');
    await stage('WON', 'won');
    const shipped = await as.admin!.post('/api/v1/exchange/shipments', {
      rows: [
        {
          source: 'ERP',
          docNo: 'S1',
          lineNo: 1,
          date: '2026-02-12',
          customerCode: 'C1',
          opportunityCode: 'SHIPPED',
          amount: 50,
        },
      ],
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    await put('PUSH', { orderMonth: '2026-07', amount: 350, reason: '客户推迟立项' });
    await put('PULL', { orderMonth: '2026-08', amount: 380 });
    await put('CHANGED', { orderMonth: '2026-10', amount: 550 });
    await make('NEW', 'C1', { orderMonth: '2026-12', amount: 700 });
    await moveTo('2026-03-10T10:00:00+08:00');
  });
  afterAll(() => t.close());

  const flow = (who: string, query: string) => as[who]!.get(`/api/v1/forecast/flow?${query}`);
  const summary = (buckets: { bucket: string; count: number; amount: number }[]) =>
    buckets.map(({ bucket, count, amount }) => [bucket, count, amount]);

  test('each bucket holds its one opportunity with its before → after and the hand-computed amount', async () => {
    const res = await flow('ceo', 'from=2026-02&to=2026-03');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(summary(res.body.buckets)).toEqual([
      ['lost', 1, -100],
      ['won', 1, 200],
      ['new', 1, 700],
      ['removed', 1, -50],
      ['pushedOut', 1, 50],
      ['pulledIn', 1, -20],
      ['changed', 1, 50],
    ]);
    const members = Object.fromEntries(res.body.buckets.map((b) => [b.bucket, b.items.map((i) => i.code)]));
    expect(members).toEqual({
      lost: ['LOST'],
      won: ['WON'],
      new: ['NEW'],
      removed: ['SHIPPED'],
      pushedOut: ['PUSH'],
      pulledIn: ['PULL'],
      changed: ['CHANGED'],
    });
    const push = res.body.buckets[4]!.items[0]!;
    expect(push.before).toMatchObject({ stage: 'M', orderMonth: '2026-04', amount: 300, amId: users.am1 });
    expect(push.after).toMatchObject({ stage: 'M', orderMonth: '2026-07', amount: 350 });
    const won = res.body.buckets[1]!.items[0]!;
    expect([won.before?.stage, won.after?.stage]).toEqual(['M', 'won']);
    expect(res.body.buckets[0]!.items[0]!.after).toBeNull();
    expect(res.body.buckets[2]!.items[0]!.before).toBeNull();
    // SAME and the unchanged quote are in no bucket.
    const all = res.body.buckets.flatMap((b) => b.items.map((i) => i.code));
    expect(all).not.toContain('SAME');
    expect(all).not.toContain('QUOTE');
  });

  test('per track and AM: the same buckets; a director reads the own track only, the planner no pre-H quotes', async () => {
    const res = await flow('director1', 'from=2026-02&to=2026-03');
    expect(res.status).toBe(200);
    expect(res.body.byTrack.map((t) => t.trackId)).toHaveLength(1);
    expect(res.body.byAm).toHaveLength(1);
    expect(res.body.byAm[0]).toMatchObject({ amId: users.am1 });
    expect(summary(res.body.byAm[0]!.buckets).map((b) => b[2])).toEqual([-100, 200, 700, -50, 50, -20, 50]);
    const t2 = await flow('director2', 'from=2026-02&to=2026-03');
    expect(t2.body.buckets.every((b) => b.count === 0)).toBe(true);
    const byAm = await flow('ceo', `from=2026-02&to=2026-03&amId=${users.am2}`);
    expect(byAm.body.buckets.every((b) => b.count === 0)).toBe(true);
  });

  test('months not frozen, not months, in the wrong order, or foreign ids: 4xx naming the field', async () => {
    const notFrozen = await flow('ceo', 'from=2026-02&to=2026-04');
    expect(notFrozen.status).toBe(404);
    expect(notFrozen.error?.details?.map((d) => d.field)).toEqual(['to']);
    const bad = await flow('ceo', 'from=2026-2&to=2026-03');
    expect(bad.status).toBe(400);
    expect(bad.error?.details?.[0]?.field).toMatch(/from/);
    const order = await flow('ceo', 'from=2026-03&to=2026-02');
    expect(order.status).toBe(400);
    expect(order.error?.details?.map((d) => d.field)).toEqual(['to']);
    const foreign = await flow('director1', `from=2026-02&to=2026-03&amId=${users.am3}`);
    expect(foreign.status).toBe(404);
    expect(foreign.error?.details?.map((d) => d.field)).toEqual(['amId']);
    const unknown = await flow('ceo', 'from=2026-02&to=2026-03&trackId=9999');
    expect(unknown.status).toBe(404);
    expect(unknown.error?.details?.map((d) => d.field)).toEqual(['trackId']);
  });

  test('the review pack: each opportunity’s changes since the latest earlier snapshot, open alerts, pending requests', async () => {
    expect((await as.admin!.post('/api/v1/baselines/2026/lock')).status).toBe(200);
    const request = await as.am1!.post('/api/v1/target-requests', {
      kind: 'adjust_total',
      year: 2026,
      reason: '客户扩产',
      lines: [{ opportunityId: ids.CHANGED, month: '2026-10', amount: 10 }],
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    const now = new Date('2026-03-10T02:00:00Z');
    await t.database.db.insert(alerts).values([
      {
        kind: 'day25',
        trackId: track1,
        amId: users.am1!,
        opportunityId: ids.PUSH!,
        period: '2026-02',
        subjectKey: `opportunity:${ids.PUSH}`,
        facts: {},
        raisedAt: new Date('2026-02-25T01:00:00Z'),
        dueAt: new Date('2026-02-27T01:00:00Z'),
        updatedAt: now,
      },
      {
        kind: 'day25',
        status: 'resolved',
        trackId: track1,
        amId: users.am1!,
        opportunityId: ids.PULL!,
        period: '2026-02',
        subjectKey: `opportunity:${ids.PULL}`,
        facts: {},
        raisedAt: now,
        dueAt: now,
        updatedAt: now,
      },
    ]);
    const res = await as.director1!.get(`/api/v1/forecast/review-pack?amId=${users.am1}&month=2026-03`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const pack = res.body;
    expect(pack.basis.before?.month).toBe('2026-02');
    expect(pack.basis.after).toMatchObject({ month: '2026-03', source: 'snapshot' });
    const byCode = Object.fromEntries(pack.opportunities.map((o) => [o.code, o]));
    expect(Object.keys(byCode).sort()).toEqual(['CHANGED', 'LOST', 'NEW', 'PULL', 'PUSH', 'SAME', 'SHIPPED', 'WON']);
    expect(byCode.PUSH).toMatchObject({ bucket: 'pushedOut', changes: ['orderMonth', 'amount'] });
    expect(byCode.WON).toMatchObject({ bucket: 'won', changes: ['stage'] });
    expect(byCode.SAME).toMatchObject({ bucket: null, changes: [] });
    expect(pack.summary).toMatchObject({
      opportunities: 8,
      changed: 7,
      stageChanges: 3,
      amountBefore: 2150,
      amountAfter: 2780,
      openAlerts: 1,
      overdueAlerts: 1,
      pendingRequests: 1,
    });
    expect(pack.alerts.map((a) => [a.opportunityId, a.overdue])).toEqual([[ids.PUSH, true]]);
    expect(pack.requests).toEqual([expect.objectContaining({ id: request.body.id, status: 'submitted', amount: 10 })]);
    // Due in March: the integrated ones of March's snapshot; none was updated inside March's window.
    expect(pack.compliance).toMatchObject({ due: 6, updated: 0 });
    // The AM reads the own pack without naming themselves; the planner reads it without alerts or requests.
    const own = await as.am1!.get('/api/v1/forecast/review-pack?month=2026-03');
    expect(own.body.summary.changed).toBe(7);
    const planner = await as.planner!.get(`/api/v1/forecast/review-pack?amId=${users.am1}&month=2026-03`);
    expect([planner.body.alerts, planner.body.requests, planner.body.summary.openAlerts]).toEqual([[], [], 1]);
  });

  test('the track pack summarises the AMs’ packs and carries the track’s numbers; also as XLSX', async () => {
    const res = await as.secretary!.get(`/api/v1/forecast/track-pack?trackId=${track1}&month=2026-03`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const am1 = res.body.ams.find((a) => a.amId === users.am1)!;
    expect(am1.summary).toMatchObject({ opportunities: 8, changed: 7 });
    expect(res.body.ams.map((a) => a.amId)).toEqual([users.am1, users.am2]);
    expect(res.body.summary.buckets.map((b) => b.amount)).toEqual([-100, 200, 700, -50, 50, -20, 50]);
    expect(res.body.numbers).toMatchObject({ businessLine: 'integrated', carriedShare: null });
    const file = await as.director1!.get('/api/v1/forecast/track-pack.xlsx?month=2026-03');
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toMatch(/spreadsheetml/);
  });

  test('a live pack: before the month is frozen it compares the latest snapshot with today’s state', async () => {
    await moveTo('2026-04-02T10:00:00+08:00');
    await put('SAME', { orderMonth: '2026-11', amount: 650 });
    const res = await as.am1!.get('/api/v1/forecast/review-pack?month=2026-04');
    expect(res.body.basis).toMatchObject({ before: { month: '2026-03' }, after: { source: 'live' } });
    const same = res.body.opportunities.find((o) => o.code === 'SAME')!;
    expect([same.before?.amount, same.after?.amount, same.bucket]).toEqual([600, 650, 'changed']);
    expect(res.body.compliance).toMatchObject({ updated: 1 });
  });

  test('an opportunity moved to another AM leaves one AM’s flow (removed) and enters the other’s (new)', async () => {
    await moveTo('2026-04-02T10:00:00+08:00');
    const moved = await as.admin!.patch(`/api/v1/opportunities/${ids.SAME}`, { customerId: customers.C2 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await moveTo('2026-04-10T10:00:00+08:00');
    const am1 = await flow('ceo', `from=2026-03&to=2026-04&amId=${users.am1}`);
    expect(am1.body.buckets.find((b) => b.bucket === 'removed')).toMatchObject({ count: 1, amount: -600 });
    const am2 = await flow('ceo', `from=2026-03&to=2026-04&amId=${users.am2}`);
    expect(am2.body.buckets.find((b) => b.bucket === 'new')).toMatchObject({ count: 1, amount: 650 });
    const all = await flow('ceo', 'from=2026-03&to=2026-04');
    expect(all.body.buckets.find((b) => b.bucket === 'changed')).toMatchObject({ count: 1, amount: 50 });
  });
});
