import { Flex, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import type { TaskDto } from '../../api/tasks';
import { ListEmpty, ListError } from '../../components/ListStates';
import type { PagedList } from '../../components/PagedTable';
import { useT } from '../../i18n';
import { useBoardText } from '../board/boardText';
import { Deadline, MoveCounts, RED, TaskTags } from './TaskTags';
import { useNames } from './useNames';

interface Props {
  list: PagedList<TaskDto>;
  rows: TaskDto[];
  emptyText: string;
  showTrack: boolean;
}

const alarming = (task: TaskDto) => task.overdue || (task.escalated && task.status === 'pending');

/** The desktop list: one row a task, overdue and escalated rows tinted red. */
export function TaskTable({ list, rows, emptyText, showTrack }: Props) {
  const t = useT();
  const text = useBoardText();
  const names = useNames();
  if (list.isError) return <ListError error={list.error} onRetry={() => list.refetch()} />;
  const columns: TableColumnsType<TaskDto> = [
    {
      title: t('tasks.col.task'),
      key: 'task',
      render: (_, task) => (
        <Flex vertical gap={2} style={{ minWidth: 280, maxWidth: 560 }}>
          <Link
            to={`/tasks/${task.id}`}
            style={{ color: alarming(task) ? RED : undefined }}
            data-testid={`task-link-${task.id}`}
          >
            <b>#{task.id}</b> {task.description}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {text.dimNo(task.dimension)} · {names.subject(task.subjectType, task.subjectId)} · {text.month(task.month)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('tasks.col.type'),
      key: 'type',
      render: (_, task) => <span style={{ whiteSpace: 'nowrap' }}>{t(`task.type.${task.meetingType}`)}</span>,
    },
    ...(showTrack
      ? [
          {
            title: t('tasks.col.track'),
            key: 'track',
            render: (_: unknown, task: TaskDto) => names.track(task.trackId),
          },
        ]
      : []),
    {
      title: t('tasks.col.owner'),
      key: 'owner',
      render: (_, task) => <span style={{ whiteSpace: 'nowrap' }}>{names.user(task.ownerId)}</span>,
    },
    {
      title: t('tasks.col.deadline'),
      key: 'deadline',
      sorter: (a, b) => Date.parse(a.deadline) - Date.parse(b.deadline),
      render: (_, task) => (
        <Flex vertical>
          <Deadline task={task} />
          <MoveCounts task={task} />
        </Flex>
      ),
    },
    { title: t('tasks.col.status'), key: 'status', render: (_, task) => <TaskTags task={task} /> },
  ];
  return (
    <Table<TaskDto>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={list.isPending}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(task) => (alarming(task) ? 'row-alarm' : '')}
      onRow={(task) => ({ 'data-testid': `task-row-${task.id}` }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: list.isPending ? ' ' : <ListEmpty text={emptyText} /> }}
      data-testid="tasks-table"
    />
  );
}
