import { Card, Col, Flex, Row, Segmented, Select, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type OverviewFigures, useForecastSettings, useOverview } from '../../api/forecast';
import { useTrackLookup } from '../../api/hooks';
import { EChart } from '../../components/EChart';
import { ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { hasMessage, type Lang, type Translate, useLang, useT } from '../../i18n';
import { formatInstant, formatMoney, formatPercent } from '../../lib/format';
import { currentMonth } from '../../lib/month';
import { useIsMobile } from '../../lib/useIsMobile';
import { RED } from './forecastText';
import { coverageOption, paceOption } from './overviewCharts';

const times = (value: number | null, t: Translate) =>
  value === null ? t('common.none') : t('overview.times', { n: value.toFixed(2) });

/** One figure, its exact value in `data-value` (the browser test compares it with the API's). */
function Figure({
  id,
  label,
  value,
  text,
  alarm,
}: {
  id: string;
  label: string;
  value: number | null;
  text: string;
  alarm?: boolean;
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={label}
        value={text}
        valueStyle={{ color: alarm ? RED : undefined, fontSize: 22 }}
        valueRender={(node) => (
          <span data-testid={`ov-${id}`} data-value={value ?? ''}>
            {node}
          </span>
        )}
      />
    </Card>
  );
}

function Figures({ f, threshold, lang, t }: { f: OverviewFigures; threshold: number; lang: Lang; t: Translate }) {
  const below = (v: number | null) => !f.covered && v !== null && v < threshold;
  const items = [
    {
      id: 'orderTarget',
      label: t('overview.orderTarget'),
      value: f.orderTarget,
      text: formatMoney(f.orderTarget, lang),
    },
    { id: 'ytdOrders', label: t('overview.ytdOrders'), value: f.ytdOrders, text: formatMoney(f.ytdOrders, lang) },
    {
      id: 'remainingGap',
      label: t('overview.remainingGap'),
      value: f.remainingGap,
      text: f.covered ? t('overview.covered') : formatMoney(f.remainingGap, lang),
      alarm: !f.covered,
    },
    { id: 'pipeline', label: t('overview.pipeline'), value: f.pipeline, text: formatMoney(f.pipeline, lang) },
    {
      id: 'coverage',
      label: `${t('overview.coverage')} (${t('overview.threshold', { n: threshold })})`,
      value: f.coverage,
      text: times(f.coverage, t),
      alarm: below(f.coverage),
    },
    {
      id: 'weightedCoverage',
      label: t('overview.weightedCoverage'),
      value: f.weightedCoverage,
      text: times(f.weightedCoverage, t),
      alarm: below(f.weightedCoverage),
    },
    {
      id: 'carriedShare',
      label: t('overview.carriedShare'),
      value: f.carriedShare,
      text: formatPercent(f.carriedShare, lang),
    },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {items.map((item) => (
        <Col key={item.id} xs={12} md={8} xl={6} xxl={3}>
          <Figure {...item} />
        </Col>
      ))}
    </Row>
  );
}

/** 三段式看板 (SPEC §6.6): remaining gap, pipeline coverage and monthly pace, per integrated track and in total. */
export default function OverviewPage() {
  const t = useT();
  const { lang } = useLang();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(currentMonth().slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const scope = Number(params.get('trackId')) || 0;
  const overview = useOverview(year);
  const settings = useForecastSettings();
  const tracks = useTrackLookup();
  const threshold = settings.data?.coverageThreshold ?? 1.5;
  const nameOf = (id: number) => tracks.data?.find((x) => x.id === id)?.name ?? `#${id}`;
  const data = overview.data;
  const figures = data ? (scope ? data.tracks.find((x) => x.trackId === scope) : data.total) : undefined;
  const set = (patch: Record<string, number>) => {
    const next = { year, trackId: scope, ...patch };
    setParams(
      Object.fromEntries(
        Object.entries(next)
          .filter(([, v]) => v)
          .map(([k, v]) => [k, String(v)]),
      ),
      { replace: true },
    );
  };
  const coverageRows = useMemo(
    () =>
      data
        ? [
            ...data.tracks.map((x) => ({
              name: tracks.data?.find((tr) => tr.id === x.trackId)?.name ?? `#${x.trackId}`,
              figures: x,
            })),
            { name: t('overview.total'), figures: data.total },
          ]
        : [],
    [data, tracks.data, t],
  );
  const coverage = useMemo(() => coverageOption(coverageRows, threshold, t), [coverageRows, threshold, t]);
  const pace = useMemo(() => (figures ? paceOption(figures, lang, t) : null), [figures, lang, t]);

  return (
    <div data-testid="overview-page">
      <PageHeader
        title={t('overview.title')}
        extra={
          <Select
            value={year}
            onChange={(y) => set({ year: y })}
            options={[thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 100 }}
            aria-label={t('overview.year')}
            data-testid="ov-year"
          />
        }
      />
      {overview.isError && <ListError error={overview.error} onRetry={() => overview.refetch()} />}
      {!data ? (
        !overview.isError && <Skeleton active />
      ) : (
        <>
          <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 12 }}>
            <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
              <Segmented<number>
                value={scope}
                onChange={(trackId) => set({ trackId })}
                options={[
                  { value: 0, label: t('overview.total') },
                  ...data.tracks.map((x) => ({ value: x.trackId, label: nameOf(x.trackId) })),
                ]}
                data-testid="ov-scope"
              />
            </div>
            <Flex wrap gap={4} align="center" data-testid="ov-as-of">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('overview.asOf', { at: formatInstant(data.asOf, lang) })}
              </Typography.Text>
              {!isMobile &&
                data.dataAsOf.map((d) => {
                  const key = `board.kind.${d.kind}`;
                  return (
                    <Tag key={`${d.source}:${d.kind}`} style={{ marginInlineEnd: 0 }}>
                      {hasMessage(key) ? t(key) : d.kind} · {d.source} · {d.latestFactDate ?? t('board.asOf.never')}
                    </Tag>
                  );
                })}
            </Flex>
          </Flex>
          {figures && <Figures f={figures} threshold={threshold} lang={lang} t={t} />}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card size="small" title={t('overview.stage3')}>
                {pace && <EChart option={pace} height={isMobile ? 260 : 320} testId="ov-chart-pace" />}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('overview.stage2')}>
                <EChart option={coverage} height={isMobile ? 260 : 320} testId="ov-chart-coverage" />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('overview.byTrack')} style={{ marginTop: 16 }}>
            <TrackTable rows={coverageRows} threshold={threshold} lang={lang} t={t} />
          </Card>
        </>
      )}
    </div>
  );
}

