// A2 threshold proposals and the bands in force (SPEC §3, §4.6, §9): proposal shapes from the server's contract.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { ThresholdProposal } from '../../../src/thresholds/contract';
import { api, ifMatch } from './client';
import type { Id, Page } from './types';

export type ProposalDto = Static<typeof ThresholdProposal>;
export type ProposalStatus = ProposalDto['status'];
export const PROPOSAL_STATUSES: ProposalStatus[] = ['pending', 'approved', 'rejected'];

/** One effective-dated row of a dimension's bands (GET /thresholds). */
export interface BandRow {
  no: number;
  red: number;
  yellow: number;
  effectiveMonth: string;
  changedAt: string;
  changedBy: string | null;
}

export interface DimensionBands {
  no: number;
  current: { red: number; yellow: number; effectiveMonth: string };
  history: BandRow[];
}

export const useThresholds = () =>
  useQuery({
    queryKey: ['thresholds'],
    queryFn: () => api<{ items: DimensionBands[] }>('/thresholds'),
    select: (body) => body.items,
  });

const PAGE_SIZE = 100;

export function useProposals(status?: ProposalStatus) {
  const list = useInfiniteQuery({
    queryKey: ['threshold-proposals', 'list', status ?? 'any'],
    queryFn: ({ pageParam }) =>
      api<Page<ProposalDto>>('/threshold-proposals', { query: { status, limit: PAGE_SIZE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...list, items: list.data?.pages.flatMap((page) => page.items) ?? [] };
}

/** A decision moves the proposals, the bands in force and every board month from the effective one. */
function useThresholdsChanged() {
  const client = useQueryClient();
  return () => {
    for (const key of ['threshold-proposals', 'thresholds', 'board']) client.invalidateQueries({ queryKey: [key] });
  };
}

export interface ProposalInput {
  no: number;
  /** In the board's units: fractions for 1–6, ‰ for 7, days for 8. */
  red: number;
  yellow: number;
  reason: string;
}

export function usePropose() {
  const changed = useThresholdsChanged();
  return useMutation({
    mutationFn: (body: ProposalInput) => api<ProposalDto>('/threshold-proposals', { method: 'POST', body }),
    onSettled: changed,
  });
}

export type Decision =
  | { kind: 'approve'; effectiveMonth: string; reason?: string }
  | { kind: 'reject'; reason: string };

export function useDecideProposal() {
  const changed = useThresholdsChanged();
  return useMutation({
    mutationFn: ({ id, version, decision }: { id: Id; version: number; decision: Decision }) => {
      const { kind, ...body } = decision;
      return api<ProposalDto>(`/threshold-proposals/${id}/${kind}`, {
        method: 'POST',
        body,
        headers: ifMatch(version),
      });
    },
    onSettled: changed,
  });
}
