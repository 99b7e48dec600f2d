import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type { AppDeps } from '../deps.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../http/paging.js';
import { errors, IdParams, Page } from '../http/schemas.js';
import { expectedVersion } from '../http/versioning.js';
import { requireActor } from '../org/auth-plugin.js';
import { addProgress, createProject, patchProject } from './changes.js';
import {
  CreateProjectRequest,
  PatchProjectRequest,
  ProgressEntry,
  ProgressRequest,
  Project,
  ProjectDetail,
  ProjectListQuery,
} from './contract.js';
import { presentProgress, presentProject } from './presenter.js';
import { findProject, historyOf, latestProgressOf, listProjects, type ProjectRow, progressOf } from './store.js';

async function presentOne(db: Db, row: ProjectRow) {
  return presentProject(row, (await latestProgressOf(db, [row.id])).get(row.id));
}

/** Improvement projects (专项PDCA, SPEC §4.7): list and read in scope, create, change, log progress. */
export function registerProjectRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const tags = ['projects'];
  const ctx = (request: FastifyRequest) => ({
    actor: requireActor(request),
    now: clock.now(),
    timeZone: config.timeZone,
    version: expectedVersion(request),
  });

  app.get(
    '/api/v1/projects',
    {
      config: { auth: 'projects.read' },
      schema: { tags, querystring: ProjectListQuery, response: { 200: Page(Project), ...errors(400, 401, 403) } },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, ...filter } = request.query;
      const rows = await listProjects(db, requireActor(request), filter, decodeCursor(cursor), limit);
      const page = pageOf(rows, limit);
      const latest = await latestProgressOf(
        db,
        page.items.map((p) => p.id),
      );
      return { items: page.items.map((p) => presentProject(p, latest.get(p.id))), nextCursor: page.nextCursor };
    },
  );
  app.post(
    '/api/v1/projects',
    {
      config: { auth: 'projects.manage' },
      schema: {
        tags,
        body: CreateProjectRequest,
        response: { 201: Project, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const row = await createProject(db, request.body, ctx(request));
      return reply.status(201).send(presentProject(row, undefined));
    },
  );
  app.get(
    '/api/v1/projects/:id',
    {
      config: { auth: 'projects.read' },
      schema: { tags, params: IdParams, response: { 200: ProjectDetail, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const row = await findProject(db, request.params.id, requireActor(request));
      const [progress, history] = await Promise.all([progressOf(db, row.id), historyOf(db, row.id)]);
      return {
        ...presentProject(row, progress[0]),
        progress: progress.map(presentProgress),
        history,
      };
    },
  );
  app.patch(
    '/api/v1/projects/:id',
    {
      config: { auth: 'projects.manage' },
      schema: {
        tags,
        params: IdParams,
        body: PatchProjectRequest,
        response: { 200: Project, ...errors(400, 401, 403, 404, 409, 412, 413, 415) },
      },
    },
    async (request) => presentOne(db, await patchProject(db, request.params.id, request.body, ctx(request))),
  );
  app.post(
    '/api/v1/projects/:id/progress',
    {
      config: { auth: 'projects.progress' },
      schema: {
        tags,
        params: IdParams,
        body: ProgressRequest,
        response: { 201: ProgressEntry, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const entry = await addProgress(db, request.params.id, request.body, ctx(request));
      return reply.status(201).send(presentProgress({ ...entry, authorName: actor.name }));
    },
  );
}
