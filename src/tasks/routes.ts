import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppDeps } from '../deps.js';
import { localeOf } from '../http/locale.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../http/paging.js';
import { errors, IdParams, Page } from '../http/schemas.js';
import { expectedVersion } from '../http/versioning.js';
import { requireActor } from '../org/auth-plugin.js';
import { CompleteTaskRequest, CreateTaskRequest, Task, TaskDetail, TaskListQuery } from './contract.js';
import { createTask } from './create.js';
import { registerDecisionRoutes } from './decision-routes.js';
import { taskDetail } from './detail.js';
import { pageKey, taskPageBody, taskPages } from './kept-pages.js';
import { completeTask } from './lifecycle.js';
import { listTaskPage } from './list.js';
import { presentTask } from './presenter.js';

/** A body the route's own serializer already wrote (a kept page): sent as it is, not serialised again. */
const sendSerialized = (reply: FastifyReply, body: string) => reply.type('application/json; charset=utf-8').send(body);

/** Tasks (SPEC §4.2–4.3): raised from board coordinates, read in scope, completed by their owner. */
export function registerTaskRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { database, db, clock, config } = deps;
  const tags = ['tasks'];
  const pages = taskPages();

  app.post(
    '/api/v1/tasks',
    {
      config: { auth: 'tasks.raise' },
      schema: {
        tags,
        body: CreateTaskRequest,
        response: { 201: Task, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const now = clock.now();
      const actor = requireActor(request);
      const task = await createTask(db, request.body, { actor, now, timeZone: config.timeZone });
      return reply.status(201).send(presentTask(task, now, actor, localeOf(request.headers['accept-language'])));
    },
  );
  app.get(
    '/api/v1/tasks',
    {
      config: { auth: 'tasks.read' },
      schema: { tags, querystring: TaskListQuery, response: { 200: Page(Task), ...errors(400, 401, 403) } },
    },
    async (request, reply) => {
      const now = clock.now();
      const { limit = DEFAULT_LIMIT, cursor, ...filter } = request.query;
      const actor = requireActor(request);
      const locale = localeOf(request.headers['accept-language']);
      const read = async () => {
        const page = pageOf(await listTaskPage(database, actor, filter, now, decodeCursor(cursor), limit), limit);
        return { items: page.items.map((t) => presentTask(t, now, actor, locale)), nextCursor: page.nextCursor };
      };
      const key = pageKey(actor, request.query, locale);
      if (key === null) return read();
      const body = await taskPageBody(pages, database, key, now.toISOString(), async () => {
        const answer = await read();
        return { body: String(reply.serialize(answer)), rows: answer.items };
      });
      return sendSerialized(reply, body);
    },
  );
  app.get(
    '/api/v1/tasks/:id',
    {
      config: { auth: 'tasks.read' },
      schema: { tags, params: IdParams, response: { 200: TaskDetail, ...errors(400, 401, 403, 404) } },
    },
    async (request) =>
      taskDetail(
        db,
        request.params.id,
        requireActor(request),
        clock.now(),
        localeOf(request.headers['accept-language']),
      ),
  );
  app.post(
    '/api/v1/tasks/:id/complete',
    {
      config: { auth: 'tasks.read' },
      schema: {
        tags,
        params: IdParams,
        body: CompleteTaskRequest,
        response: { 200: Task, ...errors(400, 401, 403, 404, 409, 412, 413, 415) },
      },
    },
    async (request) => {
      const now = clock.now();
      const version = expectedVersion(request);
      const actor = requireActor(request);
      const task = await completeTask(db, request.params.id, request.body.note, actor, now, version);
      return presentTask(task, now, actor, localeOf(request.headers['accept-language']));
    },
  );
  registerDecisionRoutes(app, deps);
}
