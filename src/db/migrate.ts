import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.js';

export const MIGRATIONS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

// Any constant works; it only has to be the same for every instance of this product.
const MIGRATION_LOCK_KEY = 724_100_001;

type Journal = { entries: { idx: number; tag: string }[] };

/** The migrations shipped with this build, in order. */
export function shippedMigrations(): string[] {
  const file = join(MIGRATIONS_FOLDER, 'meta', '_journal.json');
  if (!existsSync(file)) return [];
  const journal = JSON.parse(readFileSync(file, 'utf8')) as Journal;
  return journal.entries.map((e) => e.tag);
}

/**
 * Applies the pending migrations. Instances that start together against one PostgreSQL queue on an
 * advisory lock, so exactly one applies them and the others find nothing left to do.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  await database.withAdvisoryLock(MIGRATION_LOCK_KEY, async () => {
    const config = { migrationsFolder: MIGRATIONS_FOLDER, migrationsSchema: 'drizzle' };
    if (database.kind === 'pglite') await migratePglite(database.db as never, config);
    else await migratePg(database.db as never, config);
  });
}

/** How many migrations the database has applied, and the tag of the latest (for /health). */
export async function migrationLevel(database: Database): Promise<{ applied: number; latest: string | null }> {
  const rows = await database.query<{ n: string }>(`select count(*)::text as n from drizzle.__drizzle_migrations`);
  const applied = Number(rows[0]?.n ?? 0);
  const tags = shippedMigrations();
  return { applied, latest: tags[applied - 1] ?? null };
}
