import { Card, Flex, Segmented, Select, Skeleton, Table } from 'antd';
import { useSearchParams } from 'react-router';
import { type ShipmentTrackingDto, useShipmentTracking } from '../../api/feedsForecast';
import { useTrackLookup } from '../../api/hooks';
import { useMe } from '../../auth/session';
import { ListEmpty, ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { formatMoney, formatMonth } from '../../lib/format';
import { currentMonth } from '../../lib/month';

type Figures = ShipmentTrackingDto['customers'][number]['total'];
type MonthRow = ShipmentTrackingDto['customers'][number]['months'][number];
type Row = { key: string; label: string; sub: string; total: Figures; months: MonthRow[] };

/** Month by month: planned (APS), actual (shipments), forecast (rolling); actual below plan is red. */
function Months({ months }: { months: MonthRow[] }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Table<MonthRow>
      rowKey="month"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={months}
      columns={[
        { title: t('ship.month'), key: 'm', render: (_, m) => formatMonth(m.month, lang) },
        { title: t('ship.planned'), key: 'p', align: 'right', render: (_, m) => formatMoney(m.planned, lang) },
        { title: t('ship.actual'), key: 'a', align: 'right', render: (_, m) => formatMoney(m.actual, lang) },
        { title: t('ship.forecast'), key: 'f', align: 'right', render: (_, m) => formatMoney(m.forecast, lang) },
      ]}
    />
  );
}

/** 出货跟踪: APS plans against actual shipments and the forecast, per customer or per opportunity. */
export default function ShipmentTrackingPage() {
  const t = useT();
  const { lang } = useLang();
  const role = useMe().data?.user.role;
  const [params, setParams] = useSearchParams();
  const thisYear = Number(currentMonth().slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const trackId = Number(params.get('trackId')) || undefined;
  const by = params.get('by') === 'opportunity' ? 'opportunity' : 'customer';
  const allTracks = role === 'ceo' || role === 'admin' || role === 'planner';
  const tracks = useTrackLookup(allTracks);
  const data = useShipmentTracking({ year, trackId });
  const set = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };
  const d = data.data;
  const rows: Row[] = !d
    ? []
    : by === 'customer'
      ? d.customers.map((c) => ({
          key: `c${c.customerId}`,
          label: c.name,
          sub: c.code,
          total: c.total,
          months: c.months,
        }))
      : d.opportunities.map((o) => ({
          key: `o${o.opportunityId}`,
          label: o.code,
          sub: o.name,
          total: o.total,
          months: o.months,
        }));
  const money = (v: number) => formatMoney(v, lang);
  return (
    <div data-testid="shipments-page">
      <PageHeader title={t('ship.title')} />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Select
          style={{ width: 110 }}
          value={year}
          options={[thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: String(y) }))}
          onChange={(y) => set('year', y)}
          data-testid="ship-year"
        />
        {allTracks && (
          <Select<number>
            allowClear
            style={{ minWidth: 150 }}
            value={trackId}
            placeholder={t('flow.allTracks')}
            options={(tracks.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            onChange={(v) => set('trackId', v)}
            data-testid="ship-track"
          />
        )}
        <Segmented
          value={by}
          onChange={(v) => set('by', v === 'customer' ? undefined : v)}
          options={[
            { value: 'customer', label: t('ship.byCustomer') },
            { value: 'opportunity', label: t('ship.byOpportunity') },
          ]}
          data-testid="ship-by"
        />
      </Flex>
      <Card>
        {data.isError ? (
          <ListError error={data.error} onRetry={() => data.refetch()} />
        ) : !d ? (
          <Skeleton active />
        ) : (
          <Table<Row>
            rowKey="key"
            size="small"
            pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            locale={{ emptyText: <ListEmpty text={t('ship.empty')} /> }}
            expandable={{ expandedRowRender: (r) => <Months months={r.months} /> }}
            data-testid="ship-table"
            columns={[
              { title: by === 'customer' ? t('feed.customer') : t('flow.col.code'), dataIndex: 'label' },
              { title: by === 'customer' ? t('ship.code') : t('flow.col.name'), dataIndex: 'sub' },
              { title: t('ship.planned'), key: 'p', align: 'right', render: (_, r) => money(r.total.planned) },
              { title: t('ship.actual'), key: 'a', align: 'right', render: (_, r) => money(r.total.actual) },
              { title: t('ship.forecast'), key: 'f', align: 'right', render: (_, r) => money(r.total.forecast) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
