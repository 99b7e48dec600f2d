import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Request validation, stricter than Fastify's default (issue 9):
 * - bodies are JSON and keep their types: `{"name": 123}` is 400, never the string "123";
 * - path and query values arrive as text: an integer is written in decimal and nothing else
 *   (`/users/0x10`, `1e1`, `16.0`, ` 16` are 400, not aliases of 16);
 * - every integer fits PostgreSQL's `integer` unless its schema says otherwise;
 * - no string carries a NUL character or a lone surrogate (PostgreSQL text cannot store them), and no
 *   body nests deeper than 32 levels;
 * - dates, months and instants name a day that exists in the years the product accepts.
 */

/** The years the product accepts in months, dates and instants (SPEC §9; docs/decisions.md). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;
export const MAX_INT = 2_147_483_647;
const MIN_INT = -2_147_483_648;

const yearAccepted = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

function dayExists(year: number, month: number, day: number): boolean {
  if (!yearAccepted(year) || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

export function isAcceptedDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && dayExists(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** RFC 3339 date-time with an offset, in the accepted years (leap seconds are not instants we store). */
export function isAcceptedInstant(text: string): boolean {
  const m = INSTANT.exec(text);
  if (!m || !dayExists(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  const offsetOk = m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
  return hour <= 23 && minute <= 59 && second <= 59 && offsetOk;
}

export function isAcceptedMonth(text: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  return m !== null && dayExists(Number(m[1]), Number(m[2]), 1);
}

function makeAjv(coerceTypes: false | 'array'): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    allErrors: true,
    strict: false,
  });
  // ajv-formats is CommonJS: its function is the default export's default under NodeNext.
  ajvFormats.default(ajv);
  ajv.addFormat('date', isAcceptedDate);
  ajv.addFormat('date-time', isAcceptedInstant);
  ajv.addFormat('month', isAcceptedMonth);
  ajv.addFormat('date-or-date-time', (text: string) => isAcceptedDate(text) || isAcceptedInstant(text));
  return ajv;
}

type Schema = Record<string, unknown>;
const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null;

const typeIs = (schema: Schema, type: string) =>
  schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));

/** A copy of the schema where every integer without bounds gets PostgreSQL `integer`'s. */
export function withIntegerBounds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withIntegerBounds);
  if (!isObject(schema)) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    // `const`, `enum`, `default` and `examples` hold values, not schemas.
    out[key] = ['const', 'enum', 'default', 'examples'].includes(key) ? value : withIntegerBounds(value);
  }
  if (typeIs(out, 'integer')) {
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = MAX_INT;
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = MIN_INT;
  }
  return out;
}

/** Names of the properties that hold integers (or numbers), directly or as one branch of a union. */
function numericProperties(schema: unknown): { integers: Set<string>; numbers: Set<string> } {
  const integers = new Set<string>();
  const numbers = new Set<string>();
  const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    const branches = isObject(property) ? [property, ...((property.anyOf ?? property.oneOf ?? []) as Schema[])] : [];
    if (branches.some((b) => isObject(b) && typeIs(b, 'integer'))) integers.add(name);
    else if (branches.some((b) => isObject(b) && typeIs(b, 'number'))) numbers.add(name);
  }
  return { integers, numbers };
}

const DECIMAL_INTEGER = /^(0|-?[1-9]\d*)$/;
const DECIMAL_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

type Finding = Pick<ErrorObject, 'instancePath' | 'keyword' | 'params'>;

/** Text values of path and query parameters must be plain decimals before Ajv turns them into numbers. */
function textNumberFindings(data: unknown, fields: ReturnType<typeof numericProperties>): Finding[] {
  if (!isObject(data)) return [];
  const findings: Finding[] = [];
  for (const [name, raw] of Object.entries(data)) {
    const integer = fields.integers.has(name);
    if (!integer && !fields.numbers.has(name)) continue;
    const values = Array.isArray(raw) ? raw : [raw];
    const pattern = integer ? DECIMAL_INTEGER : DECIMAL_NUMBER;
    if (values.some((v) => typeof v === 'string' && !pattern.test(v)))
      findings.push({ instancePath: `/${name}`, keyword: 'type', params: { type: integer ? 'integer' : 'number' } });
  }
  return findings;
}

