import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../http/paging.js';
import { errors, IdParams } from '../http/schemas.js';
import { requireUser } from '../org/auth-plugin.js';
import { Notification, NotificationListQuery, NotificationPage, ReadAllResult } from './contract.js';
import { notificationPresenter } from './presenter.js';
import { countUnread, listNotifications, markAllRead, markRead } from './store.js';

/** The in-app inbox (SPEC §5, §9): every user reads and marks only their own notifications. */
export function registerNotificationRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const tags = ['notifications'];
  const auth = 'notifications.read';

  const present = (request: FastifyRequest) => notificationPresenter(request, config.timeZone);

  app.get(
    '/api/v1/notifications',
    {
      config: { auth },
      schema: {
        tags,
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { limit = DEFAULT_LIMIT, cursor, unread } = request.query;
      const rows = await listNotifications(db, user.id, { unread }, decodeCursor(cursor), limit);
      const page = pageOf(rows, limit);
      return {
        items: page.items.map(present(request)),
        nextCursor: page.nextCursor,
        unread: await countUnread(db, user.id),
      };
    },
  );
  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { auth },
      schema: { tags, params: IdParams, response: { 200: Notification, ...errors(400, 401, 403, 404) } },
    },
    async (request) => present(request)(await markRead(db, requireUser(request).id, request.params.id, clock.now())),
  );
  app.post(
    '/api/v1/notifications/read-all',
    { config: { auth }, schema: { tags, response: { 200: ReadAllResult, ...errors(401, 403) } } },
    async (request) => {
      const user = requireUser(request);
      const marked = await markAllRead(db, user.id, clock.now());
      return { marked, unread: await countUnread(db, user.id) };
    },
  );
}
