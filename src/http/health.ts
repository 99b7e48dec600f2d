import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { Type } from 'typebox';
import { migrationLevel } from '../db/migrate.js';
import type { AppDeps } from '../deps.js';
import { VERSION } from '../version.js';

/** `GET /health`: the database kind, the migration level, the version and the clock. */
export const Health = Type.Object({
  status: Type.String(),
  database: Type.String(),
  migration: Type.Object({ applied: Type.Integer(), latest: Type.Union([Type.String(), Type.Null()]) }),
  version: Type.String(),
  fakeClock: Type.Boolean(),
  now: Type.String(),
});

export function registerHealth(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    '/api/v1/health',
    { config: { auth: 'public' }, schema: { tags: ['session'], response: { 200: Health } } },
    async () => ({
      status: 'ok',
      database: deps.database.kind,
      migration: await migrationLevel(deps.database),
      version: VERSION,
      fakeClock: deps.clock.fake,
      now: deps.clock.now().toISOString(),
    }),
  );
}

/** Prometheus metrics at /metrics: process defaults and request durations by route. */
export function registerMetrics(app: FastifyInstance): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    durations.labels(request.method, route, String(reply.statusCode)).observe(reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
