import type { ProjectPhase } from '../../api/projects';

export const PHASE_COLORS: Record<ProjectPhase, string> = {
  plan: 'blue',
  do: 'cyan',
  check: 'gold',
  act: 'purple',
  closed: 'default',
};
