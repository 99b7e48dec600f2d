import type { FastifyInstance, InjectOptions } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Clock, fakeClock } from '../../src/clock.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { createTestDatabase } from '../../src/db/test-database.js';
import { buildCustomer, buildTrack, buildUser, type OrganisationSeed } from '../../src/demo/builders.js';
import { seedOrganisation } from '../../src/demo/seed.js';
import type { ApiError, ResponseOf } from './api-routes.js';

export const PASSWORD = 'test-password-1';
export const ORIGIN = 'http://crm.test';

/**
 * A small company for API tests: two tracks (integrated T1, commodity T2), a director each, three AMs,
 * one customer per AM, and one user of every other role.
 */
export function smallOrganisation(): OrganisationSeed {
  return {
    tracks: [
      buildTrack({ code: 'T1', name: '消费电子I', directorUsername: 'director1' }),
      buildTrack({ code: 'T2', name: '商品模', businessLine: 'commodity', directorUsername: 'director2' }),
    ],
    users: [
      buildUser({ username: 'ceo', role: 'ceo' }),
      buildUser({ username: 'secretary', role: 'secretary' }),
      buildUser({ username: 'admin', role: 'admin' }),
      buildUser({ username: 'planner', role: 'planner' }),
      buildUser({ username: 'director1', role: 'director', trackCode: 'T1' }),
      buildUser({ username: 'director2', role: 'director', trackCode: 'T2' }),
      buildUser({ username: 'am1', role: 'am', trackCode: 'T1' }),
      buildUser({ username: 'am2', role: 'am', trackCode: 'T1' }),
      buildUser({ username: 'am3', role: 'am', trackCode: 'T2' }),
    ],
    customers: [
      buildCustomer({ code: 'C1', amUsername: 'am1' }),
      buildCustomer({ code: 'C2', amUsername: 'am2' }),
      buildCustomer({ code: 'C3', amUsername: 'am3' }),
    ],
  };
}

/**
 * An answer as a test reads it: `body` typed as the route's success shape (from the contracts, by the URL —
 * see api-routes.ts; `unknown` where the URL cannot be placed), `error` as the one error shape when the
 * body is one. Which of the two the server sent is the status's to say: assert it first.
 */
export type Response<T = unknown> = {
  status: number;
  body: T;
  /** The error object of a 4xx answer (`body.error`); undefined when the body is not in the error shape. */
  readonly error: ApiError | undefined;
  headers: Record<string, unknown>;
};
type Headers = Record<string, string>;

/** The body of a text answer (iCalendar, a page): a string, or the test fails saying what came instead. */
export function textOf(res: Response): string {
  if (typeof res.body !== 'string') throw new Error(`expected a text body, got ${JSON.stringify(res.body)}`);
  return res.body;
}
/** A client whose answers are typed by their routes (ResponseOf): `(await t.as('ceo')).get('/api/v1/me')`. */
export type Client = {
  get<const U extends string>(url: U, headers?: Headers): Promise<Response<ResponseOf<'GET', U>>>;
  post<const U extends string>(url: U, body?: unknown, headers?: Headers): Promise<Response<ResponseOf<'POST', U>>>;
  patch<const U extends string>(url: U, body?: unknown, headers?: Headers): Promise<Response<ResponseOf<'PATCH', U>>>;
  put<const U extends string>(url: U, body?: unknown, headers?: Headers): Promise<Response<ResponseOf<'PUT', U>>>;
  delete<const U extends string>(url: U, headers?: Headers): Promise<Response<ResponseOf<'DELETE', U>>>;
  cookie: string | null;
};

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  clock: Clock;
  config: Config;
  /** A client signed in as this user (password PASSWORD unless given). */
  as(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
  bearer(key: string): Client;
  setNow(iso: string): Promise<void>;
  close(): Promise<void>;
};

function isErrorBody(body: unknown): body is { error: ApiError } {
  const error = (body as { error?: unknown } | null)?.error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

// The body is whatever the server sent; the type the caller reads it as comes from the route (ResponseOf).
async function call<T>(app: FastifyInstance, options: InjectOptions): Promise<Response<T>> {
  const res = await app.inject(options);
  const text = res.body;
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {}
  return {
    status: res.statusCode,
    body: body as T,
    get error() {
      return isErrorBody(body) ? body.error : undefined;
    },
    headers: res.headers,
  };
}

export function clientFor(app: FastifyInstance, auth: { cookie?: string; bearer?: string }): Client {
  const base = (extra?: Record<string, string>) => ({
    origin: ORIGIN,
    host: 'crm.test',
    ...(auth.cookie ? { cookie: auth.cookie } : {}),
    ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
    ...extra,
  });
  return {
    cookie: auth.cookie ?? null,
    get: (url, headers) => call(app, { method: 'GET', url, headers: base(headers) }),
    post: (url, body, headers) =>
      call(app, {
        method: 'POST',
        url,
        headers: base(headers),
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    patch: (url, body, headers) => call(app, { method: 'PATCH', url, headers: base(headers), payload: body as object }),
    put: (url, body, headers) => call(app, { method: 'PUT', url, headers: base(headers), payload: body as object }),
    delete: (url, headers) => call(app, { method: 'DELETE', url, headers: base(headers) }),
  };
}

export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<Client> {
  const res = await call(app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: ORIGIN, host: 'crm.test' },
    payload: { username, password },
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = String(res.headers['set-cookie']);
  return clientFor(app, { cookie: setCookie.split(';')[0]! });
}

export async function startTestApp(
  options: { now?: string; org?: OrganisationSeed | null; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase(inject('pgliteSnapshot'));
  const { database } = testDb;
  const start = new Date(options.now ?? '2026-03-02T08:00:00+08:00');
  const clock = await fakeClock(database.db, start);
  const config = loadConfig({ fakeClock: start.toISOString() }, { CRM_WEB_DIR: '/nonexistent', ...options.env });
  const org = options.org === undefined ? smallOrganisation() : options.org;
  if (org) await seedOrganisation(database.db, org, PASSWORD, start);
  const app = await buildApp({ database, clock, config, logger: false });
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    as: (username, password) => login(app, username, password),
    anonymous: () => clientFor(app, {}),
    bearer: (key) => clientFor(app, { bearer: key }),
    setNow: (iso) => clock.set(new Date(iso)),
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}
