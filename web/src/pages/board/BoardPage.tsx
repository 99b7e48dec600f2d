import { Card, Flex } from 'antd';
import { useSearchParams } from 'react-router';
import { type BoardView, useBoard } from '../../api/board';
import { useMe } from '../../auth/session';
import { ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { currentMonth, defaultBoardMonth, MONTH_PATTERN } from '../../lib/month';
import { useIsMobile } from '../../lib/useIsMobile';
import { BoardBody } from './BoardBody';
import { BoardEmpty, BoardLegend, BoardSkeleton, boardIsEmpty } from './BoardStates';
import { BoardToolbar, DataAsOf } from './BoardToolbar';
import { useBoardText } from './boardText';

/** 晾晒排名看板 (SPEC §3): the month (or YTD) of every track and account manager, ranked and coloured. */
export default function BoardPage() {
  const text = useBoardText();
  const me = useMe().data;
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const requested = params.get('month');
  const month = requested && MONTH_PATTERN.test(requested) ? requested : defaultBoardMonth();
  const view: BoardView = params.get('view') === 'ytd' ? 'ytd' : 'month';
  const board = useBoard({ month, view });
  const change = (next: { month?: string; view?: BoardView }) =>
    setParams(
      (prev) => {
        const query = new URLSearchParams(prev);
        if (next.month) query.set('month', next.month);
        if (next.view) query.set('view', next.view);
        return query;
      },
      { replace: true },
    );
  const data = board.data;
  if (!me) return null;
  return (
    <div data-testid="board-page">
      <PageHeader title={text.t('board.title')} extra={data && <BoardLegend dimensions={data.dimensions} />} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center" justify="space-between">
          <BoardToolbar month={month} view={view} lastMonth={currentMonth()} onChange={change} />
          {data && <DataAsOf items={data.dataAsOf} compact={isMobile} />}
        </Flex>
      </Card>
      {board.isError ? (
        <ListError error={board.error} onRetry={() => board.refetch()} />
      ) : !data ? (
        <BoardSkeleton />
      ) : boardIsEmpty(data) ? (
        <BoardEmpty />
      ) : (
        <div style={{ opacity: board.isPlaceholderData ? 0.55 : 1, transition: 'opacity 0.2s' }}>
          <BoardBody board={data} month={data.month} view={data.view} me={me} />
        </div>
      )}
    </div>
  );
}
