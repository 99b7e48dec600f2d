import { afterAll, beforeAll, expect, test } from 'vitest';
import { restoreClockAfterEach } from '../support/clock.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

describeWithDatabase('the meeting calendar (SPEC §4.1)', () => {
  let t: TestApp;
  let director: Client;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
    director = await t.as('director1');
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  const meetings = async (who: Client, query: string) => (await who.get(`/api/v1/meetings?${query}`)).body.items;

  test('the supervision meeting is on the first Wednesday and reviews the previous month; each track meets on Mondays', async () => {
    const march = await meetings(director, 'from=2026-03-01T00:00:00%2B08:00&to=2026-04-01T00:00:00%2B08:00');
    const supervision = march.filter((m) => m.type === 'supervision');
    expect(supervision).toEqual([
      expect.objectContaining({
        startsAt: '2026-03-04T01:30:00.000Z',
        endsAt: '2026-03-04T04:30:00.000Z',
        periodMonth: '2026-02',
        status: 'scheduled',
      }),
    ]);
    const tracks = (await director.get('/api/v1/tracks')).body.items;
    const weeklyT1 = march.filter((m) => m.type === 'weekly' && m.trackId === tracks[0]!.id);
    expect(weeklyT1.map((m) => m.startsAt)).toEqual([
      '2026-03-02T01:00:00.000Z',
      '2026-03-09T01:00:00.000Z',
      '2026-03-16T01:00:00.000Z',
      '2026-03-23T01:00:00.000Z',
      '2026-03-30T01:00:00.000Z',
    ]);
    expect(weeklyT1.every((m) => m.periodMonth === '2026-03' && m.seriesId === tracks[0]!.weeklySeriesId)).toBe(true);
  });

  test('meetings are stored at least twelve months ahead, with stable ids', async () => {
    const year = await meetings(director, 'type=supervision&from=2026-03-02T00:00:00Z&to=2027-03-02T00:00:00Z');
    expect(year.length).toBeGreaterThanOrEqual(12);
    const again = await meetings(director, 'type=supervision&from=2026-03-02T00:00:00Z&to=2027-03-02T00:00:00Z');
    expect(again.map((m) => m.id)).toEqual(year.map((m) => m.id));
  });

  test('a track created later gets its weekly meetings from then on', async () => {
    await t.setNow('2026-03-10T12:00:00+08:00');
    const admin = await t.as('admin');
    const track = (await admin.post('/api/v1/tracks', { code: 'T3', name: '医疗健康', businessLine: 'integrated' }))
      .body;
    const list = await meetings(
      admin,
      `type=weekly&trackId=${track.id}&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z`,
    );
    expect(list.map((m) => m.startsAt)).toEqual([
      '2026-03-16T01:00:00.000Z',
      '2026-03-23T01:00:00.000Z',
      '2026-03-30T01:00:00.000Z',
    ]);
  });

  test('planners do not see the meeting calendar', async () => {
    expect(
      (await (await t.as('planner')).get('/api/v1/meetings?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z')).status,
    ).toBe(403);
  });
});
