import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { forbidden, invalidField, notFound } from '../http/errors.js';
import { checkVersion, type ExpectedVersion } from '../http/versioning.js';
import type { Actor } from '../org/permissions.js';
import { afterOpportunityWrite } from './after-write.js';
import type { CreateOpportunityInput, PatchOpportunityInput } from './contract.js';
import { type BusinessLine, KINDS_OF_LINE, normaliseVersion } from './rules.js';
import { type OpportunityKind, opportunities } from './schema.js';
import { canCreateFor, canWriteOpportunity } from './scope.js';
import { freezeOwedSnapshots } from './snapshots.js';
import { customerForOpportunity, lockOpportunity, type OpportunityRow, storeVersion } from './store.js';

export type Ctx = { actor: Actor; now: Date; timeZone: string; version?: ExpectedVersion };

const NOT_YOURS = {
  zh: '只能修改自己负责或本赛道的商机',
  en: 'you may change only your own or your track’s opportunities',
};

function checkKindFits(kind: OpportunityKind, line: BusinessLine): void {
  if (KINDS_OF_LINE[line].includes(kind)) return;
  throw invalidField('kind', {
    zh: `该客户所在赛道的业务线只接受：${KINDS_OF_LINE[line].join('、')}`,
    en: `the customer's track takes only: ${KINDS_OF_LINE[line].join(', ')}`,
  });
}

/** A customer the caller may create opportunities for; another's customer is 404, as if absent. */
async function writableCustomer(db: Db, customerId: number, actor: Actor) {
  const customer = await customerForOpportunity(db, customerId);
  if (!customer || !canCreateFor(actor, customer)) throw notFound('customer');
  return customer;
}

/** 新建商机: AM and track come from the customer; the kind must fit the track's line (SPEC §9.1). */
export async function createOpportunity(db: Db, input: CreateOpportunityInput, ctx: Ctx): Promise<number> {
  return db.transaction(async (tx) => {
    await freezeOwedSnapshots(tx, ctx.now, ctx.timeZone);
    const customer = await writableCustomer(tx, input.customerId, ctx.actor);
    checkKindFits(input.kind, customer.businessLine);
    const rolling = input.rolling ? normaliseVersion(input.rolling) : null;
    const problem = rolling?.problems[0];
    if (problem) throw invalidField(`rolling.${problem.field}`, problem.why);
    const [row] = await tx
      .insert(opportunities)
      .values({
        code: input.code,
        name: input.name,
        customerId: customer.id,
        amId: customer.amId,
        trackId: customer.trackId,
        businessLine: customer.businessLine,
        kind: input.kind,
        stage: input.stage ?? 'lead',
        createdAt: ctx.now,
        createdBy: ctx.actor.id,
        updatedAt: ctx.now,
      })
      .returning();
    const created = row!;
    if (rolling) await storeVersion(tx, created.id, 'rolling', rolling.values, { actorId: ctx.actor.id, now: ctx.now });
    await recordHistory(tx, {
      entity: 'opportunity',
      entityId: created.id,
      action: 'created',
      actor: ctx.actor,
      at: ctx.now,
      after: { ...pick(created), ...(rolling ? { rolling: rolling.values } : {}) },
    });
    await afterOpportunityWrite(tx, [created.id], ctx);
    return created.id;
  });
}

const pick = (o: OpportunityRow) => ({
  code: o.code,
  name: o.name,
  customerId: o.customerId,
  amId: o.amId,
  trackId: o.trackId,
  kind: o.kind,
  stage: o.stage,
});

/** The opportunity locked for a change by someone who may make it (404 outside the scope, 403 read-only). */
export async function opportunityToChange(db: Db, id: number, ctx: Ctx): Promise<OpportunityRow> {
  // A window that closed before this change is frozen first: the change belongs to the next month.
  await freezeOwedSnapshots(db, ctx.now, ctx.timeZone);
  const row = await lockOpportunity(db, id, ctx.actor);
  if (!canWriteOpportunity(ctx.actor, row)) throw forbidden(NOT_YOURS);
  checkVersion(row.version, ctx.version);
  return row;
}

/** Name, kind, or a move to another customer of the caller's (AM and track follow the customer). */
export async function patchOpportunity(db: Db, id: number, input: PatchOpportunityInput, ctx: Ctx): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await opportunityToChange(tx, id, ctx);
    const next = {
      name: before.name,
      kind: before.kind,
      customerId: before.customerId,
      amId: before.amId,
      trackId: before.trackId,
    };
    if (input.name !== undefined) next.name = input.name;
    let line = before.businessLine;
    if (input.customerId !== undefined && input.customerId !== before.customerId) {
      const customer = await writableCustomer(tx, input.customerId, ctx.actor);
      Object.assign(next, { customerId: customer.id, amId: customer.amId, trackId: customer.trackId });
      line = customer.businessLine;
    }
    if (input.kind !== undefined) next.kind = input.kind;
    checkKindFits(next.kind, line);
    const changed = Object.entries(next).filter(([k, v]) => before[k as keyof typeof next] !== v);
    if (changed.length === 0) return;
    await tx
      .update(opportunities)
      .set({ ...next, businessLine: line, updatedAt: ctx.now, version: before.version + 1 })
      .where(eq(opportunities.id, id));
    await recordHistory(tx, {
      entity: 'opportunity',
      entityId: id,
      action: 'updated',
      actor: ctx.actor,
      at: ctx.now,
      before: Object.fromEntries(changed.map(([k]) => [k, before[k as keyof typeof next]])),
      after: Object.fromEntries(changed),
    });
    await afterOpportunityWrite(tx, [id], ctx);
  });
}
