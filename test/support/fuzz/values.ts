import fc from 'fast-check';

/**
 * Malformed values for the OpenAPI fuzz test: a fixed catalogue of the inputs that broke the demo or
 * are known to break parsers (every one is sent to every field of its kind), and fast-check
 * arbitraries that add random ones of the same families. A value is what a careless or hostile
 * caller puts into one JSON field, query parameter or path segment.
 */

/** Absent: the field is left out (a required field missing). */
export const OMIT = Symbol('omit');
/** A path or query value sent exactly as written, not percent-encoded (broken escapes, raw spaces). */
export type Raw = { raw: string };
export type Malformed = unknown | typeof OMIT | Raw;

export const isRaw = (v: unknown): v is Raw =>
  typeof v === 'object' && v !== null && 'raw' in v && Object.keys(v).length === 1;

const b64 = (s: string) => Buffer.from(s).toString('base64url');

export const NUMBERS: unknown[] = [
  2147483647,
  2147483648,
  4294967296,
  2 ** 53 + 2,
  -1,
  -2147483649,
  1e308,
  -1e308,
  1e-320,
  1.5,
  0,
  -0,
];

export const NUMBER_STRINGS: unknown[] = [
  '2147483648',
  '99999999999999999999999',
  '-1',
  'Infinity',
  '-Infinity',
  'NaN',
  '',
  ' ',
  '0x10',
  '0b1',
  '1e1',
  '1e308',
  '16.0',
  ' 16',
  '16 ',
  '+16',
  '0',
  '1_0',
  '１６',
  '٣',
];

export const BOOLEANS: unknown[] = [false, true, 'false', 'true', 'null', 'undefined', 'yes'];

const LONG = 'x'.repeat(10_000);
export const STRINGS: unknown[] = [
  'a\u0000b',
  '\u0000',
  '%00',
  LONG,
  `${'长'.repeat(3_000)}`,
  '\uD800',
  '\uDFFFa',
  '😀'.repeat(50),
  '\u202Eevil',
  '\uFEFF',
  'Ω\u0301',
  '\u2028\u2029',
  '\r\n',
  "'; drop table users; --",
  '\u0024{jndi:x}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '__proto__',
];

export const MONTHS: unknown[] = [
  '2026-13',
  '2026-00',
  '0000-01',
  '9999-12',
  '1899-12',
  '3000-01',
  '2026-1',
  '2026-03-01',
];

export const DATES: unknown[] = [
  '0000-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-04-31',
  '2026-13-01',
  '2026-00-00',
  '1899-12-31',
  '3000-01-01',
];

export const INSTANTS: unknown[] = [
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59-14:00',
  '0001-01-01T00:00:00+14:00',
  '2026-02-30T00:00:00Z',
  '2026-03-10T24:00:00Z',
  '2026-03-10T23:59:60Z',
  '2026-03-10T00:00:00+24:00',
  '2026-03-10T00:00:00.1234567891Z',
  '+275760-09-13T00:00:00Z',
  '2026-03-10',
  '2026-03-10T00:00:00',
  '1970-01-01T00:00:00Z',
];

export const QUARTERS: unknown[] = ['2026-Q5', '2026-Q0', '0000-Q1', '9999-Q4', '2026-q1', '2026Q1', '2026-Q1-'];

export const WRONG_TYPES: unknown[] = [
  null,
  {},
  [],
  [null],
  [1, 'a'],
  { a: { b: [null, { c: 'a\u0000b' }] } },
  JSON.parse('{"__proto__":{"polluted":1}}'),
  { constructor: { prototype: { polluted: 1 } } },
  OMIT,
];

/** Cursors are opaque base64url of an id: these decode to ids no column can hold, or to no id at all. */
export const CURSORS: unknown[] = [
  b64('2147483648'),
  b64('9007199254740993'),
  b64('99999999999999999999999'),
  b64('1e308'),
  b64('-1'),
  b64('1.5'),
  b64('0x10'),
  b64('Infinity'),
  b64(' 16'),
  b64('a\u0000b'),
  '!!!',
  '====',
  b64('9'.repeat(140)),
];

/** Path segments and query values that only exist as raw URL text. */
export const RAW_URL_VALUES: Raw[] = [
  { raw: '%' },
  { raw: '%zz' },
  { raw: '%E0%A4%A' },
  { raw: '%C0%AE' },
  { raw: '1%00' },
  { raw: '1;x=1' },
  { raw: '1%2F2' },
  { raw: '..' },
];

export type FieldKind =
  | 'integer'
  | 'number'
  | 'boolean'
  | 'month'
  | 'date'
  | 'instant'
  | 'quarter'
  | 'cursor'
  | 'string';

const OWN: Record<FieldKind, unknown[]> = {
  integer: [
    2147483647,
    2147483648,
    -1,
    -2147483649,
    2 ** 53 + 2,
    1e308,
    1.5,
    0,
    '2147483648',
    'Infinity',
    '',
    '0x10',
    '1e1',
    '16.0',
    ' 16',
    '１６',
  ],
  number: [...NUMBERS, 'Infinity', 'NaN', '', '1e308', '0x10', ' 16'],
  boolean: BOOLEANS,
  month: MONTHS,
  date: DATES,
  instant: [...INSTANTS, ...DATES.slice(0, 2)],
  quarter: QUARTERS,
  cursor: CURSORS,
  string: ['', ' ', 0, 2147483648, 1e308, 'Infinity'],
};

