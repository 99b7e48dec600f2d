import { RightOutlined } from '@ant-design/icons';
import { Flex, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import type { TaskDto } from '../../api/tasks';
import { ListEmpty, ListError } from '../../components/ListStates';
import type { PagedList } from '../../components/PagedTable';
import { useT } from '../../i18n';
import { useBoardText } from '../board/boardText';
import { Deadline, MoveCounts, RED, TaskTags } from './TaskTags';
import { useNames } from './useNames';

/**
 * The phone list: one card a task, the whole card a link (a thumb's first tap); overdue and escalated
 * cards carry a red edge and a red deadline.
 */
export function TaskCards({ list, rows, emptyText }: { list: PagedList<TaskDto>; rows: TaskDto[]; emptyText: string }) {
  const t = useT();
  const text = useBoardText();
  const names = useNames();
  if (list.isError) return <ListError error={list.error} onRetry={() => list.refetch()} />;
  if (list.isPending) return <Skeleton active />;
  if (rows.length === 0) return <ListEmpty text={emptyText} />;
  return (
    <Flex vertical gap={10} data-testid="task-cards">
      {rows.map((task) => {
        const alarm = task.overdue || (task.escalated && task.status === 'pending');
        return (
          <Link
            key={task.id}
            to={`/tasks/${task.id}`}
            data-testid={`task-card-${task.id}`}
            style={{
              display: 'block',
              color: 'inherit',
              border: '1px solid #e5e7eb',
              borderInlineStart: `4px solid ${alarm ? RED : '#e5e7eb'}`,
              borderRadius: 8,
              padding: '10px 12px',
              background: alarm ? '#fef2f2' : '#fff',
            }}
          >
            <Flex justify="space-between" align="center" gap={8}>
              <Flex vertical gap={4} style={{ minWidth: 0 }}>
                <Typography.Text strong style={{ color: alarm ? RED : undefined }}>
                  #{task.id} {task.description}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`task.type.${task.meetingType}`)} · {text.dimNo(task.dimension)} ·{' '}
                  {names.subject(task.subjectType, task.subjectId)}
                </Typography.Text>
                <Flex wrap gap={8} align="center">
                  <Deadline task={task} inline />
                  <MoveCounts task={task} />
                </Flex>
                <TaskTags task={task} />
              </Flex>
              <RightOutlined style={{ color: '#94a3b8', flex: 'none' }} />
            </Flex>
          </Link>
        );
      })}
    </Flex>
  );
}
