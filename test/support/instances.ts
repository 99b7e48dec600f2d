import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { fakeClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { adminQuery, dropDatabase, withDatabaseName } from '../../src/db/test-database.js';
import type { OrganisationSeed } from '../../src/demo/builders.js';
import { seedOrganisation } from '../../src/demo/seed.js';
import { PASSWORD, smallOrganisation } from './test-app.js';

export type TwoInstances = { a: Database; appA: FastifyInstance; appB: FastifyInstance; close(): Promise<void> };

/**
 * Two app instances on one fresh PostgreSQL database `name`, as two servers of one installation: A
 * migrates and seeds the organisation, both read the one fake clock (started at `start` by A).
 */
export async function startTwoInstances(
  name: string,
  start: Date,
  org: OrganisationSeed = smallOrganisation(),
): Promise<TwoInstances> {
  const base = process.env.TEST_DATABASE_URL!;
  const url = withDatabaseName(base, name);
  await dropDatabase(base, name);
  await adminQuery(base, `create database "${name}"`);
  const a = await openDatabase({ url });
  const b = await openDatabase({ url });
  await migrateDatabase(a);
  await seedOrganisation(a.db, org, PASSWORD, start);
  const config = loadConfig({ fakeClock: start.toISOString() }, { CRM_WEB_DIR: '/nonexistent' });
  const appA = await buildApp({ database: a, clock: await fakeClock(a.db, start), config, logger: false });
  const appB = await buildApp({ database: b, clock: await fakeClock(b.db, null), config, logger: false });
  appB.addHook('onClose', () => b.close());
  return {
    a,
    appA,
    appB,
    async close() {
      await appA.close();
      await appB.close();
      await a.close();
      await dropDatabase(base, name);
    },
  };
}
