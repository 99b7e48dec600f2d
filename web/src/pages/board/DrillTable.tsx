import { Table, type TableColumnsType } from 'antd';
import type { DimensionDto, DrilldownDto, DrilldownRowDto, MetricStatus } from '../../api/board';
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

interface Props {
  dim: DimensionDto;
  data: DrilldownDto;
  loading: boolean;
  onDeeper: (row: DrilldownRowDto) => void;
}

/** One level of the drill-down: AMs or customers with numerator, denominator and value; or fact lines. */
export function DrillTable({ dim, data, loading, onDeeper }: Props) {
  const text = useBoardText();
  const { t } = text;
  const lines = data.level === 'line';
  const amountCell = (value: number | null) => (
    <span style={{ fontVariantNumeric: 'tabular-nums' }}>{text.money(value)}</span>
  );
  const nameTitle = t(`drill.name.${data.level}`);
  const ratioColumns: TableColumnsType<DrilldownRowDto> = [
    { key: 'name', title: nameTitle, dataIndex: 'name', fixed: 'left', width: 160, ellipsis: true },
    {
      key: 'num',
      title: text.numLabel(dim.no),
      align: 'right',
      render: (_, row) => amountCell(row.numerator),
    },
    {
      key: 'den',
      title: text.denLabel(dim.no),
      align: 'right',
      render: (_, row) => amountCell(row.denominator),
    },
    {
      key: 'value',
      title: t('drill.value'),
      align: 'right',
      onCell: (row) => ({ style: { background: STATUS_COLORS[statusFor(dim, row.value)].bg } }),
      render: (_, row) => (
        <b style={{ color: STATUS_COLORS[statusFor(dim, row.value)].fg, whiteSpace: 'nowrap' }}>
          {text.value(dim, row.value)}
        </b>
      ),
    },
  ];
  const hasCost = data.rows.some((row) => detailOf(row, 'cost') !== undefined && detailOf(row, 'cost') !== null);
  const lineColumns: TableColumnsType<DrilldownRowDto> = [
    {
      key: 'doc',
      title: nameTitle,
      render: (_, row) =>
        detailOf(row, 'docNo') ? `${str(detailOf(row, 'docNo'))} · ${str(detailOf(row, 'lineNo'))}` : row.name,
    },
    { key: 'date', title: t('drill.line.date'), render: (_, row) => str(detailOf(row, 'date')) },
    { key: 'source', title: t('drill.line.source'), render: (_, row) => str(detailOf(row, 'source')) },
    {
      key: 'amount',
      title: t('drill.line.amount'),
      align: 'right',
      render: (_, row) => amountCell(num(detailOf(row, 'amount')) ?? row.numerator),
    },
    ...(hasCost
      ? [
          {
            key: 'cost',
            title: t('drill.line.cost'),
            align: 'right' as const,
            render: (_: unknown, row: DrilldownRowDto) => amountCell(num(detailOf(row, 'cost'))),
          },
        ]
      : []),
  ];
  return (
    <Table<DrilldownRowDto>
      rowKey={(row) => String(row.id)}
      size="small"
      loading={loading}
      columns={lines ? lineColumns : ratioColumns}
      dataSource={data.rows}
      pagination={data.rows.length > 50 ? { pageSize: 50, size: 'small', showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('drill.empty') }}
      data-testid={`drill-table-${data.level}`}
      onRow={(row) =>
        lines || typeof row.id !== 'number' ? {} : { onClick: () => onDeeper(row), style: { cursor: 'pointer' } }
      }
    />
  );
}
