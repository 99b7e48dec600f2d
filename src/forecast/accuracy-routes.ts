import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { errors } from '../http/schemas.js';
import { requireActor } from '../org/auth-plugin.js';
import { readAccuracy } from './accuracy.js';
import { readAccuracyConfig, writeAccuracyConfig } from './accuracy-config.js';
import { Accuracy, AccuracyConfigAnswer, AccuracyQuery, PutAccuracyConfigRequest } from './accuracy-contract.js';

const tags = ['forecast'];

/** Forecast accuracy (SPEC §6.7, §9.1): the admin's effective-dated config and the accuracy by month or YTD. */
export function registerAccuracyRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;

  app.get(
    '/api/v1/forecast/accuracy-config',
    {
      config: { auth: 'forecast.settings.read' },
      schema: { tags, response: { 200: AccuracyConfigAnswer, ...errors(401, 403) } },
    },
    async () => readAccuracyConfig(db, clock.now(), config.timeZone),
  );

  app.put(
    '/api/v1/forecast/accuracy-config',
    {
      config: { auth: 'forecast.accuracy.configure' },
      schema: {
        tags,
        body: PutAccuracyConfigRequest,
        response: { 200: AccuracyConfigAnswer, ...errors(400, 401, 403, 413, 415) },
      },
    },
    async (request) =>
      writeAccuracyConfig(db, request.body, {
        actor: requireActor(request),
        now: clock.now(),
        timeZone: config.timeZone,
      }),
  );

  app.get(
    '/api/v1/forecast/accuracy',
    {
      config: { auth: 'forecast.read' },
      schema: { tags, querystring: AccuracyQuery, response: { 200: Accuracy, ...errors(400, 401, 403) } },
    },
    async (request) =>
      readAccuracy(db, { month: request.query.month, view: request.query.view ?? 'month' }, requireActor(request), {
        items: request.query.items ?? false,
      }),
  );
}
