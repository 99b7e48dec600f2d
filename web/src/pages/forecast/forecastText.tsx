import { Tag } from 'antd';
import type { OpportunityDto, Stage } from '../../api/forecast';

/** One colour a stage, the same on every forecast page: later stages warmer, lost grey. */
export const STAGE_COLORS: Record<Stage, string> = {
  lead: 'default',
  L: 'blue',
  M: 'geekblue',
  H: 'orange',
  won: 'green',
  lost: 'default',
};

export const RED = '#dc2626';

export function StageTag({ stage, label }: { stage: Stage; label: string }) {
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid="stage-tag" data-stage={stage} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}

/** The version that leads the numbers: the quote (precision) for commodity, the rolling one otherwise. */
export const leadingVersion = (o: Pick<OpportunityDto, 'businessLine' | 'rolling' | 'precision'>) =>
  o.businessLine === 'commodity' ? o.precision : o.rolling;

const STAGE_ORDER: Record<Stage, number> = { H: 0, M: 1, L: 2, lead: 3, won: 4, lost: 5 };

/** Open work first (the later the stage, the nearer the order), then won, then lost; each by order month. */
export const byWork = (a: OpportunityDto, b: OpportunityDto) =>
  STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] ||
  (leadingVersion(a)?.orderMonth ?? '9999').localeCompare(leadingVersion(b)?.orderMonth ?? '9999') ||
  a.code.localeCompare(b.code);
