import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { forbidden, invalidField, ruleViolation } from '../http/errors.js';
import { checkVersion, type ExpectedVersion } from '../http/versioning.js';
import { notify } from '../notifications/store.js';
import type { Actor } from '../org/permissions.js';
import { personOf } from '../org/scope.js';
import { createProject } from '../projects/changes.js';
import { projects } from '../projects/schema.js';
import type { RouteAlert } from './contract.js';
import { type AlertRow, activeCeos, directorOf, noticeParams } from './raise.js';
import { type AlertAction, isHandler, KIND_NAMES, moveOf } from './rules.js';
import { alerts } from './schema.js';
import { findAlert } from './store.js';

export type HandleCtx = { actor: Actor; now: Date; version: ExpectedVersion; timeZone: string };

const NOT_OPEN = {
  zh: '该预警当前状态不允许此操作',
  en: 'the alert’s current status does not allow this',
};
const NOT_YOURS = {
  zh: '这一步不由您处理：未结预警由赛道总监处理（商品模接单偏差由客户经理处理），已升级的由CEO处理',
  en: 'this step is not yours: open alerts are the director’s (a commodity deviation the AM’s), escalated ones the CEO’s',
};

/**
 * One move of the status graph: the alert locked in scope (404), the move allowed from its status (409)
 * and by this caller (403), then the version (412), so a stale If-Match tells an allowed caller only that
 * someone was quicker; the change, its history and its notices in one transaction.
 */
async function move(
  db: Db,
  id: number,
  action: AlertAction,
  ctx: HandleCtx,
  note: string | null,
  apply: (tx: Db, a: AlertRow) => Promise<Partial<AlertRow>> = async () => ({}),
): Promise<void> {
  await db.transaction(async (tx) => {
    const alert = await findAlert(tx, id, ctx.actor, true);
    const step = moveOf(alert.status, action);
    if (!step) throw ruleViolation(409, NOT_OPEN);
    const person = personOf(ctx.actor);
    if (!person || !isHandler(step.by, alert, person)) throw forbidden(NOT_YOURS);
    checkVersion(alert.version, ctx.version);
    const extra = await apply(tx, alert);
    const change = { status: step.to, handledBy: person.id, handledAt: ctx.now, note, ...extra };
    const [after] = await tx
      .update(alerts)
      .set({ ...change, updatedAt: ctx.now, version: alert.version + 1 })
      .where(eq(alerts.id, id))
      .returning();
    await recordHistory(tx, {
      entity: 'alert',
      entityId: id,
      action,
      actor: ctx.actor,
      at: ctx.now,
      before: { status: alert.status, projectId: alert.projectId },
      after: { status: step.to, projectId: after!.projectId },
      reason: note,
    });
    if (action === 'escalate') await tellCeo(tx, after!, ctx.now);
  });
}

/** 升级: the CEO's inbox now; the next supervision meeting's opening report picks it up (reports/jobs.ts). */
async function tellCeo(tx: Db, a: AlertRow, now: Date): Promise<void> {
  await notify(tx, {
    userIds: await activeCeos(tx),
    kind: 'alert_escalated',
    params: noticeParams(a),
    link: `/alerts/${a.id}`,
    dedupeKey: `alert:${a.id}:escalated`,
    at: now,
  });
}

export const resolveAlert = (db: Db, id: number, note: string, ctx: HandleCtx) => move(db, id, 'resolve', ctx, note);

export const escalateAlert = (db: Db, id: number, note: string, ctx: HandleCtx) =>
  move(db, id, 'escalate', ctx, note, async () => ({ escalatedAt: ctx.now }));

const invalid = (field: string, zh: string, en: string) => invalidField(field, { zh, en });

/**
 * 转专项: link an existing improvement project of the alert's track (`projectId`; not closed), or open a
 * 商机推进异常PDCA project in the track (`project`), owned by the track's director unless named.
 */
export function routeAlert(db: Db, id: number, input: RouteAlert, ctx: HandleCtx) {
  if ((input.projectId === undefined) === (input.project === undefined))
    throw invalid('projectId', '须给出 projectId 或 project 之一', 'give either projectId or project');
  return move(db, id, 'route', ctx, input.note ?? null, async (tx, alert) => ({
    projectId: input.projectId ? await linkable(tx, input.projectId, alert) : await openProject(tx, input, alert, ctx),
  }));
}

async function linkable(tx: Db, projectId: number, alert: AlertRow): Promise<number> {
  const [project] = await tx.select().from(projects).where(eq(projects.id, projectId));
  if (!project) throw invalid('projectId', '专项不存在', 'no such improvement project');
  if (project.trackId !== alert.trackId)
    throw invalid('projectId', '只能转入本赛道的专项', 'the project must belong to the alert’s track');
  if (project.phase === 'closed') throw invalid('projectId', '该专项已关闭', 'the project is closed');
  return project.id;
}

async function openProject(tx: Db, input: RouteAlert, alert: AlertRow, ctx: HandleCtx): Promise<number> {
  const project = input.project!;
  const ownerId = project.ownerId ?? (await directorOf(tx, alert.trackId))[0] ?? ctx.actor.id;
  const kind = KIND_NAMES[alert.kind];
  const background = `${kind.zh}（${alert.period ?? '—'}）：${String(alert.facts.subject ?? '')}`;
  const created = await createProject(
    tx,
    {
      type: 'opportunity_anomaly',
      title: project.title,
      trackId: alert.trackId,
      ownerId,
      description: project.description ?? background,
    },
    { actor: ctx.actor, now: ctx.now, timeZone: ctx.timeZone },
  );
  return created.id;
}
