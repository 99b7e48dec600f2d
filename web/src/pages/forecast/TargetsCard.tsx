import { Card, Table, Typography } from 'antd';
import { useTargets } from '../../api/forecast';
import { useLang, useT } from '../../i18n';
import { formatMoney, formatMonth } from '../../lib/format';
import { currentMonth } from '../../lib/month';
import { RED } from './forecastText';

type Row = { month: string; baseline: number; current: number };

/** What the opportunity carries of this year's order target: the baseline beside the current ledger version. */
export function TargetsCard({ opportunityId }: { opportunityId: number }) {
  const t = useT();
  const { lang } = useLang();
  const year = Number(currentMonth().slice(0, 4));
  const current = useTargets(year);
  const baseline = useTargets(year, true, 1);
  if (!current.data) return null;
  const sum = (items: { opportunityId: number; month: string; amount: number }[] | undefined, month: string) =>
    (items ?? [])
      .filter((i) => i.opportunityId === opportunityId && i.month === month)
      .reduce((a, i) => a + i.amount, 0);
  const months = [
    ...new Set(
      [...current.data.items, ...(baseline.data?.items ?? [])]
        .filter((i) => i.opportunityId === opportunityId)
        .map((i) => i.month),
    ),
  ].sort();
  const rows: Row[] = months.map((month) => ({
    month,
    baseline: sum(baseline.data?.items, month),
    current: sum(current.data?.items, month),
  }));
  return (
    <Card title={t('opp.targets', { year })} size="small" data-testid="opp-targets">
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('opp.noTargets')}</Typography.Text>
      ) : (
        <Table<Row>
          rowKey="month"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('requests.month'), key: 'm', render: (_, r) => formatMonth(r.month, lang) },
            { title: t('opp.baseline'), key: 'b', align: 'right', render: (_, r) => formatMoney(r.baseline, lang) },
            {
              title: t('opp.currentTarget', { v: current.data.version }),
              key: 'c',
              align: 'right',
              render: (_, r) => (
                <span
                  data-testid={`opp-target-${r.month}`}
                  style={{ color: r.current !== r.baseline ? RED : undefined }}
                >
                  {formatMoney(r.current, lang)}
                </span>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
