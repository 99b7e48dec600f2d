import { and, asc, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { customersCrossingLines, LINE_MISMATCH, opportunitiesFollowCustomers } from '../forecast/customer-moves.js';
import { type Changer, changedFields, recordHistory } from '../history/store.js';
import { badRequest, notFound, ruleViolation } from '../http/errors.js';
import { checkVersion, type ExpectedVersion } from '../http/versioning.js';
import type { CreateCustomer, UpdateCustomer } from './contract.js';
import type { CustomerScope } from './permissions.js';
import { customers, users } from './schema.js';

export type CustomerRow = typeof customers.$inferSelect;

const auditable = (row: CustomerRow) => ({ code: row.code, name: row.name, trackId: row.trackId, amId: row.amId });

function scopeFilter(scope: CustomerScope): SQL | undefined {
  if (scope.kind === 'track') return eq(customers.trackId, scope.trackId);
  if (scope.kind === 'am') return eq(customers.amId, scope.amId);
  return undefined;
}

export type CustomerFilter = { trackId?: number; amId?: number; q?: string };

export async function listCustomers(
  db: Db,
  scope: CustomerScope,
  filter: CustomerFilter,
  afterId: number,
  limit: number,
): Promise<CustomerRow[]> {
  const where: (SQL | undefined)[] = [gt(customers.id, afterId), scopeFilter(scope)];
  if (filter.trackId) where.push(eq(customers.trackId, filter.trackId));
  if (filter.amId) where.push(eq(customers.amId, filter.amId));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`;
    where.push(or(ilike(customers.name, like), ilike(customers.code, like)));
  }
  return db
    .select()
    .from(customers)
    .where(and(...where))
    .orderBy(asc(customers.id))
    .limit(limit + 1);
}

/** Outside the caller's scope a customer does not exist for them (404, SPEC §2). */
export async function getCustomer(db: Db, id: number, scope: CustomerScope): Promise<CustomerRow> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), scopeFilter(scope)));
  if (!row) throw notFound('customer');
  return row;
}

/** A customer belongs to an active AM, and to that AM's track. */
async function trackOfAm(db: Db, amId: number, claimedTrackId: number | undefined): Promise<number> {
  const [am] = await db.select().from(users).where(eq(users.id, amId));
  const why =
    am?.role !== 'am'
      ? { zh: '该用户不是客户经理', en: 'this user is not an account manager' }
      : !am.active
        ? { zh: '该客户经理已停用', en: 'this account manager is disabled' }
        : null;
  if (why) throw badRequest([{ field: 'amId', reason: 'invalid', params: { why } }]);
  if (claimedTrackId !== undefined && claimedTrackId !== am!.trackId) {
    const why = { zh: '客户的赛道须与其客户经理的赛道一致', en: "must be the account manager's track" };
    throw badRequest([{ field: 'trackId', reason: 'invalid', params: { why } }]);
  }
  return am!.trackId!;
}

export async function createCustomer(db: Db, input: CreateCustomer, actor: Changer, now: Date): Promise<CustomerRow> {
  return db.transaction(async (tx) => {
    const trackId = await trackOfAm(tx, input.amId, input.trackId);
    const [row] = await tx
      .insert(customers)
      .values({ code: input.code, name: input.name, amId: input.amId, trackId, createdAt: now, updatedAt: now })
      .returning();
    await recordHistory(tx, {
      entity: 'customer',
      entityId: row!.id,
      action: 'created',
      actor,
      at: now,
      after: auditable(row!),
    });
    return row!;
  });
}

export async function updateCustomer(
  db: Db,
  id: number,
  input: UpdateCustomer,
  actor: Changer,
  now: Date,
  expectedVersion: ExpectedVersion,
  timeZone: string,
): Promise<CustomerRow> {
  return db.transaction(async (tx) => {
    const before = await getCustomer(tx, id, { kind: 'all' });
    checkVersion(before.version, expectedVersion);
    const amId = input.amId ?? before.amId;
    const trackId = amId === before.amId ? before.trackId : await trackOfAm(tx, amId, undefined);
    if ((await customersCrossingLines(tx, [{ customerId: id, trackId }])).length)
      throw ruleViolation(409, LINE_MISMATCH, [{ field: 'amId', reason: 'invalid', params: { why: LINE_MISMATCH } }]);
    const [after] = await tx
      .update(customers)
      .set({ name: input.name ?? before.name, amId, trackId, version: before.version + 1, updatedAt: now })
      .where(eq(customers.id, id))
      .returning();
    const action = amId !== before.amId ? 'reassigned' : 'updated';
    await recordHistory(tx, {
      entity: 'customer',
      entityId: id,
      action,
      actor,
      at: now,
      ...changedFields(auditable(before), auditable(after!)),
    });
    if (amId !== before.amId) await opportunitiesFollowCustomers(tx, [id], { actor, now, timeZone });
    return after!;
  });
}
