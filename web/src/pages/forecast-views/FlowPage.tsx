import { Card, Col, Empty, Flex, Row, Select, Skeleton, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  type FlowBucketDto,
  type FlowBucketName,
  type FlowItemDto,
  useFlow,
  useSnapshots,
} from '../../api/forecastViews';
import { useTrackLookup, useUserLookup } from '../../api/hooks';
import { useMe } from '../../auth/session';
import { EChart } from '../../components/EChart';
import { ListEmpty, ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { type Lang, type MessageKey, type Translate, useLang, useT } from '../../i18n';
import { formatMoney, formatMonth } from '../../lib/format';
import { useIsMobile } from '../../lib/useIsMobile';
import { RED } from '../forecast/forecastText';
import { waterfallOption } from './flowChart';

const GREEN = '#16a34a';

function sideText(side: FlowItemDto['before'], lang: Lang, t: Translate) {
  if (!side) return <Typography.Text type="secondary">{t('flow.absent')}</Typography.Text>;
  return t('flow.side', {
    stage: t(`stage.${side.stage}` as MessageKey),
    month: side.orderMonth ? formatMonth(side.orderMonth, lang) : t('common.none'),
    amount: formatMoney(side.amount, lang),
  });
}

const signed = (amount: number, lang: Lang) => (
  <span style={{ color: amount > 0 ? GREEN : amount < 0 ? RED : undefined }}>
    {amount > 0 ? '+' : ''}
    {formatMoney(amount, lang)}
  </span>
);

/** The opportunities of one bucket: before → after, and what each moved. */
function Drill({ bucket }: { bucket: FlowBucketDto }) {
  const t = useT();
  const { lang } = useLang();
  const delta = (i: FlowItemDto) => {
    const before = i.before?.amount ?? 0;
    const after = i.after?.amount ?? 0;
    if (bucket.bucket === 'lost' || bucket.bucket === 'removed') return -before;
    if (bucket.bucket === 'won') return before;
    if (bucket.bucket === 'new') return after;
    return after - before;
  };
  return (
    <Table<FlowItemDto>
      rowKey="opportunityId"
      size="small"
      pagination={bucket.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      dataSource={bucket.items}
      locale={{ emptyText: <ListEmpty /> }}
      data-testid={`flow-items-${bucket.bucket}`}
      columns={[
        {
          title: t('flow.col.code'),
          key: 'code',
          render: (_, i) => <Link to={`/opportunities/${i.opportunityId}`}>{i.code}</Link>,
        },
        { title: t('flow.col.name'), dataIndex: 'name' },
        { title: t('flow.col.before'), key: 'before', render: (_, i) => sideText(i.before, lang, t) },
        { title: t('flow.col.after'), key: 'after', render: (_, i) => sideText(i.after, lang, t) },
        { title: t('flow.col.delta'), key: 'delta', align: 'right', render: (_, i) => signed(delta(i), lang) },
      ]}
    />
  );
}

/** 快照流转: two frozen months compared, the buckets as a waterfall, a bucket's opportunities below. */
export default function FlowPage() {
  const t = useT();
  const { lang } = useLang();
  const isMobile = useIsMobile();
  const role = useMe().data?.user.role;
  const [params, setParams] = useSearchParams();
  const snapshots = useSnapshots();
  const months = useMemo(() => (snapshots.data ?? []).map((s) => s.month).sort(), [snapshots.data]);
  const to = params.get('to') ?? months.at(-1);
  const from = params.get('from') ?? months.at(-2);
  const trackId = Number(params.get('trackId')) || undefined;
  const amId = Number(params.get('amId')) || undefined;
  const picked = (params.get('bucket') ?? undefined) as FlowBucketName | undefined;
  const valid = !!from && !!to && from < to;
  const flow = useFlow(valid ? { from, to, trackId, amId } : null);
  const allTracks = role === 'ceo' || role === 'admin' || role === 'planner';
  const tracks = useTrackLookup(allTracks);
  const ams = useUserLookup({ role: 'am', trackId }, role !== 'am');
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch))
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    setParams(next, { replace: true });
  };
  const data = flow.data;
  const option = useMemo(
    () => (data ? waterfallOption(data.buckets, lang, t, isMobile) : null),
    [data, lang, t, isMobile],
  );
  const drilled = data?.buckets.find((b) => b.bucket === picked);
  const monthOptions = months.map((m) => ({ value: m, label: formatMonth(m, lang) }));
  const body = () => {
    if (snapshots.isError) return <ListError error={snapshots.error} onRetry={() => snapshots.refetch()} />;
    if (snapshots.isPending) return <Skeleton active />;
    if (months.length < 2) return <Empty description={t('flow.noSnapshots')} />;
    if (!valid) return <Empty description={t('flow.pickTo')} />;
    if (flow.isError) return <ListError error={flow.error} onRetry={() => flow.refetch()} />;
    if (!data || !option) return <Skeleton active />;
    return (
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('flow.chart')}>
            <EChart
              option={option}
              height={isMobile ? 260 : 340}
              testId="flow-chart"
              onClick={(e) => {
                const bucket = (e.data as { bucket?: string } | undefined)?.bucket;
                if (bucket) set({ bucket });
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('flow.buckets')}>
            <Table<FlowBucketDto>
              rowKey="bucket"
              size="small"
              pagination={false}
              dataSource={data.buckets}
              rowClassName={(b) => (b.bucket === picked ? 'ant-table-row-selected' : '')}
              onRow={(b) => ({ onClick: () => set({ bucket: b.bucket }), style: { cursor: 'pointer' } })}
              data-testid="flow-buckets"
              columns={[
                {
                  title: t('flow.col.bucket'),
                  key: 'bucket',
                  render: (_, b) => (
                    <Typography.Link data-testid={`flow-bucket-${b.bucket}`}>
                      {t(`flow.bucket.${b.bucket}`)}
                    </Typography.Link>
                  ),
                },
                { title: t('flow.col.count'), dataIndex: 'count', align: 'right' },
                {
                  title: t('flow.col.amount'),
                  key: 'amount',
                  align: 'right',
                  render: (_, b) => <span data-value={b.amount}>{signed(b.amount, lang)}</span>,
                },
              ]}
              summary={() => {
                const net = data.buckets.reduce((sum, b) => sum + b.amount, 0);
                return (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{t('flow.net')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {data.buckets.reduce((sum, b) => sum + b.count, 0)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      <span data-testid="flow-net" data-value={Math.round(net * 100) / 100}>
                        {signed(net, lang)}
                      </span>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                );
              }}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card
            size="small"
            title={
              drilled
                ? t('flow.drill', { bucket: t(`flow.bucket.${drilled.bucket}`), n: drilled.count })
                : t('flow.items')
            }
          >
            {drilled ? (
              <Drill bucket={drilled} />
            ) : (
              <Typography.Text type="secondary">{t('flow.drillHint')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    );
  };
  return (
    <div data-testid="flow-page">
      <PageHeader title={t('flow.title')} />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Select
          style={{ minWidth: 140 }}
          value={from}
          options={monthOptions}
          onChange={(v) => set({ from: v, bucket: undefined })}
          aria-label={t('flow.from')}
          data-testid="flow-from"
        />
        <Typography.Text style={{ alignSelf: 'center' }}>→</Typography.Text>
        <Select
          style={{ minWidth: 140 }}
          value={to}
          options={monthOptions}
          onChange={(v) => set({ to: v, bucket: undefined })}
          aria-label={t('flow.to')}
          data-testid="flow-to"
        />
        {allTracks && (
          <Select<number>
            allowClear
            style={{ minWidth: 150 }}
            value={trackId}
            placeholder={t('flow.allTracks')}
            options={(tracks.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            onChange={(v) => set({ trackId: v, amId: undefined, bucket: undefined })}
            data-testid="flow-track"
          />
        )}
        {role !== 'am' && (
          <Select<number>
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 160 }}
            value={amId}
            placeholder={t('flow.allAms')}
            options={(ams.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            onChange={(v) => set({ amId: v, bucket: undefined })}
            data-testid="flow-am"
          />
        )}
      </Flex>
      {body()}
    </div>
  );
}
