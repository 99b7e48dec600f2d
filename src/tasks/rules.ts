/**
 * Task rules of the meetings loop (SPEC §4.2–4.4), pure: no I/O, and "now" always a parameter.
 * The tasks store and routes of the meetings issue build on these.
 */
import type { MeetingType } from '../meetings/schema.js';

export type TaskStatus = 'pending' | 'completed' | 'closed';

export type TaskState = {
  status: TaskStatus;
  /** 完成时限: may be extended by a chair, never by the owner. */
  deadline: Date;
  /** Weekly tasks: the start of the next weekly meeting after the one the task was raised in. */
  escalationDueAt: Date | null;
  escalatedAt: Date | null;
};

/** Overdue is derived from the clock, never stored: pending and now ≥ deadline. */
export const isOverdue = (task: Pick<TaskState, 'status' | 'deadline'>, now: Date) =>
  task.status === 'pending' && now >= task.deadline;

/** The same for a deadline read as ISO-8601 text (the task list): such texts sort as the instants they name. */
export const isOverdueIso = (task: { status: TaskStatus; deadline: string }, nowIso: string) =>
  task.status === 'pending' && nowIso >= task.deadline;

/** 任务升级: a weekly task still pending when the next weekly meeting starts (无需赛道总监手动判断). */
export function shouldEscalate(task: TaskState, now: Date): boolean {
  return (
    task.escalationDueAt !== null &&
    task.status === 'pending' &&
    task.escalatedAt === null &&
    now >= task.escalationDueAt
  );
}

/** Dimensions 2 and 4 rank account managers; the others rank tracks. */
export const subjectTypeOf = (no: number): 'am' | 'track' => (no === 2 || no === 4 ? 'am' : 'track');

export type EntryTiming = 'not_open' | 'on_time' | 'late';

/**
 * When a task may be entered for a meeting: from its start; on time during a supervision meeting,
 * and during a weekly meeting or within 24 h after its end; later entries are accepted as late.
 */
export function entryTiming(type: MeetingType, meeting: { startsAt: Date; endsAt: Date }, now: Date): EntryTiming {
  if (now < meeting.startsAt) return 'not_open';
  const closes = type === 'weekly' ? meeting.endsAt.getTime() + 24 * 3_600_000 : meeting.endsAt.getTime();
  return now.getTime() <= closes ? 'on_time' : 'late';
}

/** The deadline is the next meeting of the series at the latest; an earlier one may be chosen. */
export function chooseDeadline(
  nextMeetingStart: Date,
  requested: Date | null,
): { deadline: Date } | { error: 'later_than_next_meeting' } {
  if (requested === null) return { deadline: nextMeetingStart };
  if (requested > nextMeetingStart) return { error: 'later_than_next_meeting' };
  return { deadline: requested };
}

export type BackgroundInput = {
  subjectName: string;
  subjectType: 'am' | 'track';
  month: string;
  dimensionName: string;
  /** null when the board has no value for the month (no data written back yet). */
  valueText: string | null;
  /** How many months in a row, ending with this one, the value was in the red band. */
  redMonths: number;
  redBandText: string;
  /** The dimension's direction: for expenses (‰) and DSO (天) lower is better, so red lies above the band. */
  better: 'higher' | 'lower';
};

/** The background the board fills in, e.g. "消费电子I赛道2月销售达成率仅87%，连续两月低于90%". */
export function backgroundText(input: BackgroundInput): string {
  const month = `${Number(input.month.slice(5, 7))}月`;
  const who = input.subjectType === 'track' ? `${input.subjectName}赛道` : `客户经理${input.subjectName}`;
  if (input.valueText === null) return `${who}${month}${input.dimensionName}暂无数据`;
  const lower = input.better === 'lower';
  const stress = input.redMonths > 0 ? (lower ? '高达' : '仅') : '为';
  const beyond = lower ? '高于' : '低于';
  const head = `${who}${month}${input.dimensionName}${stress}${input.valueText}`;
  if (input.redMonths >= 2) return `${head}，连续${chineseCount(input.redMonths)}月${beyond}${input.redBandText}`;
  if (input.redMonths === 1) return `${head}，${beyond}${input.redBandText}`;
  return head;
}

const DIGITS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const chineseCount = (n: number) => DIGITS[n] ?? String(n);

/** A board value as the background states it: 87% · 89.6% · 72.5‰ · 140天; null when there is none. */
export function metricText(no: number, value: number | null): string | null {
  if (value === null) return null;
  if (no === 7) return `${Number(value.toFixed(1))}‰`;
  if (no === 8) return `${Math.round(value)}天`;
  // one decimal when it matters, so 89.6 % never reads as the 90 % band it misses
  return `${Number((value * 100).toFixed(1))}%`;
}
