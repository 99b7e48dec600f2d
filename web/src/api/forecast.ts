// The sales forecast (SPEC §6, §9.1): opportunities, their two versions and stages, compliance, overview.
// Shapes from the server's TypeBox contract (types only, erased at build).
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { AccuracyConfigAnswer, PutAccuracyConfigRequest } from '../../../src/forecast/accuracy-contract';
import type {
  Baseline,
  Compliance,
  ForecastSettings,
  Opportunity,
  OpportunityDetail,
  OpportunityFilter,
  Overview,
  PutForecastInput,
  PutForecastSettingsRequest,
  StageSchema,
  SubmitTargetRequest,
  TargetRequest,
  Targets,
} from '../../../src/forecast/contract';
import { api, ifMatch } from './client';
import { allOf, type Id, type Page } from './types';

export type OpportunityDto = Static<typeof Opportunity>;
export type OpportunityDetailDto = Static<typeof OpportunityDetail>;
export type ForecastVersionDto = NonNullable<OpportunityDto['rolling']>;
export type HistoryEventDto = OpportunityDetailDto['history'][number];
export type Stage = Static<typeof StageSchema>;
export type Kind = OpportunityDto['kind'];
export type ComplianceDto = Static<typeof Compliance>;
export type OverviewDto = Static<typeof Overview>;
export type OverviewFigures = OverviewDto['total'];
export type ForecastSettingsDto = Static<typeof ForecastSettings>;
export type ForecastBody = PutForecastInput;
export type VersionName = 'rolling' | 'precision';
export type { OpportunityFilter };

export const STAGES = allOf<Stage>()(['lead', 'L', 'M', 'H', 'won', 'lost']);
export const KINDS = allOf<Kind>()(['mold_development', 'mass_production', 'commodity_mold']);

/** An AM's opportunities fit one page; a track's come in pages of 200. */
const PAGE_SIZE = 200;

export function useOpportunityList(filter: OpportunityFilter, enabled = true) {
  const list = useInfiniteQuery({
    queryKey: ['opportunities', 'list', filter],
    queryFn: ({ pageParam }) =>
      api<Page<OpportunityDto>>('/opportunities', { query: { ...filter, limit: PAGE_SIZE, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
  return { ...list, items: list.data?.pages.flatMap((page) => page.items) ?? [] };
}

/** Every page of a filter at once: the update grid needs all of an AM's rows, not the first hundred. */
export function useAllOpportunities(filter: OpportunityFilter, enabled = true) {
  return useQuery({
    queryKey: ['opportunities', 'all', filter],
    queryFn: async () => {
      const items: OpportunityDto[] = [];
      let cursor: string | undefined;
      do {
        const page = await api<Page<OpportunityDto>>('/opportunities', {
          query: { ...filter, limit: PAGE_SIZE, cursor },
        });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
    enabled,
  });
}

export const useOpportunity = (id: Id) =>
  useQuery({
    queryKey: ['opportunities', 'detail', id],
    queryFn: () => api<OpportunityDetailDto>(`/opportunities/${id}`),
  });

export const useForecastSettings = () =>
  useQuery({ queryKey: ['forecast', 'settings'], queryFn: () => api<ForecastSettingsDto>('/forecast/settings') });

export const useCompliance = (month: string, enabled = true) =>
  useQuery({
    queryKey: ['forecast', 'compliance', month],
    queryFn: () => api<ComplianceDto>('/forecast/compliance', { query: { month } }),
    enabled,
  });

export const useOverview = (year: number) =>
  useQuery({
    queryKey: ['forecast', 'overview', year],
    queryFn: () => api<OverviewDto>('/forecast/overview', { query: { year } }),
    placeholderData: keepPreviousData,
  });

/** An opportunity write moves its lists, its detail, the compliance and the overview. */
function useForecastChanged() {
  const client = useQueryClient();
  // resolves once the shown queries have reloaded
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['opportunities'] }),
      client.invalidateQueries({ queryKey: ['forecast'] }),
    ]);
}

/** `POST /opportunities/:id/stage` with If-Match of the version looked at. */
export function useMoveStage() {
  const changed = useForecastChanged();
  return useMutation({
    mutationFn: ({
      item,
      stage,
      reason,
    }: {
      item: Pick<OpportunityDto, 'id' | 'version'>;
      stage: Stage;
      reason?: string;
    }) =>
      api<OpportunityDto>(`/opportunities/${item.id}/stage`, {
        method: 'POST',
        body: reason ? { stage, reason } : { stage },
        headers: ifMatch(item.version),
      }),
    onSuccess: changed,
  });
}

/** `PUT /opportunities/:id/forecast/rolling|precision`: the version as sent (unchanged = a confirmation). */
export function usePutForecast(refresh = true) {
  const changed = useForecastChanged();
  return useMutation({
    mutationFn: ({
      item,
      version,
      body,
    }: {
      item: Pick<OpportunityDto, 'id' | 'version'>;
      version: VersionName;
      body: ForecastBody;
    }) =>
      api<OpportunityDto>(`/opportunities/${item.id}/forecast/${version}`, {
        method: 'PUT',
        body,
        headers: ifMatch(item.version),
      }),
    onSuccess: () => {
      if (refresh) changed();
    },
  });
}

export { useForecastChanged };

export type BaselineDto = Static<typeof Baseline>;
export type TargetRequestDto = Static<typeof TargetRequest>;
export type RequestStatus = TargetRequestDto['status'];
export type RequestKind = TargetRequestDto['kind'];
export type SubmitRequestBody = Static<typeof SubmitTargetRequest>;
export const REQUEST_STATUSES = allOf<RequestStatus>()([
  'submitted',
  'director_approved',
  'approved',
  'executed',
  'rejected',
  'withdrawn',
]);

export const useBaseline = (year: number) =>
  useQuery({ queryKey: ['forecast', 'baseline', year], queryFn: () => api<BaselineDto>(`/baselines/${year}`) });

/** `POST /baselines/:year/lock`: a 409 baseline_incomplete names every opportunity still missing something. */
export function useLockBaseline() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (year: number) => api<BaselineDto>(`/baselines/${year}/lock`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: ['forecast', 'baseline'] }),
  });
}

