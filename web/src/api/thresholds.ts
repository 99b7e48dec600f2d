// A2 threshold proposals and the bands in force (SPEC §3, §4.6, §9): proposal shapes from the server's contract.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { ThresholdList } from '../../../src/board/contract';
import type {
  ApproveRequest,
  ProposeRequest,
  RejectRequest,
  ThresholdProposal,
} from '../../../src/thresholds/contract';
import { api, ifMatch } from './client';
import { allOf, type Id, type Page } from './types';

export type ProposalDto = Static<typeof ThresholdProposal>;
export type ProposalStatus = ProposalDto['status'];
export const PROPOSAL_STATUSES = allOf<ProposalStatus>()(['pending', 'approved', 'rejected']);

/** A dimension's bands in force and its effective-dated rows (GET /thresholds). */
export type DimensionBands = Static<typeof ThresholdList>['items'][number];
export type BandRow = DimensionBands['history'][number];

export const useThresholds = () =>
  useQuery({
    queryKey: ['thresholds'],
    queryFn: () => api<Static<typeof ThresholdList>>('/thresholds'),
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

/** In the board's units: fractions for 1–6, ‰ for 7, days for 8. */
export type ProposalInput = Static<typeof ProposeRequest>;

export function usePropose() {
  const changed = useThresholdsChanged();
  return useMutation({
    mutationFn: (body: ProposalInput) => api<ProposalDto>('/threshold-proposals', { method: 'POST', body }),
    onSettled: changed,
  });
}

export type Decision =
  | ({ kind: 'approve' } & Static<typeof ApproveRequest>)
  | ({ kind: 'reject' } & Static<typeof RejectRequest>);

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
