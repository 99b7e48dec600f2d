// Meetings, series and opening reports (SPEC §4.1, §4.5, §9). Report shapes mirror src/reports/content.ts.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { MeetingCan } from '../../../src/meetings/contract';
import type { BoardDto } from './board';
import { api, ifMatch } from './client';
import type { TaskDto } from './tasks';
import type { Id } from './types';

export type MeetingType = 'supervision' | 'weekly';

export interface Meeting {
  id: Id;
  seriesId: Id;
  type: MeetingType;
  trackId: Id | null;
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'cancelled';
  periodMonth: string;
  movedByHand: boolean;
  version: number;
  /** What the caller may do with the meeting, decided by the server (src/meetings/scope.ts). */
  can: Static<typeof MeetingCan>;
}

export type Cadence =
  | { kind: 'monthly_nth_weekday'; nth: number; weekday: number; start: string; end: string }
  | { kind: 'weekly'; weekday: number; start: string; end: string };

export interface Series {
  id: Id;
  type: MeetingType;
  trackId: Id | null;
  cadence: Cadence;
  version: number;
}

export interface ReportTask {
  id: Id;
  raisedInMeetingId: Id;
  meetingType: MeetingType;
  dimension: number;
  subjectType: 'track' | 'am';
  subjectId: Id;
  subjectName: string | null;
  trackId: Id;
  trackName: string | null;
  ownerId: Id;
  ownerName: string | null;
  month: string;
  background: string;
  description: string;
  deadline: string;
  status: 'pending' | 'completed' | 'closed';
  overdue: boolean;
  escalated: boolean;
  escalatedAt: string | null;
  meetingsCarried: number | null;
  lateEntry: boolean;
  extensions: number;
  reassignments: number;
  completedAt: string | null;
  completionNote: string | null;
  confirmedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  originTaskId: Id | null;
  projectId: Id | null;
  project: {
    id: Id;
    title: string;
    phase: string;
    latestProgress: { date: string; text: string; authorName: string } | null;
  } | null;
}

/** A listed task as it stands now: the same shape as GET /tasks/:id without history. */
export type LiveTask = TaskDto;

export interface ReportCounts {
  pending: number;
  overdue: number;
  completed: number;
  closed: number;
  escalated: number;
  lateEntries: number;
  extensions: number;
  reassignments: number;
  completionRate: number | null;
}

export interface OpeningReport {
  meetingId: Id;
  version: number;
  trigger: 'scheduled' | 'escalation' | 'final' | 'on_demand';
  generatedAt: string;
  generatedBy: Id | null;
  meeting: { id: Id; type: MeetingType; trackId: Id | null; startsAt: string; endsAt: string; periodMonth: string };
  previousMeetingStartsAt: string | null;
  pending: ReportTask[];
  completed: ReportTask[];
  escalated: ReportTask[];
  escalatedByTrack: { trackId: Id; trackName: string | null; count: number }[];
  alerts: unknown[];
  counts: ReportCounts;
  board: BoardDto;
  versions: { version: number; trigger: OpeningReport['trigger']; generatedAt: string }[];
  live: Record<string, LiveTask>;
}

export interface MeetingRange {
  from: string;
  to: string;
  type?: MeetingType;
  trackId?: Id;
}

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

export interface RaiseTaskInput {
  meetingId: Id;
  dimension: number;
  subjectType: 'track' | 'am';
  subjectId: Id;
  month: string;
  description?: string;
  ownerId?: Id;
  deadline?: string;
}

/** 发起任务: POST /tasks with the board coordinates; the server fills background, owner and deadline. */
export function useRaiseTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RaiseTaskInput) =>
      api<{ id: Id; background: string }>('/tasks', { method: 'POST', body: input }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['tasks'] });
      client.invalidateQueries({ queryKey: ['meeting-tasks'] });
    },
  });
}
