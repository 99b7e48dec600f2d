import { Alert, Flex, Table, type TableColumnsType, Typography } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import type { DimensionDto, DrilldownDto, DrilldownRowDto, MetricStatus } from '../../api/board';
import { formatPercent } from '../../lib/format';
import { useIsMobile } from '../../lib/useIsMobile';
import { STATUS_COLORS, useBoardText } from './boardText';

/** The same red / yellow / green rule the board applies, for the rows below a board subject. */
export function statusFor(dim: Pick<DimensionDto, 'better' | 'bands'>, value: number | null): MetricStatus {
  if (value === null) return 'none';
  const { red, yellow } = dim.bands;
  if (dim.better === 'higher') return value < red ? 'red' : value < yellow ? 'yellow' : 'green';
  return value > red ? 'red' : value > yellow ? 'yellow' : 'green';
}

const detailOf = (row: DrilldownRowDto, key: string): unknown => row.detail?.[key];
const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const tabular = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

interface Props {
  dim: DimensionDto;
  data: DrilldownDto;
  loading: boolean;
  onDeeper: (row: DrilldownRowDto) => void;
}

/** A row's share of its parent's actual: the percentage over a thin bar, so the big parts stand out. */
function Share({ share }: { share: number | null }) {
  const text = useBoardText();
  const width = share === null ? 0 : Math.max(0, Math.min(1, share)) * 100;
  return (
    <Flex vertical align="end" gap={2} data-testid="drill-share" style={{ minWidth: 64 }}>
      <span style={tabular}>{formatPercent(share, text.lang)}</span>
      <div style={{ width: 64, height: 4, borderRadius: 2, background: 'rgba(15,23,42,0.08)' }}>
        <div style={{ width: `${width}%`, height: 4, borderRadius: 2, background: '#3b82f6' }} />
      </div>
    </Flex>
  );
}

/**
 * One level of the drill-down, worst first as the server sorts it: AMs, customers or forecast items with
 * numerator, denominator, value and their share of the parent; or fact lines. Where a level has no
 * denominator (targets stop at the AM) the empty columns give way to the share, and on a phone the amounts
 * move under the name so the value column stays on screen.
 */
