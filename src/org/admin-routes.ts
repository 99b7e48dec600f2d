import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { listHistory } from '../history/store.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../http/paging.js';
import { errors, IdParams } from '../http/schemas.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-key-store.js';
import { requireActor } from './auth-plugin.js';
import { ApiKeyList, CreateApiKeyRequest, CreatedApiKey, HistoryPage, HistoryQuery } from './contract.js';
import { presentApiKey } from './presenter.js';

export function registerAdminRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = deps;
  const tags = ['admin'];

  app.get(
    '/api/v1/admin/api-keys',
    {
      config: { auth: 'apikeys.manage' },
      schema: { tags, response: { 200: ApiKeyList, ...errors(401, 403) } },
    },
    async (_request) => {
      return { items: (await listApiKeys(db)).map(presentApiKey), nextCursor: null };
    },
  );
  app.post(
    '/api/v1/admin/api-keys',
    {
      config: { auth: 'apikeys.manage' },
      schema: {
        tags,
        body: CreateApiKeyRequest,
        response: { 201: CreatedApiKey, ...errors(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(await createApiKey(db, request.body, actor, clock.now()));
    },
  );
  app.delete(
    '/api/v1/admin/api-keys/:id',
    {
      config: { auth: 'apikeys.manage' },
      schema: { tags, params: IdParams, response: { 204: { description: 'Revoked' }, ...errors(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await revokeApiKey(db, request.params.id, actor, clock.now());
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/history',
    {
      config: { auth: 'history.read' },
      schema: { tags, querystring: HistoryQuery, response: { 200: HistoryPage, ...errors(400, 401, 403) } },
    },
    async (request) => {
      const { entity, entityId, cursor, limit = DEFAULT_LIMIT } = request.query;
      const page = pageOf(await listHistory(db, entity, entityId, decodeCursor(cursor), limit), limit);
      return { items: page.items.map((h) => ({ ...h, at: h.at.toISOString() })), nextCursor: page.nextCursor };
    },
  );
}
