import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { errors } from '../http/schemas.js';
import { requireActor } from '../org/auth-plugin.js';
import { readCompliance } from './compliance.js';
import { Compliance, MonthParams, MonthQuery, Snapshot, SnapshotList } from './contract.js';
import { frozenMonths, readSnapshot } from './snapshots.js';

const tags = ['forecast'];

/** Monthly forecast snapshots and the rolling-update compliance (SPEC §9.1). */
export function registerSnapshotRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = deps;

  app.get(
    '/api/v1/forecast/snapshots',
    { config: { auth: 'forecast.read' }, schema: { tags, response: { 200: SnapshotList, ...errors(401, 403) } } },
    async () => ({ items: await frozenMonths(db), nextCursor: null }),
  );

  app.get(
    '/api/v1/forecast/snapshots/:month',
    {
      config: { auth: 'forecast.read' },
      schema: { tags, params: MonthParams, response: { 200: Snapshot, ...errors(400, 401, 403, 404) } },
    },
    async (request) => readSnapshot(db, request.params.month, requireActor(request)),
  );

  app.get(
    '/api/v1/forecast/compliance',
    {
      config: { auth: 'forecast.read' },
      schema: { tags, querystring: MonthQuery, response: { 200: Compliance, ...errors(400, 401, 403) } },
    },
    async (request) => readCompliance(db, request.query.month, requireActor(request), config.timeZone),
  );
}
