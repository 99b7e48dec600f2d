// E-mail and chat copies of notifications (SPEC §5): the admin's delivery log. Shapes come from the
// server's TypeBox contract (types only, erased at build).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { ChannelSettings, Delivery, DeliveryListQuery } from '../../../src/notifications/channels/contract';
import { api } from './client';
import { useCursorList } from './hooks';
import { allOf, type Id } from './types';

export type DeliveryDto = Static<typeof Delivery>;
export type DeliveryStatus = DeliveryDto['status'];
export type DeliveryChannel = DeliveryDto['channel'];
export type ChannelSettingsDto = Static<typeof ChannelSettings>;

export const DELIVERY_STATUSES = allOf<DeliveryStatus>()(['pending', 'sent', 'failed']);
export const DELIVERY_CHANNELS = allOf<DeliveryChannel>()(['email', 'webhook']);
/** After this many failed attempts a delivery is given up (the server's rule, shown beside the count). */
export const MAX_ATTEMPTS = 8;

export type DeliveryFilters = Omit<Static<typeof DeliveryListQuery>, 'limit' | 'cursor'>;

export const useDeliveries = (filters: DeliveryFilters) =>
  useCursorList<DeliveryDto>('deliveries', '/admin/deliveries', { ...filters });

export const useChannelSettings = () =>
  useQuery({
    queryKey: ['deliveries', 'channels'],
    queryFn: () => api<ChannelSettingsDto>('/admin/notification-channels'),
  });

export function useRetryDelivery() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => api<DeliveryDto>(`/admin/deliveries/${id}/retry`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: ['deliveries'] }),
  });
}
