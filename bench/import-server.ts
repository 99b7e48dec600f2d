// Child process of `npm run bench -- import`: the real app on the bench database, so the parent POSTs
// shipment batches over HTTP and reads this process's peak resident memory on its own.
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { seedOrganisation } from '../src/demo/seed.js';
import { benchOrganisation } from './org.js';

const url = process.env.BENCH_DATABASE_URL;
const database = await openDatabase(url ? { url } : {});
await migrateDatabase(database);
await seedOrganisation(
  database.db,
  benchOrganisation(30, 300, Number(process.env.BENCH_CUSTOMERS)),
  'bench-password',
  new Date(),
);
const config = loadConfig({ port: 0 }, { CRM_WEB_DIR: '/nonexistent', LOG_LEVEL: 'warn' });
const app = await buildApp({ database, clock: systemClock(), config, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });

process.send?.({ port: (app.server.address() as { port: number }).port, database: database.kind });
process.on('disconnect', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
