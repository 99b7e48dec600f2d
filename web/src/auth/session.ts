import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../api/client';
import type { Me, Permission, SessionUser } from '../api/types';

export const ME_KEY = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: () => api<Me>('/me'),
    // a 401 means "signed out", not a transient failure
    retry: (count, error) => !(error instanceof ApiError && error.status === 401) && count < 2,
    staleTime: 60_000,
  });
}

/** The permission check used to gate navigation and buttons; the server still decides. */
export function useCan(): (permission: Permission) => boolean {
  const { data } = useMe();
  return (permission) => data?.permissions.includes(permission) ?? false;
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: { username: string; password: string }) =>
      api<{ user: SessionUser }>('/auth/login', { method: 'POST', body: values }),
    onSuccess: async () => {
      client.removeQueries();
      await client.fetchQuery({ queryKey: ME_KEY, queryFn: () => api<Me>('/me') });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => client.clear(),
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) =>
      api<void>('/me/password', { method: 'POST', body: values }),
    onSuccess: () => client.invalidateQueries({ queryKey: ME_KEY }),
  });
}
