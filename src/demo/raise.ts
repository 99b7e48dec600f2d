import type { BoardDto, DimensionNo } from '../board/contract.js';
import { taskBackground } from '../tasks/background.js';
import { createTask } from '../tasks/create.js';
import { listTasks } from '../tasks/list.js';
import { planInterimDecision } from './decisions.js';
import { TASK_ADDITIONS } from './meeting-texts.js';
import {
  after,
  boardOf,
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

type Cell = {
  dimension: number;
  subjectType: 'track' | 'am';
  subjectId: number;
  name: string;
  trackId: number;
  red: boolean;
};

const TRACK_DIMENSIONS = [1, 3, 5, 7, 8];
const AM_DIMENSIONS = [2, 4];
const cellKey = (c: { dimension: number; subjectType: string; subjectId: number }) =>
  `${c.dimension}|${c.subjectType}|${c.subjectId}`;

/**
 * D3 (SPEC §4.6): the board cells of the meeting's period that are not green — the track's rows and
 * its AMs for a weekly meeting; every track and the AMs in the red for the supervision meeting.
 */
function cellsOf(board: BoardDto, meeting: Meeting): Cell[] {
  const weekly = meeting.type === 'weekly';
  const out: Cell[] = [];
  const take = (no: number, status: string | undefined, cell: Omit<Cell, 'dimension' | 'red'>, yellowToo: boolean) => {
    if (status === 'red' || (yellowToo && status === 'yellow'))
      out.push({ ...cell, dimension: no, red: status === 'red' });
  };
  for (const t of board.tracks) {
    if (weekly && t.id !== meeting.trackId) continue;
    for (const no of TRACK_DIMENSIONS)
      take(
        no,
        t.metrics[String(no)]?.status,
        { subjectType: 'track', subjectId: t.id, name: t.name, trackId: t.id },
        true,
      );
  }
  for (const a of board.ams) {
    if (weekly && a.trackId !== meeting.trackId) continue;
    for (const no of AM_DIMENSIONS)
      take(
        no,
        a.metrics[String(no)]?.status,
        { subjectType: 'am', subjectId: a.id, name: a.name, trackId: a.trackId! },
        weekly,
      );
  }
  return out;
}

/** Up to `count` cells, the red ones three times likelier than the yellow ones. */
function pick(sim: Sim, cells: Cell[], count: number): Cell[] {
  const left = [...cells];
  const chosen: Cell[] = [];
  while (chosen.length < count && left.length > 0) {
    const weight = (c: Cell) => (c.red ? 3 : 1);
    let r = sim.random.next() * left.reduce((s, c) => s + weight(c), 0);
    let index = 0;
    while (index < left.length - 1 && r >= weight(left[index]!)) r -= weight(left[index++]!);
    chosen.push(...left.splice(index, 1));
  }
  return chosen;
}

/** Raises 1–3 tasks (2–4 at the supervision meeting) from the board; a few weekly ones are entered late. */
export async function raiseTasks(sim: Sim, meeting: Meeting, at: Date): Promise<void> {
  const chair = chairOf(sim, meeting);
  const board = await boardOf(sim, meeting.periodMonth);
  const open = await listTasks(
    sim.db,
    chair,
    { type: meeting.type, status: 'pending', ...(meeting.trackId ? { trackId: meeting.trackId } : {}) },
    at,
    0,
    1000,
  );
  // Nobody raises a problem again while its task is still open.
  const taken = new Set(open.map(cellKey));
  const cells = cellsOf(board, meeting).filter((c) => !taken.has(cellKey(c)));
  const count = meeting.type === 'weekly' ? sim.random.int(1, 3) : sim.random.int(2, 4);
  let when = at;
  for (const cell of pick(sim, cells, count)) {
    const late = meeting.type === 'weekly' && sim.random.chance(0.06);
    if (!late) {
      await raiseOne(sim, meeting, cell, when);
      when = after(when, sim.random.int(2, 6) * MINUTE);
      continue;
    }
    // After the 24 h entry window; now and then even after the next weekly meeting began (born overdue).
    const delay = sim.random.chance(0.25) ? 8 * DAY : DAY + sim.random.int(3, 30) * HOUR;
    sim.timeline.at(roundToMinute(after(meeting.endsAt, delay)), (t) => raiseOne(sim, meeting, cell, t));
  }
}

function projectFor(sim: Sim, cell: Cell): number | undefined {
  const fits = sim.projects.filter(
    (p) =>
      p.spec.dimensions.includes(cell.dimension) &&
      (p.trackId === cell.trackId || p.trackId === null) &&
      p.phase !== 'closed',
  );
  const project = fits.find((p) => p.trackId !== null) ?? fits[0];
  if (!project) return undefined;
  return sim.random.chance(project.trackId === null ? 0.25 : 0.6) ? project.id : undefined;
}

/** The person entering adds to the background the board fills in (SPEC §4.2). */
async function describe(sim: Sim, meeting: Meeting, cell: Cell): Promise<string> {
  const background = await taskBackground(sim.db, {
    no: cell.dimension as DimensionNo,
    subjectType: cell.subjectType,
    subjectId: cell.subjectId,
    subjectName: cell.name,
    month: meeting.periodMonth,
  });
  return `${background.text}。${sim.random.pick(TASK_ADDITIONS[cell.dimension] ?? TASK_ADDITIONS[1]!)}`;
}

async function raiseOne(sim: Sim, meeting: Meeting, cell: Cell, at: Date): Promise<void> {
  const chair = chairOf(sim, meeting);
  const track = sim.people.tracks.find((t) => t.id === cell.trackId);
  // A track row in a weekly meeting: the chair picks one of the track's AMs (SPEC §4.2).
  const ownerId =
    meeting.type === 'weekly' && cell.subjectType === 'track' ? sim.random.pick(track?.ams ?? [])?.id : undefined;
  if (meeting.type === 'weekly' && cell.subjectType === 'track' && ownerId === undefined) return;
  const onTime = at.getTime() <= meeting.endsAt.getTime() + DAY;
  // Now and then the chair sets an earlier deadline than the next meeting (完成时限).
  const early = onTime && sim.random.chance(0.08) ? after(at, (meeting.type === 'weekly' ? 3 : 14) * DAY) : null;
  const projectId = projectFor(sim, cell);
  const description = sim.random.chance(0.6) ? await describe(sim, meeting, cell) : undefined;
  const task = await createTask(
    sim.db,
    {
      meetingId: meeting.id,
      dimension: cell.dimension,
      subjectType: cell.subjectType,
      subjectId: cell.subjectId,
      month: meeting.periodMonth,
      ...(ownerId ? { ownerId } : {}),
      ...(early ? { deadline: early.toISOString() } : {}),
      ...(projectId ? { projectId } : {}),
      ...(description ? { description } : {}),
    },
    { actor: chair, now: at, timeZone: sim.timeZone },
  );
  planCompletion(sim, task, at, task.deadline, meeting.type === 'weekly' ? WEEKLY_ODDS : SUPERVISION_ODDS);
  planInterimDecision(sim, meeting, task);
}