export function DrillTable({ dim, data, loading, onDeeper }: Props) {
  const text = useBoardText();
  const { t } = text;
  const isMobile = useIsMobile();
  const lines = data.level === 'line';
  const some = (pick: (row: DrilldownRowDto) => unknown) =>
    data.rows.some((row) => pick(row) !== null && pick(row) !== undefined);
  const hasValue = some((row) => row.value);
  const hasDen = some((row) => row.denominator);
  const hasNum = some((row) => row.numerator) || data.actualOf === 'numerator';
  const statusOf = (row: DrilldownRowDto) => row.status ?? statusFor(dim, row.value);
  /** A subject listed without the amount (receivables but no sales) contributed 0: show 0, not a dash. */
  const numeratorOf = (row: DrilldownRowDto) =>
    row.numerator ?? (data.actualOf === 'numerator' && row.id !== 'unassigned' ? row.actual : null);
  const amount = (value: number | null) => <span style={tabular}>{text.money(value)}</span>;
  const value = (row: DrilldownRowDto) => (
    <b data-testid="drill-value" style={{ ...tabular, color: STATUS_COLORS[statusOf(row)].fg }}>
      {text.value(dim, row.value)}
    </b>
  );
  const actualLabel =
    data.actualOf === 'numerator'
      ? text.numLabel(dim.no)
      : data.actualOf === 'denominator'
        ? text.denLabel(dim.no)
        : t('drill.line.amount');
  const shareTitle = t('drill.share', { measure: actualLabel });
  const nameTitle = t(`drill.name.${data.level}`);
  const valueCell = (row: DrilldownRowDto) =>
    ({ style: { background: STATUS_COLORS[statusOf(row)].bg } }) as HTMLAttributes<HTMLElement>;
  const shareColumn = {
    key: 'share',
    title: shareTitle,
    align: 'right' as const,
    render: (_: unknown, row: DrilldownRowDto) => <Share share={row.shareOfParent} />,
  };
  const small = (parts: (ReactNode | null)[]) => (
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
      {parts
        .filter((p) => p !== null)
        .map((p, i) => (
          <span key={String(i)} style={{ marginInlineEnd: 8, whiteSpace: 'nowrap' }}>
            {p}
          </span>
        ))}
    </Typography.Text>
  );

  const ratioColumns: TableColumnsType<DrilldownRowDto> = isMobile
    ? [
        {
          key: 'name',
          title: nameTitle,
          render: (_, row) => (
            <div style={{ wordBreak: 'break-word' }}>
              <div>{row.name}</div>
              {small([
                hasNum ? `${text.numLabel(dim.no)} ${text.money(numeratorOf(row))}` : null,
                hasDen ? `${text.denLabel(dim.no)} ${text.money(row.denominator)}` : null,
                hasValue ? `${shareTitle} ${formatPercent(row.shareOfParent, text.lang)}` : null,
              ])}
            </div>
          ),
        },
        hasValue
          ? { key: 'value', title: t('drill.value'), align: 'right', onCell: valueCell, render: (_, row) => value(row) }
          : shareColumn,
      ]
    : [
        { key: 'name', title: nameTitle, dataIndex: 'name', fixed: 'left', width: 180, ellipsis: true },
        ...(hasNum
          ? [
              {
                key: 'num',
                title: text.numLabel(dim.no),
                align: 'right' as const,
                render: (_: unknown, row: DrilldownRowDto) => amount(numeratorOf(row)),
              },
            ]
          : []),
        ...(hasDen
          ? [
              {
                key: 'den',
                title: text.denLabel(dim.no),
                align: 'right' as const,
                render: (_: unknown, row: DrilldownRowDto) => amount(row.denominator),
              },
            ]
          : []),
        ...(hasValue
          ? [
              {
                key: 'value',
                title: t('drill.value'),
                align: 'right' as const,
                onCell: valueCell,
                render: (_: unknown, row: DrilldownRowDto) => value(row),
              },
            ]
          : []),
        shareColumn,
      ];

  const hasCost = some((row) => detailOf(row, 'cost'));
  const lineAmount = (row: DrilldownRowDto) => num(detailOf(row, 'amount')) ?? row.numerator;
  const docOf = (row: DrilldownRowDto) =>
    detailOf(row, 'docNo') ? `${str(detailOf(row, 'docNo'))} · ${str(detailOf(row, 'lineNo'))}` : row.name;
  const lineColumns: TableColumnsType<DrilldownRowDto> = isMobile
    ? [
        {
          key: 'doc',
          title: nameTitle,
          render: (_, row) => (
            <div style={{ wordBreak: 'break-word' }}>
              <div>{docOf(row)}</div>
              {small([
                str(detailOf(row, 'date')) || null,
                str(detailOf(row, 'source')) || null,
                hasValue ? `${t('drill.value')} ${text.value(dim, row.value)}` : null,
              ])}
            </div>
          ),
        },
        {
          key: 'amount',
          title: t('drill.line.amount'),
          align: 'right',
          render: (_, row) => (
            <Flex vertical align="end">
              {amount(lineAmount(row))}
              <Typography.Text type="secondary" style={{ fontSize: 12, ...tabular }} data-testid="drill-share">
                {formatPercent(row.shareOfParent, text.lang)}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [
        { key: 'doc', title: nameTitle, render: (_, row) => docOf(row) },
        { key: 'date', title: t('drill.line.date'), render: (_, row) => str(detailOf(row, 'date')) },
        { key: 'source', title: t('drill.line.source'), render: (_, row) => str(detailOf(row, 'source')) },
        { key: 'amount', title: t('drill.line.amount'), align: 'right', render: (_, row) => amount(lineAmount(row)) },
        ...(hasCost
          ? [
              {
                key: 'cost',
                title: t('drill.line.cost'),
                align: 'right' as const,
                render: (_: unknown, row: DrilldownRowDto) => amount(num(detailOf(row, 'cost'))),
              },
            ]
          : []),
        ...(hasValue
          ? [
              {
                key: 'value',
                title: t('drill.value'),
                align: 'right' as const,
                onCell: valueCell,
                render: (_: unknown, row: DrilldownRowDto) => value(row),
              },
            ]
          : []),
        shareColumn,
      ];

  // Why a column is missing: the target stops at the AM, or expenses are booked per AM, not per customer.
  const attainment = dim.no >= 1 && dim.no <= 4;
  const opportunities = data.level === 'opportunity' && data.rows.length > 0;
  const note =
    opportunities && dim.no === 8
      ? t('drill.note.dsoOpportunities')
      : opportunities && dim.no !== 7
        ? t('drill.note.opportunities', { num: text.numLabel(dim.no) })
        : data.level === 'customer' && attainment && !hasDen && data.rows.length > 0
          ? t('drill.note.noTarget', { den: text.denLabel(dim.no), num: text.numLabel(dim.no) })
          : (data.level === 'customer' || opportunities) && dim.no === 7 && data.rows.length > 0
            ? t('drill.note.expensesPerAm')
            : lines && dim.no === 8
              ? t('drill.note.dsoLines')
              : null;
  return (
    <Flex vertical gap={8}>
      {note && <Alert type="info" showIcon title={note} data-testid="drill-note" />}
      <Table<DrilldownRowDto>
        rowKey={(row) => String(row.id)}
        size="small"
        loading={loading}
        columns={lines ? lineColumns : ratioColumns}
        dataSource={data.rows}
        pagination={data.rows.length > 50 ? { pageSize: 50, size: 'small', showSizeChanger: false } : false}
        scroll={isMobile ? undefined : { x: 'max-content' }}
        locale={{ emptyText: t('drill.empty') }}
        data-testid={`drill-table-${data.level}`}
        onRow={(row) =>
          ({
            'data-testid': 'drill-row',
            'data-row-id': String(row.id),
            'data-status': statusOf(row),
            ...(lines || (typeof row.id !== 'number' && row.id !== 'unlinked')
              ? {}
              : { onClick: () => onDeeper(row), style: { cursor: 'pointer' } }),
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </Flex>
  );
}
