import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  CreateApiKeyRequest,
  CreateCustomerRequest,
  CreateTrackRequest,
  CreateUserRequest,
  UpdateCustomerRequest,
  UpdateTrackRequest,
  UpdateUserRequest,
} from '../../../src/org/contract';
import { api, ifMatch, type Query } from './client';
import type {
  ApiKey,
  CreatedApiKey,
  Customer,
  HistoryEntity,
  HistoryEntry,
  Id,
  Page,
  Role,
  Track,
  User,
} from './types';

const PAGE_SIZE = 50;
/** Lookups (select options, id → name maps) read one large page; the organisation is small. */
const LOOKUP_SIZE = 100;

export function useCursorList<T>(resource: string, path: string, query: Query = {}, enabled = true) {
  const list = useInfiniteQuery({
    queryKey: [resource, 'list', query],
    queryFn: ({ pageParam }) => api<Page<T>>(path, { query: { ...query, limit: PAGE_SIZE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...list, items };
}

export const useTrackList = () => useCursorList<Track>('tracks', '/tracks');
export const useUserList = (query: { role?: Role; trackId?: Id; q?: string }) =>
  useCursorList<User>('users', '/users', query);
export const useCustomerList = (query: { trackId?: Id; amId?: Id; q?: string }) =>
  useCursorList<Customer>('customers', '/customers', query);
export const useHistory = (entity: HistoryEntity, entityId: Id | null) =>
  useCursorList<HistoryEntry>('history', '/history', { entity, entityId }, entityId !== null);

export function useTrackLookup(enabled = true) {
  return useQuery({
    queryKey: ['tracks', 'lookup'],
    queryFn: () => api<Page<Track>>('/tracks', { query: { limit: LOOKUP_SIZE } }),
    select: (page) => page.items,
    enabled,
  });
}

export function useUserLookup(query: { role?: Role; trackId?: Id }, enabled = true) {
  return useQuery({
    queryKey: ['users', 'lookup', query],
    queryFn: () => api<Page<User>>('/users', { query: { ...query, limit: LOOKUP_SIZE } }),
    select: (page) => page.items,
    enabled,
  });
}

export const useApiKeys = () =>
  useQuery({ queryKey: ['apiKeys'], queryFn: () => api<{ items: ApiKey[] }>('/admin/api-keys') });

interface SaveArgs<V> {
  id?: Id;
  version?: number;
  values: V;
  /** The record being edited: only the fields that differ from it are sent. */
  original?: object;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function changedOnly<V extends object>(values: V, original: object): Partial<V> {
  const before = original as Record<string, unknown>;
  return Object.fromEntries(Object.entries(values).filter(([key, value]) => !same(value, before[key]))) as Partial<V>;
}

/** Create (POST) without an id, update (PATCH with If-Match) with one; lists and history reload after. */
function useSave<V extends object, R>(resource: string, path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, values, original }: SaveArgs<V>) => {
      if (!id) return api<R>(path, { method: 'POST', body: values });
      const body = original ? changedOnly(values, original) : values;
      // nothing changed: no request, no history row
      if (Object.keys(body).length === 0) return original as R;
      return api<R>(`${path}/${id}`, { method: 'PATCH', body, headers: ifMatch(version) });
    },
    onSettled: () => {
      client.invalidateQueries({ queryKey: [resource] });
      client.invalidateQueries({ queryKey: ['history'] });
    },
  });
}

/** A form's values: the fields of a new record, or those a change may send (only the changed ones go). */
type InputOf<Create, Update> = Partial<Create & Update>;
export type TrackInput = InputOf<Static<typeof CreateTrackRequest>, Static<typeof UpdateTrackRequest>>;
export type UserInput = InputOf<Static<typeof CreateUserRequest>, Static<typeof UpdateUserRequest>>;
export type CustomerInput = InputOf<Static<typeof CreateCustomerRequest>, Static<typeof UpdateCustomerRequest>>;

export const useSaveTrack = () => useSave<TrackInput, Track>('tracks', '/tracks');
export const useSaveUser = () => useSave<UserInput, User>('users', '/users');
export const useSaveCustomer = () => useSave<CustomerInput, Customer>('customers', '/customers');

export type ApiKeyInput = Static<typeof CreateApiKeyRequest>;

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: ApiKeyInput) => api<CreatedApiKey>('/admin/api-keys', { method: 'POST', body: values }),
    onSettled: () => client.invalidateQueries({ queryKey: ['apiKeys'] }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => api<void>(`/admin/api-keys/${id}`, { method: 'DELETE' }),
    onSettled: () => client.invalidateQueries({ queryKey: ['apiKeys'] }),
  });
}
