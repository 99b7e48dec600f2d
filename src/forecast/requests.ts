import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { AppError, forbidden, invalidField, notFound } from '../http/errors.js';
import { notify } from '../notifications/store.js';
import type { Actor } from '../org/permissions.js';
import { hasRole, personOf } from '../org/scope.js';
import { BASELINE_LOCKED_REASON } from './baseline.js';
import {
  checkLines,
  EXECUTE_WITHIN_MS,
  initialStatus,
  isOverdue,
  type Line,
  linesLeavingNegative,
  mayDecide,
  maySubmit,
  mayWithdraw,
  type Person,
  type RequestKind,
} from './request-rules.js';
import { baselines, opportunities, targetRequestDecisions, targetRequestLines, targetRequests } from './schema.js';

export type RequestRow = typeof targetRequests.$inferSelect;
export type SubmitInput = { kind: RequestKind | 'baseline_correction'; year: number; reason: string; lines: Line[] };

const NOT_LOCKED = {
  zh: '该年度承接基准尚未锁定，还没有可修改的机会层目标',
  en: 'the year’s baseline is not locked: there are no opportunity targets to change yet',
};
const ONE_TRACK = { zh: '一个请求的各行必须属于同一赛道', en: 'the lines of one request must belong to one track' };
const LOST_LINE = { zh: '丢单的商机不能承接目标', en: 'a lost opportunity cannot carry target' };
const NOT_OWN_REDUCTION = {
  zh: '客户经理只能减少自己商机的目标',
  en: 'an AM may reduce only their own opportunities’ targets',
};
const BELOW_ZERO = {
  zh: '执行后该商机该月的目标将小于 0',
  en: 'this would leave the opportunity’s target for the month below 0',
};

export const personFrom = (actor: Actor): Person => {
  const p = personOf(actor);
  if (!p) throw forbidden({ zh: 'API 密钥不能提交或审批请求', en: 'an API key cannot submit or decide requests' });
  return { id: p.id, role: p.role, trackId: p.trackId };
};

/** The latest ledger targets of the cells the lines touch (opportunity:YYYY-MM → amount). */
export async function currentTargets(db: Db, year: number, lines: Line[]): Promise<Map<string, number>> {
  const ids = [...new Set(lines.map((l) => l.opportunityId))];
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ key: string; amount: number }>(
    db,
    sql`select opportunity_id || ':' || to_char(month, 'YYYY-MM') as key, sum(amount)::float8 as amount
        from target_ledger_entries where year = ${year} and opportunity_id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
        group by opportunity_id, month`,
  );
  return new Map(rows.map((r) => [r.key, r.amount]));
}

/** Lines on opportunities the submitter may name: of one track, none lost, reductions by an AM on their own. */
async function checkLineOpportunities(db: Db, lines: Line[], person: Person): Promise<number> {
  const ids = [...new Set(lines.map((l) => l.opportunityId))];
  const rows = await db.select().from(opportunities).where(inArray(opportunities.id, ids));
  const byId = new Map(rows.map((o) => [o.id, o]));
  const trackId = byId.get(lines[0]!.opportunityId)?.trackId;
  lines.forEach((line, i) => {
    const o = byId.get(line.opportunityId);
    const visible = o && (person.role === 'ceo' || o.trackId === person.trackId);
    if (!visible) throw notFound('opportunity');
    if (o.trackId !== trackId) throw invalidField(`lines[${i}].opportunityId`, ONE_TRACK);
    if (o.stage === 'lost') throw invalidField(`lines[${i}].opportunityId`, LOST_LINE);
    if (person.role === 'am' && line.amount < 0 && o.amId !== person.id)
      throw invalidField(`lines[${i}].amount`, NOT_OWN_REDUCTION);
  });
  return trackId!;
}

