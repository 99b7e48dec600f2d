import { Card, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { HistoryEventDto } from '../../api/forecast';
import { ListEmpty } from '../../components/ListStates';
import { hasMessage, type Lang, type Translate, useLang, useT } from '../../i18n';
import { formatInstant, formatMoney, formatMonth } from '../../lib/format';

const COLORS: Record<string, string> = {
  created: 'green',
  stage_changed: 'blue',
  reopened: 'orange',
  rolling_forecast: 'gray',
  precision_forecast: 'purple',
};

/** Ids the page already shows by name (customer, AM, track): in the timeline they would only be noise. */
const HIDDEN = new Set(['amId', 'trackId', 'customerId', 'id', 'version']);

function show(field: string, value: unknown, t: Translate, lang: Lang): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (field === 'stage' && hasMessage(`stage.${value}`)) return t(`stage.${value}` as never);
  if (field === 'orderMonth') return formatMonth(String(value), lang);
  if (field === 'amount' && typeof value === 'number') return formatMoney(value, lang);
  if (field === 'pushed') return value ? t('common.yes') : t('common.no');
  if (field === 'businessLine' && hasMessage(`businessLine.${value}`)) return t(`businessLine.${value}` as never);
  if (field === 'kind' && hasMessage(`kind.${value}`)) return t(`kind.${value}` as never);
  if ((field === 'shipments' || field === 'orders') && typeof value === 'object') {
    // a year of months would be a wall of numbers: how many months, their sum and the span
    const entries = Object.entries(value as Record<string, number>).sort(([a], [b]) => a.localeCompare(b));
    if (entries.length === 0) return t('common.none');
    const sum = entries.reduce((total, [, amount]) => total + amount, 0);
    const span = `${formatMonth(entries[0]![0], lang)}–${formatMonth(entries.at(-1)![0], lang)}`;
    return t('opp.monthsSummary', { n: entries.length, sum: formatMoney(sum, lang), span });
  }
  if ((field === 'rolling' || field === 'precision') && typeof value === 'object') {
    // a version given at creation: its order month, amount and shipment plan, each read as above
    const v = value as Record<string, unknown>;
    return ['orderMonth', 'amount', 'shipments']
      .filter((key) => v[key] !== undefined && v[key] !== null)
      .map((key) => show(key, v[key], t, lang))
      .join(' · ');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function changes(event: HistoryEventDto, t: Translate, lang: Lang): ReactNode[] {
  const before = (event.before ?? {}) as Record<string, unknown>;
  const after = (event.after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !HIDDEN.has(f));
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => {
      const key = `opp.field.${field}`;
      const had = field in before;
      return (
        <div key={field}>
          <Typography.Text type="secondary">{hasMessage(key) ? t(key) : field}: </Typography.Text>
          {had && <Typography.Text delete>{show(field, before[field], t, lang)}</Typography.Text>}
          {had && ' → '}
          <Typography.Text strong>{show(field, after[field], t, lang)}</Typography.Text>
        </div>
      );
    });
}

/** Stage and forecast history, newest first: who, when, what changed from what to what, and why. */
export function HistoryTimeline({ history }: { history: HistoryEventDto[] }) {
  const t = useT();
  const { lang } = useLang();
  const events = [...history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Card title={t('opp.history')} size="small" data-testid="opp-history">
      {events.length === 0 ? (
        <ListEmpty />
      ) : (
        <Timeline
          items={events.map((event, index) => {
            const key = `opp.action.${event.action}`;
            return {
              key: `${event.at}-${index}`,
              color: COLORS[event.action] ?? 'gray',
              content: (
                <div data-testid={`history-${event.action}`}>
                  <Typography.Text strong>{hasMessage(key) ? t(key) : event.action}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {event.actorName ?? ''} · {formatInstant(event.at, lang)}
                  </Typography.Text>
                  {changes(event, t, lang)}
                  {event.reason && (
                    <div>
                      <Typography.Text type="secondary">{t('opp.reason')}: </Typography.Text>
                      {event.reason}
                    </div>
                  )}
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
