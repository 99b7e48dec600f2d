// Forecast alerts (SPEC §6.5, §9.1 `Alert`): list, detail and handling. Shapes from the server's contract.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { AlertDetail, AlertDto, AlertFilter, AlertSummaryDto, RouteAlert } from '../../../src/alerts/contract';
import { api, ifMatch } from './client';
import { allOf, type Id, type Page } from './types';

export type { AlertDto, AlertFilter, AlertSummaryDto };
export type AlertDetailDto = Static<typeof AlertDetail>;
export type AlertKind = AlertDto['kind'];
export type AlertStatus = AlertDto['status'];
export type AlertAction = 'resolve' | 'escalate' | 'route';

export const ALERT_KINDS = allOf<AlertKind>()([
  'day25',
  'dual_version_gap',
  'coverage_shortfall',
  'delay',
  'commodity_deviation',
]);
export const ALERT_STATUSES = allOf<AlertStatus>()(['open', 'escalated', 'routed', 'resolved']);

export function useAlertList(filter: AlertFilter) {
  const list = useInfiniteQuery({
    queryKey: ['alerts', 'list', filter],
    queryFn: ({ pageParam }) => api<Page<AlertDto>>('/alerts', { query: { ...filter, limit: 100, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...list, items: list.data?.pages.flatMap((page) => page.items) ?? [] };
}

export const useAlert = (id: Id | null) =>
  useQuery({
    queryKey: ['alerts', 'detail', id],
    queryFn: () => api<AlertDetailDto>(`/alerts/${id}`),
    enabled: id !== null,
  });

export type AlertActionBody = { note: string } | RouteAlert;

/** `POST /alerts/:id/resolve|escalate|route` with If-Match of the version looked at. */
export function useAlertAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      alert,
      action,
      body,
    }: {
      alert: Pick<AlertDto, 'id' | 'version'>;
      action: AlertAction;
      body: AlertActionBody;
    }) => api<AlertDto>(`/alerts/${alert.id}/${action}`, { method: 'POST', body, headers: ifMatch(alert.version) }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['alerts'] }),
        client.invalidateQueries({ queryKey: ['projects'] }),
      ]),
  });
}
