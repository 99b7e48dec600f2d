import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { errors, IdParams } from '../http/schemas.js';
import { requireUser } from '../org/auth-plugin.js';
import { SavedView, SavedViewList, SavedViewListQuery, SaveViewRequest } from './contract.js';
import { deleteView, listViews, saveView } from './store.js';

/** Saved views (issue 12): each user's named filter sets of a list page; a user reads and changes only their own. */
export function registerViewRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = deps;
  const tags = ['session'];

  app.get(
    '/api/v1/me/views',
    {
      config: { auth: 'authenticated' },
      schema: { tags, querystring: SavedViewListQuery, response: { 200: SavedViewList, ...errors(400, 401, 403) } },
    },
    async (request) => ({ items: await listViews(db, requireUser(request).id, request.query.page) }),
  );
  app.post(
    '/api/v1/me/views',
    {
      config: { auth: 'authenticated' },
      schema: { tags, body: SaveViewRequest, response: { 200: SavedView, ...errors(400, 401, 403, 409) } },
    },
    async (request) => saveView(db, requireUser(request).id, request.body, clock.now()),
  );
  app.delete(
    '/api/v1/me/views/:id',
    {
      config: { auth: 'authenticated' },
      schema: { tags, params: IdParams, response: { 204: { description: 'Deleted' }, ...errors(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      await deleteView(db, requireUser(request).id, request.params.id);
      return reply.status(204).send();
    },
  );
}
