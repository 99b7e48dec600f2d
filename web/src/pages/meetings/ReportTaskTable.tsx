import { Flex, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import type { LiveTask, ReportTask } from '../../api/meetings';
import { ListEmpty } from '../../components/ListStates';
import { type MessageKey, useLang, useT } from '../../i18n';
import { shortInstant } from '../../lib/meetingTime';
import { useBoardText } from '../board/boardText';
import { TaskTags } from '../tasks/TaskTags';

const RED = '#dc2626';

interface Props {
  tasks: ReportTask[];
  live: Record<string, LiveTask>;
  /** The D1 decisions of a row, for the chair; absent for readers. */
  actions?: (task: ReportTask, live: LiveTask | undefined) => React.ReactNode;
  testId: string;
}

/**
 * The tasks of an opening report: the snapshot beside each task's live status; overdue and escalated in
 * red with 已升级; extensions and reassignments; the linked project's phase and latest progress (C3).
 */
export function ReportTaskTable({ tasks, live, actions, testId }: Props) {
  const t = useT();
  const { lang } = useLang();
  const text = useBoardText();
  const columns: TableColumnsType<ReportTask> = [
    {
      title: t('meeting.col.task'),
      key: 'task',
      render: (_, task) => (
        <Flex vertical gap={2} style={{ minWidth: 240, maxWidth: 440 }}>
          <Link to={`/tasks/${task.id}`} style={{ color: task.overdue || task.escalated ? RED : undefined }}>
            <b>#{task.id}</b> {task.description}
          </Link>
          {task.description !== task.background && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {task.background}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {text.dimNo(task.dimension)} · {task.subjectName} · {task.month}
            {task.lateEntry && ` · ${t('meeting.lateTag')}`}
          </Typography.Text>
          {task.project && (
            <Typography.Text style={{ fontSize: 12 }}>
              {t('meeting.col.project')}：{task.project.title}（{t(`meeting.phase.${task.project.phase}` as MessageKey)}
              ）
              {task.project.latestProgress &&
                ` — ${task.project.latestProgress.date} ${task.project.latestProgress.text}`}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('meeting.col.owner'),
      dataIndex: 'ownerName',
      render: (v) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    {
      title: t('meeting.col.deadline'),
      key: 'deadline',
      render: (_, task) => (
        <Flex vertical style={{ whiteSpace: 'nowrap' }}>
          <span style={{ color: task.overdue ? RED : undefined, fontWeight: task.overdue ? 600 : undefined }}>
            {shortInstant(task.deadline, lang)}
          </span>
          {(task.extensions > 0 || task.reassignments > 0) && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('meeting.col.counts', { e: task.extensions, r: task.reassignments })}
            </Typography.Text>
          )}
          {task.escalatedAt && (
            <Typography.Text style={{ fontSize: 12, color: RED }}>
              {t('meeting.col.escalatedAt')} {shortInstant(task.escalatedAt, lang)}
              {task.meetingsCarried ? ` · ${t('meeting.col.carried', { n: task.meetingsCarried })}` : ''}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('meeting.col.snapshot'),
      key: 'snapshot',
      render: (_, task) => <TaskTags task={task} />,
    },
    {
      title: t('meeting.col.live'),
      key: 'live',
      render: (_, task) => {
        const now = live[String(task.id)];
        return now ? <TaskTags task={now} /> : null;
      },
    },
    ...(actions
      ? [
          {
            title: t('meeting.col.actions'),
            key: 'actions',
            // wide enough for two rows of decision buttons; the table scrolls on a phone; not on paper
            width: 260,
            className: 'no-print',
            render: (_: unknown, task: ReportTask) => actions(task, live[String(task.id)]),
          },
        ]
      : []),
  ];
  return (
    <Table<ReportTask>
      data-testid={testId}
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={tasks}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <ListEmpty text={t('meeting.report.empty')} /> }}
      rowClassName={(task) => (task.overdue || task.escalated ? 'row-alarm' : '')}
    />
  );
}
