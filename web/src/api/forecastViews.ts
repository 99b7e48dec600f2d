// The forecast's views (SPEC §6.6, §9.1 `Flow`): snapshot flow, packs, shipment tracking, the reminder.
// Shapes from the server's TypeBox contract (types only, erased at build).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { SnapshotList } from '../../../src/forecast/contract';
import type {
  CommodityAttainment,
  Flow,
  FlowBucketName,
  RemindResultDto,
  ReviewPack,
  TrackPack,
} from '../../../src/forecast-views/contract';
import { api } from './client';
import type { Id } from './types';

export type FlowDto = Static<typeof Flow>;
export type FlowBucketDto = FlowDto['buckets'][number];
export type FlowItemDto = FlowBucketDto['items'][number];
export type { FlowBucketName };
export type SnapshotMonth = Static<typeof SnapshotList>['items'][number];

export const useSnapshots = () =>
  useQuery({
    queryKey: ['forecast', 'snapshots'],
    queryFn: () => api<Static<typeof SnapshotList>>('/forecast/snapshots'),
    select: (list) => list.items,
  });

export type FlowFilter = { from: string; to: string; trackId?: Id; amId?: Id };

export const useFlow = (filter: FlowFilter | null) =>
  useQuery({
    queryKey: ['forecast', 'flow', filter],
    queryFn: () => api<FlowDto>('/forecast/flow', { query: filter ?? {} }),
    enabled: filter !== null,
    placeholderData: keepPreviousData,
  });

export type RemindAnswer = RemindResultDto;

/** `POST /forecast/compliance/remind`: every AM still missing (or the ones named), once a day. */
export function useRemind() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { month: string; amIds?: Id[] }) =>
      api<RemindAnswer>('/forecast/compliance/remind', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['forecast', 'compliance'] }),
  });
}

export type ReviewPackDto = Static<typeof ReviewPack>;
export type TrackPackDto = Static<typeof TrackPack>;
export type PackSummaryDto = ReviewPackDto['summary'];

export const useReviewPack = (query: { amId?: Id; month?: string }, enabled = true) =>
  useQuery({
    queryKey: ['forecast', 'review-pack', query],
    queryFn: () => api<ReviewPackDto>('/forecast/review-pack', { query }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useTrackPack = (query: { trackId?: Id; month?: string }, enabled = true) =>
  useQuery({
    queryKey: ['forecast', 'track-pack', query],
    queryFn: () => api<TrackPackDto>('/forecast/track-pack', { query }),
    placeholderData: keepPreviousData,
    enabled,
  });

export type CommodityAttainmentDto = Static<typeof CommodityAttainment>;

export const useCommodityAttainment = (query: { year?: number; month?: string }) =>
  useQuery({
    queryKey: ['forecast', 'commodity-attainment', query],
    queryFn: () => api<CommodityAttainmentDto>('/forecast/commodity-attainment', { query }),
    placeholderData: keepPreviousData,
  });
