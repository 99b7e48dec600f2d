import type { SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';

/**
 * The replay of the demo's meeting history asks the board for the same months hundreds of times (every
 * task's background reads a twelve-month trend, every opening report a board), while the facts behind
 * them never change during the replay. This handle answers a repeated hand-written read of those
 * tables from memory; everything else — any read of tasks, reports, meetings, and every write — goes
 * to the database as usual. Used only while seeding the demo; the product's functions run unchanged.
 */
const UNCHANGING = new Set([
  'fact_am_monthly',
  'sales_daily',
  'receivable_month_ends',
  'receivables',
  'targets',
  'threshold_bands',
  'data_sources',
  'month_closes',
  'tracks',
  'users',
  'customers',
]);

/** True when the statement only reads tables the replay never writes (CTE names aside). */
export function readsOnlyUnchanging(statement: string): boolean {
  const text = statement.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  if (!/^\s*(select|with)\b/i.test(text) || /\b(insert|update|delete)\b/i.test(text)) return false;
  const ctes = new Set([...text.matchAll(/\b([a-z_][a-z0-9_]*)\s+as\s*\(/gi)].map((m) => m[1]!.toLowerCase()));
  // `join lateral (…)` is a subquery, whose own `from` is read like any other.
  const relations = [...text.matchAll(/\b(?:from|join)\s+(?!lateral\b)"?([a-z_][a-z0-9_]*)"?/gi)].map((m) =>
    m[1]!.toLowerCase(),
  );
  return relations.length > 0 && relations.every((r) => UNCHANGING.has(r) || ctes.has(r));
}

type Dialect = { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };

/** Both drivers answer `{rows}`; only the rows are kept (node-postgres results carry parser functions). */
type Rows = { rows: unknown[] };

type Cache = { rows: Map<string, unknown[]>; cacheable: Map<string, boolean> };

/** Frozen, so a caller that tried to change a shared answer would fail loudly instead of spoiling it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export function withReadCache(db: Db, cache: Cache = { rows: new Map(), cacheable: new Map() }): Db {
  const dialect = (db as unknown as { dialect: Dialect }).dialect;
  const execute = async (query: SQL) => {
    const { sql: text, params } = dialect.sqlToQuery(query);
    if (!cache.cacheable.has(text)) cache.cacheable.set(text, readsOnlyUnchanging(text));
    if (!cache.cacheable.get(text)) return db.execute(query);
    const key = `${text}\u0000${JSON.stringify(params)}`;
    let rows = cache.rows.get(key);
    if (!rows) {
      rows = deepFreeze(((await db.execute(query)) as unknown as Rows).rows);
      cache.rows.set(key, rows);
    }
    return { rows };
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'execute') return execute;
      if (prop === 'transaction')
        return (run: (tx: Db) => Promise<unknown>, config?: unknown) =>
          target.transaction((tx) => run(withReadCache(tx as unknown as Db, cache)), config as never);
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
