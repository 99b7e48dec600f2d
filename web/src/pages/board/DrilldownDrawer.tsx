import { Alert, Breadcrumb, Drawer, Flex, Skeleton, Statistic, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import {
  type BoardDto,
  type BoardView,
  type DrilldownRowDto,
  type ExplanationDto,
  type SubjectType,
  useDrilldown,
} from '../../api/board';
import { ApiError } from '../../api/client';
import type { Id } from '../../api/types';
import { ListError } from '../../components/ListStates';
import { useIsMobile } from '../../lib/useIsMobile';
import { amLevelNo, STATUS_COLORS, trackLevelNo, useBoardText } from './boardText';
import { DrillTable, statusFor } from './DrillTable';
import { ExplanationNote } from './ExplanationNote';
import { TaskSlot } from './TaskSlot';

const TrendChart = lazy(() => import('./TrendChart').then((m) => ({ default: m.TrendChart })));

export interface Crumb {
  type: SubjectType;
  id: Id;
  name: string;
  /** The row clicked to get here: fact lines have no parent total of their own. */
  row?: Pick<DrilldownRowDto, 'numerator' | 'denominator' | 'value'>;
  /** A customer's lines that name none of its opportunities (the 未关联商机 row). */
  unlinked?: boolean;
}

/** Where a drill-down starts: a dimension and the path to the subject clicked (track, or track → AM). */
export interface DrillStart {
  no: number;
  trail: Crumb[];
}

interface Props {
  start: DrillStart;
  board: BoardDto;
  month: string;
  view: BoardView;
  explanations: Map<Id, Map<number, ExplanationDto>>;
  onClose: () => void;
}

/** Below the AM level the drill-down follows the reader's customer scope (SPEC §2). */
function DrillError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const text = useBoardText();
  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
    return <Alert type="info" showIcon title={text.t('drill.outOfScope')} data-testid="drill-out-of-scope" />;
  }
  return <ListError error={error} onRetry={onRetry} />;
}

const NEXT: Record<string, SubjectType | undefined> = { am: 'am', customer: 'customer', opportunity: 'opportunity' };

/** Track → AM → customer → opportunity → fact lines; each level from /board/drilldown, the breadcrumb walks back. */
export function DrilldownDrawer({ start, board, month, view, explanations, onClose }: Props) {
  const text = useBoardText();
  const isMobile = useIsMobile();
  const [trail, setTrail] = useState(start.trail);
  const current = trail[trail.length - 1] as Crumb;
  const dim = board.dimensions.find((d) => d.no === start.no);
  const no = current.type === 'track' ? trackLevelNo(start.no) : start.no;
  const drill = useDrilldown({
    no,
    subjectType: current.type,
    subjectId: current.id,
    month,
    view,
    ...(current.unlinked ? { unlinked: true } : {}),
  });
  const trackCrumb = trail.find((c) => c.type === 'track');
  const note = trackCrumb ? explanations.get(Number(trackCrumb.id))?.get(trackLevelNo(start.no)) : undefined;
  const trackRow = trackCrumb ? board.tracks.find((row) => row.id === Number(trackCrumb.id)) : undefined;
  const trackStatus = trackRow?.metrics[String(trackLevelNo(start.no))]?.status;
  const deeper = (row: DrilldownRowDto) => {
    const type = drill.data ? NEXT[drill.data.level] : undefined;
    if (type && typeof row.id === 'number') setTrail([...trail, { type, id: row.id, name: row.name, row }]);
    // The customer's lines naming none of its opportunities: the customer again, its unlinked lines.
    if (type === 'opportunity' && row.id === 'unlinked')
      setTrail([...trail, { type: 'customer', id: current.id, name: row.name, row, unlinked: true }]);
  };
  const trendNo =
    current.type === 'track' ? trackLevelNo(start.no) : current.type === 'am' ? amLevelNo(start.no) : null;
  const trendDim = board.dimensions.find((d) => d.no === trendNo);
  const parent = drill.data?.level === 'line' ? current.row : drill.data?.parent;
  const parentStatus = dim && parent ? statusFor(dim, parent.value) : 'none';
  return (
    <Drawer
      open
      onClose={onClose}
      size={isMobile ? '100%' : 720}
      title={dim ? `${text.dimNo(dim.no)} · ${text.dimName(dim.no)}` : text.t('drill.title')}
      extra={
        <TaskSlot
          no={start.no}
          subjectType={current.type}
          subjectId={current.id}
          subjectName={current.name}
          month={month}
          view={view}
        />
      }
    >
      <Flex vertical gap={16} data-testid="drilldown-drawer">
        <Breadcrumb
          data-testid="drill-breadcrumb"
          items={trail.map((crumb, i) => ({
            key: `${crumb.type}:${crumb.id}${crumb.unlinked ? ':unlinked' : ''}`,
            title:
              i < trail.length - 1 ? (
                <Typography.Link onClick={() => setTrail(trail.slice(0, i + 1))}>{crumb.name}</Typography.Link>
              ) : (
                <b>{crumb.name}</b>
              ),
          }))}
        />
        <Typography.Text type="secondary">
          {text.month(month)} · {text.t(view === 'ytd' ? 'board.view.ytd' : 'board.view.month')}
          {drill.data && drill.data.level !== 'line' ? ` · ${text.t('drill.deeper')}` : ''}
        </Typography.Text>
        {dim && parent && (
          <Flex gap={24} wrap data-testid="drill-summary">
            <Statistic
              title={text.t('drill.value')}
              value={text.value(dim, parent.value)}
              styles={{ content: { color: STATUS_COLORS[parentStatus].fg, fontWeight: 600 } }}
            />
            <Statistic title={text.numLabel(dim.no)} value={text.money(parent.numerator)} />
            <Statistic title={text.denLabel(dim.no)} value={text.money(parent.denominator)} />
          </Flex>
        )}
        {trackCrumb && <ExplanationNote note={note} missing={trackStatus === 'red' || trackStatus === 'yellow'} />}
        {trendDim && (current.type === 'track' || current.type === 'am') && (
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 180 }} />}>
            <TrendChart
              dim={trendDim}
              height={180}
              args={{ no: trendDim.no, subjectType: current.type, subjectId: Number(current.id), month, view }}
            />
          </Suspense>
        )}
        {drill.isError && <DrillError error={drill.error} onRetry={() => drill.refetch()} />}
        {drill.isPending && <Skeleton active paragraph={{ rows: 6 }} />}
        {dim && drill.data && <DrillTable dim={dim} data={drill.data} loading={drill.isFetching} onDeeper={deeper} />}
        {!dim && <Alert type="warning" title={text.t('common.loadError')} />}
      </Flex>
    </Drawer>
  );
}
