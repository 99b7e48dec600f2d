import { Flex, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import { useUserLookup } from '../../api/hooks';
import type { LiveTask, ReportTask } from '../../api/meetings';
import { ListEmpty } from '../../components/ListStates';
import { type MessageKey, useLang, useT } from '../../i18n';
import { shortInstant } from '../../lib/meetingTime';
import { useIsMobile } from '../../lib/useIsMobile';
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

/** The task as it stands now where the report knows it, else as the report froze it. */
const nowOf = (task: ReportTask, live: Record<string, LiveTask>) => live[String(task.id)] ?? task;
// Red while the task is still open: a closed or completed task no longer alarms, escalated or not.
const alarming = (task: Pick<ReportTask, 'overdue' | 'escalated' | 'status'>) =>
  task.status === 'pending' && (task.overdue || task.escalated);

/** Problem, background, dimension · subject · month, late entry, and the linked project's phase and progress. */
function TaskCell({ task, now }: { task: ReportTask; now: Pick<ReportTask, 'overdue' | 'escalated' | 'status'> }) {
  const t = useT();
  const text = useBoardText();
  return (
    <Flex vertical gap={2} style={{ minWidth: 200, maxWidth: 400 }}>
      <Link to={`/tasks/${task.id}`} style={{ color: alarming(now) ? RED : undefined }}>
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
          {t('meeting.projectLine', {
            title: task.project.title,
            phase: t(`meeting.phase.${task.project.phase}` as MessageKey),
          })}
          {task.project.latestProgress && ` — ${task.project.latestProgress.date} ${task.project.latestProgress.text}`}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** What the report froze where a decision has since changed it: small, grey, struck through. */
function Was({ testId, children }: { testId: string; children: React.ReactNode }) {
  return (
    <Typography.Text type="secondary" delete style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid={testId}>
      {children}
    </Typography.Text>
  );
}

/**
 * The deadline as it stands now — after 延期 the new one, no longer red — with the one the report froze
 * beside it when a decision moved it; extensions, reassignments and the escalation history.
 */
function DeadlineCell({ task, now }: { task: ReportTask; now: ReportTask | LiveTask }) {
  const t = useT();
  const { lang } = useLang();
  const moved = now.deadline !== task.deadline;
  // The date stays on one line; the escalation line wraps, so the status beside it stays in view.
  return (
    <Flex vertical style={{ minWidth: 120, maxWidth: 220 }}>
      <span
        data-testid="report-deadline"
        data-overdue={now.overdue ? 'true' : 'false'}
        style={{
          whiteSpace: 'nowrap',
          color: now.overdue ? RED : undefined,
          fontWeight: now.overdue ? 600 : undefined,
        }}
      >
        {shortInstant(now.deadline, lang)}
      </span>
      {moved && (
        <Was testId="report-deadline-was">
          {t('meeting.col.wasDeadline', { at: shortInstant(task.deadline, lang) })}
        </Was>
      )}
      {(now.extensions > 0 || now.reassignments > 0) && (
        <Typography.Text type="warning" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('meeting.col.counts', { e: now.extensions, r: now.reassignments })}
        </Typography.Text>
      )}
      {task.escalatedAt && (
        <Typography.Text style={{ fontSize: 12, color: RED }}>
          {t('meeting.col.escalatedAt')} {shortInstant(task.escalatedAt, lang)}
          {task.meetingsCarried ? ` · ${t('meeting.col.carried', { n: task.meetingsCarried })}` : ''}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The owner now — after 改派 the new one — with the one the report froze, struck, when a decision moved it. */
function OwnerCell({ task, now, names }: { task: ReportTask; now: ReportTask | LiveTask; names: Map<number, string> }) {
  const t = useT();
  const moved = now.ownerId !== task.ownerId;
  return (
    <Flex vertical>
      <span style={{ whiteSpace: 'nowrap' }} data-testid="report-owner">
        {moved ? (names.get(now.ownerId) ?? `#${now.ownerId}`) : task.ownerName}
      </span>
      {moved && (
        <Was testId="report-owner-was">{t('meeting.col.wasOwner', { name: task.ownerName ?? `#${task.ownerId}` })}</Was>
      )}
    </Flex>
  );
}

/** One set of status tags — the task now — and, only when it has changed since, how the report saw it. */
function StatusCell({ task, now }: { task: ReportTask; now: ReportTask | LiveTask }) {
  const t = useT();
  const changed = now.status !== task.status;
  return (
    <Flex vertical gap={2} style={{ minWidth: 90, maxWidth: 150 }} data-testid="report-status">
      <TaskTags task={now} />
      {changed && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('meeting.col.wasStatus', { status: t(`task.status.${task.status}`) })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/**
 * The tasks of an opening report: each task as it stands now (status, deadline) with what the report
 * froze where it differs; overdue and escalated in red with 已升级; extensions and reassignments; the
 * linked project's phase and latest progress (C3). The chair's decisions stay in view: a column pinned
 * to the right on a desktop, under each task on a phone (issue 13, item 4).
 */
export function ReportTaskTable({ tasks, live, actions, testId }: Props) {
  const t = useT();
  const isMobile = useIsMobile();
  // Names of owners a decision moved a task to (the report froze only the owner it listed).
  const reassigned = tasks.some((task) => nowOf(task, live).ownerId !== task.ownerId);
  const names = new Map((useUserLookup({}, reassigned).data ?? []).map((u) => [u.id, u.name]));
  if (isMobile)
    return tasks.length === 0 ? (
      <div data-testid={testId}>
        <ListEmpty text={t('meeting.report.empty')} />
      </div>
    ) : (
      <Flex vertical data-testid={testId}>
        {tasks.map((task) => {
          const now = nowOf(task, live);
          return (
            <Flex
              key={task.id}
              vertical
              gap={6}
              data-row-key={task.id}
              className={alarming(now) ? 'report-card row-alarm' : 'report-card'}
              style={{
                padding: '10px 8px',
                borderBottom: '1px solid #f0f0f0',
                background: alarming(now) ? '#fef2f2' : undefined,
              }}
            >
              <TaskCell task={task} now={now} />
              <Flex wrap gap={12} align="flex-start">
                <OwnerCell task={task} now={now} names={names} />
                <DeadlineCell task={task} now={now} />
                <StatusCell task={task} now={now} />
              </Flex>
              {actions && <div className="no-print">{actions(task, live[String(task.id)])}</div>}
            </Flex>
          );
        })}
      </Flex>
    );
  const columns: TableColumnsType<ReportTask> = [
    {
      title: t('meeting.col.task'),
      key: 'task',
      render: (_, task) => <TaskCell task={task} now={nowOf(task, live)} />,
    },
    {
      title: t('meeting.col.owner'),
      key: 'owner',
      render: (_, task) => <OwnerCell task={task} now={nowOf(task, live)} names={names} />,
    },
    {
      title: t('meeting.col.deadline'),
      key: 'deadline',
      render: (_, task) => <DeadlineCell task={task} now={nowOf(task, live)} />,
    },
    {
      title: t('meeting.col.status'),
      key: 'status',
      render: (_, task) => <StatusCell task={task} now={nowOf(task, live)} />,
    },
    ...(actions
      ? [
          {
            title: t('meeting.col.actions'),
            key: 'actions',
            // Pinned right: the decisions stay in view however wide the rest (English, long problems).
            fixed: 'right' as const,
            width: 230,
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
      rowClassName={(task) => (alarming(nowOf(task, live)) ? 'row-alarm' : '')}
    />
  );
}
