import { Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { TaskEventDto } from '../../api/tasks';
import { ListEmpty } from '../../components/ListStates';
import { hasMessage, type Lang, type Translate, useLang, useT } from '../../i18n';
import { shortInstant } from '../../lib/meetingTime';
import type { Names } from './useNames';

const INSTANTS = new Set(['deadline', 'completedAt', 'confirmedAt', 'escalatedAt', 'escalation']);
const TASK_IDS = new Set(['originTaskId', 'redispatchedAs']);
/** Ids of meetings are shown as links elsewhere; in the timeline they would only be noise. */
const HIDDEN = new Set(['meetingId', 'escalatedToMeetingId']);

const COLORS: Record<string, string> = {
  created: 'green',
  completed: 'green',
  confirmed: 'green',
  escalated: 'red',
  closed: 'gray',
  redispatched: 'red',
  reopened: 'orange',
  extended: 'orange',
  reassigned: 'orange',
};

function show(field: string, value: unknown, t: Translate, lang: Lang, names: Names): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (INSTANTS.has(field)) return shortInstant(String(value), lang);
  if (field === 'ownerId') return names.user(Number(value));
  if (TASK_IDS.has(field)) return `#${value}`;
  if (field === 'status') {
    const key = `task.status.${String(value)}`;
    return hasMessage(key) ? t(key) : String(value);
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** "完成时限: 3月9日 09:00 → 3月12日 09:00" for every field the event changed. */
function changes(event: TaskEventDto, t: Translate, lang: Lang, names: Names): ReactNode[] {
  const before = (event.before ?? {}) as Record<string, unknown>;
  const after = (event.after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !HIDDEN.has(f));
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => {
      const key = `task.field.${field}`;
      const had = field in before;
      return (
        <div key={field}>
          <Typography.Text type="secondary">{hasMessage(key) ? t(key) : field}: </Typography.Text>
          {had && <Typography.Text delete>{show(field, before[field], t, lang, names)}</Typography.Text>}
          {had && ' → '}
          <Typography.Text strong>{show(field, after[field], t, lang, names)}</Typography.Text>
        </div>
      );
    });
}

/** The task's history, oldest first: who, when (and 代CEO), what changed from what to what, and why. */
export function TaskTimeline({ events, names }: { events: TaskEventDto[]; names: Names }) {
  const t = useT();
  const { lang } = useLang();
  if (events.length === 0) return <ListEmpty text={t('task.history.empty')} />;
  return (
    <Timeline
      data-testid="task-history"
      items={events.map((event, i) => {
        const key = `task.history.action.${event.action}`;
        const actor = event.actorName ?? (event.actorId ? names.user(event.actorId) : t('task.history.system'));
        return {
          key: i,
          color: COLORS[event.action] ?? 'blue',
          content: (
            <div data-testid={`history-${event.action}`}>
              <div style={{ marginBottom: 4 }}>
                <Tag color={COLORS[event.action]}>{hasMessage(key) ? t(key) : event.action}</Tag>
                <Typography.Text type="secondary">
                  {actor}
                  {event.onBehalfOfId ? `（${t('task.onBehalf')}）` : ''} · {shortInstant(event.at, lang)}
                </Typography.Text>
              </div>
              {changes(event, t, lang, names)}
              {event.reason && (
                <Typography.Text>
                  <Typography.Text type="secondary">{t('task.history.reason')}: </Typography.Text>
                  {event.reason}
                </Typography.Text>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
