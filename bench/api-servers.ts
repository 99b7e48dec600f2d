// Child process of `npm run bench -- api`: our app (real sessions, real database) and a bare Fastify
// route, side by side, so the load generator in the parent process measures both the same way.
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { demoOrganisation } from '../src/demo/organisation.js';
import { isEmpty, seedOrganisation } from '../src/demo/seed.js';

const url = process.env.BENCH_DATABASE_URL;
const database = await openDatabase(url ? { url } : {});
await migrateDatabase(database);
if (await isEmpty(database.db)) await seedOrganisation(database.db, demoOrganisation(), 'bench-password', new Date());
const config = loadConfig({ port: 0 }, { CRM_WEB_DIR: '/nonexistent', LOG_LEVEL: 'warn' });
const app = await buildApp({ database, clock: systemClock(), config, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });

const bare = Fastify({ logger: false });
bare.get('/api/v1/me', async () => ({ user: { id: 1, username: 'ceo' }, permissions: [] }));
await bare.listen({ port: 0, host: '127.0.0.1' });

const port = (a: typeof bare) => (a.server.address() as { port: number }).port;
process.send?.({ app: port(app as never), bare: port(bare), database: database.kind });
process.on('disconnect', async () => {
  await app.close();
  await bare.close();
  await database.close();
  process.exit(0);
});
