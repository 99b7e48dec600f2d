import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { AppDeps } from '../../deps.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../../http/paging.js';
import { errors, IdParams } from '../../http/schemas.js';
import { requireActor } from '../../org/auth-plugin.js';
import { deliveryPresenter } from '../presenter.js';
import { hostOf } from './config.js';
import { ChannelSettings, Delivery, DeliveryListQuery, DeliveryPage } from './contract.js';
import { listDeliveries, retryDelivery } from './store.js';

/** The channels as configured, hosts only: an SMTP password or a webhook token never leaves the server. */
const channelSettings = ({ channels }: Config) => ({
  email: channels.smtp ? { host: hostOf(channels.smtp.url), from: channels.smtp.from } : null,
  webhook: channels.webhook ? { host: hostOf(channels.webhook.url), format: channels.webhook.format } : null,
  publicUrl: channels.publicUrl,
});

/** The admin's delivery log of e-mail and chat copies (SPEC §5, issue 5), and a retry of a failed one. */
export function registerDeliveryRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const tags = ['admin'];
  const auth = 'deliveries.manage';

  app.get(
    '/api/v1/admin/deliveries',
    {
      config: { auth },
      schema: { tags, querystring: DeliveryListQuery, response: { 200: DeliveryPage, ...errors(400, 401, 403) } },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, status, channel } = request.query;
      const filter = { ...(status ? { status } : {}), ...(channel ? { channel } : {}) };
      const page = pageOf(
        (await listDeliveries(db, filter, decodeCursor(cursor), limit)).map(
          deliveryPresenter(request, config.timeZone),
        ),
        limit,
      );
      return page;
    },
  );
  app.get(
    '/api/v1/admin/notification-channels',
    { config: { auth }, schema: { tags, response: { 200: ChannelSettings, ...errors(401, 403) } } },
    async () => channelSettings(config),
  );
  app.post(
    '/api/v1/admin/deliveries/:id/retry',
    {
      config: { auth },
      schema: { tags, params: IdParams, response: { 200: Delivery, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request) => {
      const row = await retryDelivery(db, request.params.id, requireActor(request), clock.now());
      return deliveryPresenter(request, config.timeZone)(row);
    },
  );
}
