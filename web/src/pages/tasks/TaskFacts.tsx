import { Descriptions, type DescriptionsProps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useMeeting } from '../../api/meetings';
import type { TaskDetailDto } from '../../api/tasks';
import type { Id } from '../../api/types';
import { useLang, useT } from '../../i18n';
import { shortInstant } from '../../lib/meetingTime';
import { useBoardText } from '../board/boardText';
import { useMeetingName } from '../meetings/MeetingTitle';
import { Deadline, RED } from './TaskTags';
import type { Names } from './useNames';

/** "赛道周会 3月2日 09:00" linking to the meeting page. */
function MeetingLink({ id }: { id: Id }) {
  const { lang } = useLang();
  const meeting = useMeeting(id);
  const name = useMeetingName();
  if (!meeting.data) return <Link to={`/meetings/${id}`}>#{id}</Link>;
  return (
    <Link to={`/meetings/${id}`}>
      {name(meeting.data)} · {shortInstant(meeting.data.startsAt, lang)}
    </Link>
  );
}

/** The redispatched weekly task names the supervision task that replaced it, in its history. */
const redispatchedAs = (task: TaskDetailDto): number | null => {
  const event = task.history.find((e) => e.action === 'redispatched');
  const after = event?.after as { redispatchedAs?: number } | null | undefined;
  return after?.redispatchedAs ?? null;
};

/** The task's fields: where it came from (meeting, dimension, subject), who owns it by when, and its fate. */
export function TaskFacts({ task, names, compact }: { task: TaskDetailDto; names: Names; compact: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const text = useBoardText();
  const at = (iso: string | null) => shortInstant(iso, lang);
  const items: DescriptionsProps['items'] = [];
  const add = (key: string, label: string, children: ReactNode, span?: number) =>
    items.push({ key, label, children, ...(span ? { span } : {}) });

  add('owner', t('task.owner'), <span data-testid="task-owner">{names.user(task.ownerId)}</span>);
  add('deadline', t('task.deadline'), <Deadline task={task} inline />);
  add('meeting', t('task.meeting'), <MeetingLink id={task.meetingId} />);
  add('dimension', t('task.dimension'), `${text.dimNo(task.dimension)} · ${text.dimName(task.dimension)}`);
  add('subject', t('task.subject'), names.subject(task.subjectType, task.subjectId));
  add('period', t('task.period'), text.month(task.month));
  add('track', t('task.track'), names.track(task.trackId));
  add(
    'counts',
    t('task.counts'),
    <Typography.Text type={task.extensions + task.reassignments > 0 ? 'warning' : undefined}>
      {task.extensions} / {task.reassignments}
    </Typography.Text>,
  );
  add(
    'created',
    t('task.createdBy'),
    `${names.user(task.createdBy)}${task.onBehalfOfId ? `（${t('task.onBehalf')}）` : ''} · ${at(task.createdAt)}`,
  );
  if (task.escalatedAt) {
    add('escalatedAt', t('task.escalatedAt'), <span style={{ color: RED }}>{at(task.escalatedAt)}</span>);
    if (task.escalatedToMeetingId)
      add('escalatedTo', t('task.escalatedTo'), <MeetingLink id={task.escalatedToMeetingId} />);
  }
  if (task.completedAt) add('completed', t('task.completed'), at(task.completedAt));
  if (task.confirmedAt) add('confirmed', t('task.confirmedAt'), at(task.confirmedAt));
  if (task.closedAt) add('closed', t('task.closed'), at(task.closedAt));
  if (task.completionNote && task.status !== 'pending')
    add('note', t('task.completionNote'), <span data-testid="task-note">{task.completionNote}</span>, 2);
  if (task.closeReason && task.status === 'closed') add('closeReason', t('task.closeReason'), task.closeReason, 2);
  if (task.originTaskId)
    add(
      'origin',
      t('task.field.originTaskId'),
      <Link to={`/tasks/${task.originTaskId}`}>{t('task.origin', { id: task.originTaskId })}</Link>,
      2,
    );
  const successor = redispatchedAs(task);
  if (successor)
    add(
      'successor',
      t('task.field.redispatchedAs'),
      <Link to={`/tasks/${successor}`}>{t('task.redispatchedAs', { id: successor })}</Link>,
      2,
    );
  return <Descriptions size="small" column={compact ? 1 : 2} items={items} data-testid="task-facts" />;
}

/** Before a weekly task escalates: when it will, unless completed by then (SPEC §4.4). */
export function EscalationHint({ task }: { task: TaskDetailDto }) {
  const t = useT();
  const { lang } = useLang();
  if (task.meetingType !== 'weekly' || task.status !== 'pending' || task.escalatedAt || !task.escalationDueAt)
    return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('task.escalation.hint', { at: shortInstant(task.escalationDueAt, lang) })}
    </Typography.Text>
  );
}
