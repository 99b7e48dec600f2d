import type { Db } from '../db/client.js';
import { listHistory } from '../history/store.js';
import type { Locale } from '../http/locale.js';
import type { Actor } from '../org/permissions.js';
import { projectSummaries } from '../projects/summaries.js';
import { findTask } from './lifecycle.js';
import { presentTask } from './presenter.js';

/** A task's whole history timeline is short (tens of events); one page of 1,000 covers it. */
const HISTORY_LIMIT = 1000;

/** GET /tasks/:id: the task in scope with its history timeline (who, when, before → after, why). */
export async function taskDetail(db: Db, id: number, actor: Actor, now: Date, locale: Locale = 'zh-CN') {
  const task = await findTask(db, id, actor);
  const events = await listHistory(db, 'task', id, 0, HISTORY_LIMIT);
  const project = task.projectId ? ((await projectSummaries(db, [task.projectId])).get(task.projectId) ?? null) : null;
  return {
    ...presentTask(task, now, actor, locale),
    history: events.map((e) => ({
      action: e.action,
      actorId: e.actorId,
      actorName: e.actorName,
      onBehalfOfId: e.onBehalfOfId,
      at: e.at.toISOString(),
      before: e.before,
      after: e.after,
      reason: e.reason,
    })),
    // C3: the linked project's phase and latest progress, so nobody has to ask for it.
    project,
  };
}
