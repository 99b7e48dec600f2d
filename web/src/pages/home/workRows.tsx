import type { AlertDto } from '../../api/alerts';
import type { TargetRequestDto } from '../../api/forecast';
import type { TaskDto } from '../../api/tasks';
import { type MessageKey, useLang, useT } from '../../i18n';
import { shortInstant } from '../../lib/meetingTime';
import { serverNow } from '../../lib/serverClock';
import { countdown, subjectOf } from '../alerts/alertText';
import { dueIn } from '../tasks/taskRules';
import type { Names } from '../tasks/useNames';
import { HomeRow, More, SHOWN } from './HomeCard';

/** Overdue first, then by deadline: what is late is what the reader should see first. */
export const byUrgency = <T,>(items: T[], late: (x: T) => boolean, due: (x: T) => string) =>
  [...items].sort((a, b) => Number(late(b)) - Number(late(a)) || due(a).localeCompare(due(b)));

function dueText(deadline: string, t: ReturnType<typeof useT>) {
  const due = dueIn(deadline, serverNow());
  const key: MessageKey = due.overdue
    ? due.unit === 'days'
      ? 'tasks.due.overdueDays'
      : 'tasks.due.overdueHours'
    : due.unit === 'days'
      ? 'tasks.due.leftDays'
      : 'tasks.due.leftHours';
  return t(key, { n: due.n });
}

/** Pending tasks, overdue first and red, each with its deadline and the time left or past. */
export function TaskRows({ tasks, names, showOwner }: { tasks: TaskDto[]; names?: Names; showOwner?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const sorted = byUrgency(
    tasks,
    (x) => x.overdue,
    (x) => x.deadline,
  );
  return (
    <>
      {sorted.slice(0, SHOWN).map((task) => (
        <HomeRow
          key={task.id}
          to={`/tasks/${task.id}`}
          testId={`home-task-${task.id}`}
          late={task.overdue}
          main={task.description}
          sub={[
            t(`task.type.${task.meetingType}`),
            showOwner && names ? names.user(task.ownerId) : null,
            shortInstant(task.deadline, lang),
          ]
            .filter(Boolean)
            .join(' · ')}
          side={dueText(task.deadline, t)}
        />
      ))}
      <More total={tasks.length} />
    </>
  );
}

/** Alerts with their SLA countdown; an overdue one red. */
export function AlertRows({ alerts, names, due = true }: { alerts: AlertDto[]; names?: Names; due?: boolean }) {
  const t = useT();
  const sorted = byUrgency(
    alerts,
    (x) => x.overdue,
    (x) => x.dueAt,
  );
  return (
    <>
      {sorted.slice(0, SHOWN).map((alert) => (
        <HomeRow
          key={alert.id}
          to={`/alerts/${alert.id}`}
          testId={`home-alert-${alert.id}`}
          late={due && alert.overdue}
          main={[t(`alerts.kind.${alert.kind}`), subjectOf(alert)].filter(Boolean).join(' · ')}
          sub={
            names
              ? [names.track(alert.trackId), names.user(alert.amId)]
                  .filter((x, i, all) => x && x !== subjectOf(alert) && all.indexOf(x) === i)
                  .join(' · ')
              : undefined
          }
          side={due && alert.status === 'open' ? countdown(alert.dueAt, t).text : undefined}
        />
      ))}
      <More total={alerts.length} />
    </>
  );
}

/** Target change requests: kind, track and who asked; overdue executions red. */
export function RequestRows({ requests, names }: { requests: TargetRequestDto[]; names: Names }) {
  const t = useT();
  const { lang } = useLang();
  const sorted = byUrgency(
    requests,
    (x) => x.overdue,
    (x) => x.executeDueAt ?? x.submittedAt,
  );
  return (
    <>
      {sorted.slice(0, SHOWN).map((request) => (
        <HomeRow
          key={request.id}
          to={`/forecast/requests?status=${request.status}`}
          testId={`home-request-${request.id}`}
          late={request.overdue}
          main={`${t(`requests.kind.${request.kind}`)} · ${names.track(request.trackId)} · ${request.reason}`}
          sub={`${names.user(request.submittedBy)} · ${shortInstant(request.submittedAt, lang)}`}
          side={
            request.executeDueAt && request.status === 'approved'
              ? t('home.execute.due', { at: shortInstant(request.executeDueAt, lang) })
              : undefined
          }
        />
      ))}
      <More total={requests.length} />
    </>
  );
}
