import type { TableColumnType } from 'antd';
import { Tooltip } from 'antd';
import type { HTMLAttributes } from 'react';
import type { BoardRowDto, DimensionDto, ExplanationDto } from '../../api/board';
import { type BoardText, metricOf, rankOf, STATUS_COLORS } from './boardText';
import { MetricCell } from './MetricCell';

export type SortOrder = 'ascend' | 'descend';
export interface BoardSort {
  no: number;
  order: SortOrder;
}

/** The header: "维度一" over the short name; the full name and formula in the tooltip. */
function DimHeader({ dim, text }: { dim: DimensionDto; text: BoardText }) {
  return (
    <Tooltip
      title={
        <>
          <div style={{ fontWeight: 600 }}>
            {text.dimNo(dim.no)} · {text.dimName(dim.no)}
          </div>
          <div>{text.formula(dim.no)}</div>
          <div style={{ opacity: 0.8 }}>{text.band(dim)}</div>
        </>
      }
    >
      <div style={{ lineHeight: 1.25 }}>
        <div style={{ fontSize: 12, fontWeight: 400, color: '#64748b' }}>{text.dimNo(dim.no)}</div>
        <div style={{ whiteSpace: 'nowrap' }}>{text.dimShort(dim.no)}</div>
      </div>
    </Tooltip>
  );
}

interface Options {
  dim: DimensionDto;
  text: BoardText;
  sort: BoardSort;
  onOpen: (row: BoardRowDto, no: number) => void;
  testId: (row: BoardRowDto) => string;
  explanation?: (row: BoardRowDto) => ExplanationDto | undefined;
}

/** A dimension column: sortable by rank, the cell coloured by status, a click opens the drill-down. */
export function metricColumn({ dim, text, sort, onOpen, testId, explanation }: Options): TableColumnType<BoardRowDto> {
  return {
    key: String(dim.no),
    title: <DimHeader dim={dim} text={text} />,
    sorter: (a, b) => rankOf(a, dim.no) - rankOf(b, dim.no),
    sortOrder: sort.no === dim.no ? sort.order : null,
    sortDirections: ['ascend', 'descend'],
    showSorterTooltip: false,
    onCell: (row) =>
      ({
        'data-testid': testId(row),
        'data-status': metricOf(row, dim.no)?.status ?? 'none',
        style: { background: STATUS_COLORS[metricOf(row, dim.no)?.status ?? 'none'].bg, cursor: 'pointer' },
        onClick: (event) => {
          event.stopPropagation();
          onOpen(row, dim.no);
        },
      }) as HTMLAttributes<HTMLElement>,
    render: (_, row) => <MetricCell dim={dim} metric={metricOf(row, dim.no)} explanation={explanation?.(row)} />,
  };
}
