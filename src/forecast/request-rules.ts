/**
 * 目标修改请求 rules (SPEC §6.3, §9.1 "Requests") — pure: who submits, who decides each step, what the
 * lines may be. No I/O, no clock: `now` is a parameter.
 */
import type { Bilingual } from '../http/locale.js';
import type { Role } from '../org/schema.js';
import type { RequestStatus } from './schema.js';

export type RequestKind = 'migrate' | 'adjust_total';
/** An approved request not executed within two days (48 h) is overdue. */
export const EXECUTE_WITHIN_MS = 48 * 3_600_000;

export type RequestFacts = {
  kind: RequestKind;
  status: RequestStatus;
  trackId: number;
  submittedBy: number;
  submittedRole: string;
};
export type Person = { id: number; role: Role; trackId: number | null };

/** Where a new request starts: a director's total change goes straight to the CEO; the CEO's is approved. */
export function initialStatus(kind: RequestKind, role: Role): RequestStatus {
  if (kind === 'adjust_total' && role === 'ceo') return 'approved';
  if (kind === 'adjust_total' && role === 'director') return 'director_approved';
  return 'submitted';
}

/** Who submits what: migrations by the track's AMs and director; total changes also by the CEO. */
export function maySubmit(kind: RequestKind, person: Person, trackId: number): boolean {
  if (person.role === 'ceo') return kind === 'adjust_total';
  return (person.role === 'am' || person.role === 'director') && person.trackId === trackId;
}

/**
 * The approver of an open request: `submitted` waits for the track's director — or the CEO when the
 * director submitted it; `director_approved` waits for the CEO.
 */
export function awaitedApprover(r: RequestFacts): 'director' | 'ceo' | null {
  if (r.status === 'director_approved') return 'ceo';
  if (r.status !== 'submitted') return null;
  return r.submittedRole === 'director' ? 'ceo' : 'director';
}

export function mayDecide(r: RequestFacts, person: Person): boolean {
  const approver = awaitedApprover(r);
  if (approver === 'ceo') return person.role === 'ceo';
  if (approver === 'director') return person.role === 'director' && person.trackId === r.trackId;
  return false;
}

/** The status an approval leads to: a total change approved by the director still waits for the CEO. */
export function statusAfterApproval(r: RequestFacts): RequestStatus {
  return r.kind === 'adjust_total' && r.status === 'submitted' ? 'director_approved' : 'approved';
}

/** The submitter may withdraw until the request is approved. */
export const mayWithdraw = (r: RequestFacts, person: Person) =>
  r.submittedBy === person.id && (r.status === 'submitted' || r.status === 'director_approved');

export const isOverdue = (status: RequestStatus, executeDueAt: Date | null, now: Date) =>
  status === 'approved' && executeDueAt !== null && now >= executeDueAt;

export type Line = { opportunityId: number; month: string; amount: number };
export type LineProblem = { field: string; why: Bilingual };

const SUM_NOT_ZERO: Bilingual = { zh: '目标迁移的各行合计必须为 0', en: 'the lines of a migration must sum to 0' };
const NOT_IN_YEAR: Bilingual = { zh: '月份必须在请求的年度内', en: 'the month must lie in the request’s year' };
const ZERO_LINE: Bilingual = { zh: '调整金额不能为 0', en: 'a line must change the target' };

/** Shape checks that need no database: year, non-zero lines, a migration summing to 0 (in cents). */
export function checkLines(kind: RequestKind, year: number, lines: Line[]): LineProblem[] {
  const problems: LineProblem[] = [];
  lines.forEach((line, i) => {
    if (!line.month.startsWith(`${year}-`)) problems.push({ field: `lines[${i}].month`, why: NOT_IN_YEAR });
    if (Math.round(line.amount * 100) === 0) problems.push({ field: `lines[${i}].amount`, why: ZERO_LINE });
  });
  const cents = lines.reduce((sum, l) => sum + Math.round(l.amount * 100), 0);
  if (kind === 'migrate' && cents !== 0) problems.push({ field: 'lines', why: SUM_NOT_ZERO });
  return problems;
}

/**
 * The ≥ 0 rule (SPEC §9.1): no opportunity-month may end below 0 once the lines are applied to the
 * current targets. Returns the index of each line that would; several lines on one cell are summed.
 */
export function linesLeavingNegative(lines: Line[], current: Map<string, number>): number[] {
  const after = new Map(current);
  const key = (l: Line) => `${l.opportunityId}:${l.month}`;
  for (const l of lines) after.set(key(l), Math.round(((after.get(key(l)) ?? 0) + l.amount) * 100) / 100);
  return lines.flatMap((l, i) => ((after.get(key(l)) ?? 0) < 0 && l.amount < 0 ? [i] : []));
}
