import { Card, Flex, Select, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { type BoardDto, type BoardRowDto, type BoardView, useAllExplanations } from '../../api/board';
import type { Id, Me } from '../../api/types';
import { AmsTable } from './AmsTable';
import type { Subject } from './BoardCharts';
import { BoardChartsSkeleton } from './BoardStates';
import { useBoardText } from './boardText';
import { DrilldownDrawer, type DrillStart } from './DrilldownDrawer';
import { ExplainModal } from './ExplainModal';
import type { BoardSort } from './metricColumn';
import { TracksTable } from './TracksTable';

const BoardCharts = lazy(() => import('./BoardCharts'));

interface Props {
  board: BoardDto;
  month: string;
  view: BoardView;
  me: Me;
}

/** The loaded board: tracks, charts, account managers; the drill-down drawer and the P3 modal. */
export function BoardBody({ board, month, view, me }: Props) {
  const text = useBoardText();
  const [trackSort, setTrackSort] = useState<BoardSort>({ no: 1, order: 'ascend' });
  const [amSort, setAmSort] = useState<BoardSort>({ no: 2, order: 'ascend' });
  const [chartNo, setChartNo] = useState(1);
  const [subject, setSubject] = useState<Subject | null>(null);
  // 0: every track (ids start at 1; a Select option may not carry null)
  const [amTrack, setAmTrack] = useState<Id>(0);
  const [drill, setDrill] = useState<DrillStart | null>(null);
  const [explainId, setExplainId] = useState<Id | null>(null);
  const explanations = useAllExplanations(
    month,
    board.tracks.map((track) => track.id),
  );
  const ownTrackId = me.user.trackId;
  const canExplain = (row: BoardRowDto) => me.permissions.includes('board.explain') && row.id === ownTrackId;
  const amRows = amTrack === 0 ? board.ams : board.ams.filter((am) => am.trackId === amTrack);
  const explaining = board.tracks.find((track) => track.id === explainId);

  const openTrack = (row: BoardRowDto, no: number) => {
    setChartNo(no);
    setSubject({ type: 'track', id: row.id });
    setDrill({ no, trail: [{ type: 'track', id: row.id, name: row.name }] });
  };
  const openAm = (row: BoardRowDto, no: number) => {
    const track = board.tracks.find((t) => t.id === row.trackId);
    setChartNo(no);
    setSubject({ type: 'am', id: row.id });
    const am = { type: 'am' as const, id: row.id, name: row.name };
    setDrill({ no, trail: track ? [{ type: 'track', id: track.id, name: track.name }, am] : [am] });
  };
  const sortTracks = (sort: BoardSort) => {
    setTrackSort(sort);
    setChartNo(sort.no);
  };
  const sortAms = (sort: BoardSort) => {
    setAmSort(sort);
    setChartNo(sort.no);
  };

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={text.t('board.tracks')}
        extra={<Typography.Text type="secondary">{text.t('board.clickHint')}</Typography.Text>}
        styles={{ body: { padding: 0 } }}
      >
        <TracksTable
          board={board}
          sort={trackSort}
          onSort={sortTracks}
          onOpen={openTrack}
          explanations={explanations}
          ownTrackId={ownTrackId}
          canExplain={canExplain}
          onExplain={(row) => setExplainId(row.id)}
        />
      </Card>
      <Suspense fallback={<BoardChartsSkeleton />}>
        <BoardCharts
          board={board}
          month={month}
          view={view}
          chartNo={chartNo}
          onChartNo={setChartNo}
          subject={subject}
          onSubject={setSubject}
          amRows={amRows}
          ownTrackId={ownTrackId}
          meId={me.user.id}
        />
      </Suspense>
      <Card
        size="small"
        title={text.t('board.ams')}
        styles={{ body: { padding: 0 } }}
        extra={
          <Select<Id>
            size="small"
            value={amTrack}
            onChange={setAmTrack}
            style={{ width: 140 }}
            aria-label={text.t('board.col.track')}
            data-testid="ams-track-filter"
            options={[
              { value: 0, label: text.t('board.allTracks') },
              ...board.tracks.map((track) => ({ value: track.id, label: track.name })),
            ]}
          />
        }
      >
        <AmsTable board={board} rows={amRows} sort={amSort} onSort={sortAms} onOpen={openAm} meId={me.user.id} />
      </Card>
      {drill && (
        <DrilldownDrawer
          key={JSON.stringify(drill)}
          start={drill}
          board={board}
          month={month}
          view={view}
          explanations={explanations}
          onClose={() => setDrill(null)}
        />
      )}
      {explaining && (
        <ExplainModal
          track={explaining}
          board={board}
          month={month}
          notes={explanations.get(explaining.id)}
          onClose={() => setExplainId(null)}
        />
      )}
    </Flex>
  );
}