export async function checkNotBelowZero(db: Db, year: number, lines: Line[], status: 400 | 409): Promise<void> {
  const below = linesLeavingNegative(lines, await currentTargets(db, year, lines));
  if (below.length === 0) return;
  const details = below.map((i) => ({
    field: `lines[${i}].amount`,
    reason: 'invalid' as const,
    params: { why: BELOW_ZERO },
  }));
  if (status === 400) throw new AppError('validation_failed', 400, {}, details);
  throw new AppError('rule_violation', 409, { reason: BELOW_ZERO }, details);
}

/** `POST /target-requests` (SPEC §9.1): checked, stored with its lines, history and notices in one transaction. */
export async function submitRequest(db: Db, input: SubmitInput, ctx: { actor: Actor; now: Date }): Promise<number> {
  if (input.kind === 'baseline_correction')
    throw new AppError('baseline_locked', 409, { reason: BASELINE_LOCKED_REASON });
  const kind = input.kind;
  const person = personFrom(ctx.actor);
  const problem = checkLines(kind, input.year, input.lines)[0];
  if (problem) throw invalidField(problem.field, problem.why);
  return db.transaction(async (tx) => {
    const [baseline] = await tx.select().from(baselines).where(eq(baselines.year, input.year));
    if (baseline?.status !== 'locked') throw new AppError('rule_violation', 409, { reason: NOT_LOCKED });
    const trackId = await checkLineOpportunities(tx, input.lines, person);
    if (!maySubmit(kind, person, trackId))
      throw forbidden({
        zh: '不能为这个赛道提交此类请求',
        en: 'you may not submit this kind of request for this track',
      });
    await checkNotBelowZero(tx, input.year, input.lines, 400);
    const status = initialStatus(kind, person.role);
    const approved = status === 'approved';
    const [row] = await tx
      .insert(targetRequests)
      .values({
        kind,
        year: input.year,
        trackId,
        status,
        reason: input.reason,
        submittedBy: person.id,
        submittedRole: person.role,
        submittedAt: ctx.now,
        approvedAt: approved ? ctx.now : null,
        executeDueAt: approved ? new Date(ctx.now.getTime() + EXECUTE_WITHIN_MS) : null,
      })
      .returning();
    const request = row!;
    await tx.insert(targetRequestLines).values(
      input.lines.map((l, i) => ({
        requestId: request.id,
        line: i,
        opportunityId: l.opportunityId,
        month: `${l.month}-01`,
        amount: l.amount.toFixed(2),
      })),
    );
    await recordHistory(tx, {
      entity: 'target_request',
      entityId: request.id,
      action: 'submitted',
      actor: ctx.actor,
      at: ctx.now,
      after: { status, kind, lines: input.lines },
      reason: input.reason,
    });
    await noticeStep(tx, request, 'target_request_submitted', ctx.now);
    return request.id;
  });
}

type StepKind =
  | 'target_request_submitted'
  | 'target_request_approved'
  | 'target_request_rejected'
  | 'target_request_executed'
  | 'target_request_withdrawn';

/** The submitter hears of every step; whoever the request now waits for is told it awaits them. */
export async function noticeStep(tx: Db, r: RequestRow, kind: StepKind, now: Date): Promise<void> {
  const params = { requestId: r.id, kind: r.kind, year: r.year, reason: r.reason };
  const link = `/target-requests/${r.id}`;
  await notify(tx, {
    userIds: [r.submittedBy],
    kind,
    params,
    link,
    dedupeKey: `target_request:${r.id}:${kind}:${r.status}`,
    at: now,
  });
  const awaiting = await awaitingUsers(tx, r);
  if (awaiting.length)
    await notify(tx, {
      userIds: awaiting,
      kind: 'target_request_awaiting',
      params,
      link,
      dedupeKey: `target_request:${r.id}:awaiting:${r.status}`,
      at: now,
    });
}

async function awaitingUsers(tx: Db, r: RequestRow): Promise<number[]> {
  const who =
    r.status === 'approved'
      ? sql`role = 'admin'`
      : r.status === 'director_approved' || (r.status === 'submitted' && r.submittedRole === 'director')
        ? sql`role = 'ceo'`
        : r.status === 'submitted'
          ? sql`role = 'director' and track_id = ${r.trackId}`
          : sql`false`;
  const rows = await queryRows<{ id: number }>(tx, sql`select id from users where active and ${who}`);
  return rows.map((u) => u.id).filter((id) => id !== r.submittedBy);
}

