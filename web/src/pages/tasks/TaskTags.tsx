import { Flex, Space, Tag, Tooltip, Typography } from 'antd';
import type { TaskDto } from '../../api/tasks';
import { useLang, useT } from '../../i18n';
import { shortInstant } from '../../lib/meetingTime';
import { serverNow } from '../../lib/serverClock';
import { dueIn } from './taskRules';

/** Overdue and escalated read red everywhere (SPEC §4.2, §4.4). */
export const RED = '#dc2626';

type Tagged = Pick<TaskDto, 'status' | 'overdue' | 'escalated' | 'lateEntry' | 'confirmedAt'>;

/** 待完成 / 已完成 / 已关闭, then 逾期, 已升级 (solid red), 补录 and 已确认 where they apply. */
export function TaskTags({ task }: { task: Tagged }) {
  const t = useT();
  const statusColor = { pending: 'processing', completed: 'success', closed: 'default' }[task.status];
  return (
    <Space size={4} wrap>
      <Tag color={statusColor} data-testid="task-status" data-status={task.status}>
        {t(`task.status.${task.status}`)}
      </Tag>
      {task.overdue && (
        <Tag color="red" data-testid="overdue-tag">
          {t('task.tag.overdue')}
        </Tag>
      )}
      {task.escalated && (
        <Tag color="red" variant="solid" data-testid="escalated-tag">
          {t('task.tag.escalated')}
        </Tag>
      )}
      {task.lateEntry && (
        <Tooltip title={t('task.tag.late.hint')}>
          <Tag color="orange">{t('task.tag.late')}</Tag>
        </Tooltip>
      )}
      {task.confirmedAt && <Tag color="green">{t('task.tag.confirmed')}</Tag>}
    </Space>
  );
}

/** The deadline, red and bold when overdue, with the time left (or past) while the task is pending. */
export function Deadline({
  task,
  inline,
}: {
  task: Pick<TaskDto, 'deadline' | 'overdue' | 'status'>;
  inline?: boolean;
}) {
  const t = useT();
  const { lang } = useLang();
  const due = dueIn(task.deadline, serverNow());
  const key = due.overdue
    ? due.unit === 'days'
      ? 'tasks.due.overdueDays'
      : 'tasks.due.overdueHours'
    : due.unit === 'days'
      ? 'tasks.due.leftDays'
      : 'tasks.due.leftHours';
  return (
    <Flex vertical={!inline} gap={inline ? 8 : 0} wrap style={{ whiteSpace: 'nowrap' }}>
      <span
        data-testid="task-deadline"
        style={{ color: task.overdue ? RED : undefined, fontWeight: task.overdue ? 600 : undefined }}
      >
        {shortInstant(task.deadline, lang)}
      </span>
      {task.status === 'pending' && (
        <Typography.Text style={{ fontSize: 12, color: task.overdue ? RED : undefined }} type="secondary">
          {t(key, { n: due.n })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** "延期 1 · 改派 2" in amber when a task was moved around; nothing when it never was. */
export function MoveCounts({ task }: { task: Pick<TaskDto, 'extensions' | 'reassignments'> }) {
  const t = useT();
  if (task.extensions === 0 && task.reassignments === 0) return null;
  return (
    <Typography.Text type="warning" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="task-counts">
      {t('tasks.counts', { e: task.extensions, r: task.reassignments })}
    </Typography.Text>
  );
}
