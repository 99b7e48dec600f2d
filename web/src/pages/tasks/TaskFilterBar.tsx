import { Button, Flex, Segmented, Select } from 'antd';
import { MEETING_TYPES, type MeetingType, TASK_STATUSES, type TaskFilters, type TaskStatus } from '../../api/tasks';
import type { Id } from '../../api/types';
import { FILTER_STYLE } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { useIsMobile } from '../../lib/useIsMobile';
import { useNames } from './useNames';

/** The list's filters; the status defaults to pending (an inbox of what is still to do). */
export interface TaskQuery {
  filters: Omit<TaskFilters, 'ownerId'>;
}

const bool = (value: string | null) => (value === 'true' ? true : value === 'false' ? false : undefined);
const oneOf = <T extends string>(values: readonly T[], value: string | null) =>
  values.find((v) => v === value) as T | undefined;

export function readQuery(params: URLSearchParams): TaskQuery {
  const status = params.get('status');
  const trackId = Number(params.get('trackId'));
  return {
    filters: {
      status: status === 'any' ? undefined : (oneOf(TASK_STATUSES, status) ?? 'pending'),
      type: oneOf(MEETING_TYPES, params.get('type')),
      escalated: bool(params.get('escalated')),
      overdue: bool(params.get('overdue')),
      trackId: Number.isInteger(trackId) && trackId > 0 ? trackId : undefined,
    },
  };
}

export function writeQuery({ filters }: TaskQuery, tab: string): Record<string, string> {
  const out: Record<string, string> = { tab };
  if (filters.status !== 'pending') out.status = filters.status ?? 'any';
  if (filters.type) out.type = filters.type;
  if (filters.escalated !== undefined) out.escalated = String(filters.escalated);
  if (filters.overdue !== undefined) out.overdue = String(filters.overdue);
  if (filters.trackId) out.trackId = String(filters.trackId);
  return out;
}

type YesNo = 'true' | 'false';
const yesNo = (value: boolean | undefined): YesNo | undefined =>
  value === undefined ? undefined : value ? 'true' : 'false';

export function TaskFilterBar({
  query,
  onChange,
  showTrack,
}: {
  query: TaskQuery;
  onChange: (next: TaskQuery) => void;
  showTrack: boolean;
}) {
  const t = useT();
  const names = useNames();
  const f = query.filters;
  // two selects a row on a phone, where the full-width default would stack four of them
  const style = useIsMobile() ? { flex: '1 1 140px' } : FILTER_STYLE;
  const set = (patch: Partial<TaskQuery['filters']>) => onChange({ filters: { ...f, ...patch } });
  const filtered =
    f.type || f.escalated !== undefined || f.overdue !== undefined || f.trackId || f.status !== 'pending';
  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid="task-filters">
      <Segmented<TaskStatus | 'any'>
        value={f.status ?? 'any'}
        onChange={(value) => set({ status: value === 'any' ? undefined : value })}
        options={[
          ...TASK_STATUSES.map((value) => ({ value, label: t(`task.status.${value}`) })),
          { value: 'any' as const, label: t('tasks.filter.all') },
        ]}
        data-testid="task-status-filter"
      />
      <Select<MeetingType>
        allowClear
        placeholder={t('tasks.filter.type')}
        value={f.type}
        style={style}
        options={MEETING_TYPES.map((value) => ({ value, label: t(`task.type.${value}`) }))}
        onChange={(type) => set({ type })}
      />
      <Select<YesNo>
        allowClear
        placeholder={t('tasks.filter.escalated')}
        value={yesNo(f.escalated)}
        style={style}
        options={[
          { value: 'true', label: t('tasks.filter.escalated.yes') },
          { value: 'false', label: t('tasks.filter.escalated.no') },
        ]}
        onChange={(value) => set({ escalated: value === undefined ? undefined : value === 'true' })}
        data-testid="task-escalated-filter"
      />
      <Select<YesNo>
        allowClear
        placeholder={t('tasks.filter.overdue')}
        value={yesNo(f.overdue)}
        style={style}
        options={[
          { value: 'true', label: t('tasks.filter.overdue.yes') },
          { value: 'false', label: t('tasks.filter.overdue.no') },
        ]}
        onChange={(value) => set({ overdue: value === undefined ? undefined : value === 'true' })}
      />
      {showTrack && (
        <Select<Id>
          allowClear
          placeholder={t('tasks.filter.track')}
          value={f.trackId}
          style={style}
          options={names.tracks.map((track) => ({ value: track.id, label: track.name }))}
          onChange={(trackId) => set({ trackId })}
        />
      )}
      {filtered && (
        <Button type="link" onClick={() => onChange({ filters: { status: 'pending' } })}>
          {t('tasks.filter.reset')}
        </Button>
      )}
    </Flex>
  );
}
