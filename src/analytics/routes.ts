import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.js';
import { attachment, XLSX_TYPE } from '../exchange/template.js';
import { errors, FileBody } from '../http/schemas.js';
import { requireActor } from '../org/auth-plugin.js';
import { trackName } from '../org/track-store.js';
import { Quarterly, QuarterlyQuery, type QuarterlyQueryDto } from './contract.js';
import { quarterlyAnalysis } from './quarterly.js';
import { quarterlyFileName, quarterlyWorkbook } from './workbook.js';

/** A1 quarterly analysis (SPEC §4.6, §9): JSON for the charts and the same numbers as XLSX. */
export function registerAnalyticsRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const tags = ['analytics'];
  const analyse = (request: FastifyRequest, query: QuarterlyQueryDto) =>
    quarterlyAnalysis(db, query, {
      actor: requireActor(request),
      now: clock.now(),
      timeZone: config.timeZone,
      goal: config.completionGoal,
    });

  app.get(
    '/api/v1/analytics/quarterly',
    {
      config: { auth: 'analytics.read' },
      schema: { tags, querystring: QuarterlyQuery, response: { 200: Quarterly, ...errors(400, 401, 403) } },
    },
    async (request) => analyse(request, request.query),
  );
  app.get(
    '/api/v1/analytics/quarterly.xlsx',
    {
      config: { auth: 'analytics.read' },
      schema: {
        tags,
        querystring: QuarterlyQuery,
        produces: [XLSX_TYPE],
        response: { 200: FileBody('The analysis as an XLSX workbook'), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const analysis = await analyse(request, request.query);
      const track = analysis.trackId === null ? '全部赛道' : ((await trackName(db, analysis.trackId)) ?? '—');
      const name = quarterlyFileName(analysis);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(name.ascii, name.name))
        .send(await quarterlyWorkbook(analysis, track));
    },
  );
}
