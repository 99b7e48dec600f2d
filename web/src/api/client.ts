// The one way the web app talks to /api/v1: JSON, same-origin cookie, Accept-Language, typed errors.
import type { Static } from 'typebox';
import type { ErrorBody } from '../../../src/http/schemas';

/** The server's error shape (SPEC §9). */
export type ErrorResponse = Static<typeof ErrorBody>;
/** A refused field: its name and why; a refused write-back or import row also names its row and the value sent. */
export type ErrorDetail = NonNullable<ErrorResponse['error']['details']>[number];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const API_BASE = '/api/v1';

let acceptLanguage = 'zh-CN';
let onUnauthorized: () => void = () => {};

export function setApiLanguage(lang: string): void {
  acceptLanguage = lang;
}

/** Called on any 401 except the login call itself (whose 401 means wrong credentials). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy error page, an empty body): fall back to the status text
  }
  // Whatever answered (a proxy's error page too): read it as the error shape, every part optional.
  const error = (body as { error?: Partial<ErrorResponse['error']> } | null)?.error;
  return new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? (response.statusText || `HTTP ${response.status}`),
    Array.isArray(error?.details) ? error.details : [],
  );
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage };
  // A FormData body (a file upload) sets its own multipart Content-Type with the boundary.
  const form = options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(API_BASE + withQuery(path, options.query), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: { ...headers, ...options.headers },
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'network error');
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && path !== '/auth/login') onUnauthorized();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** `If-Match` for a resource's version, when we know it. */
export const ifMatch = (version?: number | string): Record<string, string> =>
  version === undefined ? {} : { 'If-Match': String(version) };
