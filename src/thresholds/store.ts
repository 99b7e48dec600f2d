import { TZDate } from '@date-fns/tz';
import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { DimensionNo } from '../board/contract.js';
import { thresholdBands } from '../board/schema.js';
import { type Db, queryRows } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { badRequest, notFound, ruleViolation } from '../http/errors.js';
import { checkVersion, type ExpectedVersion } from '../http/versioning.js';
import type { Actor } from '../org/permissions.js';
import { users } from '../org/schema.js';
import { bandProblems, effectiveMonthAllowed } from './rules.js';
import { thresholdProposals } from './schema.js';

type Ctx = { actor: Actor; now: Date; timeZone: string; version?: ExpectedVersion };
type Status = 'pending' | 'approved' | 'rejected';
export type Decision =
  | { kind: 'approve'; effectiveMonth: string; reason?: string }
  | { kind: 'reject'; reason: string };

const columns = { proposal: thresholdProposals, proposedByName: users.name };
export type ProposalRow = typeof thresholdProposals.$inferSelect & { proposedByName: string };
const flatten = (r: { proposal: typeof thresholdProposals.$inferSelect; proposedByName: string }): ProposalRow => ({
  ...r.proposal,
  proposedByName: r.proposedByName,
});

/** The calendar month of `now` in the configured time zone (YYYY-MM). */
export function currentMonth(now: Date, timeZone: string): string {
  const local = new TZDate(now.getTime(), timeZone);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}`;
}

export type BandChange = {
  no: number;
  red: number;
  yellow: number;
  effectiveMonth: string;
  changedAt: string;
  changedBy: string | null;
};

/** Every band change of every dimension, oldest first per dimension, with the name of who made it. */
export async function bandHistory(db: Db): Promise<BandChange[]> {
  return queryRows<BandChange>(
    db,
    sql`select b.no, b.red::float8 as red, b.yellow::float8 as yellow, b.effective_month as "effectiveMonth",
          to_char(b.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "changedAt", u.name as "changedBy"
        from threshold_bands b left join users u on u.id = b.changed_by order by b.no, b.effective_month, b.id`,
  );
}

/** CEO, secretary and admin read every proposal; a director reads their own. */
function scopeOf(actor: Actor): SQL | undefined {
  if (actor.kind === 'user' && actor.role === 'director') return eq(thresholdProposals.proposedBy, actor.id);
  return undefined;
}

export async function listProposals(db: Db, actor: Actor, status: Status | undefined, afterId: number, limit: number) {
  const where = [gt(thresholdProposals.id, afterId), scopeOf(actor)];
  if (status) where.push(eq(thresholdProposals.status, status));
  const rows = await db
    .select(columns)
    .from(thresholdProposals)
    .innerJoin(users, eq(users.id, thresholdProposals.proposedBy))
    .where(and(...where))
    .orderBy(asc(thresholdProposals.id))
    .limit(limit + 1);
  return rows.map(flatten);
}

export async function findProposal(db: Db, id: number, actor: Actor): Promise<ProposalRow> {
  const [row] = await db
    .select(columns)
    .from(thresholdProposals)
    .innerJoin(users, eq(users.id, thresholdProposals.proposedBy))
    .where(and(eq(thresholdProposals.id, id), scopeOf(actor)));
  if (!row) throw notFound('threshold_proposal');
  return flatten(row);
}

export async function propose(
  db: Db,
  input: { no: number; red: number; yellow: number; reason: string },
  ctx: Ctx,
): Promise<ProposalRow> {
  const problems = bandProblems(input.no as DimensionNo, input.red, input.yellow);
  if (problems.length) throw badRequest(problems);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(thresholdProposals)
      .values({
        no: input.no,
        red: String(input.red),
        yellow: String(input.yellow),
        reason: input.reason,
        proposedBy: ctx.actor.id,
        proposedAt: ctx.now,
      })
      .returning({ id: thresholdProposals.id });
    await recordHistory(tx, {
      entity: 'threshold_proposal',
      entityId: row!.id,
      action: 'proposed',
      actor: ctx.actor,
      at: ctx.now,
      after: { no: input.no, red: input.red, yellow: input.yellow },
      reason: input.reason,
    });
    return findProposal(tx, row!.id, ctx.actor);
  });
}

/**
 * The CEO decides a pending proposal. Approval adds the bands, effective from the chosen month, in the
 * same transaction, so the board shows them for that month and later and keeps the old ones before it.
 */
export async function decide(db: Db, id: number, decision: Decision, ctx: Ctx): Promise<ProposalRow> {
  if (
    decision.kind === 'approve' &&
    !effectiveMonthAllowed(decision.effectiveMonth, currentMonth(ctx.now, ctx.timeZone))
  )
    throw badRequest([
      {
        field: 'effectiveMonth',
        reason: 'invalid',
        params: { why: { zh: '生效月份不能早于本月', en: 'the effective month cannot be before the current month' } },
      },
    ]);
  return db.transaction(async (tx) => {
    const proposal = await findProposal(tx, id, ctx.actor);
    checkVersion(proposal.version, ctx.version);
    const status = decision.kind === 'approve' ? 'approved' : 'rejected';
    const effectiveMonth = decision.kind === 'approve' ? decision.effectiveMonth : null;
    // Conditional on still pending, so two deciders racing cannot both succeed.
    const [updated] = await tx
      .update(thresholdProposals)
      .set({
        status,
        decidedBy: ctx.actor.id,
        decidedAt: ctx.now,
        decisionReason: decision.reason ?? null,
        effectiveMonth,
        version: proposal.version + 1,
      })
      .where(and(eq(thresholdProposals.id, id), eq(thresholdProposals.status, 'pending')))
      .returning({ id: thresholdProposals.id });
    if (!updated)
      throw ruleViolation(409, { zh: '该提议已审批，不能重复处理', en: 'this proposal has already been decided' });
    if (effectiveMonth)
      await tx.insert(thresholdBands).values({
        no: proposal.no,
        effectiveMonth,
        red: proposal.red,
        yellow: proposal.yellow,
        changedAt: ctx.now,
        changedBy: ctx.actor.id,
        reason: proposal.reason,
      });
    await recordHistory(tx, {
      entity: 'threshold_proposal',
      entityId: id,
      action: status,
      actor: ctx.actor,
      at: ctx.now,
      before: { status: 'pending' },
      after: { status, ...(effectiveMonth ? { effectiveMonth } : {}) },
      reason: decision.reason ?? null,
    });
    return findProposal(tx, id, ctx.actor);
  });
}
