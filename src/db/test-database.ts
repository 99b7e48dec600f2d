import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase } from './client.js';
import { migrateDatabase } from './migrate.js';

/**
 * Fresh migrated databases for tests, chosen by CRM_TEST_DB: `pglite` (default) restores an in-memory
 * PGlite from a migrated snapshot; `postgres` clones a migrated template database on TEST_DATABASE_URL.
 * The snapshot and the template are made once per run by test/support/global-setup.ts.
 */
export type TestDatabaseKind = 'pglite' | 'postgres';

export const testDatabaseKind = (): TestDatabaseKind =>
  process.env.CRM_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export const TEMPLATE_DB = `crm_test_template_${process.env.CRM_TEST_RUN_ID ?? 'local'}`;

/** Makes the migrated PGlite snapshot (a tar of the data folder). */
export async function makePgliteSnapshot(): Promise<Blob> {
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  await migrateDatabase(database);
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  return dump;
}

/** Makes the migrated template database on the PostgreSQL server of TEST_DATABASE_URL. */
export async function makePostgresTemplate(url: string): Promise<void> {
  await dropDatabase(url, TEMPLATE_DB);
  await adminQuery(url, `create database "${TEMPLATE_DB}"`);
  const database = await openDatabase({ url: withDatabaseName(url, TEMPLATE_DB) });
  await migrateDatabase(database);
  await database.close();
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await adminQuery(url, `drop database if exists "${name}" with (force)`);
}

export type TestDatabase = { database: Database; url: string | null; drop(): Promise<void> };

export async function createTestDatabase(pgliteSnapshot?: string): Promise<TestDatabase> {
  if (testDatabaseKind() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `crm_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `create database "${name}" template "${TEMPLATE_DB}"`);
    const ownUrl = withDatabaseName(url, name);
    const database = await openDatabase({ url: ownUrl });
    const drop = async () => {
      await database.close();
      await dropDatabase(url, name);
    };
    return { database, url: ownUrl, drop };
  }
  const loadDataDir = pgliteSnapshot ? new Blob([await readFile(pgliteSnapshot)]) : await makePgliteSnapshot();
  const pglite = await PGlite.create({ loadDataDir });
  const database = await openDatabase({ pglite });
  return { database, url: null, drop: () => database.close() };
}
