import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { Meeting, MeetingListQuery } from './contract.js';
import { ensureOccurrences, listMeetings } from './occurrences.js';

/** The meeting calendar (SPEC §4.1): read side. Moving, cancelling and cadence changes come next. */
export function registerMeetingRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;

  app.get(
    '/api/v1/meetings',
    {
      config: { auth: 'meetings.read' },
      schema: {
        tags: ['meetings'],
        querystring: MeetingListQuery,
        response: { 200: Type.Object({ items: Type.Array(Meeting), nextCursor: Type.Null() }) },
      },
    },
    async (request) => {
      await ensureOccurrences(db, config.timeZone, clock.now());
      const q = request.query;
      const rows = await listMeetings(db, {
        from: new Date(q.from),
        to: new Date(q.to),
        ...(q.type ? { type: q.type } : {}),
        ...(q.trackId ? { trackId: q.trackId } : {}),
      });
      return {
        items: rows.map((m) => ({ ...m, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString() })),
        nextCursor: null,
      };
    },
  );
}
