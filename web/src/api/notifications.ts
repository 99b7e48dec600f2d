// The in-app inbox (SPEC §5, §9): titles come rendered in the reader's language.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { Notification, NotificationPage, ReadAllResult } from '../../../src/notifications/contract';
import { api } from './client';
import type { Id } from './types';

export type NotificationDto = Static<typeof Notification>;
type InboxPage = Static<typeof NotificationPage>;

/** How often the bell asks; it also asks when the window regains focus. */
export const UNREAD_POLL_MS = 60_000;

/** The unread count: one tiny page whose `unread` counts them all. */
export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api<InboxPage>('/notifications', { query: { unread: true, limit: 1 } }),
    select: (page) => page.unread,
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

export function useInbox(enabled: boolean) {
  const list = useInfiniteQuery({
    queryKey: ['notifications', 'inbox'],
    queryFn: ({ pageParam }) => api<InboxPage>('/notifications', { query: { limit: 20, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    staleTime: 0,
  });
  return { ...list, items: list.data?.pages.flatMap((page) => page.items) ?? [] };
}

function useInboxChanged() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['notifications'] });
}

export function useMarkRead() {
  const changed = useInboxChanged();
  return useMutation({
    mutationFn: (id: Id) => api<NotificationDto>(`/notifications/${id}/read`, { method: 'POST' }),
    onSettled: changed,
  });
}

export function useMarkAllRead() {
  const changed = useInboxChanged();
  return useMutation({
    mutationFn: () => api<Static<typeof ReadAllResult>>('/notifications/read-all', { method: 'POST' }),
    onSettled: changed,
  });
}
