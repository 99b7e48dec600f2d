import { Readable } from 'node:stream';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../deps.js';
import { AppError, fieldError } from '../http/errors.js';
import { errors, FileBody } from '../http/schemas.js';
import { requireActor } from '../org/auth-plugin.js';
import { EXCHANGE_KINDS, type ExchangeKind, WriteBackResult } from './contract.js';
import { readSpreadsheet } from './files.js';
import { authorizeKind } from './opportunities.js';
import { megabytes, tooLarge } from './sheet-records.js';
import { attachment, exampleCodes, templateFileName, templateMonths, templateWorkbook, XLSX_TYPE } from './template.js';
import { writeBack } from './write-back.js';

const tags = ['exchange'];
type BusboyFileStream = MultipartFile['file'];

/**
 * busboy stops a file at the size cap and only flags it (`truncated`, a `limit` event that may come
 * before anyone listens): fail the stream instead, so a cut-off file is never imported as if whole.
 */
function capped(file: BusboyFileStream, maxBytes: number): Readable {
  const error = () => tooLarge({ zh: '上传大小', en: 'the upload' }, megabytes(maxBytes));
  file.once('limit', () => file.destroy(error()));
  return Readable.from(
    (async function* () {
      yield* file;
      if (file.truncated) throw error();
    })(),
    { objectMode: false },
  );
}

const Kind = Type.Union(EXCHANGE_KINDS.map((k) => Type.Literal(k)));

/**
 * Spreadsheet import (SPEC §7): `POST /exchange/upload` streams one CSV or XLSX file through the same
 * write-back as the JSON batch, and the per-kind templates. Registered as its own plugin so that only
 * these routes accept multipart bodies.
 */
export async function registerExchangeFileRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, clock, config } = deps;
  const limits = config.upload;
  await fastify.register(fastifyMultipart, {
    limits: { fileSize: limits.maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 20 },
  });
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/exchange/upload',
    {
      config: { auth: 'authenticated' },
      preValidation: authorizeKind((request) => (request.query as { kind?: unknown }).kind),
      schema: {
        tags,
        description: `multipart/form-data with one file (CSV UTF-8 or XLSX; the first worksheet, header in row 1). Rows in problems are the sheet's own row numbers.`,
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ kind: Kind, dryRun: Type.Optional(Type.Boolean()) }),
        response: { 200: WriteBackResult, ...errors(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!request.isMultipart())
        throw new AppError('unsupported_media_type', 415, {
          type: String(request.headers['content-type'] ?? '—').slice(0, 100),
          expected: 'multipart/form-data',
        });
      const part = await request.file();
      if (!part) throw fieldError('file', 'required');
      const kind = request.query.kind as ExchangeKind;
      const file = readSpreadsheet(capped(part.file, limits.maxBytes), { kind, fileName: part.filename, limits });
      try {
        const answer = await writeBack(db, {
          kind,
          rows: file.rows,
          rowNumber: file.rowNumber,
          fieldLabel: file.fieldLabel,
          actor,
          via: 'upload',
          now: clock.now(),
          timeZone: config.timeZone,
          fileName: part.filename,
          dryRun: request.query.dryRun === true,
        });
        return answer.body;
      } finally {
        // A refused file may not have been read to its end: let the rest of the body flow away.
        part.file.resume();
      }
    },
  );

  app.get(
    '/api/v1/exchange/templates/:kind.xlsx',
    {
      config: { auth: 'authenticated' },
      preValidation: authorizeKind((request) => (request.params as { kind?: unknown }).kind),
      schema: {
        tags,
        params: Type.Object({ kind: Kind }),
        // a download link carries the browser's Accept-Language, not the language chosen in the app
        querystring: Type.Object({
          lang: Type.Optional(
            Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { description: 'zh-CN by default' }),
          ),
        }),
        produces: [XLSX_TYPE],
        response: { 200: FileBody('An empty workbook with the columns of the kind'), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const kind = request.params.kind as ExchangeKind;
      const locale = (request.query as { lang?: 'zh-CN' | 'en' }).lang ?? 'zh-CN';
      const name = templateFileName(kind, locale);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(name.ascii, name.name))
        .send(
          await templateWorkbook(kind, {
            months: templateMonths(clock.now(), config.timeZone),
            examples: await exampleCodes(db, requireActor(request)),
            locale,
          }),
        );
    },
  );
}