export const useTargetRequests = (query: { year?: number; status?: RequestStatus }) =>
  useQuery({
    queryKey: ['forecast', 'requests', query],
    queryFn: () => api<{ items: TargetRequestDto[] }>('/target-requests', { query }),
    select: (page) => page.items,
  });

export type RequestDecision = 'approve' | 'reject' | 'withdraw' | 'execute';

/** A decision on a request, with If-Match of the version looked at; execution moves the targets too. */
export function useDecideRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      request,
      decision,
      comment,
    }: {
      request: Pick<TargetRequestDto, 'id' | 'version'>;
      decision: RequestDecision;
      comment?: string;
    }) =>
      api<TargetRequestDto>(`/target-requests/${request.id}/${decision}`, {
        method: 'POST',
        body: comment ? { comment } : {},
        headers: ifMatch(request.version),
      }),
    onSettled: () => client.invalidateQueries({ queryKey: ['forecast'] }),
  });
}

export type TargetsDto = Static<typeof Targets>;

/** The opportunity targets of a ledger version (the latest without one; version 1 is the baseline). */
export const useTargets = (year: number, enabled = true, version?: number) =>
  useQuery({
    queryKey: ['forecast', 'targets', year, version ?? 'latest'],
    queryFn: () => api<TargetsDto>('/targets', { query: { year, version } }),
    enabled,
  });

/** `POST /target-requests`: the lines are signed deltas; a migration's must sum to 0. */
export function useSubmitRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitRequestBody) => api<TargetRequestDto>('/target-requests', { method: 'POST', body }),
    onSettled: () => client.invalidateQueries({ queryKey: ['forecast'] }),
  });
}

export type ForecastSettingsValues = Static<typeof PutForecastSettingsRequest>;
export type AccuracyConfigAnswerDto = Static<typeof AccuracyConfigAnswer>;
export type AccuracyConfigDto = AccuracyConfigAnswerDto['current'];
export type AccuracyConfigInput = Static<typeof PutAccuracyConfigRequest>;

/** `PUT /forecast/settings` with If-Match of the version read; the settings' history reloads after. */
export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ values, version }: { values: ForecastSettingsValues; version: number }) =>
      api<ForecastSettingsDto>('/forecast/settings', { method: 'PUT', body: values, headers: ifMatch(version) }),
    onSettled: () => {
      client.invalidateQueries({ queryKey: ['forecast'] });
      client.invalidateQueries({ queryKey: ['history'] });
    },
  });
}

export const useAccuracyConfig = () =>
  useQuery({
    queryKey: ['forecast', 'accuracy-config'],
    queryFn: () => api<AccuracyConfigAnswerDto>('/forecast/accuracy-config'),
  });

/** `PUT /forecast/accuracy-config`: a new row from its effective month; the history keeps every row. */
export function useSaveAccuracyConfig() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: AccuracyConfigInput) =>
      api<AccuracyConfigAnswerDto>('/forecast/accuracy-config', { method: 'PUT', body: values }),
    onSettled: () => client.invalidateQueries({ queryKey: ['forecast'] }),
  });
}
