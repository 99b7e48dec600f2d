import type { FastifyInstance } from 'fastify';
import { multipart, xlsxOf } from '../spreadsheets.js';
import type { Operation } from './operations.js';
import { isRaw, OMIT } from './values.js';

/** One request of the fuzz test, as data: printed verbatim when it answers 5xx or a malformed error. */
export type FuzzRequest = {
  role: string;
  op: Operation;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body:
    | { json: unknown }
    | { contentType: string | undefined; payload: string | Buffer }
    | { file: SpreadsheetFile }
    | null;
};

/** An uploaded spreadsheet of one header and one row; OMIT leaves a column out. */
export type SpreadsheetFile = { name: string; format: 'csv' | 'xlsx'; row: Record<string, unknown> };

const csvCell = (v: unknown) =>
  `"${(typeof v === 'string' ? v : v === null ? '' : JSON.stringify(v)).replaceAll('"', '""')}"`;
const xlsxCell = (v: unknown) =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);

async function fileBody(file: SpreadsheetFile): Promise<{ contentType: string; payload: Buffer }> {
  const columns = Object.keys(file.row).filter((k) => file.row[k] !== OMIT);
  const cells = columns.map((k) => file.row[k]);
  const content =
    file.format === 'csv'
      ? Buffer.from(`${columns.map(csvCell).join(',')}\r\n${cells.map(csvCell).join(',')}`)
      : await xlsxOf({ Sheet1: [columns, cells.map(xlsxCell)] as never });
  const body = multipart(file.name, content);
  return { contentType: body.headers['content-type'], payload: body.payload };
}

const text = (v: unknown): string =>
  typeof v === 'string' ? v : v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/**
 * Percent-encoding that survives lone surrogates: those go out as the bytes a careless encoder would
 * write for them (CESU-8), which are not UTF-8 — one more malformed input for the server to refuse.
 */
function encode(value: string): string {
  let out = '';
  let run = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const high = code >= 0xd800 && code < 0xdc00;
    const low = code >= 0xdc00 && code < 0xe000;
    const next = value.charCodeAt(i + 1);
    if (high && next >= 0xdc00 && next < 0xe000) {
      run += value[i]! + value[i + 1]!;
      i++;
    } else if (high || low) {
      out += encodeURIComponent(run);
      run = '';
      out += [0xed, 0xa0 | ((code >> 6) & 0x0f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else run += value[i];
  }
  return out + encodeURIComponent(run);
}

function segment(value: unknown): string {
  if (isRaw(value)) return value.raw;
  if (value === OMIT || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => encode(text(v))).join(',');
  return encode(text(value));
}

function queryString(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === OMIT || value === undefined) continue;
    const k = encode(key);
    if (isRaw(value)) parts.push(`${k}=${value.raw}`);
    else if (value === null) parts.push(k);
    else if (Array.isArray(value)) for (const v of value.length ? value : ['']) parts.push(`${k}=${encode(text(v))}`);
    else parts.push(`${k}=${encode(text(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export function urlOf(req: FuzzRequest): string {
  const path = req.op.path.replace(/\{([^}]+)\}/g, (_, name: string) => segment(req.path[name]));
  return path + queryString(req.query);
}

/** The request as a reader can replay it: method, URL, caller and body (long strings shortened). */
export function describe(req: FuzzRequest): string {
  const shorten = (_key: string, v: unknown) =>
    v === OMIT ? '<omitted>' : typeof v === 'string' && v.length > 120 ? `${v.slice(0, 40)}…(${v.length} chars)` : v;
  const body =
    req.body === null
      ? ''
      : 'file' in req.body
        ? ` ${req.body.file.format} file ${JSON.stringify(req.body.file.name, shorten)} row=${JSON.stringify(req.body.file.row, shorten)}`
        : 'json' in req.body
          ? ` body=${JSON.stringify(req.body.json, shorten)
              ?.replace(/\[{20,}|\]{20,}/g, (run) => `${run[0]}×${run.length}`)
              .slice(0, 600)}`
          : ` content-type=${req.body.contentType} payload=${JSON.stringify(String(req.body.payload).slice(0, 200))}`;
  const url = urlOf(req);
  return `${req.op.method} ${url.length > 300 ? `${url.slice(0, 300)}…(${url.length} chars)` : url} as ${req.role}${body}`;
}

export type Answer = { status: number; body: unknown };

export async function send(app: FastifyInstance, req: FuzzRequest, auth: Record<string, string>): Promise<Answer> {
  const headers: Record<string, string> = { origin: 'http://crm.test', host: 'crm.test', ...auth };
  let payload: string | Buffer | undefined;
  if (req.body && 'json' in req.body) {
    headers['content-type'] = 'application/json';
    payload = req.body.json === OMIT ? '' : JSON.stringify(req.body.json);
  } else if (req.body && 'file' in req.body) {
    const file = await fileBody(req.body.file);
    headers['content-type'] = file.contentType;
    payload = file.payload;
  } else if (req.body) {
    if (req.body.contentType) headers['content-type'] = req.body.contentType;
    payload = req.body.payload;
  }
  const res = await app.inject({
    method: req.op.method as 'GET',
    url: urlOf(req),
    headers,
    ...(payload === undefined ? {} : { payload }),
  });
  let body: unknown = res.body;
  try {
    body = res.body ? JSON.parse(res.body) : null;
  } catch {}
  return { status: res.statusCode, body };
}

/** What is wrong with an answer, or null: never 5xx, and every 4xx in the one error shape. */
export function violation(answer: Answer): string | null {
  if (answer.status >= 500) return `answered ${answer.status}: ${JSON.stringify(answer.body)?.slice(0, 300)}`;
  if (answer.status < 400) return null;
  const error = (answer.body as { error?: Record<string, unknown> } | null)?.error;
  const shaped =
    typeof error === 'object' &&
    error !== null &&
    typeof error.code === 'string' &&
    typeof error.message === 'string' &&
    (error.details === undefined ||
      (Array.isArray(error.details) &&
        error.details.every(
          (d: unknown) =>
            typeof d === 'object' &&
            d !== null &&
            typeof (d as Record<string, unknown>).field === 'string' &&
            typeof (d as Record<string, unknown>).reason === 'string',
        )));
  return shaped
    ? null
    : `answered ${answer.status} without the error shape: ${JSON.stringify(answer.body)?.slice(0, 300)}`;
}
