import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { AppError } from '../http/errors.js';
import { findApiKey, markApiKeyUsed } from './api-key-store.js';
import { type Action, type Actor, authorize, type UserActor } from './permissions.js';
import { recordSecurityEvent } from './security-event-store.js';
import { isSessionAlive, needsTouch } from './session-rules.js';
import { findSession, type SessionWithUser, touchSession } from './session-store.js';
import { hashToken } from './tokens.js';

export const SESSION_COOKIE = 'crm_session';

/**
 * Who may call a route, declared on the route as `config: { auth }`: an action of the central
 * authorisation table, any signed-in caller, or the public. A route that declares nothing is refused.
 */
export type RouteAuth = Action | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** A session cookie came in but its session had ended (expired, signed out, user disabled). */
    sessionEnded: boolean;
    /** The signed-in user's record as loaded with the session (at most 5 s old). */
    sessionUser: SessionWithUser | null;
  }
}

// Sessions are looked up once per 5 s per instance: a disabled user or a signed-out session is
// forgotten by every instance within that time, as the foundation issue allows.
const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;
type Cached = { session: SessionWithUser | null; loadedAt: number };

export function createSessionCache() {
  const entries = new Map<string, Cached>();
  return {
    async get(db: Db, tokenHash: string): Promise<SessionWithUser | null> {
      const hit = entries.get(tokenHash);
      if (hit && performance.now() - hit.loadedAt < CACHE_TTL_MS) return hit.session;
      const session = await findSession(db, tokenHash);
      if (entries.size >= CACHE_MAX) entries.clear();
      entries.set(tokenHash, { session, loadedAt: performance.now() });
      return session;
    },
    forget(tokenHash: string) {
      entries.delete(tokenHash);
    },
    forgetUser(userId: number) {
      for (const [key, value] of entries) if (value.session?.user.id === userId) entries.delete(key);
    },
  };
}
export type SessionCache = ReturnType<typeof createSessionCache>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// A user who must change the password can do only this until they have.
const PASSWORD_CHANGE_ROUTES = new Set(['/api/v1/me', '/api/v1/me/password', '/api/v1/auth/logout']);

/** Cookie-authenticated writes must come from this site's own pages (CSRF defence besides SameSite=Lax). */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin ?? request.headers.referer;
  if (!origin) return false;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function isSecureRequest(request: FastifyRequest, config: Config): boolean {
  return config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure;
}

type Deps = { db: Db; clock: Clock; config: Config; sessionCache: SessionCache };

async function actorFromApiKey(deps: Deps, header: string): Promise<Actor> {
  const key = await findApiKey(deps.db, header.slice('Bearer '.length).trim());
  const now = deps.clock.now();
  if (!key || key.revokedAt || key.expiresAt <= now) throw new AppError('invalid_api_key', 401);
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) await markApiKeyUsed(deps.db, key.id, now);
  return { kind: 'apiKey', id: key.id, name: key.name, scopes: key.scopes };
}

async function actorFromSession(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): Promise<UserActor | null> {
  const tokenHash = hashToken(token);
  const found = await deps.sessionCache.get(deps.db, tokenHash);
  const now = deps.clock.now();
  if (!found?.user.active || !isSessionAlive(found, deps.config.session, now)) {
    deps.sessionCache.forget(tokenHash);
    request.sessionEnded = true;
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return null;
  }
  if (needsTouch(found, now)) {
    await touchSession(deps.db, found.sessionId, now);
    found.lastSeenAt = now;
  }
  request.sessionUser = found;
  const { user } = found;
  return {
    kind: 'user',
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    trackId: user.trackId,
    mustChangePassword: user.mustChangePassword,
    sessionId: found.sessionId,
  };
}

/** Resolves who is calling (session cookie or API key) before any route runs. */
export function registerAuthentication(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionEnded', false);
  app.decorateRequest('sessionUser', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    if (deps.clock.fake) await deps.clock.refresh();
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await actorFromApiKey(deps, authorization);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.actor = await actorFromSession(deps, request, reply, token);
    if (!request.actor) return;
    if (UNSAFE.has(request.method) && !sameOrigin(request)) throw new AppError('csrf_origin', 403);
    const path = request.url.split('?')[0]!;
    if (request.actor.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(path)) {
      throw new AppError('password_change_required', 403);
    }
  });
  // Authorisation runs before body validation, so a caller who may not act learns nothing more.
  app.addHook('preValidation', (request, _reply, done) => {
    try {
      authorizeRoute(request);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  // Every refused request is on record: who, when, from where, and why (SPEC §11).
  app.addHook('onResponse', (request, reply, done) => {
    if (reply.statusCode !== 401 && reply.statusCode !== 403 && reply.statusCode !== 429) return done();
    const actor = request.actor;
    const recorded = recordSecurityEvent(deps.db, {
      at: deps.clock.now(),
      kind: reply.statusCode === 429 ? 'rate_limited' : 'denied',
      userId: actor?.kind === 'user' ? actor.id : null,
      apiKeyId: actor?.kind === 'apiKey' ? actor.id : null,
      username: actor?.kind === 'user' ? actor.username : null,
      ip: request.ip,
      method: request.method,
      path: request.url.split('?')[0]!.slice(0, 300),
      status: reply.statusCode,
    });
    recorded.then(() => done(), done);
  });
}

function authorizeRoute(request: FastifyRequest): void {
  if (!request.url.startsWith('/api/v1/') || request.is404) return;
  const auth = request.routeOptions.config.auth;
  if (auth === 'public') return;
  const actor = requireActor(request);
  if (auth === undefined)
    throw new AppError('forbidden', 403, {
      reason: { zh: '接口未声明权限', en: 'the endpoint declares no permission' },
    });
  if (auth !== 'authenticated') authorize(actor, auth);
}

/** The signed-in caller, or 401 (saying whether the session ended or never was). */
export function requireActor(request: FastifyRequest): Actor {
  if (request.actor) return request.actor;
  throw new AppError(request.sessionEnded ? 'session_expired' : 'unauthenticated', 401);
}

export function requireUser(request: FastifyRequest): UserActor {
  const actor = requireActor(request);
  if (actor.kind !== 'user')
    throw new AppError('forbidden', 403, { reason: { zh: '仅限用户登录使用', en: 'only for signed-in users' } });
  return actor;
}
