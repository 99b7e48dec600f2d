// Improvement projects (专项PDCA, SPEC §4.7, §9): shapes from the server's TypeBox contract (types only).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  CreateProjectRequest,
  PatchProjectRequest,
  ProgressEntry,
  ProgressRequest,
  Project,
  ProjectDetail,
  ProjectListQuery,
} from '../../../src/projects/contract';
import { api, ifMatch } from './client';
import { allOf, type Id, type Page } from './types';

export type ProjectDto = Static<typeof Project>;
export type ProjectDetailDto = Static<typeof ProjectDetail>;
export type ProjectType = ProjectDto['type'];
export type ProjectPhase = ProjectDto['phase'];
export type ProgressDto = Static<typeof ProgressEntry>;

export const PROJECT_TYPES = allOf<ProjectType>()(['opportunity_anomaly', 'sales_forecast', 'other']);
/** The PDCA cycle in order; `closed` ends it. */
export const PROJECT_PHASES = allOf<ProjectPhase>()(['plan', 'do', 'check', 'act', 'closed']);

export type ProjectFilters = Omit<Static<typeof ProjectListQuery>, 'limit' | 'cursor'>;

export function useProjectList(filters: ProjectFilters) {
  const list = useInfiniteQuery({
    queryKey: ['projects', 'list', filters],
    queryFn: ({ pageParam }) =>
      api<Page<ProjectDto>>('/projects', { query: { ...filters, limit: 100, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...list, items: list.data?.pages.flatMap((page) => page.items) ?? [] };
}

export const useProject = (id: Id) =>
  useQuery({ queryKey: ['projects', 'detail', id], queryFn: () => api<ProjectDetailDto>(`/projects/${id}`) });

/** The form's values: a new project's fields, or the ones a change may send. */
export type ProjectInput = Partial<Static<typeof CreateProjectRequest> & Static<typeof PatchProjectRequest>>;

/** Linked tasks show a project's phase and progress (C3): they reload with it. */
function useProjectChanged() {
  const client = useQueryClient();
  return () => {
    client.invalidateQueries({ queryKey: ['projects'] });
    client.invalidateQueries({ queryKey: ['tasks', 'detail'] });
  };
}

/** Create (POST) without a project, change (PATCH with If-Match, changed fields only) with one. */
export function useSaveProject() {
  const changed = useProjectChanged();
  return useMutation({
    mutationFn: ({ project, values }: { project?: ProjectDto; values: ProjectInput }) => {
      if (!project) return api<ProjectDto>('/projects', { method: 'POST', body: values });
      const before = project as unknown as Record<string, unknown>;
      const body = Object.fromEntries(
        Object.entries(values).filter(([key, value]) => (value ?? null) !== (before[key] ?? null)),
      );
      if (Object.keys(body).length === 0) return Promise.resolve(project);
      return api<ProjectDto>(`/projects/${project.id}`, { method: 'PATCH', body, headers: ifMatch(project.version) });
    },
    onSettled: changed,
  });
}

export function useAddProgress(projectId: Id) {
  const changed = useProjectChanged();
  return useMutation({
    mutationFn: (values: Static<typeof ProgressRequest>) =>
      api<ProgressDto>(`/projects/${projectId}/progress`, { method: 'POST', body: values }),
    onSettled: changed,
  });
}
