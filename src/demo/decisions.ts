import type { UserActor } from '../org/permissions.js';
import type { TaskRow } from '../tasks/decide.js';
import { closeTask, confirmTask, extendTask, reassignTask } from '../tasks/decisions.js';
import { findTask } from '../tasks/lifecycle.js';
import { listTasks } from '../tasks/list.js';
import { nextMeeting } from '../tasks/next-meeting.js';
import { redispatchTask } from '../tasks/redispatch.js';
import { reopenTask } from '../tasks/reopen.js';
import { REASONS } from './meeting-texts.js';
import {
  AFTER_DECISION_ODDS,
  after,
  chairOf,
  DAY,
  HOUR,
  type Meeting,
  MINUTE,
  planCompletion,
  roundToMinute,
  type Sim,
  SUPERVISION_ODDS,
  WEEKLY_ODDS,
} from './simulation.js';

type Step = { sim: Sim; meeting: Meeting; chair: UserActor; at: Date };

const ctxOf = (step: Step) => ({
  actor: step.chair,
  now: step.at,
  timeZone: step.sim.timeZone,
  version: undefined,
});

/**
 * D1 (SPEC §4.6) at a meeting: the chair confirms most of the series' tasks completed since the
 * previous meeting and reopens a few. Weekly tasks left pending have just escalated, so they are the
 * supervision meeting's (SPEC §4.4): there the CEO re-dispatches, extends, reassigns or closes some of
 * them — fewer of those carried over from earlier meetings — and the overdue supervision tasks get
 * an extension or a closing now and then.
 */
export async function decideAtMeeting(sim: Sim, meeting: Meeting, previousStart: Date | null, at: Date) {
  const step: Step = { sim, meeting, chair: chairOf(sim, meeting), at };
  const filter = { type: meeting.type, ...(meeting.trackId ? { trackId: meeting.trackId } : {}) };
  const since = (d: Date) => d < meeting.startsAt && (!previousStart || d >= previousStart);
  for (const task of await listTasks(sim.db, sim.people.ceo, filter, at, 0, 5000)) {
    if (task.seriesId !== meeting.seriesId) continue;
    if (task.status === 'completed' && !task.confirmedAt && since(task.completedAt!)) await review(step, task);
    else if (meeting.type === 'supervision' && task.status === 'pending' && since(task.deadline))
      await overdue(step, task);
    else continue;
    step.at = after(step.at, MINUTE);
  }
  if (meeting.type !== 'supervision') return;
  const escalated = { type: 'weekly' as const, status: 'pending' as const, escalated: true };
  for (const task of await listTasks(sim.db, sim.people.ceo, escalated, at, 0, 5000)) {
    if (task.escalatedAt! >= meeting.startsAt) continue;
    const carried = previousStart !== null && task.escalatedAt! < previousStart;
    if (carried && !sim.random.chance(0.45)) continue;
    await escalatedDecision(step, task);
    step.at = after(step.at, MINUTE);
  }
}

/**
 * Between meetings a chair now and then acts on a task not yet escalated: gives the owner a few more
 * days (it still escalates at the next weekly meeting if left pending), hands it to another AM, or
 * closes it.
 */
export function planInterimDecision(sim: Sim, meeting: Meeting, task: TaskRow): void {
  const from = after(task.createdAt, DAY);
  const window = task.deadline.getTime() - 2 * HOUR - from.getTime();
  if (window <= 0 || !sim.random.chance(0.15)) return;
  const when = roundToMinute(after(from, window * sim.random.next()));
  sim.timeline.at(when, async (at) => {
    const current = await findTask(sim.db, task.id, sim.people.ceo);
    if (current.status !== 'pending' || current.escalatedAt) return;
    const step: Step = { sim, meeting, chair: chairOf(sim, meeting), at };
    const r = sim.random.next();
    if (r < 0.45 || current.meetingType === 'supervision') {
      const deadline = after(current.deadline, sim.random.int(2, 4) * DAY);
      const extended = await extendTask(
        sim.db,
        task.id,
        { deadline, reason: sim.random.pick(REASONS.extend) },
        ctxOf(step),
      );
      planCompletion(sim, extended, at, extended.deadline, AFTER_DECISION_ODDS);
    } else if (r < 0.8) await reassign(step, current);
    else await closeTask(sim.db, task.id, sim.random.pick(REASONS.close), ctxOf(step));
  });
}

async function review(step: Step, task: TaskRow) {
  const r = step.sim.random.next();
  if (r < 0.04) {
    const reopened = await reopenTask(
      step.sim.db,
      task.id,
      { reason: step.sim.random.pick(REASONS.reopen) },
      ctxOf(step),
    );
    planCompletion(step.sim, reopened, step.at, reopened.deadline, oddsOf(task));
  } else if (r < 0.9) {
    await confirmTask(step.sim.db, task.id, ctxOf(step));
  }
}

/** An overdue supervision task: extended to the next meeting, or closed. */
async function overdue(step: Step, task: TaskRow) {
  const r = step.sim.random.next();
  if (r < 0.15) await extend(step, task, step.meeting.seriesId);
  else if (r < 0.2) await closeTask(step.sim.db, task.id, step.sim.random.pick(REASONS.close), ctxOf(step));
}

/** The CEO decides escalated weekly tasks herself (SPEC §4.4); re-dispatch is hers alone. */
async function escalatedDecision(step: Step, task: TaskRow) {
  const { sim } = step;
  const ceo = { ...step, chair: sim.people.ceo };
  const r = sim.random.next();
  if (r < 0.2) {
    const created = await redispatchTask(sim.db, task.id, { reason: sim.random.pick(REASONS.redispatch) }, ctxOf(ceo));
    planCompletion(sim, created, step.at, created.deadline, SUPERVISION_ODDS);
  } else if (r < 0.32) await extend(ceo, task, step.meeting.seriesId);
  else if (r < 0.38) await reassign(ceo, task);
  else if (r < 0.43) await closeTask(sim.db, task.id, sim.random.pick(REASONS.close), ctxOf(ceo));
}

/** 延期 to the next meeting of the given series (never by the owner), after which the owner may well finish. */
async function extend(step: Step, task: TaskRow, seriesId: number) {
  const next = await nextMeeting(step.sim.db, seriesId, after(step.at, DAY));
  if (next.startsAt <= task.deadline) return;
  const reason = step.sim.random.pick(REASONS.extend);
  const extended = await extendTask(step.sim.db, task.id, { deadline: next.startsAt, reason }, ctxOf(step));
  planCompletion(step.sim, extended, step.at, extended.deadline, AFTER_DECISION_ODDS);
}

/** 改派: a weekly task to another AM of its track. */
async function reassign(step: Step, task: TaskRow) {
  const { sim } = step;
  const ams = sim.people.tracks.find((t) => t.id === task.trackId)?.ams ?? [];
  const others = ams.filter((p) => p.id !== task.ownerId);
  if (others.length === 0) return;
  const ownerId = sim.random.pick(others).id;
  const reason = sim.random.pick(REASONS.reassign);
  const moved = await reassignTask(sim.db, task.id, { ownerId, reason }, ctxOf(step));
  const deadline = moved.deadline > step.at ? moved.deadline : after(step.at, 7 * DAY);
  planCompletion(sim, moved, step.at, deadline, AFTER_DECISION_ODDS);
}

const oddsOf = (task: TaskRow) => (task.meetingType === 'weekly' ? WEEKLY_ODDS : SUPERVISION_ODDS);
