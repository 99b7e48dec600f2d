import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Select, Space, Tag } from 'antd';
import type { AnalysisType } from '../../api/analytics';
import { useTrackLookup } from '../../api/hooks';
import type { Id } from '../../api/types';
import { MEETING_TYPES, useAnalysisText } from './analysisText';
import { addQuarters, recentQuarters } from './quarter';

export interface AnalysisQuery {
  quarter: string;
  type?: AnalysisType;
  trackId?: Id;
}

interface Props {
  query: AnalysisQuery;
  /** The newest quarter offered (the current one). */
  lastQuarter: string;
  /** The one track the caller works in (/me scope, a director's): shown, not chosen (the server answers for it alone). */
  ownTrack: string | null;
  onChange: (next: AnalysisQuery) => void;
}

/** Quarter (with previous / next), meeting type and track. */
export function AnalysisToolbar({ query, lastQuarter, ownTrack, onChange }: Props) {
  const text = useAnalysisText();
  const { t } = text;
  const tracks = useTrackLookup(ownTrack === null).data ?? [];
  const quarters = recentQuarters(lastQuarter, 12);
  if (!quarters.includes(query.quarter)) quarters.push(query.quarter);
  const set = (patch: Partial<AnalysisQuery>) => onChange({ ...query, ...patch });
  return (
    <Flex wrap gap={8} align="center" data-testid="analysis-toolbar">
      <Space.Compact>
        <Button
          icon={<LeftOutlined />}
          aria-label={t('analysis.prevQuarter')}
          onClick={() => set({ quarter: addQuarters(query.quarter, -1) })}
          data-testid="analysis-prev"
        />
        <Select
          value={query.quarter}
          onChange={(quarter) => set({ quarter })}
          options={quarters.map((q) => ({ value: q, label: text.quarter(q) }))}
          style={{ width: 150 }}
          aria-label={t('analysis.quarter')}
          data-testid="analysis-quarter"
        />
        <Button
          icon={<RightOutlined />}
          aria-label={t('analysis.nextQuarter')}
          disabled={query.quarter >= lastQuarter}
          onClick={() => set({ quarter: addQuarters(query.quarter, 1) })}
          data-testid="analysis-next"
        />
      </Space.Compact>
      <Segmented<AnalysisType | 'all'>
        value={query.type ?? 'all'}
        onChange={(value) => set({ type: value === 'all' ? undefined : value })}
        options={[
          { value: 'all', label: t('analysis.type.all') },
          ...MEETING_TYPES.map((value) => ({ value, label: t(`analysis.type.${value}`) })),
        ]}
        aria-label={t('analysis.type')}
        data-testid="analysis-type"
      />
      {ownTrack !== null ? (
        <Tag style={{ marginInlineEnd: 0 }} data-testid="analysis-own-track">
          {t('analysis.track.own', { name: ownTrack })}
        </Tag>
      ) : (
        <Select<Id | 'all'>
          value={query.trackId ?? 'all'}
          onChange={(value) => set({ trackId: value === 'all' ? undefined : value })}
          options={[
            { value: 'all' as const, label: t('analysis.track.all') },
            ...tracks.map((track) => ({ value: track.id, label: track.name })),
          ]}
          style={{ minWidth: 150 }}
          aria-label={t('analysis.track')}
          data-testid="analysis-track"
        />
      )}
    </Flex>
  );
}
