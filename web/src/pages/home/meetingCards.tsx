import { Button, Flex, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { type Meeting, useMeetings } from '../../api/meetings';
import { useLang, useT } from '../../i18n';
import { meetingWhen } from '../../lib/meetingTime';
import { serverNow } from '../../lib/serverClock';
import { phaseOf } from '../meetings/meetingRules';
import type { Names } from '../tasks/useNames';
import { HomeCard, HomeRow } from './HomeCard';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** The company's zone is Asia/Shanghai (SPEC §8): UTC+8 all year, no daylight saving. */
const ZONE_OFFSET = 8 * HOUR;

/** Monday 00:00 to the next Monday 00:00 of the company's week holding `now`. */
export function companyWeek(now: number): { from: string; to: string } {
  const local = new Date(now + ZONE_OFFSET);
  const weekday = (local.getUTCDay() + 6) % 7;
  const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - weekday) - ZONE_OFFSET;
  return { from: new Date(start).toISOString(), to: new Date(start + 7 * DAY).toISOString() };
}

/** Whole company days from today to the meeting's day (0: today). */
const daysUntil = (startsAt: string, now: number) =>
  Math.round(
    (Math.floor((Date.parse(startsAt) + ZONE_OFFSET) / DAY) * DAY - Math.floor((now + ZONE_OFFSET) / DAY) * DAY) / DAY,
  );

function MeetingSummary({ meeting, action }: { meeting: Meeting; action: string }) {
  const t = useT();
  const { lang } = useLang();
  const now = serverNow();
  const phase = phaseOf(meeting, now);
  const days = daysUntil(meeting.startsAt, now);
  const when =
    phase === 'live'
      ? t('home.nextMeeting.live')
      : phase === 'upcoming'
        ? days === 0
          ? t('home.nextMeeting.today')
          : t('home.nextMeeting.in', { n: days })
        : t('home.nextMeeting.ended');
  return (
    <Flex vertical gap={8} data-testid="home-meeting" data-meeting-id={meeting.id} data-phase={phase}>
      <Typography.Text strong style={{ fontSize: 16 }}>
        {meetingWhen(meeting.startsAt, meeting.endsAt, lang)}
      </Typography.Text>
      <div>
        <Tag color={phase === 'live' ? 'green' : phase === 'upcoming' ? 'blue' : 'default'}>{when}</Tag>
      </div>
      <div>
        <Link to={`/meetings/${meeting.id}`} data-testid="home-meeting-open">
          <Button type="primary">{action}</Button>
        </Link>
      </div>
    </Flex>
  );
}

/** The CEO's next 月度销售督导会, with the way into its opening report (a live preview until one exists). */
export function NextSupervisionCard() {
  const t = useT();
  const range = useMemo(() => {
    const now = serverNow();
    return { from: new Date(now - 6 * HOUR).toISOString(), to: new Date(now + 45 * DAY).toISOString() };
  }, []);
  const list = useMeetings({ ...range, type: 'supervision' });
  const now = serverNow();
  const next = (list.data ?? [])
    .filter((m) => m.status === 'scheduled' && Date.parse(m.endsAt) > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  return (
    <HomeCard
      testId="home-next-meeting"
      title={t('home.nextMeeting.title')}
      to="/meetings"
      state={list}
      empty={!next && t('home.nextMeeting.empty')}
    >
      {next && <MeetingSummary meeting={next} action={t('home.nextMeeting.report')} />}
    </HomeCard>
  );
}

/** The director's 赛道周会 of this week: the one still to come (or on now), else the one that was. */
export function WeeklyMeetingCard({ trackId }: { trackId: number | null }) {
  const t = useT();
  const range = useMemo(() => companyWeek(serverNow()), []);
  const list = useMeetings({ ...range, type: 'weekly', ...(trackId ? { trackId } : {}) });
  const now = serverNow();
  const mine = (list.data ?? [])
    .filter((m) => m.status === 'scheduled' && (trackId === null || m.trackId === trackId))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const meeting = mine.find((m) => Date.parse(m.endsAt) > now) ?? mine.at(-1);
  return (
    <HomeCard
      testId="home-weekly"
      title={t('home.weekly.title')}
      to="/meetings"
      state={list}
      empty={!meeting && t('home.weekly.empty')}
    >
      {meeting && <MeetingSummary meeting={meeting} action={t('home.weekly.open')} />}
    </HomeCard>
  );
}

/** The secretary's coming fortnight: the meetings she keeps, soonest first. */
export function ComingMeetingsCard({ names }: { names: Names }) {
  const t = useT();
  const { lang } = useLang();
  const range = useMemo(() => {
    const now = serverNow();
    return { from: new Date(now - 6 * HOUR).toISOString(), to: new Date(now + 14 * DAY).toISOString() };
  }, []);
  const list = useMeetings(range);
  const now = serverNow();
  const coming = (list.data ?? [])
    .filter((m) => m.status === 'scheduled' && m.can.attend && Date.parse(m.endsAt) > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <HomeCard
      testId="home-meetings"
      title={t('home.meetings.title')}
      to="/meetings"
      count={coming.length}
      state={list}
      empty={coming.length === 0 && t('home.meetings.empty')}
    >
      {coming.slice(0, 8).map((m) => (
        <HomeRow
          key={m.id}
          to={`/meetings/${m.id}`}
          testId={`home-meeting-${m.id}`}
          main={
            m.type === 'weekly'
              ? t('meetings.weeklyOf', { track: names.track(m.trackId) })
              : t('meetings.type.supervision')
          }
          sub={meetingWhen(m.startsAt, m.endsAt, lang)}
        />
      ))}
    </HomeCard>
  );
}
