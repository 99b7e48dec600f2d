import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import type { AppDeps } from '../deps.js';
import { localeOf } from '../http/locale.js';
import { errors, IdParams } from '../http/schemas.js';
import { expectedVersion } from '../http/versioning.js';
import { requireActor } from '../org/auth-plugin.js';
import {
  ExtendTaskRequest,
  ReasonRequest,
  ReassignTaskRequest,
  RedispatchTaskRequest,
  ReopenTaskRequest,
  ReviseTaskRequest,
  Task,
} from './contract.js';
import type { DecisionCtx, TaskRow } from './decide.js';
import { closeTask, confirmTask, extendTask, reassignTask, reviseTask } from './decisions.js';
import { presentTask } from './presenter.js';
import { redispatchTask } from './redispatch.js';
import { reopenTask } from './reopen.js';

type Decision<S extends TSchema> = (id: number, body: Static<S>, ctx: DecisionCtx) => Promise<TaskRow>;

/** D1 decisions at a meeting (SPEC §4.2, §4.4): each one a history event with actor, time and reason. */
export function registerDecisionRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const route = <S extends TSchema>(
    method: 'post' | 'patch',
    path: string,
    body: S,
    decision: Decision<S>,
    status = 200,
  ) =>
    app[method](
      `/api/v1/tasks/:id${path}`,
      {
        config: { auth: 'tasks.decide' },
        schema: {
          tags: ['tasks'],
          params: IdParams,
          ...(path === '/confirm' ? {} : { body }),
          response: { [status]: Task, ...errors(400, 401, 403, 404, 409, 412, 413, 415, 422) },
        },
      },
      async (request: FastifyRequest<{ Params: { id: number } }>, reply) => {
        const now = clock.now();
        const ctx = { actor: requireActor(request), now, timeZone: config.timeZone, version: expectedVersion(request) };
        const task = await decision(request.params.id, request.body as Static<S>, ctx);
        return reply
          .status(status)
          .send(presentTask(task, now, ctx.actor, localeOf(request.headers['accept-language'])));
      },
    );

  route('patch', '', ReviseTaskRequest, (id, b, ctx) => reviseTask(db, id, b.description, ctx));
  route('post', '/extend', ExtendTaskRequest, (id, b, ctx) =>
    extendTask(db, id, { deadline: new Date(b.deadline), reason: b.reason }, ctx),
  );
  route('post', '/reassign', ReassignTaskRequest, (id, b, ctx) => reassignTask(db, id, b, ctx));
  route('post', '/close', ReasonRequest, (id, b, ctx) => closeTask(db, id, b.reason, ctx));
  route('post', '/confirm', Type.Null(), (id, _b, ctx) => confirmTask(db, id, ctx));
  route('post', '/reopen', ReopenTaskRequest, (id, b, ctx) =>
    reopenTask(db, id, { reason: b.reason, ...(b.deadline ? { deadline: new Date(b.deadline) } : {}) }, ctx),
  );
  route('post', '/redispatch', RedispatchTaskRequest, (id, b, ctx) => redispatchTask(db, id, b, ctx), 201);
}
