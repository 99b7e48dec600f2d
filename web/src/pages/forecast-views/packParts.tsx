import { Flex, Select, Statistic, Tag, Typography } from 'antd';
import type { PackSummaryDto, ReviewPackDto } from '../../api/forecastViews';
import { type Lang, type Translate, useLang, useT } from '../../i18n';
import { formatInstant, formatMoney, formatMonth } from '../../lib/format';
import { currentMonth, recentMonths } from '../../lib/month';
import { RED } from '../forecast/forecastText';

/** "对比：2026年10月 → 2026年11月（实时，截至 …）". */
export function basisText(basis: ReviewPackDto['basis'], lang: Lang, t: Translate) {
  const before = basis.before ? formatMonth(basis.before.month, lang) : t('pack.basis.none');
  const after =
    basis.after.source === 'live'
      ? t('pack.basis.live', { month: formatMonth(basis.after.month, lang), at: formatInstant(basis.after.asOf, lang) })
      : formatMonth(basis.after.month, lang);
  return t('pack.basis', { before, after });
}

/** A pack's summary figures; alerts overdue and missing updates red. */
export function PackSummary({
  summary,
  compliance,
}: {
  summary: PackSummaryDto;
  compliance?: { due: number; updated: number; missing: number[] };
}) {
  const t = useT();
  const { lang } = useLang();
  const red = (n: number) => (n > 0 ? { content: { color: RED } } : undefined);
  return (
    <Flex wrap gap={24} data-testid="pack-summary">
      <Statistic title={t('pack.sum.opportunities')} value={summary.opportunities} />
      <Statistic title={t('pack.sum.changed')} value={summary.changed} />
      <Statistic title={t('pack.sum.amountBefore')} value={formatMoney(summary.amountBefore, lang)} />
      <Statistic title={t('pack.sum.amountAfter')} value={formatMoney(summary.amountAfter, lang)} />
      <Statistic title={t('pack.sum.openAlerts')} value={summary.openAlerts} />
      <Statistic
        title={t('pack.sum.overdueAlerts')}
        value={summary.overdueAlerts}
        styles={red(summary.overdueAlerts)}
      />
      <Statistic title={t('pack.sum.pendingRequests')} value={summary.pendingRequests} />
      {compliance && (
        <Statistic
          title={t('pack.sum.compliance')}
          value={`${compliance.updated} / ${compliance.due}`}
          styles={red(compliance.missing.length)}
        />
      )}
    </Flex>
  );
}

/** The pack's month: this month (the window's) and the twelve before it. */
export function MonthSelect({ value, onChange }: { value: string | undefined; onChange: (m: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  const now = currentMonth();
  const months = recentMonths(now, 13);
  return (
    <Select
      style={{ minWidth: 130 }}
      value={value ?? now}
      onChange={onChange}
      aria-label={t('pack.month')}
      options={months.map((m) => ({ value: m, label: formatMonth(m, lang) }))}
      data-testid="pack-month"
    />
  );
}

export const changeTags = (changes: string[], t: Translate) =>
  changes.length === 0 ? (
    <Typography.Text type="secondary">{t('pack.unchanged')}</Typography.Text>
  ) : (
    changes.map((c) => (
      <Tag key={c} color="orange" style={{ marginInlineEnd: 4 }}>
        {t(`pack.change.${c as 'stage'}`)}
      </Tag>
    ))
  );
