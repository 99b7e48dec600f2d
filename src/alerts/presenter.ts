import type { Db } from '../db/client.js';
import { listHistory } from '../history/store.js';
import type { Actor } from '../org/permissions.js';
import { personOf } from '../org/scope.js';
import type { AlertDto } from './contract.js';
import type { AlertRow } from './raise.js';
import { isOverdue, mayAct } from './rules.js';

/** SPEC §9.1 `Alert`, with what the caller may do now. */
export function presentAlert(a: AlertRow, now: Date, actor: Actor): AlertDto {
  const person = personOf(actor);
  const p = person ? { id: person.id, role: person.role, trackId: person.trackId } : null;
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    trackId: a.trackId,
    amId: a.amId,
    opportunityId: a.opportunityId,
    period: a.period,
    facts: a.facts,
    raisedAt: a.raisedAt.toISOString(),
    dueAt: a.dueAt.toISOString(),
    overdue: isOverdue(a.status, a.dueAt, now),
    handledBy: a.handledBy,
    handledAt: a.handledAt?.toISOString() ?? null,
    note: a.note,
    projectId: a.projectId,
    escalatedAt: a.escalatedAt?.toISOString() ?? null,
    version: a.version,
    can: { resolve: mayAct(a, 'resolve', p), escalate: mayAct(a, 'escalate', p), route: mayAct(a, 'route', p) },
  };
}

/** GET /alerts/:id: the alert with its history — raised, facts updated, every move — oldest first. */
export async function alertDetail(db: Db, a: AlertRow, now: Date, actor: Actor) {
  const rows = await listHistory(db, 'alert', a.id, 0, 1000);
  const history = rows.map((h) => ({
    action: h.action,
    actorId: h.actorId,
    at: h.at.toISOString(),
    before: h.before,
    after: h.after,
    reason: h.reason,
  }));
  return { ...presentAlert(a, now, actor), history };
}
