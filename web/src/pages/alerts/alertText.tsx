import { Descriptions, Tag } from 'antd';
import type { AlertDto, AlertKind, AlertStatus } from '../../api/alerts';
import { hasMessage, type Lang, type MessageKey, type Translate, useLang, useT } from '../../i18n';
import { formatMoney, formatMonth, formatPercent } from '../../lib/format';
import { serverNow } from '../../lib/serverClock';

export const RED = '#dc2626';

export const STATUS_COLORS: Record<AlertStatus, string> = {
  open: 'processing',
  escalated: 'volcano',
  routed: 'purple',
  resolved: 'success',
};

/** How each fact reads: money in ¥/万, ratios in %, coverage in 倍, months as months. */
type Format = 'money' | 'percent' | 'times' | 'month' | 'stage' | 'bool' | 'version' | 'text';
const FACTS: Record<AlertKind, [string, Format][]> = {
  day25: [
    ['code', 'text'],
    ['month', 'month'],
    ['stage', 'stage'],
    ['expectedOrder', 'money'],
  ],
  delay: [
    ['code', 'text'],
    ['month', 'month'],
    ['stage', 'stage'],
    ['target', 'money'],
  ],
  dual_version_gap: [
    ['code', 'text'],
    ['stage', 'stage'],
    ['rolling', 'version'],
    ['precision', 'version'],
    ['ratio', 'percent'],
    ['threshold', 'percent'],
    ['monthsDiffer', 'bool'],
    ['gap', 'bool'],
  ],
  coverage_shortfall: [
    ['month', 'month'],
    ['orderTarget', 'money'],
    ['ytdOrders', 'money'],
    ['remainingGap', 'money'],
    ['pipeline', 'money'],
    ['coverage', 'times'],
    ['threshold', 'times'],
  ],
  commodity_deviation: [
    ['month', 'month'],
    ['target', 'money'],
    ['orders', 'money'],
    ['difference', 'money'],
    ['threshold', 'percent'],
  ],
};

const num = (v: unknown) => (typeof v === 'number' ? v : null);

function factText(value: unknown, format: Format, lang: Lang, t: Translate): string {
  if (value === null || value === undefined) return t('common.none');
  switch (format) {
    case 'money':
      return formatMoney(num(value), lang);
    case 'percent':
      return formatPercent(num(value), lang);
    case 'times':
      return num(value) === null ? t('common.none') : t('alerts.times', { n: (value as number).toFixed(2) });
    case 'month':
      return formatMonth(String(value), lang);
    case 'stage':
      return hasMessage(`stage.${value}`) ? t(`stage.${value}` as MessageKey) : String(value);
    case 'bool':
      return t(value ? 'common.yes' : 'common.no');
    case 'version': {
      const v = value as { orderMonth?: string | null; amount?: number | null };
      return t('alerts.fact.version', {
        month: v.orderMonth ? formatMonth(v.orderMonth, lang) : t('common.none'),
        amount: formatMoney(v.amount ?? null, lang),
      });
    }
    default:
      return String(value);
  }
}

/** The facts that raised an alert, labelled in words (kinds' fact names in docs/decisions.md "Forecast alerts"). */
export function factPairs(kind: AlertKind, facts: Record<string, unknown>, lang: Lang, t: Translate) {
  return (FACTS[kind] ?? []).map(([key, format]) => ({
    key,
    label: t(`alerts.fact.${key}` as MessageKey),
    text: factText(facts[key], format, lang, t),
  }));
}

export function AlertFacts({ alert, column = 2 }: { alert: Pick<AlertDto, 'kind' | 'facts'>; column?: number }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Descriptions
      size="small"
      bordered
      column={column}
      data-testid="alert-facts"
      items={factPairs(alert.kind, alert.facts, lang, t).map((f) => ({ key: f.key, label: f.label, children: f.text }))}
    />
  );
}

/** One line of facts for a table cell: "目标 ¥5万 · 实际接单 ¥3万". */
export const factsLine = (kind: AlertKind, facts: Record<string, unknown>, lang: Lang, t: Translate) =>
  factPairs(kind, facts, lang, t)
    .filter((f) => f.key !== 'code' && f.key !== 'month')
    .map((f) => `${f.label} ${f.text}`)
    .join(' · ');

export const subjectOf = (alert: Pick<AlertDto, 'facts'>) => String(alert.facts.subject ?? alert.facts.code ?? '');

export function KindTag({ kind }: { kind: AlertKind }) {
  const t = useT();
  return <Tag style={{ marginInlineEnd: 0 }}>{t(`alerts.kind.${kind}`)}</Tag>;
}

export function StatusTag({ status }: { status: AlertStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="alert-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`alerts.status.${status}`)}
    </Tag>
  );
}

/** "剩余 1 天 3 小时" / "超期 5 小时": the SLA countdown against the server's clock. */
export function countdown(dueAt: string, t: Translate): { text: string; late: boolean } {
  const ms = Date.parse(dueAt) - serverNow();
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const time = d > 0 ? t('alerts.daysHours', { d, h }) : h > 0 ? t('alerts.hours', { h }) : t('alerts.minutes', { m });
  return ms < 0
    ? { text: t('alerts.overdueBy', { time }), late: true }
    : { text: t('alerts.dueIn', { time }), late: false };
}

/** The SLA cell: only open alerts count down; overdue ones red. */
export function DueCell({ alert }: { alert: AlertDto }) {
  const t = useT();
  if (alert.status !== 'open') return <span>{t('common.none')}</span>;
  const c = countdown(alert.dueAt, t);
  return (
    <span style={{ color: alert.overdue ? RED : undefined }} data-testid="alert-due" data-overdue={alert.overdue}>
      {c.text}
    </span>
  );
}
