import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { attachment, XLSX_TYPE } from '../exchange/template.js';
import { localeOf } from '../http/locale.js';
import { errors, FileBody, IdParams } from '../http/schemas.js';
import { getOccurrence } from '../meetings/manage.js';
import { requireActor } from '../org/auth-plugin.js';
import { storedContent } from './content.js';
import { OpeningReport, OpeningReportPreview, VersionQuery } from './contract.js';
import { presentReport, previewReport, reportTitle } from './presenter.js';
import { assertMayRead, assertMayRegenerate } from './scope.js';
import { generateReport, readReport } from './store.js';
import { reportWorkbook } from './workbook.js';

/** 开场报告 (SPEC §4.5): read a version, preview one before the first exists, make one on demand, download it as XLSX. */
export function registerReportRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const tags = ['meetings'];

  app.get(
    '/api/v1/meetings/:id/opening-report',
    {
      config: { auth: 'meetings.read' },
      schema: {
        tags,
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: OpeningReport, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { series } = await getOccurrence(db, request.params.id);
      assertMayRead(actor, series);
      const row = await readReport(db, request.params.id, request.query.version);
      return presentReport(db, row, clock.now(), actor, localeOf(request.headers['accept-language']));
    },
  );
  app.get(
    '/api/v1/meetings/:id/opening-report/preview',
    {
      config: { auth: 'meetings.read' },
      schema: {
        tags,
        params: IdParams,
        response: { 200: OpeningReportPreview, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const meeting = await getOccurrence(db, request.params.id);
      assertMayRead(actor, meeting.series);
      return previewReport(db, meeting, clock.now(), actor, localeOf(request.headers['accept-language']));
    },
  );
  app.post(
    '/api/v1/meetings/:id/opening-report',
    {
      config: { auth: 'meetings.read' },
      schema: { tags, params: IdParams, response: { 201: OpeningReport, ...errors(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { series } = await getOccurrence(db, request.params.id);
      assertMayRegenerate(actor, series);
      const now = clock.now();
      const made = await generateReport(db, request.params.id, 'on_demand', now, actor.id);
      // the contents were assembled and stored in the database: read the version back to answer with it
      const row = await readReport(db, request.params.id, made.version);
      return reply
        .status(201)
        .send(await presentReport(db, row, now, actor, localeOf(request.headers['accept-language'])));
    },
  );
  app.get(
    '/api/v1/meetings/:id/opening-report.xlsx',
    {
      config: { auth: 'meetings.read' },
      schema: {
        tags,
        params: IdParams,
        querystring: VersionQuery,
        produces: [XLSX_TYPE],
        response: {
          200: FileBody('The version as an XLSX workbook'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const meeting = await getOccurrence(db, request.params.id);
      const { occurrence } = meeting;
      assertMayRead(requireActor(request), meeting.series);
      const row = await readReport(db, request.params.id, request.query.version);
      const title = await reportTitle(db, meeting, config.timeZone);
      const file = await reportWorkbook(storedContent(row.content), {
        meetingTitle: title,
        version: row.version,
        generatedAt: row.generatedAt,
        timeZone: config.timeZone,
      });
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          attachment(
            `opening-report-${occurrence.id}-v${row.version}.xlsx`,
            `开场报告 ${title} 第${row.version}版.xlsx`,
          ),
        )
        .send(file);
    },
  );
}
