import { and, eq, lte, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { type Db, together } from '../db/client.js';
import { foldStampsThrough, stampsThrough } from '../db/stamps.js';
import { computeBoard, dataAsOf, type KeptBoard } from './board.js';
import type { BoardDto } from './contract.js';
import { boardCache } from './schema.js';

type View = 'month' | 'ytd';

/**
 * The topics whose changes reach a board: its own inputs (rollups, receivables, targets, bands, the
 * organisation, dimension 6's way of measuring — migration 0016) and the accuracy of its months.
 */
const TOPICS = ['board', 'accuracy'] as const;

/**
 * This process's copy of the boards it last answered, keyed by period, each with the count of changes it
 * was computed under. Only a shortcut past reading `board_cache`: it is used only while the database's
 * count is still its count, so a write through another instance is seen at once.
 */
export type BoardMemo = Map<string, { stamp: number; board: KeptBoard }>;
const MEMO_SIZE = 48;

export const boardMemo = (): BoardMemo => new Map();

/** The count of changes that reach the board of `month` (either view): every change to a month up to it. */
export const boardStamp = (db: Db, month: string) => stampsThrough(db, TOPICS, `${month}-01`);

/**
 * The board of a period (SPEC §3), computed once for every reader and kept in `board_cache` until a change
 * to its inputs: the count of changes is read first, so a change committed while the board is being
 * computed leaves the kept board stale, never the reverse. Data as of is read fresh. `memo` (a process's,
 * outside transactions only) saves reading the kept board back while the count holds.
 */
export async function readBoard(db: Db, month: string, view: View, memo?: BoardMemo): Promise<BoardDto> {
  const [stamp, asOf] = await together(db, [() => boardStamp(db, month), () => dataAsOf(db, month)]);
  const key = `${month}|${view}`;
  const remembered = memo?.get(key);
  if (remembered && remembered.stamp === stamp) return { ...remembered.board, dataAsOf: asOf };
  const [kept] = await db
    .select({ stamp: boardCache.stamp, board: boardCache.board })
    .from(boardCache)
    .where(and(eq(boardCache.month, month), eq(boardCache.view, view)));
  let board = kept?.stamp === stamp ? (kept.board as KeptBoard) : undefined;
  if (!board) {
    board = await computeBoard(db, month, view);
    await keep(db, month, view, stamp, board);
    // The changes counted so far become one row per month, so the reads that find this board kept count a
    // few rows, not every write since the history began (issue 14). Never inside a transaction (its locks
    // last with it).
    if (!(db instanceof PgTransaction)) await foldStampsThrough(db, TOPICS, `${month}-01`);
  }
  // Inside a transaction the board may hold its own uncommitted writes: never remembered past it.
  if (memo && !(db instanceof PgTransaction)) remember(memo, key, stamp, board);
  return { ...board, dataAsOf: asOf };
}

/** Stores a board under its count; a board computed under an older count never replaces a newer one. */
async function keep(db: Db, month: string, view: View, stamp: number, board: KeptBoard): Promise<void> {
  const computedAt = new Date();
  await db
    .insert(boardCache)
    .values({ month, view, stamp, board, computedAt })
    .onConflictDoUpdate({
      target: [boardCache.month, boardCache.view],
      set: { stamp, board, computedAt },
      setWhere: lte(boardCache.stamp, sql`excluded.stamp`),
    });
}

function remember(memo: BoardMemo, key: string, stamp: number, board: KeptBoard): void {
  memo.delete(key);
  memo.set(key, { stamp, board });
  while (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
}
