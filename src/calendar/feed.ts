import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { type Db, queryRows } from '../db/client.js';
import type { users } from '../org/schema.js';

type User = typeof users.$inferSelect;
const DAY = 86_400_000;
/** How far the feed reaches: recent history for context, the calendar ahead as stored. */
const PAST_DAYS = 60;
const AHEAD_DAYS = 400;
const DEADLINE_MINUTES = 30;

type MeetingRow = { id: number; type: string; trackName: string | null; startsAt: Date; endsAt: Date; status: string };
type TaskRow = { id: number; description: string; deadline: Date; meetingType: string };

/** The meetings a user attends (SPEC §4.1): supervision for CEO, secretary and directors; their track's weekly one for directors and AMs. */
async function meetingsOf(db: Db, user: User, now: Date): Promise<MeetingRow[]> {
  const supervision = ['ceo', 'secretary', 'director'].includes(user.role);
  const weekly = ['director', 'am'].includes(user.role) && user.trackId !== null;
  if (!supervision && !weekly) return [];
  return queryRows<MeetingRow>(
    db,
    sql`select o.id, s.type, t.name as "trackName", o.starts_at as "startsAt", o.ends_at as "endsAt", o.status
      from meeting_occurrences o join meeting_series s on s.id = o.series_id left join tracks t on t.id = s.track_id
      where o.starts_at >= ${new Date(now.getTime() - PAST_DAYS * DAY)}::timestamptz
        and o.starts_at < ${new Date(now.getTime() + AHEAD_DAYS * DAY)}::timestamptz
        and ((${supervision}::boolean and s.type = 'supervision') or (${weekly}::boolean and s.type = 'weekly' and s.track_id = ${user.trackId ?? -1}))
      order by o.starts_at`,
  );
}

async function deadlinesOf(db: Db, user: User): Promise<TaskRow[]> {
  return queryRows<TaskRow>(
    db,
    sql`select id, description, deadline, meeting_type as "meetingType" from tasks
      where owner_id = ${user.id} and status = 'pending' order by deadline`,
  );
}

const utc = (date: Date | string) => ICAL.Time.fromJSDate(new Date(date), true);

function event(
  calendar: ICAL.Component,
  fields: { uid: string; summary: string; start: Date; end: Date; url: string; now: Date; cancelled?: boolean },
) {
  const component = new ICAL.Component('vevent');
  const e = new ICAL.Event(component);
  e.uid = fields.uid;
  e.summary = fields.summary;
  e.startDate = utc(fields.start);
  e.endDate = utc(fields.end);
  component.addPropertyWithValue('dtstamp', utc(fields.now));
  component.addPropertyWithValue('url', fields.url);
  if (fields.cancelled) component.addPropertyWithValue('status', 'CANCELLED');
  calendar.addSubcomponent(component);
}

/** One user's iCalendar feed: their meetings and their own open task deadlines (SPEC §4.2 Calendar). */
export async function calendarFeed(db: Db, user: User, now: Date, baseUrl: string): Promise<string> {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//东江集团//销售督导与预测//ZH');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('x-wr-calname', `销售督导 · ${user.name}`);
  for (const m of await meetingsOf(db, user, now)) {
    event(calendar, {
      uid: `meeting-${m.id}@tk-crm`,
      summary: m.type === 'supervision' ? '月度销售督导会' : `${m.trackName ?? ''}赛道周会`,
      start: new Date(m.startsAt),
      end: new Date(m.endsAt),
      url: `${baseUrl}/meetings/${m.id}`,
      now,
      cancelled: m.status === 'cancelled',
    });
  }
  for (const t of await deadlinesOf(db, user)) {
    const end = new Date(t.deadline);
    event(calendar, {
      uid: `task-${t.id}-deadline@tk-crm`,
      summary: `任务到期：${t.description}`,
      start: new Date(end.getTime() - DEADLINE_MINUTES * 60_000),
      end,
      url: `${baseUrl}/tasks/${t.id}`,
      now,
    });
  }
  return calendar.toString();
}
