import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { withoutSecrets } from '../../src/app.js';
import { restoreClockAfterEach } from '../support/clock.js';
import { idsByCode, meetingAt, raise } from '../support/meetings.js';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp, textOf } from '../support/test-app.js';

type Event = { uid: string; summary: string; start: string; end: string; status: string | null };

/** Parses the feed with a real iCalendar parser and lists its events. */
function eventsOf(ics: string): Event[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const e = new ICAL.Event(component);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      status: (component.getFirstPropertyValue('status') as string | null) ?? null,
    };
  });
}

describeWithDatabase('the iCalendar feed (SPEC §4.2, §11)', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
    ids = await idsByCode(t);
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  const feed = (url: string) => t.anonymous().get(url.replace(/^https?:\/\/[^/]+/, ''));

  test("a director's feed: supervision meetings, their track's weekly meetings, their open deadlines", async () => {
    const director = await t.as('director1');
    const issued = await director.post('/api/v1/me/calendar-token');
    expect(issued.status).toBe(201);
    expect(issued.body.url).toContain('/api/v1/calendar.ics?token=');
    const res = await feed(issued.body.url);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/calendar');
    const events = eventsOf(textOf(res));
    const weekly = await meetingAt(director, 'weekly', '2026-03-09T01:00:00Z', ids.T1);
    const otherTrack = await meetingAt(director, 'weekly', '2026-03-09T01:00:00Z', ids.T2);
    expect(events).toContainEqual(
      expect.objectContaining({
        summary: '消费电子I赛道周会',
        start: '2026-03-09T01:00:00.000Z',
        uid: `meeting-${weekly.id}@tk-crm`,
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        summary: '月度销售督导会',
        start: '2026-03-04T01:30:00.000Z',
        end: '2026-03-04T04:30:00.000Z',
      }),
    );
    expect(events.some((e) => e.uid === `meeting-${otherTrack.id}@tk-crm`)).toBe(false);
    expect((await director.get('/api/v1/me/calendar-token')).body).toMatchObject({ active: true });
  });

  test("an AM's feed has their weekly meetings and task deadlines, no supervision meetings; a cancelled meeting says so", async () => {
    const director = await t.as('director1');
    const weekly = await meetingAt(director, 'weekly', '2026-03-02T01:00:00Z', ids.T1);
    const next = await meetingAt(director, 'weekly', '2026-03-16T01:00:00Z', ids.T1);
    await director.post(`/api/v1/meetings/${next.id}/cancel`, { reason: '出差' });
    await t.setNow('2026-03-02T09:30:00+08:00');
    const task = await raise(await t.as('director1'), {
      meetingId: weekly.id,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM1,
      month: '2026-03',
      description: '核对模具验收进度',
    });
    const am = await t.as('am1');
    const events = eventsOf(textOf(await feed((await am.post('/api/v1/me/calendar-token')).body.url)));
    expect(events).toContainEqual(
      expect.objectContaining({
        uid: `task-${task.id}-deadline@tk-crm`,
        summary: '任务到期：核对模具验收进度',
        end: task.deadline,
      }),
    );
    expect(events.some((e) => e.summary === '月度销售督导会')).toBe(false);
    expect(events).toContainEqual(expect.objectContaining({ uid: `meeting-${next.id}@tk-crm`, status: 'CANCELLED' }));
  });

  test('a revoked or replaced link is refused; the token never reaches the log', async () => {
    const ceo = await t.as('ceo');
    const first = (await ceo.post('/api/v1/me/calendar-token')).body.url;
    expect((await feed(first)).status).toBe(200);
    const second = (await ceo.post('/api/v1/me/calendar-token')).body.url;
    const replaced = await feed(first);
    expect(replaced.status).toBe(401);
    expect(replaced.error?.message).toBe('日历订阅链接无效或已吊销，请在系统中重新生成');
    expect((await feed(second)).status).toBe(200);
    expect((await ceo.delete('/api/v1/me/calendar-token')).status).toBe(204);
    expect((await feed(second)).status).toBe(401);
    expect((await ceo.get('/api/v1/me/calendar-token')).body).toMatchObject({ active: false });
    expect((await t.anonymous().post('/api/v1/me/calendar-token')).status).toBe(401);
    const token = new URL(second).searchParams.get('token')!;
    expect(withoutSecrets(`/api/v1/calendar.ics?token=${token}`)).toBe('/api/v1/calendar.ics?token=[redacted]');
  });
});
