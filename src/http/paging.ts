import { fieldError } from './errors.js';
import { MAX_INT } from './validation.js';

export const DEFAULT_LIMIT = 50;

/** Cursors are opaque to callers: the last id seen, encoded. */
export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = /^\d{1,10}$/.test(text) ? Number(text) : -1;
  if (id < 0 || id > MAX_INT) throw fieldError('cursor', 'invalid', { why: 'unknown cursor' });
  return id;
}

/** Takes one row more than asked to know whether another page follows. */
export function pageOf<T extends { id: number }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? Buffer.from(String(last.id)).toString('base64url') : null;
  return { items, nextCursor };
}
