import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** What `If-Match` asks for: nothing, one version, or any of several (RFC 9110 §13.1.1). */
export type ExpectedVersion = number | readonly number[] | undefined;

/** One entity tag of `If-Match` → a version; a tag that is not one of ours matches nothing (-1). */
const versionOf = (tag: string) => {
  const text = tag.trim().replace(/^W\//, '').replaceAll('"', '');
  return /^\d{1,10}$/.test(text) ? Number(text) : -1;
};

/**
 * `If-Match: 3`, `"3"`, `"3", "4"` or `*`: the versions the caller last saw (optional; stale → 412).
 * `*` matches any current version — every resource we check exists — so it is the same as no header.
 */
export function expectedVersion(request: FastifyRequest): ExpectedVersion {
  const raw = request.headers['if-match'];
  if (!raw) return undefined;
  const text = String(raw).trim();
  if (text === '*') return undefined;
  const versions = text.split(',').map(versionOf);
  return versions.length === 1 ? versions[0] : versions;
}

/** Optimistic concurrency: a change made against an older version is refused, nothing written. */
export function checkVersion(current: number, expected: ExpectedVersion): void {
  if (expected === undefined) return;
  const matches = typeof expected === 'number' ? expected === current : expected.includes(current);
  if (!matches) throw new AppError('version_conflict', 412, { current });
}
