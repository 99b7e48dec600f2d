import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { attachment, XLSX_TYPE } from '../exchange/template.js';
import { monthOf } from '../forecast/rules.js';
import { invalidField } from '../http/errors.js';
import { errors, FileBody } from '../http/schemas.js';
import { requireActor } from '../org/auth-plugin.js';
import { readCommodityAttainment } from './attainment.js';
import {
  AttainmentQuery,
  CommodityAttainment,
  Flow,
  FlowQuery,
  RemindRequest,
  RemindResult,
  ReviewPack,
  ReviewPackQuery,
  ShipmentTracking,
  ShipmentTrackingQuery,
  TrackPack,
  TrackPackQuery,
} from './contract.js';
import { readFlow } from './flow.js';
import { remindMissing } from './notices.js';
import { readReviewPack } from './review-pack.js';
import { readShipmentTracking } from './shipment-tracking.js';
import { readTrackPack } from './track-pack.js';
import { trackPackWorkbook } from './track-pack-workbook.js';

const tags = ['forecast'];

/** The forecast's views (SPEC §6.6) and the director's reminder (§9.1 "Notices"). */
export function registerForecastViewRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const ctxOf = (month: string | undefined) => {
    const now = clock.now();
    return { now, timeZone: config.timeZone, month: month ?? monthOf(now, config.timeZone) };
  };

  app.get(
    '/api/v1/forecast/flow',
    {
      config: { auth: 'forecast.overview' },
      schema: { tags, querystring: FlowQuery, response: { 200: Flow, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from >= to) throw invalidField('to', { zh: '须晚于 from 的月份', en: 'must be a later month than from' });
      return readFlow(db, requireActor(request), request.query);
    },
  );

  app.get(
    '/api/v1/forecast/review-pack',
    {
      config: { auth: 'forecast.packs.review' },
      schema: { tags, querystring: ReviewPackQuery, response: { 200: ReviewPack, ...errors(400, 401, 403, 404) } },
    },
    async (request) => readReviewPack(db, requireActor(request), request.query, ctxOf(request.query.month)),
  );

  app.get(
    '/api/v1/forecast/track-pack',
    {
      config: { auth: 'forecast.packs.track' },
      schema: { tags, querystring: TrackPackQuery, response: { 200: TrackPack, ...errors(400, 401, 403, 404) } },
    },
    async (request) => readTrackPack(db, requireActor(request), request.query, ctxOf(request.query.month)),
  );

  app.get(
    '/api/v1/forecast/track-pack.xlsx',
    {
      config: { auth: 'forecast.packs.track' },
      schema: {
        tags,
        querystring: TrackPackQuery,
        produces: [XLSX_TYPE],
        response: { 200: FileBody('The track pack as an XLSX workbook'), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const pack = await readTrackPack(db, requireActor(request), request.query, ctxOf(request.query.month));
      const file = await trackPackWorkbook(pack, config.timeZone);
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          attachment(
            `track-pack-${pack.trackId}-${pack.month}.xlsx`,
            `赛道评审包 ${pack.trackName} ${pack.month}.xlsx`,
          ),
        )
        .send(file);
    },
  );

  app.get(
    '/api/v1/forecast/shipment-tracking',
    {
      config: { auth: 'forecast.overview' },
      schema: {
        tags,
        querystring: ShipmentTrackingQuery,
        response: { 200: ShipmentTracking, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const year = request.query.year ?? Number(monthOf(clock.now(), config.timeZone).slice(0, 4));
      return readShipmentTracking(db, requireActor(request), year, request.query);
    },
  );

  app.get(
    '/api/v1/forecast/commodity-attainment',
    {
      config: { auth: 'forecast.overview' },
      schema: {
        tags,
        querystring: AttainmentQuery,
        response: { 200: CommodityAttainment, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { year, month } = attainmentPeriod(request.query, monthOf(clock.now(), config.timeZone));
      return readCommodityAttainment(db, requireActor(request), year, month);
    },
  );

  app.post(
    '/api/v1/forecast/compliance/remind',
    {
      config: { auth: 'forecast.compliance.remind' },
      schema: { tags, body: RemindRequest, response: { 200: RemindResult, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request) =>
      remindMissing(db, requireActor(request), request.body, { now: clock.now(), timeZone: config.timeZone }),
  );
}

/**
 * `?month=` names the month (its year the year); `?year=` alone: that year through the current month,
 * a past year through December, a future year its January… December (targets only).
 */
function attainmentPeriod(query: { year?: number | undefined; month?: string | undefined }, current: string) {
  if (query.month) {
    const year = Number(query.month.slice(0, 4));
    if (query.year && query.year !== year)
      throw invalidField('year', { zh: '须与 month 的年份一致', en: 'must be the year of month' });
    return { year, month: query.month };
  }
  const year = query.year ?? Number(current.slice(0, 4));
  const currentYear = Number(current.slice(0, 4));
  return { year, month: year === currentYear ? current : `${year}-12` };
}
