import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './errors.js';
import { type Bilingual, fill, type Locale, localeOf } from './locale.js';
import { ERROR_MESSAGES, FIELD_REASONS, type FieldReason, TYPE_NAMES } from './messages.js';
import { FIRST_YEAR, LAST_YEAR } from './validation.js';

const YEARS = `${FIRST_YEAR}–${LAST_YEAR}`;
/** Formats as a reader would write them, with the years the product accepts. */
const FORMAT_NAMES: Record<string, Bilingual> = {
  date: { zh: `日期 YYYY-MM-DD（${YEARS} 年）`, en: `a date YYYY-MM-DD (${YEARS})` },
  'date-time': {
    zh: `带时区的时间 YYYY-MM-DDTHH:mm:ss+08:00（${YEARS} 年）`,
    en: `an instant YYYY-MM-DDTHH:mm:ss+08:00 (${YEARS})`,
  },
  month: { zh: `月份 YYYY-MM（${YEARS} 年）`, en: `a month YYYY-MM (${YEARS})` },
  'date-or-date-time': {
    zh: `日期 YYYY-MM-DD 或带时区的时间（${YEARS} 年）`,
    en: `a date YYYY-MM-DD or an instant with offset (${YEARS})`,
  },
};

const isBilingual = (value: unknown): value is Bilingual =>
  typeof value === 'object' && value !== null && 'zh' in value && 'en' in value;

function localize(params: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] = isBilingual(value) ? (locale === 'en' ? value.en : value.zh) : value;
  }
  return out;
}

/** A reason kept in a log (a field reason or an error code, with its params) in the reader's language. */
export function reasonText(reason: string, params: Record<string, unknown> | undefined, locale: Locale): string {
  const template: Bilingual | undefined = Object.hasOwn(FIELD_REASONS, reason)
    ? FIELD_REASONS[reason as FieldReason]
    : Object.hasOwn(ERROR_MESSAGES, reason)
      ? ERROR_MESSAGES[reason as keyof typeof ERROR_MESSAGES]
      : undefined;
  if (!template) return reason;
  return fill(locale === 'en' ? template.en : template.zh, localize(params ?? {}, locale));
}

function bodyOf(error: AppError, locale: Locale) {
  const template = ERROR_MESSAGES[error.code];
  const message = fill(locale === 'en' ? template.en : template.zh, localize(error.params, locale));
  const details = error.details.map((d) => {
    const text = reasonText(d.reason, d.params, locale);
    return d.row === undefined
      ? { field: d.field, reason: text }
      : { row: d.row, field: d.field, value: d.value ?? null, reason: text };
  });
  return { error: { code: error.code, message, ...(details.length ? { details } : {}) } };
}

type AjvError = { instancePath: string; keyword: string; params: Record<string, unknown>; propertyName?: string };

/** Ajv's findings → one detail per field, named as the caller wrote it ("rows.3.amount"). */
function fieldErrorsOf(errors: AjvError[], context: string | undefined): FieldError[] {
  // A bad key of a month map ("shipments.2026-13") is reported by its own finding, which names the key.
  return errors
    .filter((e) => e.keyword !== 'propertyNames')
    .map((e) => {
      const path = e.instancePath.split('/').filter(Boolean);
      if (e.propertyName !== undefined) path.push(e.propertyName);
      if (e.keyword === 'required') path.push(String(e.params.missingProperty));
      if (e.keyword === 'additionalProperties') path.push(String(e.params.additionalProperty));
      const field = path.join('.') || context || 'body';
      const reason: FieldReason =
        e.keyword === 'additionalProperties'
          ? 'unknown_field'
          : e.keyword in FIELD_REASONS
            ? (e.keyword as FieldReason)
            : 'invalid';
      const params = {
        type: typeName(e.params.type),
        limit: e.params.limit,
        format: FORMAT_NAMES[String(e.params.format)] ?? e.params.format,
        values: Array.isArray(e.params.allowedValues) ? e.params.allowedValues.join(', ') : undefined,
        why: e.keyword,
      };
      return { field, reason, params };
    });
}

/**
 * Unions report every branch that failed: literal unions become one "must be one of", a nullable value
 * reports what its own type broke (not also "must be null"), and pure type mismatches one "must be X or Y".
 */
