// Saved views (issue 12): a user's named filter sets of a list page, kept on the server. Shapes from the
// server's TypeBox contract (types only, erased at build).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedViewDto, SaveView } from '../../../src/views/contract';
import { api } from './client';

export type SavedView = SavedViewDto;
export type SavedViewPage = SavedViewDto['page'];

const key = (page: SavedViewPage) => ['savedViews', page];

export function useSavedViews(page: SavedViewPage, enabled = true) {
  return useQuery({
    queryKey: key(page),
    queryFn: () => api<{ items: SavedView[] }>('/me/views', { query: { page } }),
    select: (answer) => answer.items,
    enabled,
  });
}

export function useSaveView(page: SavedViewPage) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<SaveView, 'page'>) =>
      api<SavedView>('/me/views', { method: 'POST', body: { ...input, page } }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(page) }),
  });
}

export function useDeleteView(page: SavedViewPage) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<null>(`/me/views/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(page) }),
  });
}
