// The APS outbox's delivery log (SPEC §7 "Out"): the admin's view. Shapes come from the server's TypeBox
// contract (types only, erased at build).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { ApsDelivery, ApsSettings } from '../../../src/feeds/contract';
import { api } from './client';
import { useCursorList } from './hooks';
import type { Id } from './types';

export type ApsDeliveryDto = Static<typeof ApsDelivery>;
export type ApsSettingsDto = Static<typeof ApsSettings>;

export const useApsDeliveries = () => useCursorList<ApsDeliveryDto>('aps-deliveries', '/admin/aps-deliveries');

export const useApsSettings = () =>
  useQuery({ queryKey: ['aps-deliveries', 'settings'], queryFn: () => api<ApsSettingsDto>('/admin/aps-settings') });

export function useRetryApsDelivery() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => api<ApsDeliveryDto>(`/admin/aps-deliveries/${id}/retry`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: ['aps-deliveries'] }),
  });
}
