import { type TProperties, Type } from 'typebox';

/** A request body: unknown fields are refused (400 naming the field), never silently dropped. */
export const Body = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false });

/** Ids are PostgreSQL `integer` identities: 1 … 2,147,483,647, written in decimal. */
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const IdParams = Type.Object({ id: Id });

// Months, dates and instants are checked by formats (src/http/validation.ts): the day must exist and
// the year lie in 1900–2999, so "2026-13" or "0000-01-01T00:00:00Z" never reach the database.
/** An instant, ISO 8601 with an offset (SPEC §9). */
export const Instant = Type.String({ format: 'date-time', examples: ['2026-03-02T09:00:00+08:00'] });
/** A calendar month `YYYY-MM` in the configured time zone. */
export const Month = Type.String({ format: 'month', examples: ['2026-03'] });
/** A calendar day `YYYY-MM-DD` in the configured time zone. */
export const LocalDate = Type.String({ format: 'date', examples: ['2026-03-02'] });
/** A whole day in the time zone (`YYYY-MM-DD`) or an instant. */
export const DateOrInstant = Type.String({
  format: 'date-or-date-time',
  examples: ['2026-03-02', '2026-03-02T09:00:00+08:00'],
});

/** The one error shape (SPEC §9); a refused write-back or import row also names its `row` and `value`. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          reason: Type.String(),
          row: Type.Optional(Type.Integer()),
          value: Type.Optional(Type.Unknown()),
        }),
      ),
    ),
  }),
});

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

/** `{items, nextCursor}` — every list answers in this shape (SPEC §9). */
export const Page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const errorResponses = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** A file answer (XLSX, iCalendar): bytes, not JSON — the route names its media type in `produces`. */
export const FileBody = (description: string) =>
  Type.Unsafe<Uint8Array | string>({ type: 'string', format: 'binary', description });

/**
 * The error statuses a route can answer, each in the one error shape, for its `response` schema (so OpenAPI
 * documents them): 400 bad input, 401 not signed in, 403 not allowed, 404 unknown id, 409 a rule or a
 * unique value refuses it, 412 stale If-Match, 413 too large, 415 wrong content type, 422 rows refused or
 * a rule, 429 too many attempts.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429;
export const errors = <S extends ErrorStatus>(...statuses: S[]) =>
  Object.fromEntries(statuses.map((status) => [status, ErrorBody])) as { [K in S]: typeof ErrorBody };

/** A union of string literals whose static type is the union of the values (a mapped array alone types as never). */
export const Literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));
