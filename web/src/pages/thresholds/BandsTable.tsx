import { Card, Flex, Skeleton, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type BandRow, type DimensionBands, useThresholds } from '../../api/thresholds';
import { ListError } from '../../components/ListStates';
import { formatInstant, formatMetric } from '../../lib/format';
import { currentMonth } from '../../lib/month';
import { useIsMobile } from '../../lib/useIsMobile';
import { useBoardText } from '../board/boardText';
import { dimOf } from './dimensions';

/** The seeded bands carry a placeholder month from long ago: they read as the initial setting. */
function useSince() {
  const text = useBoardText();
  return (history: BandRow[], band: Pick<BandRow, 'effectiveMonth'>) =>
    history[0]?.changedBy === null && band.effectiveMonth === history[0].effectiveMonth
      ? text.t('thresholds.history.initial')
      : text.month(band.effectiveMonth);
}

function History({ row }: { row: DimensionBands }) {
  const text = useBoardText();
  const since = useSince();
  const dim = dimOf(row.no);
  const now = currentMonth();
  // the board's rule: the latest row whose month has begun (the first one before any has)
  const inForce = row.history.filter((band) => band.effectiveMonth <= now).at(-1) ?? row.history[0];
  const columns: TableColumnsType<BandRow> = [
    {
      key: 'since',
      title: text.t('thresholds.col.since'),
      render: (_, band) => (
        <>
          {since(row.history, band)}{' '}
          {band.effectiveMonth > now && <Tag color="blue">{text.t('thresholds.history.upcoming')}</Tag>}
          {band === inForce && <Tag color="green">{text.t('thresholds.history.inForce')}</Tag>}
        </>
      ),
    },
    {
      key: 'red',
      title: text.t('thresholds.col.red'),
      render: (_, band) => formatMetric(band.red, dim.unit, text.lang, true),
    },
    {
      key: 'yellow',
      title: text.t('thresholds.col.yellow'),
      render: (_, band) => formatMetric(band.yellow, dim.unit, text.lang, true),
    },
    {
      key: 'by',
      title: text.t('thresholds.col.changedBy'),
      render: (_, band) =>
        band.changedBy ? `${band.changedBy} · ${formatInstant(band.changedAt, text.lang)}` : text.t('common.none'),
    },
  ];
  return (
    <Table<BandRow>
      size="small"
      rowKey={(band) => `${band.effectiveMonth}:${band.changedAt}`}
      columns={columns}
      dataSource={[...row.history].reverse()}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid={`bands-history-${row.no}`}
    />
  );
}

/** An approved change not yet in force: the month the board switches. */
function Upcoming({ row }: { row: DimensionBands }) {
  const text = useBoardText();
  const next = row.history.find((band) => band.effectiveMonth > currentMonth());
  if (!next) return null;
  return (
    <Tag color="blue" style={{ marginInlineStart: 6 }}>
      {text.t('thresholds.upcoming', { month: text.month(next.effectiveMonth) })}
    </Tag>
  );
}

/** The bands in force per dimension, with every effective-dated change behind them. */
export function BandsTable() {
  const text = useBoardText();
  const bands = useThresholds();
  const isMobile = useIsMobile();
  const since = useSince();
  const value = (row: DimensionBands, pick: 'red' | 'yellow') =>
    formatMetric(row.current[pick], dimOf(row.no).unit, text.lang, true);
  const rule = (row: DimensionBands) => (
    <span data-testid={`band-rule-${row.no}`}>{text.band({ ...dimOf(row.no), bands: row.current })}</span>
  );
  const desk: TableColumnsType<DimensionBands> = [
    {
      key: 'dim',
      title: text.t('thresholds.col.dim'),
      width: 330,
      render: (_, row) => (
        <>
          <Typography.Text type="secondary">{text.dimNo(row.no)}</Typography.Text> {text.dimName(row.no)}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ({text.t(`thresholds.better.${dimOf(row.no).better}`)})
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'red',
      title: text.t('thresholds.col.red'),
      align: 'right',
      render: (_, row) => (
        <Typography.Text style={{ color: '#b91c1c', whiteSpace: 'nowrap' }}>{value(row, 'red')}</Typography.Text>
      ),
    },
    {
      key: 'yellow',
      title: text.t('thresholds.col.yellow'),
      align: 'right',
      render: (_, row) => (
        <Typography.Text style={{ color: '#a16207', whiteSpace: 'nowrap' }}>{value(row, 'yellow')}</Typography.Text>
      ),
    },
    { key: 'rule', title: text.t('thresholds.col.rule'), render: (_, row) => rule(row) },
    {
      key: 'since',
      title: text.t('thresholds.col.since'),
      render: (_, row) => (
        <>
          {since(row.history, row.current)}
          <Upcoming row={row} />
        </>
      ),
    },
  ];
  // a phone shows the rule (which carries both lines) under the dimension's short name
  const phone: TableColumnsType<DimensionBands> = [
    {
      key: 'dim',
      title: text.t('thresholds.col.rule'),
      render: (_, row) => (
        <Flex vertical>
          <span>
            <Typography.Text type="secondary">{text.dimNo(row.no)}</Typography.Text> {text.dimName(row.no)}
            <Upcoming row={row} />
          </span>
          <Typography.Text strong>{rule(row)}</Typography.Text>
        </Flex>
      ),
    },
  ];
  return (
    <Card size="small" title={text.t('thresholds.inForce')} style={{ marginBottom: 16 }}>
      {bands.isError ? (
        <ListError error={bands.error} onRetry={() => bands.refetch()} />
      ) : !bands.data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Table<DimensionBands>
          size="small"
          rowKey="no"
          columns={isMobile ? phone : desk}
          dataSource={bands.data}
          pagination={false}
          scroll={isMobile ? undefined : { x: 900 }}
          expandable={{ expandedRowRender: (row) => <History row={row} /> }}
          data-testid="bands-table"
        />
      )}
    </Card>
  );
}
