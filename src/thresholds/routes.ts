import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bandsFor } from '../board/store.js';
import type { Db } from '../db/client.js';
import type { AppDeps } from '../deps.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../http/paging.js';
import { errors, IdParams, Page } from '../http/schemas.js';
import { expectedVersion } from '../http/versioning.js';
import { requireActor } from '../org/auth-plugin.js';
import { ApproveRequest, ProposalListQuery, ProposeRequest, RejectRequest, ThresholdProposal } from './contract.js';
import { presentProposal } from './presenter.js';
import { currentMonth, decide, findProposal, listProposals, propose } from './store.js';

/** Threshold proposals (A2): directors propose bands for a dimension, the CEO approves from a month or rejects. */
export function registerThresholdProposalRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const tags = ['thresholds'];
  const ctx = (request: FastifyRequest) => ({
    actor: requireActor(request),
    now: clock.now(),
    timeZone: config.timeZone,
    version: expectedVersion(request),
  });
  const inForceNow = (database: Db) => bandsFor(database, currentMonth(clock.now(), config.timeZone));
  const one = { tags, params: IdParams, response: { 200: ThresholdProposal, ...errors(400, 401, 403, 404) } };
  const decision = {
    tags,
    params: IdParams,
    response: { 200: ThresholdProposal, ...errors(400, 401, 403, 404, 409, 412, 413, 415) },
  };

  app.get(
    '/api/v1/threshold-proposals',
    {
      config: { auth: 'thresholds.proposals.read' },
      schema: {
        tags,
        querystring: ProposalListQuery,
        response: { 200: Page(ThresholdProposal), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, status } = request.query;
      const page = pageOf(await listProposals(db, requireActor(request), status, decodeCursor(cursor), limit), limit);
      const inForce = await inForceNow(db);
      return { items: page.items.map((p) => presentProposal(p, inForce)), nextCursor: page.nextCursor };
    },
  );
  app.get(
    '/api/v1/threshold-proposals/:id',
    { config: { auth: 'thresholds.proposals.read' }, schema: one },
    async (request) =>
      presentProposal(await findProposal(db, request.params.id, requireActor(request)), await inForceNow(db)),
  );
  app.post(
    '/api/v1/threshold-proposals',
    {
      config: { auth: 'thresholds.propose' },
      schema: {
        tags,
        body: ProposeRequest,
        response: { 201: ThresholdProposal, ...errors(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const row = await propose(db, request.body, ctx(request));
      return reply.status(201).send(presentProposal(row, await inForceNow(db)));
    },
  );
  app.post(
    '/api/v1/threshold-proposals/:id/approve',
    { config: { auth: 'thresholds.decide' }, schema: { ...decision, body: ApproveRequest } },
    async (request) => {
      const row = await decide(db, request.params.id, { kind: 'approve', ...request.body }, ctx(request));
      return presentProposal(row, await inForceNow(db));
    },
  );
  app.post(
    '/api/v1/threshold-proposals/:id/reject',
    { config: { auth: 'thresholds.decide' }, schema: { ...decision, body: RejectRequest } },
    async (request) => {
      const row = await decide(db, request.params.id, { kind: 'reject', ...request.body }, ctx(request));
      return presentProposal(row, await inForceNow(db));
    },
  );
}
