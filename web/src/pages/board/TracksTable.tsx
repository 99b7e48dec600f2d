import { EditOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { BoardDto, BoardRowDto, ExplanationDto } from '../../api/board';
import { TRACK_DIMS } from '../../api/board';
import type { Id } from '../../api/types';
import { useBoardText } from './boardText';
import { type BoardSort, metricColumn, type SortOrder } from './metricColumn';
import { TaskSlot } from './TaskSlot';

interface Props {
  board: BoardDto;
  sort: BoardSort;
  onSort: (sort: BoardSort) => void;
  onOpen: (row: BoardRowDto, no: number) => void;
  explanations: Map<Id, Map<number, ExplanationDto>>;
  ownTrackId: Id | null;
  /** The director of the track may write its P3 explanations. */
  canExplain: (row: BoardRowDto) => boolean;
  onExplain: (row: BoardRowDto) => void;
}

/** Non-green dimensions of a track that still lack a cause analysis or an improvement plan. */
export function missingExplanations(row: BoardRowDto, notes: Map<number, ExplanationDto> | undefined): number {
  return TRACK_DIMS.filter((no) => {
    const status = row.metrics[String(no)]?.status;
    return (status === 'red' || status === 'yellow') && !notes?.get(no);
  }).length;
}

export function TracksTable(props: Props) {
  const { board, sort, onSort, onOpen, explanations, ownTrackId, canExplain, onExplain } = props;
  const text = useBoardText();
  const dims = TRACK_DIMS.map((no) => board.dimensions.find((d) => d.no === no)).filter((d) => d !== undefined);
  const columns: TableColumnsType<BoardRowDto> = [
    {
      key: 'name',
      title: text.t('board.col.track'),
      fixed: 'left',
      width: 150,
      render: (_, row) => (
        <Flex vertical gap={2} align="start">
          <Typography.Text strong>{row.name}</Typography.Text>
          {row.id === ownTrackId && <Tag color="blue">{text.t('board.ownTrack')}</Tag>}
          <TaskSlot
            compact
            no={sort.no}
            subjectType="track"
            subjectTrackId={Number(row.id)}
            choices={dims.map((dim) => ({ no: dim.no, dim, metric: row.metrics[String(dim.no)] }))}
            subjectId={row.id}
            subjectName={row.name}
            month={board.month}
            view={board.view}
          />
          {canExplain(row) && (
            <Badge count={missingExplanations(row, explanations.get(row.id))} size="small" offset={[-4, 2]}>
              <Button
                size="small"
                icon={<EditOutlined />}
                data-testid={`explain-${row.id}`}
                onClick={(event) => {
                  event.stopPropagation();
                  onExplain(row);
                }}
              >
                {text.t('explain.button')}
              </Button>
            </Badge>
          )}
        </Flex>
      ),
    },
    ...dims.map((dim) =>
      metricColumn({
        dim,
        text,
        sort,
        onOpen,
        testId: (row) => `cell-${row.id}-${dim.no}`,
        explanation: (row) => explanations.get(row.id)?.get(dim.no),
      }),
    ),
  ];
  return (
    <Table<BoardRowDto>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={board.tracks}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="tracks-table"
      onRow={(row) => ({ onClick: () => onOpen(row, sort.no), style: { cursor: 'pointer' } })}
      onChange={(_, __, sorter) => {
        const one = Array.isArray(sorter) ? sorter[0] : sorter;
        if (one?.columnKey) onSort({ no: Number(one.columnKey), order: (one.order ?? 'ascend') as SortOrder });
      }}
    />
  );
}
