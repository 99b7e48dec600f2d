import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../deps.js';
import { IdParams } from '../http/schemas.js';
import { expectedVersion } from '../http/versioning.js';
import { requireActor } from '../org/auth-plugin.js';
import {
  CancelMeetingRequest,
  Meeting,
  MeetingListQuery,
  MoveMeetingRequest,
  Series,
  UpdateSeriesRequest,
} from './contract.js';
import { cancelMeeting, changeCadence, getOccurrence, getSeries, moveMeeting } from './manage.js';
import { ensureOccurrences, listMeetings } from './occurrences.js';
import type { meetingOccurrences, meetingSeries } from './schema.js';

const presentMeeting = (o: typeof meetingOccurrences.$inferSelect, s: typeof meetingSeries.$inferSelect) => ({
  id: o.id,
  seriesId: o.seriesId,
  type: s.type,
  trackId: s.trackId,
  startsAt: o.startsAt.toISOString(),
  endsAt: o.endsAt.toISOString(),
  status: o.status,
  periodMonth: o.periodMonth,
  movedByHand: o.movedByHand,
  version: o.version,
});

const presentSeries = (s: typeof meetingSeries.$inferSelect) => ({
  id: s.id,
  type: s.type,
  trackId: s.trackId,
  cadence: s.cadence,
  version: s.version,
});

/** The meeting calendar (SPEC §4.1). */
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

  const tags = ['meetings'];
  const manageContext = (request: FastifyRequest) => ({
    actor: requireActor(request),
    now: clock.now(),
    timeZone: config.timeZone,
    version: expectedVersion(request),
  });
  app.get(
    '/api/v1/meetings/:id',
    { config: { auth: 'meetings.read' }, schema: { tags, params: IdParams, response: { 200: Meeting } } },
    async (request) => {
      const { occurrence, series } = await getOccurrence(db, request.params.id);
      return presentMeeting(occurrence, series);
    },
  );
  app.patch(
    '/api/v1/meetings/:id',
    {
      config: { auth: 'meetings.manage' },
      schema: { tags, params: IdParams, body: MoveMeetingRequest, response: { 200: Meeting } },
    },
    async (request) => {
      const ctx = manageContext(request);
      const moved = await moveMeeting(
        db,
        request.params.id,
        { startsAt: new Date(request.body.startsAt), endsAt: new Date(request.body.endsAt) },
        ctx,
      );
      return presentMeeting(moved, await getSeries(db, moved.seriesId));
    },
  );
  app.post(
    '/api/v1/meetings/:id/cancel',
    {
      config: { auth: 'meetings.manage' },
      schema: { tags, params: IdParams, body: CancelMeetingRequest, response: { 200: Meeting } },
    },
    async (request) => {
      const cancelled = await cancelMeeting(db, request.params.id, {
        actor: requireActor(request),
        now: clock.now(),
        version: expectedVersion(request),
        ...(request.body?.reason ? { reason: request.body.reason } : {}),
      });
      return presentMeeting(cancelled, await getSeries(db, cancelled.seriesId));
    },
  );
  app.get(
    '/api/v1/series/:id',
    { config: { auth: 'meetings.read' }, schema: { tags, params: IdParams, response: { 200: Series } } },
    async (request) => presentSeries(await getSeries(db, request.params.id)),
  );
  app.patch(
    '/api/v1/series/:id',
    {
      config: { auth: 'meetings.manage' },
      schema: { tags, params: IdParams, body: UpdateSeriesRequest, response: { 200: Series } },
    },
    async (request) => {
      const ctx = manageContext(request);
      return presentSeries(await changeCadence(db, request.params.id, request.body.cadence, ctx));
    },
  );
}
