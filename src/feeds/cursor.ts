import { invalidField } from '../http/errors.js';

/** A keyset position (instant, id): the feeds page in the stable order (updatedAt, id). */
export type Position = { at: Date; id: number };

export const START: Position = { at: new Date(0), id: 0 };

export const encodePosition = (p: Position): string => Buffer.from(`${p.at.getTime()}.${p.id}`).toString('base64url');

/** Cursors are opaque to callers; one that was not made here is 400 naming `cursor`. */
export function decodePosition(cursor: string | undefined): Position {
  if (!cursor) return START;
  const match = /^(\d{1,15})\.(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const id = Number(match?.[2]);
  if (!match || id > 2_147_483_647)
    throw invalidField('cursor', { zh: '不是本接口给出的游标', en: 'not a cursor this feed gave' });
  return { at: new Date(Number(match[1])), id };
}
