import { useQuery } from '@tanstack/react-query';
import { Space, Table, type TableColumnsType, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useUserLookup } from '../../api/hooks';
import type { Id, Page } from '../../api/types';
import { ListEmpty, ListError } from '../../components/ListStates';
import { type MessageKey, useLang, useT } from '../../i18n';
import { shortInstant } from '../../lib/meetingTime';
import { useBoardText } from '../board/boardText';

interface RaisedTask {
  id: Id;
  dimension: number;
  description: string;
  ownerId: Id;
  deadline: string;
  status: string;
  overdue: boolean;
  escalated: boolean;
  lateEntry: boolean;
}

/** 本次会议任务: what has been entered in this meeting so far, refreshed as tasks are raised. */
export function RaisedTasks({ meetingId }: { meetingId: Id }) {
  const t = useT();
  const { lang } = useLang();
  const text = useBoardText();
  const users = new Map((useUserLookup({}).data ?? []).map((u) => [u.id, u.name]));
  const list = useQuery({
    queryKey: ['meeting-tasks', meetingId],
    queryFn: () => api<Page<RaisedTask>>('/tasks', { query: { meetingId, limit: 500 } }),
    select: (page) => page.items,
  });
  if (list.isError) return <ListError error={list.error} onRetry={() => list.refetch()} />;
  const columns: TableColumnsType<RaisedTask> = [
    {
      title: t('meeting.col.task'),
      key: 'task',
      render: (_, task) => (
        <Link to={`/tasks/${task.id}`}>
          <b>#{task.id}</b> {task.description}
        </Link>
      ),
    },
    { title: t('meeting.col.dimension'), key: 'dim', render: (_, task) => text.dimNo(task.dimension) },
    { title: t('meeting.col.owner'), key: 'owner', render: (_, task) => users.get(task.ownerId) ?? task.ownerId },
    {
      title: t('meeting.col.deadline'),
      key: 'deadline',
      render: (_, task) => (
        <span style={{ color: task.overdue ? '#dc2626' : undefined }}>{shortInstant(task.deadline, lang)}</span>
      ),
    },
    {
      title: t('meetings.status'),
      key: 'status',
      render: (_, task) => (
        <Space size={4}>
          <Tag>{t(`meeting.status.${task.status}` as MessageKey)}</Tag>
          {task.overdue && <Tag color="red">{t('meeting.overdueTag')}</Tag>}
          {task.escalated && <Tag color="#dc2626">{t('meeting.escalatedTag')}</Tag>}
          {task.lateEntry && <Tag color="orange">{t('meeting.lateTag')}</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <Table<RaisedTask>
      data-testid="raised-tasks"
      rowKey="id"
      size="small"
      loading={list.isLoading}
      columns={columns}
      dataSource={list.data ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <ListEmpty text={t('meeting.raised.empty')} /> }}
    />
  );
}
