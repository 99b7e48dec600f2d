import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { dropDatabase, makePgliteSnapshot, makePostgresTemplate, TEMPLATE_DB } from '../../src/db/test-database.js';

/**
 * Once per test run: a migrated PGlite snapshot every test file restores from, and — when
 * TEST_DATABASE_URL is set — a migrated template database every PostgreSQL test file clones.
 */
export default async function setup(project: TestProject) {
  const name = project.config.name;
  if (name === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) return;
    await makePostgresTemplate(url);
    return async () => dropDatabase(url, TEMPLATE_DB);
  }
  if (name !== 'pglite' && name !== 'browser') return;
  const file = join(tmpdir(), `crm-pglite-${randomBytes(4).toString('hex')}.tar`);
  await writeFile(file, Buffer.from(await (await makePgliteSnapshot()).arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  return async () => rm(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
  }
}
