import { sql } from 'drizzle-orm';
import { coverageCheck, day25Check, monthCloseChecks } from '../alerts/checks.js';
import { escalateAlert, type HandleCtx, resolveAlert, routeAlert } from '../alerts/handling.js';
import { type AlertRow, directorOf } from '../alerts/raise.js';
import { day25Moment, KIND_NAMES, localDay, localInstant } from '../alerts/rules.js';
import { type Db, queryRows } from '../db/client.js';
import { readSettings } from '../forecast/settings.js';
import type { UserActor } from '../org/permissions.js';
import { addMonth } from './forecast-plan.js';
import { loadPeople, type People } from './people.js';

const HOUR = 3_600_000;
/** Alerts older than this were all dealt with long ago: resolved by their handler the next day. */
const RECENT_MS = 120 * 24 * HOUR;

/**
 * The demo's forecast alerts (issue 11 item 6), through the product's own checks and handling: SAP's
 * last six closes evaluated again now that the ledger exists (delays), the latest day-25 check and
 * today's coverage check (the dual-version gaps and commodity deviations came with the replay and the
 * facts). Then each recent alert is handled along a fixed cycle of states — left open (overdue),
 * resolved, escalated (so past supervision reports list them), routed to a 商机推进异常PDCA, escalated
 * then routed or resolved by the CEO — and the older ones resolved; the ones still inside their SLA stay
 * open. Deterministic: by id order, at times derived from each alert's own.
 */
export async function seedDemoAlerts(db: Db, options: { now: Date; timeZone: string }): Promise<void> {
  const { now, timeZone } = options;
  const settings = await readSettings(db);
  const closes = await queryRows<{ month: string }>(
    db,
    sql`select to_char(month, 'YYYY-MM') as month from month_closes where source = 'SAP' order by month desc limit 6`,
  );
  for (const { month } of closes)
    await db.transaction((tx) => monthCloseChecks(tx, month, closeMoment(month, now, timeZone)));
  const { month, date } = localDay(now, timeZone);
  const moment = (m: string) => day25Moment(m, settings.day25Day, settings.day25Time, timeZone);
  const day25Month = moment(month) <= now ? month : addMonth(month, -1);
  await db.transaction((tx) => day25Check(tx, day25Month, moment(day25Month)));
  let check = localInstant(date, settings.day25Time, timeZone);
  if (check > now) check = new Date(check.getTime() - 24 * HOUR);
  await db.transaction((tx) => coverageCheck(tx, localDay(check, timeZone).month, check, timeZone));
  await handleAll(db, await loadPeople(db), now, timeZone);
}

/** SAP closes a month on the 3rd of the next one, 10:00 — or now, for a month closed only just. */
function closeMoment(month: string, now: Date, timeZone: string): Date {
  const at = localInstant(`${addMonth(month, 1)}-03`, '10:00', timeZone);
  return at < now ? at : now;
}

type Plan = { people: People; now: Date; timeZone: string; projects: Map<number, number> };

async function handleAll(db: Db, people: People, now: Date, timeZone: string): Promise<void> {
  const rows = await queryRows<AlertRow>(
    db,
    sql`select id, kind, status, track_id as "trackId", am_id as "amId", period, facts, raised_at as "raisedAt",
          due_at as "dueAt" from alerts order by id`,
  );
  const plan: Plan = { people, now, timeZone, projects: new Map() };
  const seen = new Map<string, number>();
  for (const a of rows) {
    if (new Date(a.dueAt) > now) continue;
    const k = seen.get(a.kind) ?? 0;
    seen.set(a.kind, k + 1);
    const raisedAt = new Date(a.raisedAt).getTime();
    const step = now.getTime() - raisedAt > RECENT_MS ? 1 : k % 8;
    await handleOne(db, plan, a, step, raisedAt);
  }
}

/** 0 open · 1, 4, 6 resolved · 2 escalated · 3 routed (later resolved, every other) · 5 escalated → CEO routes · 7 escalated → CEO resolves. */
async function handleOne(db: Db, p: Plan, a: AlertRow, step: number, raisedAt: number): Promise<void> {
  const handler = await handlerOf(db, p.people, a);
  if (step === 0 || !handler) return;
  const at = (hours: number) => new Date(raisedAt + hours * HOUR);
  const ctx = (actor: UserActor, hours: number): HandleCtx | null =>
    at(hours) <= p.now ? { actor, now: at(hours), version: undefined, timeZone: p.timeZone } : null;
  const first = ctx(handler, 20);
  if (!first) return;
  if (step === 1 || step === 4 || step === 6) return resolveAlert(db, a.id, resolution(a), first);
  if (step === 3) {
    if (!(await route(db, p, a, first))) return resolveAlert(db, a.id, resolution(a), first);
    const director = handler.role === 'director' ? handler : await directorActor(db, p.people, a);
    const done = director ? ctx(director, 24 * 14) : null;
    if (done && a.id % 2 === 0) await resolveAlert(db, a.id, '专项已完成改善，关闭预警', done);
    return;
  }
  await escalateAlert(db, a.id, '风险较高，提请CEO在督导会上决策', first);
  const ceo = ctx(p.people.ceo, 44);
  if (!ceo) return;
  if (step === 5) await route(db, p, a, ceo);
  if (step === 7) await resolveAlert(db, a.id, '已在督导会上明确措施，由赛道跟进', ceo);
}

const resolution = (a: AlertRow) =>
  a.kind === 'commodity_deviation' ? '客户订单节奏调整，差额在下月补回' : '已与客户确认，按最新计划跟进';

async function directorActor(db: Db, people: People, a: AlertRow): Promise<UserActor | undefined> {
  const [id] = await directorOf(db, a.trackId);
  return id === undefined ? undefined : people.byId.get(id);
}

async function handlerOf(db: Db, people: People, a: AlertRow): Promise<UserActor | undefined> {
  if (a.kind === 'commodity_deviation') return a.amId ? people.byId.get(a.amId) : undefined;
  return directorActor(db, people, a);
}

/**
 * Routes to the track's 商机推进异常PDCA: the first who routes there opens it, later ones link it; an AM
 * cannot open projects, so without one yet an AM's alert is not routed (false).
 */
async function route(db: Db, p: Plan, a: AlertRow, ctx: HandleCtx): Promise<boolean> {
  const existing = p.projects.get(a.trackId);
  if (existing) {
    await routeAlert(db, a.id, { projectId: existing, note: '并入本赛道专项跟进' }, ctx);
    return true;
  }
  if (ctx.actor.kind === 'user' && ctx.actor.role === 'am') return false;
  const title = `商机推进异常PDCA · ${KIND_NAMES[a.kind].zh}`;
  await routeAlert(db, a.id, { project: { title }, note: '转入专项跟进' }, ctx);
  const [row] = await queryRows<{ projectId: number }>(
    db,
    sql`select project_id as "projectId" from alerts where id = ${a.id}`,
  );
  p.projects.set(a.trackId, row!.projectId);
  return true;
}
