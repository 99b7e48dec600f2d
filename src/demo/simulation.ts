import { buildBoard } from '../board/board.js';
import type { BoardDto } from '../board/contract.js';
import type { Db } from '../db/client.js';
import type { UserActor } from '../org/permissions.js';
import type { ProjectPhase } from '../projects/schema.js';
import { completeTask, findTask } from '../tasks/lifecycle.js';
import type { DemoProject } from './demo-projects.js';
import { COMPLETION_NOTES } from './meeting-texts.js';
import type { People } from './people.js';
import type { Random } from './prng.js';
import type { Timeline } from './timeline.js';

/** Six months of meetings before the demo's "now" (SPEC §10). */
export const HISTORY_DAYS = 182;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type Meeting = {
  id: number;
  seriesId: number;
  type: 'supervision' | 'weekly';
  trackId: number | null;
  startsAt: Date;
  endsAt: Date;
  periodMonth: string;
};

/** The state of one replay of the demo's meeting history. */
export type Sim = {
  db: Db;
  random: Random;
  timeZone: string;
  people: People;
  timeline: Timeline;
  /** The demo's projects once created, for tasks to link to. */
  projects: { spec: DemoProject; id: number; trackId: number | null; phase: ProjectPhase }[];
  boards: Map<string, BoardDto>;
};

export const after = (at: Date, ms: number) => new Date(at.getTime() + ms);

export async function boardOf(sim: Sim, month: string): Promise<BoardDto> {
  let board = sim.boards.get(month);
  if (!board) {
    board = await buildBoard(sim.db, month, 'month');
    sim.boards.set(month, board);
  }
  return board;
}

/** Chair of a meeting: the track's director for a weekly one; the secretary records supervision tasks. */
export function chairOf(sim: Sim, meeting: Meeting): UserActor {
  if (meeting.type === 'supervision') return sim.people.secretary;
  return sim.people.tracks.find((t) => t.id === meeting.trackId)!.director;
}

export type Odds = { onTime: number; late: number; lateDays: number };
export const WEEKLY_ODDS: Odds = { onTime: 0.68, late: 0.14, lateDays: 20 };
export const SUPERVISION_ODDS: Odds = { onTime: 0.7, late: 0.12, lateDays: 35 };
export const AFTER_DECISION_ODDS: Odds = { onTime: 0.6, late: 0.15, lateDays: 20 };

/**
 * When the owner will mark a task done: before its deadline, some time after it, or never (left
 * pending, so it shows overdue and, for a weekly task, escalates). Checked again when the moment
 * comes: a task closed, re-dispatched or already done by then is left alone.
 */
export function planCompletion(
  sim: Sim,
  task: { id: number; dimension: number },
  from: Date,
  deadline: Date,
  odds: Odds,
) {
  const r = sim.random.next();
  const span = Math.max(HOUR, deadline.getTime() - from.getTime());
  let at: Date;
  if (r < odds.onTime) at = after(from, span * (0.15 + 0.8 * sim.random.next()));
  else if (r < odds.onTime + odds.late) at = after(deadline, DAY * (1 + sim.random.next() * odds.lateDays));
  else return;
  sim.timeline.at(roundToMinute(at), (when) => completeIfPending(sim, task, when));
}

async function completeIfPending(sim: Sim, task: { id: number; dimension: number }, at: Date): Promise<void> {
  const current = await findTask(sim.db, task.id, sim.people.ceo);
  if (current.status !== 'pending') return;
  const owner = sim.people.byId.get(current.ownerId);
  if (!owner) return;
  const note = sim.random.pick(COMPLETION_NOTES[task.dimension] ?? COMPLETION_NOTES[1]!);
  await completeTask(sim.db, task.id, note, owner, at);
}

export const roundToMinute = (at: Date) => new Date(Math.round(at.getTime() / MINUTE) * MINUTE);
