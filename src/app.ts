import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { registerAlertRoutes } from './alerts/routes.js';
import { registerAnalyticsRoutes } from './analytics/routes.js';
import { registerBoardRoutes } from './board/routes.js';
import { registerCalendarRoutes } from './calendar/routes.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { AppDeps } from './deps.js';
import { registerExchangeFileRoutes } from './exchange/file-routes.js';
import { registerExchangeRoutes } from './exchange/routes.js';
import { registerFeedRoutes } from './feeds/routes.js';
import { registerAccuracyRoutes } from './forecast/accuracy-routes.js';
import { registerRequestRoutes } from './forecast/request-routes.js';
import { registerForecastRoutes } from './forecast/routes.js';
import { registerSnapshotRoutes } from './forecast/snapshot-routes.js';
import { registerTargetRoutes } from './forecast/target-routes.js';
import { registerForecastViewRoutes } from './forecast-views/routes.js';
import { clientErrorHandler, frameworkErrors, registerErrorHandling, sendError } from './http/error-handler.js';
import { AppError } from './http/errors.js';
import { registerHealth, registerMetrics } from './http/health.js';
import { lazySerializerFactory, strictValidatorCompiler } from './http/validation.js';
import { registerFakeClockRoutes } from './jobs/routes.js';
import { registerMeetingRoutes } from './meetings/routes.js';
import { registerDeliveryRoutes } from './notifications/channels/routes.js';
import { registerNotificationRoutes } from './notifications/routes.js';
import { registerAdminRoutes } from './org/admin-routes.js';
import { createSessionCache, registerAuthentication } from './org/auth-plugin.js';
import { registerAuthRoutes } from './org/auth-routes.js';
import { registerOrgRoutes } from './org/routes.js';
import { registerProjectRoutes } from './projects/routes.js';
import { registerReportRoutes } from './reports/routes.js';
import { registerTaskRoutes } from './tasks/routes.js';
import { registerThresholdProposalRoutes } from './thresholds/routes.js';
import { VERSION } from './version.js';
import { registerViewRoutes } from './views/routes.js';

export type BuildOptions = {
  database: Database;
  clock: Clock;
  config: Config;
  logger?: FastifyServerOptions['logger'];
};

const BODY_LIMIT = 1024 * 1024;

/** A URL as logged: the value of a `token` query parameter is replaced. */
export const withoutSecrets = (url: string) => url.replace(/([?&]token=)[^&]*/g, '$1[redacted]');

/** OWASP REST Security Cheat Sheet headers for JSON responses (fixed, so set in one call). */
const API_SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    directives: {
      // Ant Design writes its styles at run time (CSS-in-JS), so inline styles are allowed; scripts are not.
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'upgrade-insecure-requests': null,
    },
  },
};

/** The whole HTTP application, from a config, a database and a clock (tests build it the same way). */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { database, clock, config } = options;
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization'],
      // The calendar link's token is a credential: it never reaches the log (SPEC §11).
      serializers: { req: (req) => ({ method: req.method, url: withoutSecrets(req.url), remoteAddress: req.ip }) },
    },
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    frameworkErrors,
    clientErrorHandler,
    schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory() } },
  });
  // Unknown body fields are refused (400), never silently dropped; every bad field is reported at once;
  // bodies keep their JSON types; path and query numbers are plain decimals (src/http/validation.ts).
  app.setValidatorCompiler(strictValidatorCompiler());
  // The API speaks JSON (and multipart for uploads): a text/plain body is 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
  const deps: AppDeps = { database, db: database.db, clock, config, sessionCache: createSessionCache() };

  registerErrorHandling(app);
  await app.register(fastifyCookie);
  await registerOpenApi(app);
  registerMetrics(app);
  registerAuthentication(app, deps);

  // The API and the web app are two encapsulated contexts: helmet's per-request header building is
  // for pages; JSON responses get a fixed header set (OWASP REST Security) at a fraction of the cost.
  await app.register(async (api) => {
    api.addHook('onRequest', (_request, reply, done) => {
      reply.headers(API_SECURITY_HEADERS);
      done();
    });
    registerHealth(api, deps);
    registerAuthRoutes(api, deps);
    registerOrgRoutes(api, deps);
    registerAdminRoutes(api, deps);
    registerExchangeRoutes(api, deps);
    await api.register((files) => registerExchangeFileRoutes(files, deps));
    registerBoardRoutes(api, deps);
    registerMeetingRoutes(api, deps);
    registerTaskRoutes(api, deps);
    registerReportRoutes(api, deps);
    registerCalendarRoutes(api, deps);
    registerViewRoutes(api, deps);
    registerAnalyticsRoutes(api, deps);
    registerProjectRoutes(api, deps);
    registerThresholdProposalRoutes(api, deps);
    registerNotificationRoutes(api, deps);
    registerDeliveryRoutes(api, deps);
    registerForecastRoutes(api, deps);
    registerSnapshotRoutes(api, deps);
    registerForecastViewRoutes(api, deps);
    registerAccuracyRoutes(api, deps);
    registerTargetRoutes(api, deps);
    registerRequestRoutes(api, deps);
    registerFeedRoutes(api, deps);
    if (clock.fake) registerFakeClockRoutes(api, deps);
    registerAlertRoutes(api, deps);
  });
  await app.register(async (web) => {
    await web.register(fastifyHelmet, HELMET_OPTIONS);
    await web.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
    await registerWebApp(web, config.webDir);
  });
  registerNotFound(app);
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
}

/** The built single-page app at /; client-side routes fall back to index.html. */
async function registerWebApp(web: FastifyInstance, webDir: string): Promise<void> {
  const index = join(webDir, 'index.html');
  if (existsSync(index)) {
    await web.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each asset (vite.config.ts): sent as they are, never compressed per request.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        // Hashed file names change with their content: cached for a year; anything else is revalidated.
        const hashed = path.includes(`${sep}assets${sep}`);
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  web.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/api/')) return routeNotFound(request, reply.headers(API_SECURITY_HEADERS));
    if (!existsSync(index))
      return reply.type('text/plain; charset=utf-8').send('The web app is not built: run `npm run build:web`.');
    return reply.header('cache-control', 'no-cache').sendFile('index.html', webDir);
  });
}

const routeNotFound = (request: FastifyRequest, reply: FastifyReply) =>
  sendError(
    reply,
    request,
    // The path is not echoed back: an error body is no place to reflect what the caller typed.
    new AppError('route_not_found', 404, { method: request.method }),
  );

function registerNotFound(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply.headers(API_SECURITY_HEADERS);
    return routeNotFound(request, reply);
  });
}
