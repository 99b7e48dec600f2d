// The planner feed (SPEC §7 "Out", §9.1 `Feeds`) and shipment tracking: shapes from the server's contracts.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { FeedItemDto } from '../../../src/feeds/contract';
import type { ShipmentTrackingDto } from '../../../src/forecast-views/contract';
import { api } from './client';
import type { Id, Page } from './types';

export type { FeedItemDto, ShipmentTrackingDto };

export function useForecastFeed(updatedSince: string | undefined) {
  const list = useInfiniteQuery({
    queryKey: ['feeds', 'forecast', updatedSince],
    queryFn: ({ pageParam }) =>
      api<Page<FeedItemDto>>('/feeds/forecast', { query: { updatedSince, limit: 100, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  // rows have no id: the key is the opportunity and its version
  const items = (list.data?.pages.flatMap((page) => page.items) ?? []).map((item, index) => ({ ...item, id: index }));
  return { ...list, items };
}

export const useShipmentTracking = (query: { year?: number; trackId?: Id }) =>
  useQuery({
    queryKey: ['forecast', 'shipment-tracking', query],
    queryFn: () => api<ShipmentTrackingDto>('/forecast/shipment-tracking', { query }),
    placeholderData: keepPreviousData,
  });
