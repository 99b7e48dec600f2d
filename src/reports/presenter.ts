import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { withDeadlines } from '../alerts/report.js';
import type { Db } from '../db/client.js';
import type { Locale } from '../http/locale.js';
import type { meetingOccurrences, meetingSeries } from '../meetings/schema.js';
import type { Actor } from '../org/permissions.js';
import { getTrack } from '../org/track-store.js';
import { tasksByIds } from '../tasks/list.js';
import { presentTask } from '../tasks/presenter.js';
import { type ReportContent, reportContent, storedContent } from './content.js';
import { type ReportRow, reportVersions } from './store.js';

/** Each listed task as it stands now, beside the snapshot (the meeting page shows both and decides on it). */
async function liveStatus(db: Db, content: ReportContent, now: Date, actor: Actor, locale: Locale) {
  const ids = [...content.pending, ...content.completed, ...content.escalated].map((t) => t.id);
  const rows = await tasksByIds(db, ids);
  return Object.fromEntries(rows.map((t) => [t.id, presentTask(t, now, actor, locale)]));
}

/**
 * The listed tasks' backgrounds in the reader's language: a background never changes after the task is
 * raised, so the live task's rendering (from its facts) is the snapshot's sentence in that language.
 */
function localised<C extends ReportContent>(content: C, live: Record<number, { background: string }>): C {
  const each = <T extends { id: number; background: string; description: string }>(items: T[]) =>
    items.map((item) => {
      const background = live[item.id]?.background ?? item.background;
      // an untyped description is the system's sentence (see presentTask)
      return { ...item, background, description: item.description === item.background ? background : item.description };
    });
  return {
    ...content,
    pending: each(content.pending),
    completed: each(content.completed),
    escalated: each(content.escalated),
  };
}

/** The API shape of a report version: the immutable snapshot, the list of versions and the live tasks. */
export async function presentReport(db: Db, row: ReportRow, now: Date, actor: Actor, locale: Locale = 'zh-CN') {
  const stored = storedContent(row.content);
  const live = await liveStatus(db, stored, now, actor, locale);
  const content = localised({ ...stored, alerts: await withDeadlines(db, stored.alerts) }, live);
  return {
    meetingId: row.meetingId,
    version: row.version,
    trigger: row.trigger,
    generatedAt: row.generatedAt.toISOString(),
    generatedBy: row.generatedBy,
    ...content,
    versions: (await reportVersions(db, row.meetingId)).map((v) => ({
      ...v,
      generatedAt: v.generatedAt.toISOString(),
    })),
    live,
  };
}

/**
 * A live preview of a meeting's report: the same assembly as a stored version (reportContent), computed
 * now and not stored, so the upcoming meeting shows what its report will hold before the first version.
 */
export async function previewReport(
  db: Db,
  meeting: { occurrence: typeof meetingOccurrences.$inferSelect; series: typeof meetingSeries.$inferSelect },
  now: Date,
  actor: Actor,
  locale: Locale = 'zh-CN',
) {
  const assembled = await reportContent(db, meeting.occurrence, meeting.series, now);
  const live = await liveStatus(db, assembled, now, actor, locale);
  const content = localised(assembled, live);
  return {
    meetingId: meeting.occurrence.id,
    preview: true as const,
    computedAt: now.toISOString(),
    ...content,
    versions: (await reportVersions(db, meeting.occurrence.id)).map((v) => ({
      ...v,
      generatedAt: v.generatedAt.toISOString(),
    })),
    live,
  };
}

/** The meeting's name in the workbook and its file name: 「<track>赛道周会 <date>」 or 「月度销售督导会 <date>」. */
export async function reportTitle(
  db: Db,
  meeting: { occurrence: typeof meetingOccurrences.$inferSelect; series: typeof meetingSeries.$inferSelect },
  timeZone: string,
): Promise<string> {
  const date = format(new TZDate(meeting.occurrence.startsAt, timeZone), 'yyyy-MM-dd');
  if (!meeting.series.trackId) return `月度销售督导会 ${date}`;
  return `${(await getTrack(db, meeting.series.trackId)).name}赛道周会 ${date}`;
}
