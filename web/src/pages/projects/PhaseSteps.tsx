import { Steps } from 'antd';
import { PROJECT_PHASES, type ProjectPhase } from '../../api/projects';
import { hasMessage, useT } from '../../i18n';

/** Plan → do → check → act → closed, the current phase highlighted; a closed project shows all done. */
export function PhaseSteps({ phase, size }: { phase: string; size?: 'small' }) {
  const t = useT();
  const current = Math.max(0, PROJECT_PHASES.indexOf(phase as ProjectPhase));
  const closed = phase === 'closed';
  return (
    <Steps
      size={size}
      type={size === 'small' ? 'dot' : 'default'}
      current={current}
      status={closed ? 'finish' : 'process'}
      responsive={false}
      items={PROJECT_PHASES.map((p) => {
        const key = `project.phase.${p}`;
        return { key: p, title: hasMessage(key) ? t(key) : p };
      })}
      data-testid="phase-steps"
      data-phase={phase}
    />
  );
}
