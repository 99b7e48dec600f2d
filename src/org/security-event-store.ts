import type { Db } from '../db/client.js';
import { securityEvents } from './schema.js';

export type SecurityEvent = Omit<typeof securityEvents.$inferInsert, 'id'>;

/** Sign-ins, sign-outs and refused requests stay on record: who, when, from where and why (SPEC §11). */
export async function recordSecurityEvent(db: Db, event: SecurityEvent): Promise<void> {
  await db.insert(securityEvents).values(event);
}
