import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { closeMonth } from '../exchange/close.js';
import type { ExchangeKind } from '../exchange/contract.js';
import { writeBack } from '../exchange/write-back.js';
import { createWeeklySeries } from '../meetings/series.js';
import { generatePassword, hashPassword } from '../org/passwords.js';
import { customers, tracks, users } from '../org/schema.js';
import type { OrganisationSeed } from './builders.js';
import { type DemoFacts, demoFacts } from './facts.js';

/** Inserts an organisation in one transaction (tracks with their weekly series, users, customers). */
export async function seedOrganisation(db: Db, org: OrganisationSeed, password: string, now: Date): Promise<void> {
  // Each user gets a salt of their own; hashing runs on libuv's thread pool, so in parallel.
  const hashes = await Promise.all(org.users.map(() => hashPassword(password)));
  await db.transaction(async (tx) => {
    const trackIds = new Map<string, number>();
    for (const t of org.tracks) {
      const [row] = await tx
        .insert(tracks)
        .values({ code: t.code, name: t.name, businessLine: t.businessLine, createdAt: now, updatedAt: now })
        .returning({ id: tracks.id });
      trackIds.set(t.code, row!.id);
      await createWeeklySeries(tx, row!.id, now);
    }
    const userRows = await tx
      .insert(users)
      .values(
        org.users.map((u, i) => ({
          ...u,
          trackId: u.trackCode ? trackIds.get(u.trackCode)! : null,
          passwordHash: hashes[i]!,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: users.id, username: users.username, trackId: users.trackId });
    const userIds = new Map(userRows.map((u) => [u.username, u]));
    for (const t of org.tracks) {
      if (!t.directorUsername) continue;
      await tx
        .update(tracks)
        .set({ directorId: userIds.get(t.directorUsername)!.id })
        .where(eq(tracks.code, t.code));
    }
    if (org.customers.length === 0) return;
    await tx.insert(customers).values(
      org.customers.map((c) => {
        const am = userIds.get(c.amUsername)!;
        return { code: c.code, name: c.name, amId: am.id, trackId: am.trackId!, createdAt: now, updatedAt: now };
      }),
    );
  });
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}

/** `--no-demo`: only the administrator, with CRM_ADMIN_PASSWORD or a generated one to change at first sign-in. */
export async function seedAdminOnly(
  db: Db,
  password: string | undefined,
  now: Date,
): Promise<{ generated: string | null }> {
  const generated = password ? null : generatePassword();
  const passwordHash = await hashPassword(password ?? generated!);
  await db.insert(users).values({
    username: 'admin',
    code: 'ADMIN',
    name: '系统管理员',
    role: 'admin',
    passwordHash,
    mustChangePassword: generated !== null,
    createdAt: now,
    updatedAt: now,
  });
  return { generated };
}

/** The demo's three years of facts, written back through the same path as ERP and SAP data. */
export async function seedDemoFacts(
  db: Db,
  org: OrganisationSeed,
  now: Date,
  /** Runs on the rows before they are written (the forecast demo adds the opportunity codes). */
  prepare?: (facts: DemoFacts) => void,
): Promise<void> {
  const facts = demoFacts(org, now);
  prepare?.(facts);
  const write = (kind: ExchangeKind, rows: Record<string, unknown>[]) =>
    writeBack(db, { kind, rows, actor: 'system', via: 'demo', now });
  await write('targets', facts.targets);
  await write('shipments', facts.shipments);
  await write('shipment-plans', facts.plans);
  await write('orders', facts.orders);
  await write('expenses', facts.expenses);
  await write('receivables', facts.receivables);
  // Each month closed when ERP and SAP close it (the 3rd of the next, 10:00 in the demo company's zone),
  // so what a close raises (commodity deviations) is dated then, not at the demo's start.
  for (const month of facts.closedMonths) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    const closedAt = new Date(`${next}-03T10:00:00+08:00`);
    const at = closedAt < now ? closedAt : now;
    for (const source of ['ERP', 'SAP']) await closeMonth(db, { source, month }, 'system', at);
  }
}
