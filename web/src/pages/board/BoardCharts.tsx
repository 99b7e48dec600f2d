// Loaded lazily by the board page: ECharts arrives after the tables are on screen.
import { Card, Col, Row, Select, Typography } from 'antd';
import type { BoardDto, BoardRowDto, BoardView, DimensionDto } from '../../api/board';
import type { Id } from '../../api/types';
import { metricOf, rankOf, useBoardText } from './boardText';
import { RankingChart } from './RankingChart';
import { TrendChart } from './TrendChart';

export interface Subject {
  type: 'track' | 'am';
  id: Id;
}

interface Props {
  board: BoardDto;
  month: string;
  view: BoardView;
  chartNo: number;
  onChartNo: (no: number) => void;
  subject: Subject | null;
  onSubject: (subject: Subject) => void;
  /** The account managers shown (the AM table's track filter applies to the chart too). */
  amRows: BoardRowDto[];
  ownTrackId: Id | null;
  meId: Id;
}

/** Without a choice: the reader's own row (or track), else the best ranked. */
function defaultSubject(rows: BoardRowDto[], dim: DimensionDto, ownTrackId: Id | null, meId: Id): Id | null {
  const ranked = [...rows].sort((a, b) => rankOf(a, dim.no) - rankOf(b, dim.no));
  const own =
    dim.subject === 'am'
      ? (ranked.find((row) => row.id === meId) ?? ranked.find((row) => row.trackId === ownTrackId))
      : ranked.find((row) => row.id === ownTrackId);
  return (own ?? ranked[0])?.id ?? null;
}

export default function BoardCharts(props: Props) {
  const { board, month, view, chartNo, onChartNo, subject, onSubject, amRows, ownTrackId, meId } = props;
  const text = useBoardText();
  const dim = board.dimensions.find((d) => d.no === chartNo) ?? board.dimensions[0];
  if (!dim) return null;
  const rows = dim.subject === 'track' ? board.tracks : amRows;
  const chosen = subject?.type === dim.subject && rows.some((row) => row.id === subject.id) ? subject.id : null;
  const subjectId = chosen ?? defaultSubject(rows, dim, ownTrackId, meId);
  const subjectRow = rows.find((row) => row.id === subjectId);
  const pick = (id: Id) => onSubject({ type: dim.subject, id });
  const title = `${text.dimNo(dim.no)} ${text.dimShort(dim.no)}`;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={text.t('board.chart.ranking', { dim: title })}
          extra={
            <Select
              size="small"
              value={dim.no}
              onChange={onChartNo}
              popupMatchSelectWidth={false}
              aria-label={text.t('board.chart.dimension')}
              data-testid="chart-dimension"
              options={board.dimensions.map((d) => ({
                value: d.no,
                label: `${text.dimNo(d.no)} ${text.dimName(d.no)}`,
              }))}
              style={{ width: 150 }}
            />
          }
        >
          <div style={{ maxHeight: 440, overflowY: 'auto', overflowX: 'hidden' }}>
            <RankingChart dim={dim} rows={rows} selectedId={subjectId} onPick={pick} />
          </div>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={`${subjectRow?.name ?? ''} · ${text.t('board.chart.trend')}`}
          extra={
            <Select
              size="small"
              showSearch={{ optionFilterProp: 'label' }}
              value={subjectId ?? undefined}
              onChange={pick}
              popupMatchSelectWidth={false}
              aria-label={text.t('board.chart.subject')}
              data-testid="chart-subject"
              options={rows.map((row) => ({ value: row.id, label: row.name }))}
              style={{ width: 130 }}
            />
          }
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {title} · {subjectRow ? text.value(dim, metricOf(subjectRow, dim.no)?.value) : ''} ·{' '}
            {text.t('board.chart.pickSubject')}
          </Typography.Text>
          <TrendChart
            dim={dim}
            args={subjectId ? { no: dim.no, subjectType: dim.subject, subjectId, month, view } : null}
          />
        </Card>
      </Col>
    </Row>
  );
}