/** Sent to every field whatever its kind: a NUL, a lone surrogate, and no value at all. */
const ALWAYS: unknown[] = ['a\u0000b', '\uD800', OMIT];

/** Values of the wrong JSON type, one to each field in turn. */
const WRONG = WRONG_TYPES.filter((v) => v !== OMIT);

/** The rest of the catalogue, one to each field in turn. */
const ROTATING = (where: 'path' | 'query' | 'body'): unknown[] => [
  LONG,
  ...STRINGS.filter((v) => !ALWAYS.includes(v) && v !== LONG),
  ...NUMBERS.slice(0, 8),
  false,
  true,
  ...NUMBER_STRINGS.slice(3, 12),
  ...(where === 'body' ? [] : RAW_URL_VALUES),
];

const share = <T>(list: T[], index: number, size: number): T[] =>
  list.length <= size ? list : Array.from({ length: size }, (_, i) => list[(index * size + i) % list.length]!);

/** How many of its own kind's values a field gets: more for path parameters, the ids every URL carries. */
const OWN_PER_FIELD = { path: 8, query: 4, body: 4, file: 2 };
const turns = new Map<string, number>();
const turn = (key: string) => {
  const n = turns.get(key) ?? 0;
  turns.set(key, n + 1);
  return n;
};

/**
 * The catalogue values a field gets, bounded so the whole walk stays within its time (it grows with
 * every endpoint): the values every field gets, and the next share of its own kind's (numbers for ids,
 * impossible months for months…), of the wrong types and of the rest. Fields of one kind take
 * consecutive shares, so every value of the catalogue reaches fields of its kind; the order of the
 * walk is fixed, so a run is the same for the same seed.
 */
export function catalogueFor(kind: FieldKind, where: 'path' | 'query' | 'body' | 'file'): unknown[] {
  // A spreadsheet cell is text (or an XLSX number or date): JSON types mean nothing there.
  const json = where === 'file' ? 'body' : where;
  return [
    ...share(OWN[kind], turn(`${kind}/${where}`), OWN_PER_FIELD[where]),
    ...ALWAYS,
    ...(where === 'file' ? [] : share(WRONG, turn('wrong'), 1)),
    ...share(ROTATING(json), turn(`rest/${where}`), 1),
  ];
}

/** The `index`-th share of whole bodies of the wrong shape and raw bodies of the wrong kind. */
export function wrongBodies(index: number, json: boolean): unknown[] {
  const raw = [...RAW_BODIES];
  if (!json) return share(raw, index, 3);
  return share([...GARBAGE_BODIES.map((g) => ({ json: g })), ...raw], index, 6);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Random members of the same families: numbers of every size, pattern-shaped but impossible dates, junk. */
export const randomMalformed: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -(2 ** 31) * 4, max: 2 ** 31 * 4 }),
  fc.double(),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.maxSafeInteger(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}`),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T00:00:00Z`),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 9 })).map(([y, q]) => `${pad(y, 4)}-Q${q}`),
  fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String), fc.double().map(String)).map(b64),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(...RAW_URL_VALUES),
);

/** Whole request bodies that are not the object the operation takes. */
export const GARBAGE_BODIES: unknown[] = [
  null,
  [],
  [{}],
  'text',
  '',
  0,
  1e308,
  false,
  true,
  { '': '' },
  { a: { b: { c: [1, [2, [3, { d: 'a\u0000b' }]]] } } },
  JSON.parse('{"__proto__":{"polluted":1}}'),
  JSON.parse(`${'['.repeat(2_000)}${']'.repeat(2_000)}`),
];

/** Raw bodies with a content type: broken JSON, other types, multipart without a boundary or cut short. */
export const RAW_BODIES: { contentType: string | undefined; payload: string }[] = [
  { contentType: 'application/json', payload: '{"a":' },
  { contentType: 'application/json', payload: '' },
  { contentType: 'application/json', payload: '{"a":1}{"b":2}' },
  { contentType: 'application/json', payload: '\uFEFF{}' },
  { contentType: 'application/json; charset=latin1', payload: '{}' },
  { contentType: 'application/json', payload: '{"a":"\\ud800"}' },
  { contentType: 'application/json', payload: `{"a":${'9'.repeat(400)}}` },
  { contentType: 'text/plain', payload: 'hello' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=2' },
  { contentType: 'application/xml', payload: '<a/>' },
  { contentType: 'multipart/form-data', payload: '--x\r\n' },
  {
    contentType: 'multipart/form-data; boundary=xyz',
    payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nsource,do',
  },
  { contentType: 'multipart/form-data; boundary=xyz', payload: '--xyz--\r\n' },
  { contentType: undefined, payload: '{}' },
  { contentType: 'application/octet-stream', payload: '\u0000\u0001' },
];
