import { fieldError } from './errors.js';

export const DEFAULT_LIMIT = 50;

/** Cursors are opaque to callers: the last id seen, encoded. */
export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const id = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(id) || id < 0) throw fieldError('cursor', 'invalid', { why: 'unknown cursor' });
  return id;
}

/** Takes one row more than asked to know whether another page follows. */
export function pageOf<T extends { id: number }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? Buffer.from(String(last.id)).toString('base64url') : null;
  return { items, nextCursor };
}