function TrackTable({
  rows,
  threshold,
  lang,
  t,
}: {
  rows: { name: string; figures: OverviewFigures }[];
  threshold: number;
  lang: Lang;
  t: Translate;
}) {
  type Row = { name: string; figures: OverviewFigures };
  const low = (f: OverviewFigures, v: number | null) => !f.covered && v !== null && v < threshold;
  return (
    <Table<Row>
      rowKey="name"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      onRow={(r) => ({ 'data-testid': `ov-track-${r.name}` }) as object}
      columns={[
        { title: t('opps.col.track'), dataIndex: 'name' },
        {
          title: t('overview.orderTarget'),
          align: 'right',
          render: (_, r) => formatMoney(r.figures.orderTarget, lang),
        },
        { title: t('overview.ytdOrders'), align: 'right', render: (_, r) => formatMoney(r.figures.ytdOrders, lang) },
        {
          title: t('overview.remainingGap'),
          align: 'right',
          render: (_, r) =>
            r.figures.covered ? (
              <Tag color="success">{t('overview.covered')}</Tag>
            ) : (
              <span style={{ color: RED }}>{formatMoney(r.figures.remainingGap, lang)}</span>
            ),
        },
        { title: t('overview.pipeline'), align: 'right', render: (_, r) => formatMoney(r.figures.pipeline, lang) },
        {
          title: t('overview.coverage'),
          align: 'right',
          render: (_, r) => (
            <span style={{ color: low(r.figures, r.figures.coverage) ? RED : undefined }}>
              {times(r.figures.coverage, t)}
            </span>
          ),
        },
        {
          title: t('overview.weightedCoverage'),
          align: 'right',
          render: (_, r) => (
            <span style={{ color: low(r.figures, r.figures.weightedCoverage) ? RED : undefined }}>
              {times(r.figures.weightedCoverage, t)}
            </span>
          ),
        },
        {
          title: t('overview.carriedShare'),
          align: 'right',
          render: (_, r) => formatPercent(r.figures.carriedShare, lang),
        },
      ]}
    />
  );
}