/** Deeper JSON than any request of ours needs is refused before anything walks it. */
export const MAX_DEPTH = 32;

/** A string PostgreSQL cannot store: a NUL character, or UTF-16 that is not well formed (a lone surrogate). */
function textProblem(text: string): 'nul_character' | 'malformed_text' | null {
  if (text.includes('\u0000')) return 'nul_character';
  return LONE_SURROGATE.test(text) ? 'malformed_text' : null;
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A place in the walked value: its JSON pointer is built only when something there is reported. */
type Place = { key: string; parent: Place | null };
const pointerOf = (place: Place | null): string =>
  place ? `${pointerOf(place.parent)}/${place.key.replaceAll('~', '~0').replaceAll('/', '~1')}` : '';

/**
 * Every string anywhere in the value (keys too) that PostgreSQL could not store, and any nesting deeper
 * than MAX_DEPTH — walked without recursion, so no body can exhaust the stack. Paths are made only for
 * findings: a 20,000-row write-back body has some 140,000 values and usually no finding (issue 14).
 */
export function textFindings(data: unknown): Finding[] {
  const findings: Finding[] = [];
  const stack: [unknown, Place | null, number][] = [[data, null, 0]];
  while (stack.length > 0) {
    const [value, place, depth] = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) findings.push({ instancePath: pointerOf(place), keyword: problem, params: {} });
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_DEPTH) {
        findings.push({ instancePath: pointerOf(place), keyword: 'too_deep', params: { limit: MAX_DEPTH } });
        continue;
      }
      for (const [key, item] of Object.entries(value)) {
        const problem = textProblem(key);
        if (problem) findings.push({ instancePath: pointerOf(place), keyword: problem, params: {} });
        stack.push([item, { key, parent: place }, depth + 1]);
      }
    }
  }
  return findings;
}

type Validator = ((data: unknown) => boolean) & { errors?: Finding[] | null };

function strictValidator(validate: ValidateFunction, fromText: boolean, schema: unknown): Validator {
  const numeric = fromText ? numericProperties(schema) : null;
  const check: Validator = (data: unknown) => {
    const early = [...textFindings(data), ...(numeric ? textNumberFindings(data, numeric) : [])];
    const valid = validate(data);
    const findings = [...early, ...(validate.errors ?? [])];
    check.errors = findings.length ? findings : null;
    return valid && early.length === 0;
  };
  return check;
}

/** Fastify's validator compiler: one Ajv for JSON bodies (no coercion), one for text (path, query, headers). */
export function strictValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const bodyAjv = makeAjv(false);
  const textAjv = makeAjv('array');
  return ({ schema, httpPart }) => {
    const fromText = httpPart !== 'body';
    const ajv = fromText ? textAjv : bodyAjv;
    // Compiled on a route's first request, not at start-up: some 200 routes' schemas took most of a
    // second of every restart (issue 14), and a route nobody calls never costs anything.
    let compiled: Validator | undefined;
    const check: Validator = (data: unknown) => {
      compiled ??= strictValidator(ajv.compile(withIntegerBounds(schema) as Schema), fromText, schema);
      const valid = compiled(data);
      check.errors = compiled.errors;
      return valid;
    };
    return check as never;
  };
}

/**
 * Fastify's default response serializers (fast-json-stringify: only the contract's fields go out),
 * each compiled on its route's first answer instead of at start-up, for the same reason as above.
 */
export function lazySerializerFactory() {
  const eager = SerializerSelector();
  return (...factoryArgs: Parameters<typeof eager>) => {
    const compile = eager(...factoryArgs);
    return (routeSchema: Parameters<typeof compile>[0]) => {
      let serialize: ((data: unknown) => string) | undefined;
      return (data: unknown) => {
        serialize ??= compile(routeSchema) as (data: unknown) => string;
        return serialize(data);
      };
    };
  };
}
