import { BgColorsOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Popover, Row, Skeleton, Table, Typography } from 'antd';
import type { BoardDto, DimensionDto, MetricStatus } from '../../api/board';
import { STATUS_COLORS, useBoardText } from './boardText';

/** Tables and charts while the board loads. */
export function BoardSkeleton() {
  return (
    <Flex vertical gap={16} data-testid="board-loading">
      <Card>
        <Skeleton active paragraph={{ rows: 7 }} />
      </Card>
      <Card>
        <Skeleton.Node active style={{ width: '100%', height: 240 }} />
      </Card>
    </Flex>
  );
}

/** The two chart cards while ECharts (its own chunk) arrives: the tables above and below are already drawn. */
export function BoardChartsSkeleton() {
  const card = (
    <Col xs={24} xl={12}>
      <Card size="small">
        <Flex vertical gap={12}>
          <Skeleton.Input active size="small" style={{ width: 200 }} />
          <Skeleton.Button active block style={{ height: 260 }} />
        </Flex>
      </Card>
    </Col>
  );
  return (
    <Row gutter={[16, 16]} data-testid="board-charts-loading">
      {card}
      {card}
    </Row>
  );
}

/** A month without any fact: say where the numbers will come from. */
export function BoardEmpty() {
  const text = useBoardText();
  return (
    <Card data-testid="board-empty">
      <Empty
        description={
          <>
            <Typography.Title level={5}>{text.t('board.empty.title')}</Typography.Title>
            <Typography.Text type="secondary">{text.t('board.empty.hint')}</Typography.Text>
          </>
        }
      />
    </Card>
  );
}

/** True when no subject carries a value: nothing has been written back for this period yet. */
export const boardIsEmpty = (board: BoardDto): boolean =>
  [...board.tracks, ...board.ams].every((row) => Object.values(row.metrics).every((m) => m.value === null));

function Swatch({ status }: { status: MetricStatus }) {
  const text = useBoardText();
  const colors = STATUS_COLORS[status];
  return (
    <span style={{ background: colors.bg, color: colors.fg, padding: '0 8px', borderRadius: 4, fontWeight: 600 }}>
      {text.status(status)}
    </span>
  );
}

/** The colour rules of every dimension, with the bands in force for the month shown. */
export function BoardLegend({ dimensions }: { dimensions: DimensionDto[] }) {
  const text = useBoardText();
  const content = (
    <Flex vertical gap={8} style={{ maxWidth: 440 }}>
      <Flex gap={6} wrap>
        {(['red', 'yellow', 'green', 'none'] as const).map((s) => (
          <Swatch key={s} status={s} />
        ))}
      </Flex>
      <Table<DimensionDto>
        size="small"
        rowKey="no"
        pagination={false}
        dataSource={dimensions}
        columns={[
          { key: 'no', render: (_, d) => `${text.dimNo(d.no)} ${text.dimName(d.no)}` },
          { key: 'band', render: (_, d) => text.band(d) },
        ]}
        showHeader={false}
      />
    </Flex>
  );
  return (
    <Popover content={content} title={text.t('board.legend')} trigger="click" placement="bottomRight">
      <Button icon={<BgColorsOutlined />} data-testid="board-legend">
        {text.t('board.legend')}
      </Button>
    </Popover>
  );
}
