import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { attachment, XLSX_TYPE } from '../exchange/template.js';
import { readSettings } from '../forecast/settings.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../http/paging.js';
import { errors, IdParams } from '../http/schemas.js';
import { requireActor } from '../org/auth-plugin.js';
import { apsQuotePage, listApsDeliveries, retryApsDelivery } from './aps-store.js';
import {
  ApsDelivery,
  ApsDeliveryListQuery,
  ApsDeliveryPage,
  ApsQuotePage,
  ApsQuoteQuery,
  ApsSettings,
  FeedPage,
  FeedQuery,
  StreamBody,
} from './contract.js';
import { decodePosition, encodePosition } from './cursor.js';
import { feedCsv, feedXlsx } from './export.js';
import { feedPage } from './forecast-feed.js';

const CSV_TYPE = 'text/csv; charset=utf-8';
const since = (value: string | undefined) => (value ? new Date(value) : null);

/** The planner feed and the APS quotes (SPEC §7 "Out", §9.1 `Feeds`), and the admin's APS delivery log. */
export function registerFeedRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const tags = ['feeds'];

  app.get(
    '/api/v1/feeds/forecast',
    {
      config: { auth: 'feeds.read' },
      schema: {
        tags,
        querystring: FeedQuery,
        produces: ['application/json', CSV_TYPE, XLSX_TYPE],
        response: {
          200: {
            description: 'JSON `{items, nextCursor}`; CSV or XLSX one row per opportunity, version and shipment month',
            content: {
              'application/json': { schema: FeedPage },
              'text/csv': { schema: StreamBody('The feed as CSV (UTF-8 with BOM)') },
              [XLSX_TYPE]: { schema: StreamBody('The feed as an XLSX workbook') },
            },
          },
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { limit = DEFAULT_LIMIT, cursor, updatedSince, format = 'json' } = request.query;
      const query = { since: since(updatedSince), from: decodePosition(cursor) };
      const settings = await readSettings(db);
      if (format === 'csv')
        return reply
          .header('content-type', CSV_TYPE)
          .header('content-disposition', attachment('forecast-feed.csv', '销售预测数据.csv'))
          .send(feedCsv(db, query, settings));
      if (format === 'xlsx')
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment('forecast-feed.xlsx', '销售预测数据.xlsx'))
          .send(feedXlsx(db, query, settings));
      const page = await feedPage(db, { ...query, limit }, settings);
      return {
        items: page.opportunities.flatMap((o) => o.items),
        nextCursor: page.next ? encodePosition(page.next) : null,
      };
    },
  );

  app.get(
    '/api/v1/feeds/aps-quotes',
    {
      config: { auth: 'feeds.read' },
      schema: { tags, querystring: ApsQuoteQuery, response: { 200: ApsQuotePage, ...errors(400, 401, 403) } },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, updatedSince } = request.query;
      const page = await apsQuotePage(db, { since: since(updatedSince), from: decodePosition(cursor), limit });
      return { items: page.items, nextCursor: page.next ? encodePosition(page.next) : null };
    },
  );

  const admin = { auth: 'feeds.deliveries.manage' as const };
  app.get(
    '/api/v1/admin/aps-deliveries',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        querystring: ApsDeliveryListQuery,
        response: { 200: ApsDeliveryPage, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, status } = request.query;
      return pageOf(await listApsDeliveries(db, { status }, decodeCursor(cursor), limit), limit);
    },
  );
  app.get(
    '/api/v1/admin/aps-settings',
    { config: admin, schema: { tags: ['admin'], response: { 200: ApsSettings, ...errors(401, 403) } } },
    async () => ({
      host: config.aps ? new URL(config.aps.url).host : null,
      timeoutMs: config.aps?.timeoutMs ?? null,
    }),
  );
  app.post(
    '/api/v1/admin/aps-deliveries/:id/retry',
    {
      config: admin,
      schema: { tags: ['admin'], params: IdParams, response: { 200: ApsDelivery, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request) => retryApsDelivery(db, request.params.id, requireActor(request), clock.now()),
  );
}
