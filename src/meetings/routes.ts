import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.js';
import { errors, IdParams } from '../http/schemas.js';
import { expectedVersion } from '../http/versioning.js';
import { requireActor } from '../org/auth-plugin.js';
import {
  CancelMeetingRequest,
  Meeting,
  MeetingList,
  MeetingListQuery,
  MoveMeetingRequest,
  Series,
  UpdateSeriesRequest,
} from './contract.js';
import { cancelMeeting, changeCadence, getOccurrence, getSeries, moveMeeting } from './manage.js';
import { ensureOccurrences, listMeetings } from './occurrences.js';
import { meetingView, presentMeeting, presentSeries } from './presenter.js';
import { rangeBound } from './range.js';

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
        response: { 200: MeetingList, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      await ensureOccurrences(db, config.timeZone, clock.now());
      const q = request.query;
      const rows = await listMeetings(db, {
        from: rangeBound(q.from, 'from', config.timeZone),
        to: rangeBound(q.to, 'to', config.timeZone),
        ...(q.type ? { type: q.type } : {}),
        ...(q.trackId ? { trackId: q.trackId } : {}),
      });
      const actor = requireActor(request);
      return { items: rows.map((m) => presentMeeting(m, actor)), nextCursor: null };
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
    {
      config: { auth: 'meetings.read' },
      schema: { tags, params: IdParams, response: { 200: Meeting, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const { occurrence, series } = await getOccurrence(db, request.params.id);
      return presentMeeting(meetingView(occurrence, series), requireActor(request));
    },
  );
  app.patch(
    '/api/v1/meetings/:id',
    {
      config: { auth: 'meetings.manage' },
      schema: {
        tags,
        params: IdParams,
        body: MoveMeetingRequest,
        response: { 200: Meeting, ...errors(400, 401, 403, 404, 409, 412, 413, 415, 422) },
      },
    },
    async (request) => {
      const ctx = manageContext(request);
      const moved = await moveMeeting(
        db,
        request.params.id,
        { startsAt: new Date(request.body.startsAt), endsAt: new Date(request.body.endsAt) },
        ctx,
      );
      return presentMeeting(meetingView(moved, await getSeries(db, moved.seriesId)), ctx.actor);
    },
  );
  app.post(
    '/api/v1/meetings/:id/cancel',
    {
      config: { auth: 'meetings.manage' },
      schema: {
        tags,
        params: IdParams,
        body: CancelMeetingRequest,
        response: { 200: Meeting, ...errors(400, 401, 403, 404, 409, 412, 413, 415) },
      },
    },
    async (request) => {
      const cancelled = await cancelMeeting(db, request.params.id, {
        actor: requireActor(request),
        now: clock.now(),
        version: expectedVersion(request),
        ...(request.body?.reason ? { reason: request.body.reason } : {}),
      });
      return presentMeeting(meetingView(cancelled, await getSeries(db, cancelled.seriesId)), requireActor(request));
    },
  );
  app.get(
    '/api/v1/series/:id',
    {
      config: { auth: 'meetings.read' },
      schema: { tags, params: IdParams, response: { 200: Series, ...errors(400, 401, 403, 404) } },
    },
    async (request) => presentSeries(await getSeries(db, request.params.id)),
  );
  app.patch(
    '/api/v1/series/:id',
    {
      config: { auth: 'meetings.manage' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateSeriesRequest,
        response: { 200: Series, ...errors(400, 401, 403, 404, 409, 412, 413, 415, 422) },
      },
    },
    async (request) => {
      const ctx = manageContext(request);
      return presentSeries(await changeCadence(db, request.params.id, request.body.cadence, ctx));
    },
  );
}
