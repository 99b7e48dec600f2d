import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type { AppDeps } from '../deps.js';
import { listHistory } from '../history/store.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../http/paging.js';
import { errors, IdParams } from '../http/schemas.js';
import { expectedVersion } from '../http/versioning.js';
import { requireActor } from '../org/auth-plugin.js';
import type { Actor } from '../org/permissions.js';
import {
  CreateOpportunityRequest,
  ForecastSettings,
  Opportunity,
  OpportunityDetail,
  OpportunityPage,
  OpportunityQuery,
  PatchOpportunityRequest,
  PutForecastRequest,
  PutForecastSettingsRequest,
  StageRequest,
  VersionParams,
} from './contract.js';
import { createOpportunity, patchOpportunity } from './opportunities.js';
import { presentOpportunity } from './presenter.js';
import { readSettings, writeSettings } from './settings.js';
import { changeStage } from './stage.js';
import { findOpportunity, listOpportunityIds, loadOpportunities } from './store.js';
import { putForecast } from './versions.js';

const tags = ['forecast'];
const WRITE_ERRORS = errors(400, 401, 403, 404, 409, 412, 413, 415, 422);

async function presentIds(db: Db, ids: number[], actor: Actor) {
  const settings = await readSettings(db);
  return (await loadOpportunities(db, ids)).map((o) => presentOpportunity(o, settings, actor));
}

async function presentDetail(db: Db, id: number, actor: Actor) {
  const [opportunity] = await presentIds(db, [id], actor);
  const history = (await listHistory(db, 'opportunity', id, 0, 1000)).map((h) => ({
    action: h.action,
    actorId: h.actorId,
    actorName: h.actorName,
    at: h.at.toISOString(),
    before: h.before,
    after: h.after,
    reason: h.reason,
  }));
  return { ...opportunity!, history };
}

/** Opportunities, their two forecast versions and stages, and the forecast settings (SPEC §9.1). */
export function registerForecastRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const ctx = (request: FastifyRequest) => ({
    actor: requireActor(request),
    now: clock.now(),
    timeZone: config.timeZone,
    version: expectedVersion(request),
  });

  app.get(
    '/api/v1/opportunities',
    {
      config: { auth: 'forecast.read' },
      schema: { tags, querystring: OpportunityQuery, response: { 200: OpportunityPage, ...errors(400, 401, 403) } },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, ...filter } = request.query;
      const actor = requireActor(request);
      const ids = await listOpportunityIds(db, actor, filter, decodeCursor(cursor), limit);
      const page = pageOf(
        ids.map((id) => ({ id })),
        limit,
      );
      return {
        items: await presentIds(
          db,
          page.items.map((p) => p.id),
          actor,
        ),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post(
    '/api/v1/opportunities',
    {
      config: { auth: 'forecast.write' },
      schema: { tags, body: CreateOpportunityRequest, response: { 201: OpportunityDetail, ...WRITE_ERRORS } },
    },
    async (request, reply) => {
      const context = ctx(request);
      const id = await createOpportunity(db, request.body, context);
      return reply.status(201).send(await presentDetail(db, id, context.actor));
    },
  );

  app.get(
    '/api/v1/opportunities/:id',
    {
      config: { auth: 'forecast.read' },
      schema: { tags, params: IdParams, response: { 200: OpportunityDetail, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const actor = requireActor(request);
      await findOpportunity(db, request.params.id, actor);
      return presentDetail(db, request.params.id, actor);
    },
  );

  app.patch(
    '/api/v1/opportunities/:id',
    {
      config: { auth: 'forecast.write' },
      schema: {
        tags,
        params: IdParams,
        body: PatchOpportunityRequest,
        response: { 200: Opportunity, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const context = ctx(request);
      await patchOpportunity(db, request.params.id, request.body, context);
      return (await presentIds(db, [request.params.id], context.actor))[0]!;
    },
  );

  app.post(
    '/api/v1/opportunities/:id/stage',
    {
      config: { auth: 'forecast.write' },
      schema: { tags, params: IdParams, body: StageRequest, response: { 200: Opportunity, ...WRITE_ERRORS } },
    },
    async (request) => {
      const context = ctx(request);
      await changeStage(db, request.params.id, request.body, context);
      return (await presentIds(db, [request.params.id], context.actor))[0]!;
    },
  );

  app.put(
    '/api/v1/opportunities/:id/forecast/:version',
    {
      config: { auth: 'forecast.write' },
      schema: {
        tags,
        params: VersionParams,
        body: PutForecastRequest,
        response: { 200: Opportunity, ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const context = ctx(request);
      await putForecast(db, request.params.id, request.params.version, request.body, context);
      return (await presentIds(db, [request.params.id], context.actor))[0]!;
    },
  );

  app.get(
    '/api/v1/forecast/settings',
    {
      config: { auth: 'forecast.settings.read' },
      schema: { tags, response: { 200: ForecastSettings, ...errors(401, 403) } },
    },
    async () => readSettings(db),
  );

  app.put(
    '/api/v1/forecast/settings',
    {
      config: { auth: 'forecast.settings.write' },
      schema: { tags, body: PutForecastSettingsRequest, response: { 200: ForecastSettings, ...WRITE_ERRORS } },
    },
    async (request) => writeSettings(db, request.body, ctx(request)),
  );
}
