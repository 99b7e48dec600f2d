import { afterAll, beforeAll, expect, test } from 'vitest';
import { restoreClockAfterEach } from '../support/clock.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

const MARCH = 'from=2026-03-01T00:00:00%2B08:00&to=2026-04-01T00:00:00%2B08:00';

describeWithDatabase('moving and cancelling meetings, changing a cadence (SPEC §4.1)', () => {
  let t: TestApp;
  let secretary: Client;
  let director1: Client;
  let t1: { id: number; weeklySeriesId: number | null };
  const list = async (who: Client, query: string) => (await who.get(`/api/v1/meetings?${query}`)).body.items;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
    secretary = await t.as('secretary');
    director1 = await t.as('director1');
    t1 = (await director1.get('/api/v1/tracks')).body.items[0]!;
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('the secretary moves a supervision meeting: same id, marked, new board period kept right, history written', async () => {
    const meeting = (await list(secretary, `type=supervision&${MARCH}`))[0]!;
    const moved = await secretary.patch(`/api/v1/meetings/${meeting.id}`, {
      startsAt: '2026-03-05T14:00:00+08:00',
      endsAt: '2026-03-05T17:00:00+08:00',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      id: meeting.id,
      startsAt: '2026-03-05T06:00:00.000Z',
      movedByHand: true,
      periodMonth: '2026-02',
      version: 2,
    });
    const history = (await (await t.as('admin')).get(`/api/v1/history?entity=meeting&entityId=${meeting.id}`)).body
      .items;
    expect(history).toEqual([
      expect.objectContaining({
        action: 'moved',
        before: expect.objectContaining({ startsAt: '2026-03-04T01:30:00.000Z' }),
      }),
    ]);
  });

  test("a director manages only their own track's weekly meetings; an AM manages none", async () => {
    const weekly = await list(director1, `type=weekly&${MARCH}`);
    const own = weekly.find((m) => m.trackId === t1.id && m.startsAt === '2026-03-09T01:00:00.000Z')!;
    const other = weekly.find((m) => m.trackId !== t1.id && m.startsAt === '2026-03-09T01:00:00.000Z')!;
    expect((await director1.post(`/api/v1/meetings/${own.id}/cancel`, { reason: '春节后复工调整' })).body.status).toBe(
      'cancelled',
    );
    expect((await director1.post(`/api/v1/meetings/${other.id}/cancel`, {})).status).toBe(403);
    expect((await (await t.as('am1')).post(`/api/v1/meetings/${own.id}/cancel`, {})).status).toBe(403);
    const supervision = (await list(director1, `type=supervision&${MARCH}`))[0]!;
    expect((await director1.post(`/api/v1/meetings/${supervision.id}/cancel`, {})).status).toBe(403);
  });

  test('a started meeting can no longer be moved or cancelled; a meeting cannot move into the past', async () => {
    await t.setNow('2026-03-02T09:05:00+08:00'); // today's 09:00 weekly meeting has started
    const weekly = await list(director1, `type=weekly&trackId=${t1.id}&${MARCH}`);
    const today = weekly.find((m) => m.startsAt === '2026-03-02T01:00:00.000Z')!;
    const late = await director1.post(`/api/v1/meetings/${today.id}/cancel`, {});
    expect(late.status).toBe(409);
    expect(late.error?.message).toMatch(/已开始/);
    const next = weekly.find((m) => m.startsAt === '2026-03-16T01:00:00.000Z')!;
    const past = await director1.patch(`/api/v1/meetings/${next.id}`, {
      startsAt: '2026-03-01T09:00:00+08:00',
      endsAt: '2026-03-01T10:00:00+08:00',
    });
    expect(past.status).toBe(422);
    expect(past.error?.details?.[0]?.field).toBe('startsAt');
  });

  test('a cadence change recreates future meetings that were not moved by hand, and keeps the moved ones', async () => {
    await t.setNow('2026-03-02T09:05:00+08:00'); // today's 09:00 weekly meeting has started
    const before = await list(director1, `type=weekly&trackId=${t1.id}&${MARCH}`);
    const moved = before.find((m) => m.startsAt === '2026-03-23T01:00:00.000Z')!;
    await director1.patch(`/api/v1/meetings/${moved.id}`, {
      startsAt: '2026-03-24T15:00:00+08:00',
      endsAt: '2026-03-24T16:00:00+08:00',
    });
    const res = await director1.patch(`/api/v1/series/${t1.weeklySeriesId}`, {
      cadence: { kind: 'weekly', weekday: 4, start: '16:00', end: '17:00' },
    });
    expect(res.status).toBe(200);
    expect(res.body.cadence).toEqual({ kind: 'weekly', weekday: 4, start: '16:00', end: '17:00' });
    const after = await list(director1, `type=weekly&trackId=${t1.id}&${MARCH}`);
    expect(after.map((m) => m.startsAt)).toEqual([
      '2026-03-02T01:00:00.000Z', // already started: kept
      '2026-03-05T08:00:00.000Z',
      '2026-03-12T08:00:00.000Z',
      '2026-03-19T08:00:00.000Z',
      '2026-03-24T07:00:00.000Z', // moved by hand: kept, same id
      '2026-03-26T08:00:00.000Z',
    ]);
    expect(after.find((m) => m.startsAt === '2026-03-24T07:00:00.000Z')?.id).toBe(moved.id);
  });

  test('a bad cadence is refused naming the field', async () => {
    const res = await director1.patch(`/api/v1/series/${t1.weeklySeriesId}`, {
      cadence: { kind: 'weekly', weekday: 9, start: '25:00', end: '10:00' },
    });
    expect(res.status).toBe(400);
    expect(res.error?.details?.map((d) => d.field)).toEqual(expect.arrayContaining(['cadence.weekday']));
  });
});
