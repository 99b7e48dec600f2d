import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { errors, FileBody } from '../http/schemas.js';
import { ensureOccurrences } from '../meetings/occurrences.js';
import { requireUser } from '../org/auth-plugin.js';
import { findUser } from '../org/user-store.js';
import { CalendarFeedQuery, CalendarToken, CalendarTokenStatus } from './contract.js';
import { calendarFeed } from './feed.js';
import { calendarTokenStatus, issueCalendarToken, revokeCalendarToken, userOfToken } from './tokens.js';

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** iCalendar subscription (SPEC §4.2, §11): a per-user link with a random token, revocable. */
export function registerCalendarRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const tags = ['session'];

  app.post(
    '/api/v1/me/calendar-token',
    {
      config: { auth: 'authenticated' },
      schema: { tags, response: { 201: CalendarToken, ...errors(401, 403) } },
    },
    async (request, reply) => {
      const token = await issueCalendarToken(db, requireUser(request), clock.now());
      return reply.status(201).send({ token, url: `${origin(request)}/api/v1/calendar.ics?token=${token}` });
    },
  );
  app.get(
    '/api/v1/me/calendar-token',
    {
      config: { auth: 'authenticated' },
      schema: { tags, response: { 200: CalendarTokenStatus, ...errors(401, 403) } },
    },
    async (request) => calendarTokenStatus(db, requireUser(request).id),
  );
  app.delete(
    '/api/v1/me/calendar-token',
    {
      config: { auth: 'authenticated' },
      schema: { tags, response: { 204: { description: 'Revoked' }, ...errors(401, 403) } },
    },
    async (request, reply) => {
      await revokeCalendarToken(db, requireUser(request), clock.now());
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/calendar.ics',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        querystring: CalendarFeedQuery,
        produces: ['text/calendar'],
        response: { 200: FileBody('The meetings and open task deadlines as iCalendar'), ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const now = clock.now();
      const userId = await userOfToken(db, request.query.token, now);
      const user = userId ? await findUser(db, userId) : null;
      if (!user?.active) throw new AppError('invalid_calendar_token', 401);
      await ensureOccurrences(db, config.timeZone, now);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="tk-crm.ics"')
        .send(await calendarFeed(db, user, now, origin(request)));
    },
  );
}
