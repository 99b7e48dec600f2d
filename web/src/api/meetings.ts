// Meetings, series and opening reports (SPEC §4.1, §4.5, §9): shapes from the server's TypeBox contracts
// (types only, erased at build).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  Cadence as CadenceSchema,
  MeetingListQuery,
  Meeting as MeetingSchema,
  Series as SeriesSchema,
} from '../../../src/meetings/contract';
import type {
  OpeningReportDto,
  OpeningReportPreviewDto,
  ReportCountsDto,
  ReportTaskDto,
} from '../../../src/reports/contract';
import type { CreateTaskRequest, Task } from '../../../src/tasks/contract';
import { api, ifMatch } from './client';
import type { Id } from './types';

export type Meeting = Static<typeof MeetingSchema>;
export type MeetingType = Meeting['type'];
export type Cadence = Static<typeof CadenceSchema>;
export type Series = Static<typeof SeriesSchema>;
export type ReportTask = ReportTaskDto;
/** A listed task as it stands now: the same shape as GET /tasks/:id without history. */
export type LiveTask = Static<typeof Task>;
export type ReportCounts = ReportCountsDto;
export type OpeningReport = OpeningReportDto;
export type OpeningReportPreview = OpeningReportPreviewDto;
export type MeetingRange = Static<typeof MeetingListQuery>;

export function useMeetings(range: MeetingRange) {
  return useQuery({
    queryKey: ['meetings', 'list', range],
    queryFn: () => api<{ items: Meeting[] }>('/meetings', { query: { ...range } }),
    select: (page) => page.items,
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: Id) {
  return useQuery({ queryKey: ['meetings', id], queryFn: () => api<Meeting>(`/meetings/${id}`) });
}

export function useSeries(id: Id | null) {
  return useQuery({
    queryKey: ['series', id],
    queryFn: () => api<Series>(`/series/${id}`),
    enabled: id !== null,
  });
}

/** The latest version (or the one asked for); a 404 means none has been made yet. */
export function useOpeningReport(meetingId: Id, version?: number) {
  return useQuery({
    queryKey: ['opening-report', meetingId, version ?? 'latest'],
    queryFn: () => api<OpeningReport>(`/meetings/${meetingId}/opening-report`, { query: { version } }),
    retry: (count, error) => (error as { status?: number }).status !== 404 && count < 2,
    placeholderData: keepPreviousData,
  });
}

/** What the report will hold, computed now and not stored: shown until the first version exists. */
export function useReportPreview(meetingId: Id, enabled: boolean) {
  return useQuery({
    queryKey: ['opening-report', meetingId, 'preview'],
    queryFn: () => api<OpeningReportPreview>(`/meetings/${meetingId}/opening-report/preview`),
    enabled,
  });
}

export function useRegenerateReport(meetingId: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<OpeningReport>(`/meetings/${meetingId}/opening-report`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['opening-report', meetingId] }),
  });
}

export function useMoveMeeting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ meeting, startsAt, endsAt }: { meeting: Meeting; startsAt: string; endsAt: string }) =>
      api<Meeting>(`/meetings/${meeting.id}`, {
        method: 'PATCH',
        body: { startsAt, endsAt },
        headers: ifMatch(meeting.version),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['meetings'] }),
  });
}

export function useCancelMeeting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ meeting, reason }: { meeting: Meeting; reason?: string }) =>
      api<Meeting>(`/meetings/${meeting.id}/cancel`, { method: 'POST', body: reason ? { reason } : {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['meetings'] }),
  });
}

export function useChangeCadence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ series, cadence }: { series: Series; cadence: Cadence }) =>
      api<Series>(`/series/${series.id}`, { method: 'PATCH', body: { cadence }, headers: ifMatch(series.version) }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['series'] });
      client.invalidateQueries({ queryKey: ['meetings'] });
    },
  });
}

/** 发起任务's body: the board coordinates, and optionally the text, owner, deadline and a project (C3). */
export type RaiseTaskInput = Static<typeof CreateTaskRequest>;

/** 发起任务: POST /tasks with the board coordinates; the server fills background, owner and deadline. */
export function useRaiseTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RaiseTaskInput) => api<LiveTask>('/tasks', { method: 'POST', body: input }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['tasks'] });
      client.invalidateQueries({ queryKey: ['meeting-tasks'] });
    },
  });
}
