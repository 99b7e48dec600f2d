import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** `If-Match: 3` or `If-Match: "3"`: the version the caller last saw (optional; stale → 412). */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const raw = request.headers['if-match'];
  if (!raw) return undefined;
  const version = Number(String(raw).replace(/^W\//, '').replaceAll('"', ''));
  return Number.isInteger(version) ? version : -1;
}

/** Optimistic concurrency: a change made against an older version is refused, nothing written. */
export function checkVersion(current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) throw new AppError('version_conflict', 412, { current });
}