function collapseUnions(errors: AjvError[]): AjvError[] {
  const groups = new Map<string, AjvError[]>();
  for (const e of errors) {
    const key = `${e.instancePath}\u0000${e.propertyName ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()].flatMap((group) => {
    const consts = group.filter((e) => e.keyword === 'const');
    const first = group[0]!;
    if (consts.length > 0)
      return [{ ...first, keyword: 'enum', params: { allowedValues: consts.map((e) => e.params.allowedValue) } }];
    if (!group.some((e) => e.keyword === 'anyOf')) return group;
    const branches = group.filter((e) => e.keyword !== 'anyOf');
    const specific = branches.filter((e) => e.keyword !== 'type');
    if (specific.length > 0) return specific;
    const types = [...new Set(branches.map((e) => String(e.params.type)))];
    return [{ ...first, keyword: 'type', params: { type: types } }];
  });
}

/** "数字或空值（null）" / "a number or null". */
function typeName(type: unknown): unknown {
  const names = (Array.isArray(type) ? type : [type]).map(
    (t) => TYPE_NAMES[String(t)] ?? { zh: String(t), en: String(t) },
  );
  return { zh: names.map((n) => n.zh).join('或'), en: names.map((n) => n.en).join(' or ') };
}

const PG_UNIQUE_FIELDS: Record<string, string> = {
  users_username_key: 'username',
  users_code_key: 'code',
  tracks_code_key: 'code',
  tracks_director_key: 'directorId',
  customers_code_key: 'code',
  opportunities_code_key: 'code',
  // A line written from outside the write-back while a batch was merged (exchange/line-facts.ts).
  shipments_doc_key: 'docNo',
  shipment_plans_doc_key: 'planNo',
  sales_orders_doc_key: 'orderNo',
  expenses_doc_key: 'docNo',
};

/** Drizzle wraps driver errors; the PostgreSQL error (code, constraint, detail) is in the cause chain. */
function postgresErrorOf(error: unknown): { code?: string; constraint?: string; detail?: string } | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate as never;
    current = candidate.cause;
  }
  return null;
}

/** What a request says it sent (`Content-Type`), for 415s; never more than 100 characters echoed. */
const contentTypeOf = (request: FastifyRequest) => String(request.headers['content-type'] ?? '—').slice(0, 100);

/** Fastify's and @fastify/multipart's own failures, by code. */
function frameworkError(fe: FastifyError, request: FastifyRequest): AppError | null {
  const expected = request.routeOptions.schema?.consumes?.join(', ') ?? 'application/json';
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('invalid_json', 400, { detail: fe.message });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json', 400, { detail: 'empty body' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('body_too_large', 413, { limit: mebibytes(request.routeOptions.bodyLimit) });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', 415, { type: contentTypeOf(request), expected });
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
      return new AppError('invalid_multipart', 400, { detail: fe.message });
  }
  return null;
}

const mebibytes = (bytes: number | undefined) => (bytes ? `${Math.round(bytes / 1024 / 102.4) / 10} MiB` : '—');

/** busboy (behind @fastify/multipart) throws plain Errors for a body that is not the multipart it claims. */
const BUSBOY_FAILURES =
  /Unexpected end of (multipart data|form|file)|Malformed (part header|content type)|Boundary (not found|required)|Multipart: /i;

function toAppError(error: FastifyError | Error, request: FastifyRequest): AppError | null {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fe.validation)
    return new AppError(
      'validation_failed',
      400,
      {},
      fieldErrorsOf(collapseUnions(fe.validation), fe.validationContext),
    );
  const known = frameworkError(fe, request);
  if (known) return known;
  if (fe.statusCode === 400 && error instanceof SyntaxError)
    return new AppError('invalid_json', 400, { detail: error.message });
  if (contentTypeOf(request).startsWith('multipart/') && BUSBOY_FAILURES.test(error.message))
    return new AppError('invalid_multipart', 400, { detail: error.message });
  const pgError = postgresErrorOf(error);
  if (pgError?.code === '23505' && pgError.constraint) {
    const field = PG_UNIQUE_FIELDS[pgError.constraint] ?? pgError.constraint;
    const value = /=\((.*)\)/.exec(pgError.detail ?? '')?.[1] ?? '';
    return new AppError('conflict', 409, { field, value }, [{ field, reason: 'taken' }]);
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return new AppError('bad_request', fe.statusCode, { detail: error.message });
  return null;
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: AppError) {
  return reply
    .status(error.status)
    .headers(error.headers)
    .send(bodyOf(error, localeOf(request.headers['accept-language'])));
}

/** Longest request target answered normally; longer ones get 414 (Node answers 431 past its header cap). */
export const MAX_URL_LENGTH = 8192;

/** One place maps every failure to the SPEC §9 error body in the caller's language. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toAppError(error, request);
    if (known) return sendError(reply, request, known);
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, request, new AppError('internal', 500, { requestId: request.id }));
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > MAX_URL_LENGTH)
      return sendError(reply, request, new AppError('uri_too_long', 414, { limit: MAX_URL_LENGTH }));
  });
}

/** Fastify's `frameworkErrors`: a URL it cannot decode (`/api/v1/%`) answers in the error shape too. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendError(reply, request, new AppError('bad_request', 400, { detail: error.message }));
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers over the cap: 431;
 * garbage: 400). Answer those in the error shape too — in zh-CN, as no header could be read.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const appError = tooLarge
    ? new AppError('headers_too_large', 431)
    : new AppError('bad_request', 400, { detail: error.code ?? 'unreadable request' });
  const body = JSON.stringify(bodyOf(appError, 'zh-CN'));
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