/** Requests the caller sees: the submitter, the track's director, the CEO, the admin (SPEC §9.1). */
export function requestSqlScope(actor: Actor): SQL | undefined {
  if (hasRole(actor, 'ceo', 'admin')) return undefined;
  if (hasRole(actor, 'director'))
    return or(eq(targetRequests.trackId, personOf(actor)?.trackId ?? -1), eq(targetRequests.submittedBy, actor.id));
  return eq(targetRequests.submittedBy, actor.id);
}

export function canSeeRequest(actor: Actor, r: RequestRow): boolean {
  if (hasRole(actor, 'ceo', 'admin')) return true;
  if (hasRole(actor, 'director') && personOf(actor)?.trackId === r.trackId) return true;
  return actor.kind === 'user' && r.submittedBy === actor.id;
}

export async function findRequest(db: Db, id: number, actor: Actor, lock = false): Promise<RequestRow> {
  const query = db.select().from(targetRequests).where(eq(targetRequests.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !canSeeRequest(actor, row)) throw notFound('target_request');
  return row;
}

export async function listRequestIds(
  db: Db,
  actor: Actor,
  filter: { year?: number; status?: string; trackId?: number },
) {
  const where: (SQL | undefined)[] = [requestSqlScope(actor)];
  if (filter.year) where.push(eq(targetRequests.year, filter.year));
  if (filter.status) where.push(eq(targetRequests.status, filter.status as RequestRow['status']));
  if (filter.trackId) where.push(eq(targetRequests.trackId, filter.trackId));
  const rows = await db
    .select({ id: targetRequests.id })
    .from(targetRequests)
    .where(and(...where))
    .orderBy(desc(targetRequests.id))
    .limit(500);
  return rows.map((r) => r.id);
}

/** SPEC §9.1 `TargetChangeRequest`, with what the caller may do now. */
export async function presentRequests(db: Db, ids: number[], actor: Actor, now: Date) {
  if (ids.length === 0) return [];
  const rows = await db.select().from(targetRequests).where(inArray(targetRequests.id, ids));
  const lines = await db
    .select()
    .from(targetRequestLines)
    .where(inArray(targetRequestLines.requestId, ids))
    .orderBy(asc(targetRequestLines.line));
  const decisions = await db
    .select()
    .from(targetRequestDecisions)
    .where(inArray(targetRequestDecisions.requestId, ids))
    .orderBy(asc(targetRequestDecisions.id));
  const person = personOf(actor);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const p: Person | null = person ? { id: person.id, role: person.role, trackId: person.trackId } : null;
    return [
      {
        id: r.id,
        kind: r.kind,
        year: r.year,
        trackId: r.trackId,
        status: r.status,
        reason: r.reason,
        lines: lines
          .filter((l) => l.requestId === id)
          .map((l) => ({ opportunityId: l.opportunityId, month: l.month.slice(0, 7), amount: Number(l.amount) })),
        submittedBy: r.submittedBy,
        submittedAt: r.submittedAt.toISOString(),
        decisions: decisions
          .filter((d) => d.requestId === id)
          .map((d) => ({ by: d.by, role: d.role, decision: d.decision, comment: d.comment, at: d.at.toISOString() })),
        approvedAt: r.approvedAt?.toISOString() ?? null,
        executeDueAt: r.executeDueAt?.toISOString() ?? null,
        executedAt: r.executedAt?.toISOString() ?? null,
        ledgerVersion: r.ledgerVersion,
        overdue: isOverdue(r.status, r.executeDueAt, now),
        version: r.version,
        can: {
          decide: p !== null && mayDecide(r, p),
          withdraw: p !== null && mayWithdraw(r, p),
          execute: hasRole(actor, 'admin') && r.status === 'approved',
        },
      },
    ];
  });
}
