import { addProgress, createProject, patchProject } from '../projects/changes.js';
import type { CreateProject, PatchProject } from '../projects/contract.js';
import { DEMO_PROJECTS, type DemoProject } from './demo-projects.js';
import { after, DAY, HISTORY_DAYS, HOUR, type Sim } from './simulation.js';

/**
 * Schedules the demo's improvement projects on the timeline: created by the CEO or the track's
 * director, moved through their PDCA phases, with a progress log written by their owners.
 */
export function scheduleProjects(sim: Sim, from: Date, days: number): void {
  // Working hours (mid-morning in China) from the first day of the history; a shorter history
  // (tests) squeezes the same story into its days.
  const morning = new Date(Math.floor(from.getTime() / DAY) * DAY + 2 * HOUR);
  const scale = days / HISTORY_DAYS;
  const dayAt = (day: number, hours = 0) => after(morning, Math.floor(day * scale) * DAY + hours * HOUR);
  for (const spec of DEMO_PROJECTS) scheduleOne(sim, spec, dayAt);
}

function scheduleOne(sim: Sim, spec: DemoProject, dayAt: (day: number, hours?: number) => Date): void {
  const track = spec.trackCode ? sim.people.tracks.find((t) => t.code === spec.trackCode) : null;
  const owner = sim.people.byUsername.get(spec.owner);
  if (track === undefined || !owner) return;
  const manager = spec.createdBy === 'ceo' || !track ? sim.people.ceo : track.director;
  const ctx = (actor: typeof owner, now: Date) => ({ actor, now, timeZone: sim.timeZone });
  let project: Sim['projects'][number] | null = null;
  sim.timeline.at(dayAt(spec.createdDay), async (now) => {
    const row = await createProject(
      sim.db,
      // The contract's unions built with .map() type as never; the values are the contract's own.
      {
        type: spec.type,
        title: spec.title,
        trackId: track?.id ?? null,
        ownerId: owner.id,
        description: spec.description,
      } as CreateProject,
      ctx(manager, now),
    );
    project = { spec, id: row.id, trackId: row.trackId, phase: row.phase };
    sim.projects.push(project);
  });
  for (const { day, phase } of spec.phases)
    sim.timeline.at(dayAt(day, 1), async (now) => {
      if (!project) return;
      await patchProject(sim.db, project.id, { phase } as unknown as PatchProject, ctx(manager, now));
      project.phase = phase;
    });
  for (const { day, text } of spec.progress)
    sim.timeline.at(dayAt(day, 6), async (now) => {
      if (project) await addProgress(sim.db, project.id, { text }, ctx(owner, now));
    });
}
