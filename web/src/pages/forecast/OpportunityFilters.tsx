import { Button, Flex, Input, Select } from 'antd';
import { type OpportunityFilter, STAGES, type Stage } from '../../api/forecast';
import { useTrackLookup, useUserLookup } from '../../api/hooks';
import { BUSINESS_LINES, type BusinessLine } from '../../api/types';
import { FILTER_STYLE } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { useIsMobile } from '../../lib/useIsMobile';

const oneOf = <T extends string>(values: readonly T[], value: string | null) =>
  values.find((v) => v === value) as T | undefined;
const idOf = (value: string | null) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The filters live in the address (?trackId=&amId=&stage=&businessLine=&q=): a view is a bookmark. */
export function readFilter(params: URLSearchParams): OpportunityFilter {
  return {
    trackId: idOf(params.get('trackId')),
    amId: idOf(params.get('amId')),
    stage: oneOf(STAGES, params.get('stage')),
    businessLine: oneOf(BUSINESS_LINES, params.get('businessLine')),
    q: params.get('q')?.trim() || undefined,
  };
}

export function writeFilter(filter: OpportunityFilter): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]) => [key, String(value)]),
  );
}

export function OpportunityFilters({
  filter,
  onChange,
  showTrack,
  showAm,
}: {
  filter: OpportunityFilter;
  onChange: (next: OpportunityFilter) => void;
  /** The track picker: for those who see every track. */
  showTrack: boolean;
  /** The AM picker: for those who see more than their own opportunities. */
  showAm: boolean;
}) {
  const t = useT();
  const style = useIsMobile() ? { flex: '1 1 140px' } : FILTER_STYLE;
  const tracks = useTrackLookup(showTrack);
  const ams = useUserLookup({ role: 'am', trackId: filter.trackId }, showAm);
  const set = (patch: Partial<OpportunityFilter>) => onChange({ ...filter, ...patch });
  const filtered = Object.values(filter).some((value) => value !== undefined);
  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid="opp-filters">
      <Input.Search
        allowClear
        defaultValue={filter.q}
        placeholder={t('opps.filter.q')}
        style={{ flex: '1 1 220px', maxWidth: 320 }}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        data-testid="opp-filter-q"
      />
      {showTrack && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('opps.filter.track')}
          value={filter.trackId}
          style={style}
          options={(tracks.data ?? []).map((track) => ({ value: track.id, label: track.name }))}
          onChange={(trackId) => set({ trackId, amId: undefined })}
          data-testid="opp-filter-track"
        />
      )}
      {showAm && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('opps.filter.am')}
          value={filter.amId}
          style={style}
          options={(ams.data ?? []).map((user) => ({ value: user.id, label: user.name }))}
          onChange={(amId) => set({ amId })}
          data-testid="opp-filter-am"
        />
      )}
      <Select<Stage>
        allowClear
        placeholder={t('opps.filter.stage')}
        value={filter.stage}
        style={style}
        options={STAGES.map((value) => ({ value, label: t(`stage.${value}`) }))}
        onChange={(stage) => set({ stage })}
        data-testid="opp-filter-stage"
      />
      <Select<BusinessLine>
        allowClear
        placeholder={t('opps.filter.businessLine')}
        value={filter.businessLine}
        style={style}
        options={BUSINESS_LINES.map((value) => ({ value, label: t(`businessLine.${value}`) }))}
        onChange={(businessLine) => set({ businessLine })}
        data-testid="opp-filter-line"
      />
      {filtered && (
        <Button type="link" onClick={() => onChange({})} data-testid="opp-filter-reset">
          {t('opps.filter.reset')}
        </Button>
      )}
    </Flex>
  );
}
