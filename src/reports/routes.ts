import { TZDate } from '@date-fns/tz';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { format } from 'date-fns';
import { eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.js';
import type { AppDeps } from '../deps.js';
import { attachment, XLSX_TYPE } from '../exchange/template.js';
import { errors, FileBody, IdParams } from '../http/schemas.js';
import { getOccurrence } from '../meetings/manage.js';
import { requireActor } from '../org/auth-plugin.js';
import { tracks } from '../org/schema.js';
import { presentTask } from '../tasks/presenter.js';
import { tasks } from '../tasks/schema.js';
import type { ReportContent } from './content.js';
import { OpeningReport, VersionQuery } from './contract.js';
import { assertMayRead, assertMayRegenerate } from './scope.js';
import { generateReport, type ReportRow, readReport, reportVersions } from './store.js';
import { reportWorkbook } from './workbook.js';

/** Each listed task as it stands now, beside the snapshot (the meeting page shows both and decides on it). */
async function liveStatus(db: Db, content: ReportContent, now: Date) {
  const ids = [...content.pending, ...content.completed, ...content.escalated].map((t) => t.id);
  if (ids.length === 0) return {};
  const rows = await db.select().from(tasks).where(inArray(tasks.id, ids));
  return Object.fromEntries(rows.map((t) => [t.id, presentTask(t, now)]));
}

const present = async (db: Db, row: ReportRow, now: Date) => {
  const content = row.content as ReportContent;
  return {
    meetingId: row.meetingId,
    version: row.version,
    trigger: row.trigger,
    generatedAt: row.generatedAt.toISOString(),
    generatedBy: row.generatedBy,
    ...content,
    versions: (await reportVersions(db, row.meetingId)).map((v) => ({
      ...v,
      generatedAt: v.generatedAt.toISOString(),
    })),
    live: await liveStatus(db, content, now),
  };
};

/** 开场报告 (SPEC §4.5): read a version, make one on demand, download it as XLSX. */
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
      const { series } = await getOccurrence(db, request.params.id);
      assertMayRead(requireActor(request), series);
      return present(db, await readReport(db, request.params.id, request.query.version), clock.now());
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
      const row = await generateReport(db, request.params.id, 'on_demand', now, actor.id);
      return reply.status(201).send(await present(db, row, now));
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
      const { occurrence, series } = await getOccurrence(db, request.params.id);
      assertMayRead(requireActor(request), series);
      const row = await readReport(db, request.params.id, request.query.version);
      const [track] = series.trackId ? await db.select().from(tracks).where(eq(tracks.id, series.trackId)) : [];
      const date = format(new TZDate(occurrence.startsAt, config.timeZone), 'yyyy-MM-dd');
      const title = track ? `${track.name}赛道周会 ${date}` : `月度销售督导会 ${date}`;
      const file = await reportWorkbook(row.content as ReportContent, {
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
