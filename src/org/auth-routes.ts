import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { errors } from '../http/schemas.js';
import { taskScopeOf } from '../tasks/scope.js';
import { isSecureRequest, requireActor, requireUser, SESSION_COOKIE } from './auth-plugin.js';
import { ChangePasswordRequest, LoginRequest, LoginResponse, Me } from './contract.js';
import { hashPassword, verifyDecoy, verifyPassword } from './passwords.js';
import { permissionsOf } from './permissions.js';
import { presentLoadedSession, presentSessionUser } from './presenter.js';
import { orgScopeOf } from './scope.js';
import { recordSecurityEvent } from './security-event-store.js';
import { isLoginBlocked } from './session-rules.js';
import {
  clearLoginFailures,
  countLoginFailures,
  createSession,
  deleteSession,
  recordLoginFailure,
} from './session-store.js';
import { trackName } from './track-store.js';
import { changeOwnPassword, findUserByUsername, getUser } from './user-store.js';

const tags = ['session'];

export function registerAuthRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;

  app.post(
    '/api/v1/auth/login',
    {
      config: { auth: 'public' },
      schema: { tags, body: LoginRequest, response: { 200: LoginResponse, ...errors(400, 401, 403, 413, 415, 429) } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const now = clock.now();
      const who = { username, ip: request.ip };
      const since = new Date(now.getTime() - config.login.windowMinutes * 60_000);
      const log = (kind: string, userId: number | null) =>
        recordSecurityEvent(db, {
          at: now,
          kind,
          userId,
          username,
          ip: request.ip,
          method: 'POST',
          path: '/api/v1/auth/login',
        });
      if (isLoginBlocked(await countLoginFailures(db, who, since), config.login)) {
        // The window's length is when the oldest failure in it lapses at the latest (RFC 9110 §10.2.3).
        const retryAfter = String(config.login.windowMinutes * 60);
        throw new AppError('rate_limited', 429, { minutes: config.login.windowMinutes }, [], {
          'retry-after': retryAfter,
        });
      }
      const user = await findUserByUsername(db, username);
      const ok = user?.active ? await verifyPassword(password, user.passwordHash) : await verifyDecoy(password);
      if (!user || !ok) {
        await recordLoginFailure(db, who, now);
        await log('login_failed', user?.id ?? null);
        request.log.info({ username, ip: request.ip }, 'sign-in refused');
        throw new AppError('invalid_credentials', 401);
      }
      await clearLoginFailures(db, username);
      const token = await createSession(db, {
        userId: user.id,
        now,
        policy: config.session,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      await log('login', user.id);
      request.log.info({ userId: user.id, ip: request.ip }, 'signed in');
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: isSecureRequest(request, config),
        maxAge: config.session.maxDays * 86_400,
      });
      return { user: await presentMe(deps, user.id) };
    },
  );

  const loggedOut = {
    tags,
    response: { 204: { description: 'Signed out; the cookie is cleared' }, ...errors(401, 403) },
  };
  app.post('/api/v1/auth/logout', { config: { auth: 'authenticated' }, schema: loggedOut }, async (request, reply) => {
    const actor = requireUser(request);
    await deleteSession(db, actor.sessionId);
    deps.sessionCache.forgetUser(actor.id);
    await recordSecurityEvent(db, {
      at: clock.now(),
      kind: 'logout',
      userId: actor.id,
      username: actor.username,
      ip: request.ip,
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get(
    '/api/v1/me',
    { config: { auth: 'authenticated' }, schema: { tags, response: { 200: Me, ...errors(401) } } },
    async (request) => {
      const actor = requireActor(request);
      const permissions = permissionsOf(actor);
      const taskScope = taskScopeOf(actor);
      const scope = orgScopeOf(actor);
      if (actor.kind === 'apiKey')
        return { apiKey: { id: actor.id, name: actor.name, scopes: actor.scopes }, permissions, taskScope, scope };
      // The user as loaded with the session: /me is called on every page load and costs no query.
      const loaded = request.sessionUser;
      const user = loaded ? presentLoadedSession(loaded) : await presentMe(deps, actor.id);
      return { user, permissions, taskScope, scope };
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { auth: 'authenticated' },
      schema: {
        tags,
        body: ChangePasswordRequest,
        response: {
          204: { description: 'Changed; other sessions are signed out' },
          ...errors(400, 401, 403, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const body = request.body;
      const user = await getUser(db, actor.id);
      if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
        throw new AppError('wrong_password', 400, {}, [
          {
            field: 'currentPassword',
            reason: 'invalid',
            params: { why: { zh: '当前密码不正确', en: 'wrong password' } },
          },
        ]);
      }
      const passwordHash = await hashPassword(body.newPassword);
      await changeOwnPassword(
        db,
        { userId: actor.id, passwordHash, keepSessionId: actor.sessionId },
        actor,
        clock.now(),
      );
      deps.sessionCache.forgetUser(actor.id);
      return reply.status(204).send();
    },
  );
}

async function presentMe(deps: AppDeps, userId: number) {
  const user = await getUser(deps.db, userId);
  return presentSessionUser(user, await trackName(deps.db, user.trackId));
}
