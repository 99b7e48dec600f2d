import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.js';
import { errors, IdParams } from '../http/schemas.js';
import { expectedVersion } from '../http/versioning.js';
import { requireActor } from '../org/auth-plugin.js';
import {
  OptionalComment,
  RequiredComment,
  SubmitTargetRequest,
  TargetRequest,
  TargetRequestPage,
  TargetRequestQuery,
} from './contract.js';
import { approveRequest, executeRequest, rejectRequest, withdrawRequest } from './request-decisions.js';
import { findRequest, listRequestIds, presentRequests, submitRequest } from './requests.js';

const tags = ['forecast'];
const DECISION_ERRORS = errors(400, 401, 403, 404, 409, 412, 415);

/** 目标修改请求 → 目标迁移 (SPEC §6.3, §9.1): submit, decide step by step, withdraw, execute. */
export function registerRequestRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = deps;
  const ctx = (request: FastifyRequest) => ({
    actor: requireActor(request),
    now: clock.now(),
    version: expectedVersion(request),
  });
  const one = async (id: number, request: FastifyRequest) =>
    (await presentRequests(db, [id], requireActor(request), clock.now()))[0]!;

  app.post(
    '/api/v1/target-requests',
    {
      config: { auth: 'targets.request' },
      schema: { tags, body: SubmitTargetRequest, response: { 201: TargetRequest, ...DECISION_ERRORS } },
    },
    async (request, reply) => {
      const id = await submitRequest(db, request.body, ctx(request));
      return reply.status(201).send(await one(id, request));
    },
  );

  app.get(
    '/api/v1/target-requests',
    {
      config: { auth: 'targets.requests.read' },
      schema: { tags, querystring: TargetRequestQuery, response: { 200: TargetRequestPage, ...errors(400, 401, 403) } },
    },
    async (request) => {
      const actor = requireActor(request);
      const ids = await listRequestIds(db, actor, request.query);
      return { items: await presentRequests(db, ids, actor, clock.now()), nextCursor: null };
    },
  );

  app.get(
    '/api/v1/target-requests/:id',
    {
      config: { auth: 'targets.requests.read' },
      schema: { tags, params: IdParams, response: { 200: TargetRequest, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      await findRequest(db, request.params.id, requireActor(request));
      return one(request.params.id, request);
    },
  );

  const decision = (
    path: string,
    auth: 'targets.decide' | 'targets.request' | 'targets.execute',
    body: typeof OptionalComment | typeof RequiredComment,
    run: (id: number, comment: string | undefined, request: FastifyRequest) => Promise<void>,
  ) =>
    app.post(
      `/api/v1/target-requests/:id/${path}`,
      {
        config: { auth },
        // A decision without a comment may come without a body at all.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: { tags, params: IdParams, body, response: { 200: TargetRequest, ...DECISION_ERRORS } },
      },
      async (request) => {
        await run(request.params.id, (request.body as { comment?: string } | undefined)?.comment, request);
        return one(request.params.id, request);
      },
    );
  decision('approve', 'targets.decide', OptionalComment, (id, c, r) => approveRequest(db, id, c ?? null, ctx(r)));
  decision('reject', 'targets.decide', RequiredComment, (id, c, r) => rejectRequest(db, id, c!, ctx(r)));
  decision('withdraw', 'targets.request', OptionalComment, (id, c, r) => withdrawRequest(db, id, c ?? null, ctx(r)));
  decision('execute', 'targets.execute', OptionalComment, (id, _c, r) => executeRequest(db, id, ctx(r)));
}
