import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { API_BASE, withQuery } from '../../api/client';
import { type TrackPackDto, useTrackPack } from '../../api/forecastViews';
import { useTrackLookup } from '../../api/hooks';
import { useMe } from '../../auth/session';
import { ListEmpty, ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { formatMoney, formatPercent } from '../../lib/format';
import { RED } from '../forecast/forecastText';
import { basisText, MonthSelect, PackSummary } from './packParts';

type AmRow = TrackPackDto['ams'][number];

function Numbers({ n }: { n: TrackPackDto['numbers'] }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Flex wrap gap={24} data-testid="pack-numbers">
      <Statistic title={t('pack.num.orderTarget')} value={formatMoney(n.orderTarget, lang)} />
      <Statistic title={t('pack.num.ytdOrders')} value={formatMoney(n.ytdOrders, lang)} />
      <Statistic
        title={t('pack.num.remainingGap')}
        value={formatMoney(n.remainingGap, lang)}
        styles={n.remainingGap > 0 ? { content: { color: RED } } : undefined}
      />
      {n.pipeline !== null && <Statistic title={t('pack.num.pipeline')} value={formatMoney(n.pipeline, lang)} />}
      {n.coverage !== null && (
        <Statistic title={t('pack.num.coverage')} value={t('alerts.times', { n: n.coverage.toFixed(2) })} />
      )}
      <Statistic title={t('pack.num.monthAttainment')} value={formatPercent(n.month.attainment, lang)} />
      <Statistic title={t('pack.num.ytdAttainment')} value={formatPercent(n.ytd.attainment, lang)} />
    </Flex>
  );
}

/** 赛道评审包 for the supervision meeting: the track's numbers, its summary and each AM's; printable and as XLSX. */
export default function TrackPackPage() {
  const t = useT();
  const { lang } = useLang();
  const role = useMe().data?.user.role;
  const [params, setParams] = useSearchParams();
  const trackId = Number(params.get('trackId')) || undefined;
  const month = params.get('month') ?? undefined;
  // a director's pack is the own track's; everyone else picks a track
  const pickTrack = role !== 'director';
  const tracks = useTrackLookup(pickTrack);
  const ready = !pickTrack || trackId !== undefined;
  const pack = useTrackPack({ trackId, month }, ready);
  const set = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };
  const p = pack.data;
  const xlsx = p && `${API_BASE}${withQuery('/forecast/track-pack.xlsx', { trackId: p.trackId, month: p.month })}`;
  const body = () => {
    if (!ready) return <ListEmpty text={t('pack.pickTrack')} />;
    if (pack.isError) return <ListError error={pack.error} onRetry={() => pack.refetch()} />;
    if (!p) return <Skeleton active />;
    return (
      <Flex vertical gap={16} data-testid="track-pack">
        <Typography.Text type="secondary">
          {p.trackName} · {basisText(p.basis, lang, t)}
        </Typography.Text>
        <Card size="small" title={p.trackName}>
          <Flex vertical gap={16}>
            <Numbers n={p.numbers} />
            <PackSummary summary={p.summary} />
          </Flex>
        </Card>
        <Card size="small" title={t('pack.ams')}>
          <Table<AmRow>
            rowKey="amId"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={p.ams}
            locale={{ emptyText: <ListEmpty /> }}
            rowClassName={(a) => (a.summary.overdueAlerts > 0 || a.compliance.missing.length > 0 ? 'row-alarm' : '')}
            columns={[
              {
                title: t('pack.am'),
                key: 'am',
                render: (_, a) => (
                  <Link to={`/forecast/review-pack?${new URLSearchParams({ amId: String(a.amId), month: p.month })}`}>
                    {a.amName}
                  </Link>
                ),
              },
              {
                title: t('pack.sum.compliance'),
                key: 'compliance',
                render: (_, a) => (
                  <span style={{ color: a.compliance.missing.length ? RED : undefined }}>
                    {a.compliance.updated} / {a.compliance.due}
                  </span>
                ),
              },
              {
                title: t('pack.sum.opportunities'),
                key: 'n',
                align: 'right',
                render: (_, a) => a.summary.opportunities,
              },
              { title: t('pack.sum.changed'), key: 'c', align: 'right', render: (_, a) => a.summary.changed },
              {
                title: t('pack.sum.amountBefore'),
                key: 'b',
                align: 'right',
                render: (_, a) => formatMoney(a.summary.amountBefore, lang),
              },
              {
                title: t('pack.sum.amountAfter'),
                key: 'a',
                align: 'right',
                render: (_, a) => formatMoney(a.summary.amountAfter, lang),
              },
              { title: t('pack.sum.openAlerts'), key: 'o', align: 'right', render: (_, a) => a.summary.openAlerts },
              {
                title: t('pack.sum.overdueAlerts'),
                key: 'od',
                align: 'right',
                render: (_, a) => (
                  <span style={{ color: a.summary.overdueAlerts ? RED : undefined }}>{a.summary.overdueAlerts}</span>
                ),
              },
              {
                title: t('pack.sum.pendingRequests'),
                key: 'r',
                align: 'right',
                render: (_, a) => a.summary.pendingRequests,
              },
            ]}
          />
        </Card>
      </Flex>
    );
  };
  return (
    <div data-testid="track-pack-page">
      <PageHeader
        title={t('pack.trackTitle')}
        extra={
          <Space className="no-print" wrap>
            {xlsx && (
              <Button icon={<DownloadOutlined />} href={xlsx} data-testid="pack-xlsx">
                {t('pack.xlsx')}
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('pack.print')}
            </Button>
          </Space>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }} className="no-print">
        <MonthSelect value={month} onChange={(m) => set('month', m)} />
        {pickTrack && (
          <Select<number>
            style={{ minWidth: 160 }}
            value={trackId}
            placeholder={t('pack.track')}
            options={(tracks.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            onChange={(v) => set('trackId', v)}
            data-testid="pack-track"
          />
        )}
      </Flex>
      {body()}
    </div>
  );
}
