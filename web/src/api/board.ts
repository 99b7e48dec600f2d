// The ranking board (SPEC §3): shapes come from the server's TypeBox contract (types only, erased at build).
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  Bands,
  Board,
  BoardQuery,
  BoardRow,
  DataAsOf,
  Dimension,
  Drilldown,
  DrilldownQuery,
  Explanation,
  ExplanationList,
  Metric,
  PutExplanations,
  Trend,
  TrendQuery,
} from '../../../src/board/contract';
import { AM_DIMENSIONS, TRACK_DIMENSIONS } from '../../../src/board/dimensions';
import { api } from './client';
import type { Id } from './types';

export type BoardView = BoardDto['view'];
export type BoardDto = Static<typeof Board>;
export type BoardRowDto = Static<typeof BoardRow>;
export type DimensionDto = Static<typeof Dimension>;
export type MetricDto = Static<typeof Metric>;
export type BandsDto = Static<typeof Bands>;
export type DataAsOfDto = Static<typeof DataAsOf>;
export type DrilldownDto = Static<typeof Drilldown>;
export type DrilldownRowDto = DrilldownDto['rows'][number];
export type TrendDto = Static<typeof Trend>;
export type ExplanationDto = Static<typeof Explanation>;
export type MetricStatus = MetricDto['status'];
export type Unit = DimensionDto['unit'];
export type SubjectType = Static<typeof DrilldownQuery>['subjectType'];

/** Track dimensions in the order of the deck (维度一~八); AM dimensions below — the server's one list. */
export const TRACK_DIMS = TRACK_DIMENSIONS;
export const AM_DIMS = AM_DIMENSIONS;

export type BoardArgs = Required<Static<typeof BoardQuery>>;

export function useBoard({ month, view }: BoardArgs) {
  return useQuery({
    queryKey: ['board', month, view],
    queryFn: () => api<BoardDto>('/board', { query: { month, view } }),
    placeholderData: keepPreviousData,
  });
}

export type DrillArgs = Required<Omit<Static<typeof DrilldownQuery>, 'unlinked'>> & { unlinked?: boolean };

export function useDrilldown(args: DrillArgs | null) {
  return useQuery({
    queryKey: ['board', 'drilldown', args],
    queryFn: () => api<DrilldownDto>('/board/drilldown', { query: { ...(args as DrillArgs) } }),
    enabled: args !== null,
  });
}

export type TrendArgs = Required<Static<typeof TrendQuery>>;

export function useTrend(args: TrendArgs | null) {
  return useQuery({
    queryKey: ['board', 'trend', args],
    queryFn: () => api<TrendDto>('/board/trend', { query: { ...(args as TrendArgs) } }),
    enabled: args !== null,
    placeholderData: keepPreviousData,
  });
}

const explanationsKey = (month: string, trackId: Id) => ['board', 'explanations', month, trackId];
const fetchExplanations = (month: string, trackId: Id) =>
  api<Static<typeof ExplanationList>>('/board/explanations', { query: { month, trackId } }).then((r) => r.items);

/** P3 explanations of every track for the month: trackId → dimension no → explanation. */
export function useAllExplanations(month: string, trackIds: Id[]) {
  const results = useQueries({
    queries: trackIds.map((trackId) => ({
      queryKey: explanationsKey(month, trackId),
      queryFn: () => fetchExplanations(month, trackId),
    })),
  });
  const byTrack = new Map<Id, Map<number, ExplanationDto>>();
  results.forEach((result, i) => {
    const items = (result.data ?? []).filter((item) => item.cause.trim() || item.plan.trim());
    byTrack.set(trackIds[i] as Id, new Map(items.map((item) => [item.no, item])));
  });
  return byTrack;
}

export type ExplanationInput = Static<typeof PutExplanations>['items'][number];

export function useSaveExplanations(month: string, trackId: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (items: ExplanationInput[]) =>
      api<Static<typeof ExplanationList>>('/board/explanations', {
        method: 'PUT',
        query: { month, trackId },
        body: { items },
      }),
    onSettled: () => client.invalidateQueries({ queryKey: explanationsKey(month, trackId) }),
  });
}
