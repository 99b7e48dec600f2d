import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type { AppDeps } from '../deps.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../http/paging.js';
import { errors, IdParams, Page } from '../http/schemas.js';
import { expectedVersion } from '../http/versioning.js';
import { requireActor } from '../org/auth-plugin.js';
import type { Actor } from '../org/permissions.js';
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

async function presentOne(db: Db, row: ProjectRow, actor: Actor) {
  return presentProject(row, (await latestProgressOf(db, [row.id])).get(row.id), actor);
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
      const actor = requireActor(request);
      const rows = await listProjects(db, actor, filter, decodeCursor(cursor), limit);
      const page = pageOf(rows, limit);
      const latest = await latestProgressOf(
        db,
        page.items.map((p) => p.id),
      );
      return { items: page.items.map((p) => presentProject(p, latest.get(p.id), actor)), nextCursor: page.nextCursor };
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
      const context = ctx(request);
      const row = await createProject(db, request.body, context);
      return reply.status(201).send(presentProject(row, undefined, context.actor));
    },
  );
  app.get(
    '/api/v1/projects/:id',
    {
      config: { auth: 'projects.read' },
      schema: { tags, params: IdParams, response: { 200: ProjectDetail, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await findProject(db, request.params.id, actor);
      const [progress, history] = await Promise.all([progressOf(db, row.id), historyOf(db, row.id)]);
      return {
        ...presentProject(row, progress[0], actor),
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
    async (request) => {
      const context = ctx(request);
      return presentOne(db, await patchProject(db, request.params.id, request.body, context), context.actor);
    },
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
