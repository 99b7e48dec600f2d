import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { type TaskDto, type TaskFilters, type TaskStatus, useTaskList } from '../../api/tasks';
import { useMe } from '../../auth/session';
import { LoadMore } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { useIsMobile } from '../../lib/useIsMobile';
import { TaskCards } from './TaskCards';
import { readQuery, TaskFilterBar, type TaskQuery, writeQuery } from './TaskFilterBar';
import { TaskTable } from './TaskTable';
import { type TaskTab, tabsFor } from './taskRules';

const STATUS_ORDER: Record<TaskStatus, number> = { pending: 0, completed: 1, closed: 2 };

/** Pending first, soonest (or longest overdue) deadline first: what needs doing now is on top. */
const byUrgency = (a: TaskDto, b: TaskDto) =>
  STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || Date.parse(a.deadline) - Date.parse(b.deadline) || a.id - b.id;

/**
 * 我的任务 (owners) · 赛道任务 (directors) · 全部任务 (CEO, secretary, admin), with the SPEC §9 filters in
 * the address, so a filtered list can be bookmarked and shared.
 */
export default function TasksPage() {
  const t = useT();
  const isMobile = useIsMobile();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const tabs = me ? tabsFor(me.taskScope) : [];
  const tab = (tabs.find((x) => x === params.get('tab')) ?? tabs[0] ?? 'mine') as TaskTab;
  const query = readQuery(params);
  const scope: TaskFilters =
    tab === 'mine' ? { ownerId: me?.user.id } : tab === 'track' ? { trackId: me?.user.trackId ?? undefined } : {};
  const filters: TaskFilters = { ...query.filters, ...scope };
  const list = useTaskList(filters, !!me);
  const rows = [...list.items].sort(byUrgency);
  const setQuery = (next: TaskQuery) => setParams(writeQuery(next, tab), { replace: true });
  const emptyText = tab === 'mine' && query.filters.status === 'pending' ? t('tasks.empty.mine') : t('tasks.empty');
  const title = tabs.length === 1 ? t(`tasks.tab.${tab}`) : t('tasks.title');
  return (
    <div data-testid="tasks-page">
      <PageHeader title={title} />
      {tabs.length > 1 && (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(writeQuery(query, key as TaskTab), { replace: true })}
          items={tabs.map((key) => ({
            key,
            label: <span data-testid={`tasks-tab-${key}`}>{t(`tasks.tab.${key}`)}</span>,
          }))}
          style={{ marginBottom: 4 }}
        />
      )}
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <TaskFilterBar query={query} onChange={setQuery} showTrack={tab === 'all'} />
        {isMobile ? (
          <TaskCards list={list} rows={rows} emptyText={emptyText} />
        ) : (
          <TaskTable list={list} rows={rows} emptyText={emptyText} showTrack={tab !== 'mine'} />
        )}
        <LoadMore count={list.items.length} {...list} />
      </Card>
    </div>
  );
}
