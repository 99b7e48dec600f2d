import { Card, Flex, Segmented, Skeleton, Statistic, Table } from 'antd';
import { useSearchParams } from 'react-router';
import { type CommodityAttainmentDto, useCommodityAttainment } from '../../api/forecastViews';
import { ListEmpty, ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { type Lang, useLang, useT } from '../../i18n';
import { formatMoney, formatMonth, formatPercent } from '../../lib/format';
import { RED } from '../forecast/forecastText';
import { MonthSelect } from './packParts';

type Track = CommodityAttainmentDto['tracks'][number];
type Period = Track['month'];
type Row = { key: string; name: string; month: Period; ytd: Period; ams?: Row[] };

const GREEN = '#16a34a';

/** Below target red, at or above green; no target, no colour. */
const rateColor = (p: Period) => (p.attainment === null ? undefined : p.attainment < 1 ? RED : GREEN);
const rate = (p: Period, lang: Lang) => (
  <span style={{ color: rateColor(p) }}>{formatPercent(p.attainment, lang)}</span>
);

/** 商品模接单达成: each commodity track and AM, the month and the year to date, target against SAP orders. */
export default function AttainmentPage() {
  const t = useT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? undefined;
  const view = params.get('view') === 'ytd' ? 'ytd' : 'month';
  const data = useCommodityAttainment({ month });
  const d = data.data;
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const rows: Row[] = (d?.tracks ?? []).map((x) => ({
    key: `t${x.trackId}`,
    name: x.trackName,
    month: x.month,
    ytd: x.ytd,
    ams: x.ams.map((a) => ({ key: `a${a.amId}`, name: a.amName, month: a.month, ytd: a.ytd })),
  }));
  const pick = (r: Row) => r[view];
  return (
    <div data-testid="attainment-page">
      <PageHeader title={t('att.title')} />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <MonthSelect value={month} onChange={(m) => set('month', m)} />
        <Segmented
          value={view}
          onChange={(v) => set('view', v === 'month' ? undefined : v)}
          options={[
            { value: 'month', label: t('att.month') },
            { value: 'ytd', label: t('att.ytd') },
          ]}
          data-testid="att-view"
        />
      </Flex>
      {data.isError ? (
        <ListError error={data.error} onRetry={() => data.refetch()} />
      ) : !d ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Card size="small" title={`${t('att.total')} · ${formatMonth(d.month, lang)}`}>
            <Flex wrap gap={24} data-testid="att-total">
              <Statistic title={t('att.target')} value={formatMoney(d.total[view].target, lang)} />
              <Statistic title={t('att.actual')} value={formatMoney(d.total[view].actual, lang)} />
              <Statistic
                title={t('att.rate')}
                value={formatPercent(d.total[view].attainment, lang)}
                styles={{ content: { color: rateColor(d.total[view]) } }}
                data-testid="att-rate"
              />
              <Statistic title={t('att.difference')} value={formatMoney(d.total[view].difference, lang)} />
            </Flex>
          </Card>
          <Card size="small">
            <Table<Row>
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={rows}
              expandable={{ childrenColumnName: 'ams', defaultExpandAllRows: true }}
              locale={{ emptyText: <ListEmpty /> }}
              data-testid="att-table"
              columns={[
                { title: t('att.name'), dataIndex: 'name' },
                {
                  title: t('att.target'),
                  key: 'tg',
                  align: 'right',
                  render: (_, r) => formatMoney(pick(r).target, lang),
                },
                {
                  title: t('att.actual'),
                  key: 'ac',
                  align: 'right',
                  render: (_, r) => formatMoney(pick(r).actual, lang),
                },
                { title: t('att.rate'), key: 'r', align: 'right', render: (_, r) => rate(pick(r), lang) },
                {
                  title: t('att.difference'),
                  key: 'd',
                  align: 'right',
                  render: (_, r) => formatMoney(pick(r).difference, lang),
                },
              ]}
            />
          </Card>
        </Flex>
      )}
    </div>
  );
}
