import { eq, max, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { forbidden, ruleViolation } from '../http/errors.js';
import { checkVersion, type ExpectedVersion } from '../http/versioning.js';
import type { Actor } from '../org/permissions.js';
import { hasRole } from '../org/scope.js';
import { awaitedApprover, EXECUTE_WITHIN_MS, mayDecide, mayWithdraw, statusAfterApproval } from './request-rules.js';
import { checkNotBelowZero, findRequest, noticeStep, personFrom, type RequestRow } from './requests.js';
import {
  type RequestStatus,
  targetLedgerEntries,
  targetLedgerVersions,
  targetRequestDecisions,
  targetRequestLines,
  targetRequests,
} from './schema.js';

export type DecisionCtx = { actor: Actor; now: Date; version: ExpectedVersion };
type Decision = 'approve' | 'reject' | 'withdraw' | 'execute';

const NOT_YOURS = { zh: '这一步不由您审批', en: 'this step is not yours to decide' };
const NOT_OPEN = { zh: '该请求已不在可处理的状态', en: 'the request is no longer open for this' };

type Change = Partial<typeof targetRequests.$inferInsert> & { status: RequestStatus };

/**
 * One step: the request locked; who may take it and whether it is open checked (403 / 409) before the
 * version (412), so a stale If-Match tells an allowed caller only that someone was quicker; then the
 * status moved, decision + history + notices in the same transaction.
 */
async function step(
  db: Db,
  id: number,
  decision: Decision,
  ctx: DecisionCtx,
  comment: string | null,
  check: (r: RequestRow) => void,
  apply: (tx: Db, r: RequestRow) => Promise<Change>,
) {
  return db.transaction(async (tx) => {
    const request = await findRequest(tx, id, ctx.actor, true);
    check(request);
    checkVersion(request.version, ctx.version);
    const change = await apply(tx, request);
    const [after] = await tx
      .update(targetRequests)
      .set({ ...change, version: request.version + 1 })
      .where(eq(targetRequests.id, id))
      .returning();
    const person = personFrom(ctx.actor);
    await tx
      .insert(targetRequestDecisions)
      .values({ requestId: id, by: person.id, role: person.role, decision, comment, at: ctx.now });
    await recordHistory(tx, {
      entity: 'target_request',
      entityId: id,
      action: decision,
      actor: ctx.actor,
      at: ctx.now,
      before: { status: request.status },
      after: { status: change.status },
      reason: comment,
    });
    const notice = (
      {
        approve: 'target_request_approved',
        reject: 'target_request_rejected',
        withdraw: 'target_request_withdrawn',
        execute: 'target_request_executed',
      } as const
    )[decision];
    await noticeStep(tx, after!, notice, ctx.now);
  });
}

/** A closed request is 409 for everyone; an open one is the awaited approver's alone (403 for others). */
function checkDecider(r: RequestRow, actor: Actor): void {
  if (awaitedApprover(r) === null) throw ruleViolation(409, NOT_OPEN);
  if (!mayDecide(r, personFrom(actor))) throw forbidden(NOT_YOURS);
}

/** Director, then CEO for a total change (SPEC §9.1); `approved` starts the admin's two days. */
export function approveRequest(db: Db, id: number, comment: string | null, ctx: DecisionCtx) {
  return step(
    db,
    id,
    'approve',
    ctx,
    comment,
    (r) => checkDecider(r, ctx.actor),
    async (_tx, r) => {
      const status = statusAfterApproval(r);
      if (status !== 'approved') return { status };
      return { status, approvedAt: ctx.now, executeDueAt: new Date(ctx.now.getTime() + EXECUTE_WITHIN_MS) };
    },
  );
}

export function rejectRequest(db: Db, id: number, comment: string, ctx: DecisionCtx) {
  return step(
    db,
    id,
    'reject',
    ctx,
    comment,
    (r) => checkDecider(r, ctx.actor),
    async () => ({ status: 'rejected' }),
  );
}

/** The submitter takes it back before approval. */
export function withdrawRequest(db: Db, id: number, comment: string | null, ctx: DecisionCtx) {
  const check = (r: RequestRow) => {
    if (r.submittedBy !== ctx.actor.id)
      throw forbidden({ zh: '只有提交人可以撤回', en: 'only the submitter may withdraw' });
    if (!mayWithdraw(r, personFrom(ctx.actor))) throw ruleViolation(409, NOT_OPEN);
  };
  return step(db, id, 'withdraw', ctx, comment, check, async () => ({ status: 'withdrawn' }));
}

/**
 * 执行 (admin): the ≥ 0 rule again (409), then a new ledger version with the request's lines as signed
 * entries — all in the transaction that marks the request executed.
 */
export function executeRequest(db: Db, id: number, ctx: DecisionCtx) {
  const check = (r: RequestRow) => {
    if (!hasRole(ctx.actor, 'admin')) throw forbidden(NOT_YOURS);
    if (r.status !== 'approved') throw ruleViolation(409, NOT_OPEN);
  };
  return step(db, id, 'execute', ctx, null, check, async (tx, r) => {
    const lines = await tx.select().from(targetRequestLines).where(eq(targetRequestLines.requestId, id));
    const asLines = lines.map((l) => ({
      opportunityId: l.opportunityId,
      month: l.month.slice(0, 7),
      amount: Number(l.amount),
    }));
    await tx.execute(sql`select pg_advisory_xact_lock(${0x5ba5e}, ${r.year})`);
    await checkNotBelowZero(tx, r.year, asLines, 409);
    const [last] = await tx
      .select({ v: max(targetLedgerVersions.version) })
      .from(targetLedgerVersions)
      .where(eq(targetLedgerVersions.year, r.year));
    const version = (last?.v ?? 0) + 1;
    await tx.insert(targetLedgerVersions).values({ year: r.year, version, requestId: id, executedAt: ctx.now });
    await tx.insert(targetLedgerEntries).values(
      lines.map((l) => ({
        year: r.year,
        version,
        opportunityId: l.opportunityId,
        month: l.month,
        amount: l.amount,
        requestId: id,
        at: ctx.now,
      })),
    );
    return { status: 'executed', executedAt: ctx.now, ledgerVersion: version };
  });
}
