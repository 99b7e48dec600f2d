import { Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { AM_DIMS, type BoardDto, type BoardRowDto } from '../../api/board';
import type { Id } from '../../api/types';
import { useBoardText } from './boardText';
import { type BoardSort, metricColumn, type SortOrder } from './metricColumn';
import { TaskSlot } from './TaskSlot';

interface Props {
  board: BoardDto;
  rows: BoardRowDto[];
  sort: BoardSort;
  onSort: (sort: BoardSort) => void;
  onOpen: (row: BoardRowDto, no: number) => void;
  meId: Id;
}

/** Dimensions 2 and 4: every account manager, ranked in the company and within the track. */
export function AmsTable({ board, rows, sort, onSort, onOpen, meId }: Props) {
  const text = useBoardText();
  const trackName = new Map(board.tracks.map((track) => [track.id, track.name]));
  const dims = AM_DIMS.map((no) => board.dimensions.find((d) => d.no === no)).filter((d) => d !== undefined);
  const columns: TableColumnsType<BoardRowDto> = [
    {
      key: 'name',
      title: text.t('board.col.am'),
      fixed: 'left',
      width: 150,
      render: (_, row) => (
        <Flex gap={6} align="baseline" wrap>
          <Typography.Text strong>{row.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.code}
          </Typography.Text>
          {row.id === meId && <Tag color="blue">{text.t('board.me')}</Tag>}
          <TaskSlot
            compact
            no={sort.no}
            subjectType="am"
            subjectTrackId={row.trackId ?? null}
            choices={dims.map((dim) => ({ no: dim.no, dim, metric: row.metrics[String(dim.no)] }))}
            subjectId={row.id}
            subjectName={row.name}
            month={board.month}
            view={board.view}
          />
        </Flex>
      ),
    },
    {
      key: 'track',
      title: text.t('board.col.track'),
      render: (_, row) => (row.trackId ? (trackName.get(row.trackId) ?? '') : text.t('common.none')),
    },
    ...dims.map((dim) => metricColumn({ dim, text, sort, onOpen, testId: (row) => `am-cell-${row.id}-${dim.no}` })),
  ];
  return (
    <Table<BoardRowDto>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content', y: 520 }}
      data-testid="ams-table"
      onRow={(row) => ({ onClick: () => onOpen(row, sort.no), style: { cursor: 'pointer' } })}
      onChange={(_, __, sorter) => {
        const one = Array.isArray(sorter) ? sorter[0] : sorter;
        if (one?.columnKey) onSort({ no: Number(one.columnKey), order: (one.order ?? 'ascend') as SortOrder });
      }}
    />
  );
}
