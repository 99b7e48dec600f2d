import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../http/paging.js';
import { errors, IdParams } from '../http/schemas.js';
import { expectedVersion } from '../http/versioning.js';
import { requireActor } from '../org/auth-plugin.js';
import {
  Alert,
  AlertDetail,
  AlertListQuery,
  AlertPage,
  EscalateAlertRequest,
  ResolveAlertRequest,
  RouteAlertRequest,
} from './contract.js';
import { escalateAlert, resolveAlert, routeAlert } from './handling.js';
import { alertDetail, presentAlert } from './presenter.js';
import { findAlert, listAlerts } from './store.js';

const tags = ['forecast'];
const ACTION_ERRORS = errors(400, 401, 403, 404, 409, 412, 413, 415);

/** 预警 (SPEC §6.5, §9.1 `Alert`): read in scope; resolve, escalate, route along the status graph. */
export function registerAlertRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const ctx = (request: FastifyRequest) => ({
    actor: requireActor(request),
    now: clock.now(),
    version: expectedVersion(request),
    timeZone: config.timeZone,
  });
  const one = async (id: number, request: FastifyRequest) => {
    const actor = requireActor(request);
    return presentAlert(await findAlert(db, id, actor), clock.now(), actor);
  };

  app.get(
    '/api/v1/alerts',
    {
      config: { auth: 'alerts.read' },
      schema: { tags, querystring: AlertListQuery, response: { 200: AlertPage, ...errors(400, 401, 403) } },
    },
    async (request) => {
      const now = clock.now();
      const actor = requireActor(request);
      const { limit = DEFAULT_LIMIT, cursor, ...filter } = request.query;
      const page = pageOf(await listAlerts(db, actor, filter, now, decodeCursor(cursor), limit), limit);
      return { items: page.items.map((a) => presentAlert(a, now, actor)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/alerts/:id',
    {
      config: { auth: 'alerts.read' },
      schema: { tags, params: IdParams, response: { 200: AlertDetail, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const actor = requireActor(request);
      return alertDetail(db, await findAlert(db, request.params.id, actor), clock.now(), actor);
    },
  );

  app.post(
    '/api/v1/alerts/:id/resolve',
    {
      config: { auth: 'alerts.handle' },
      schema: { tags, params: IdParams, body: ResolveAlertRequest, response: { 200: Alert, ...ACTION_ERRORS } },
    },
    async (request) => {
      await resolveAlert(db, request.params.id, request.body.note, ctx(request));
      return one(request.params.id, request);
    },
  );

  app.post(
    '/api/v1/alerts/:id/escalate',
    {
      config: { auth: 'alerts.handle' },
      schema: { tags, params: IdParams, body: EscalateAlertRequest, response: { 200: Alert, ...ACTION_ERRORS } },
    },
    async (request) => {
      await escalateAlert(db, request.params.id, request.body.note, ctx(request));
      return one(request.params.id, request);
    },
  );

  app.post(
    '/api/v1/alerts/:id/route',
    {
      config: { auth: 'alerts.handle' },
      schema: { tags, params: IdParams, body: RouteAlertRequest, response: { 200: Alert, ...ACTION_ERRORS } },
    },
    async (request) => {
      await routeAlert(db, request.params.id, request.body, ctx(request));
      return one(request.params.id, request);
    },
  );
}
