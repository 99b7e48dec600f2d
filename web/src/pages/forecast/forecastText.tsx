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
