import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import { registerErrorHandling, sendError } from './http/error-handler.js';
import { AppError } from './http/errors.js';
import { registerHealth, registerMetrics } from './http/health.js';
import { registerFakeClockRoutes } from './jobs/routes.js';
import { registerAdminRoutes } from './org/admin-routes.js';
import { createSessionCache, registerAuthentication, type SessionCache } from './org/auth-plugin.js';
import { registerAuthRoutes } from './org/auth-routes.js';
import { registerOrgRoutes } from './org/routes.js';
import { VERSION } from './version.js';

export type AppDeps = { database: Database; db: Db; clock: Clock; config: Config; sessionCache: SessionCache };

export type BuildOptions = {
  database: Database;
  clock: Clock;
  config: Config;
  logger?: FastifyServerOptions['logger'];
};

const BODY_LIMIT = 1024 * 1024;

/** The whole HTTP application, from a config, a database and a clock (tests build it the same way). */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { database, clock, config } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    // Unknown body fields are refused (400), never silently dropped; every bad field is reported at once.
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array' }, plugins: [] },
  });
  const deps: AppDeps = { database, db: database.db, clock, config, sessionCache: createSessionCache() };

  registerErrorHandling(app);
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        // Ant Design writes its styles at run time (CSS-in-JS), so inline styles are allowed; scripts are not.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'upgrade-insecure-requests': null,
      },
    },
  });
  await registerOpenApi(app);
  registerMetrics(app);
  registerAuthentication(app, deps);

  registerHealth(app, deps);
  registerAuthRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerAdminRoutes(app, deps);
  if (clock.fake) registerFakeClockRoutes(app, deps);

  await registerWebApp(app, config.webDir);
  return app;
}

async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '东江集团 销售督导与预测 API', version: VERSION, description: 'SPEC §9 — JSON over /api/v1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'crm_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
  });
  app.get('/api/v1/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
}

/** The built single-page app at /, with client-side routes falling back to index.html. */
async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const index = join(webDir, 'index.html');
  if (existsSync(index)) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/api/') || request.method !== 'GET') {
      return sendError(reply, request, new AppError('route_not_found', 404, { method: request.method, url: path }));
    }
    if (!existsSync(index))
      return reply.type('text/plain; charset=utf-8').send('The web app is not built: run `npm run build:web`.');
    return reply.header('cache-control', 'no-cache').sendFile('index.html', webDir);
  });
}
