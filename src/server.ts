import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type Clock, fakeClock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { copyPreparedDemo } from './demo/prepared.js';
import { isEmpty, seedAdminOnly, seedOrganisation } from './demo/seed.js';
import { JOBS } from './jobs/registry.js';
import { runDueJobs } from './jobs/scheduler.js';

export type Started = { app: FastifyInstance; database: Database; clock: Clock; url: string; stop(): Promise<void> };

export async function openAndMigrate(config: Config): Promise<Database> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  return database;
}

/**
 * Fills an empty database: the demo on the embedded database by default (on PostgreSQL only with --demo),
 * or only the admin with --no-demo. Returns the lines to print.
 */
export async function seedIfEmpty(database: Database, config: Config, now: Date): Promise<string[]> {
  if (!(await isEmpty(database.db))) return [];
  const wantsDemo = config.demo === 'yes' || (config.demo === 'auto' && database.kind === 'pglite');
  if (wantsDemo) {
    // The first start replays years of demo history through the product's own functions: say so, step by
    // step, so a silent minute never looks like a hang.
    const step = (line: string) => process.stderr.write(`${line}\n`);
    const { demoOrganisation, seedDemoApsHistory, seedDemoFactsAndForecast, seedDemoMeetings } = await demoModules();
    const org = demoOrganisation();
    step('First start: filling the demo company (this takes a few minutes, once)…');
    await seedOrganisation(database.db, org, config.demoPassword, now);
    step('  · three years of facts and the sales forecast (opportunities, baselines, requests, snapshots)…');
    await seedDemoFactsAndForecast(database.db, org, { now, timeZone: config.timeZone });
    await seedDemoApsHistory(database.db, { now });
    step('  · six months of meetings, tasks and opening reports…');
    await seedDemoMeetings(database.db, { now, timeZone: config.timeZone });
    return demoNotes(config);
  }
  const { generated } = await seedAdminOnly(database.db, config.adminPassword, now);
  return generated
    ? [`Only the user admin exists. Its one-time password (change it at first sign-in): ${generated}`]
    : ['Only the user admin exists, with the password from CRM_ADMIN_PASSWORD.'];
}

/** The demo's replay (some forty modules) is loaded only to fill an empty database, not at every start. */
async function demoModules() {
  const [forecast, meetings, organisation, aps] = await Promise.all([
    import('./demo/forecast.js'),
    import('./demo/meetings.js'),
    import('./demo/organisation.js'),
    import('./feeds/demo.js'),
  ]);
  return {
    seedDemoFactsAndForecast: forecast.seedDemoFactsAndForecast,
    seedDemoMeetings: meetings.seedDemoMeetings,
    demoOrganisation: organisation.demoOrganisation,
    seedDemoApsHistory: aps.seedDemoApsHistory,
  };
}

const demoNotes = (config: Config) => [
  `Demo company loaded. Sign in as ceo, secretary, admin, planner, director1…director7 or am1…am40`,
  `with the password: ${config.demoPassword}`,
];

/** Under the system clock, an in-process scheduler runs due jobs; under a fake clock only run-due does. */
function startScheduler(app: FastifyInstance, database: Database, clock: Clock, config: Config): () => void {
  if (clock.fake) return () => {};
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runDueJobs(database.db, JOBS, clock.now(), { config, log: app.log });
    } catch (error) {
      app.log.error({ err: error }, 'scheduler tick failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, config.schedulerIntervalSeconds * 1000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}

/**
 * A start-up step that says what it is doing once it has taken a second (issue 14: a silent wait looks like
 * a hang), and how long it took. `CRM_STEP_NOTICE_MS` lowers the threshold to see every step's time.
 */
async function startupStep<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const notice = Number(process.env.CRM_STEP_NOTICE_MS ?? 1000);
  let said = false;
  const timer = setTimeout(() => {
    said = true;
    process.stderr.write(`${label}…\n`);
  }, notice);
  try {
    return await run();
  } finally {
    clearTimeout(timer);
    if (said || notice === 0)
      process.stderr.write(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

export async function startServer(config: Config): Promise<Started & { notes: string[] }> {
  // the demo prepared at install stands in for the replay when it is today's (src/demo/prepared.ts)
  const copied = await startupStep('Copying the prepared demo', async () => copyPreparedDemo(config, new Date()));
  if (copied) process.stderr.write(`${copied}\n`);
  const database = await startupStep('Opening and migrating the database', () => openAndMigrate(config));
  const clock = config.fakeClock ? await fakeClock(database.db, config.fakeClock.start) : systemClock();
  const notes = copied ? demoNotes(config) : await seedIfEmpty(database, config, clock.now());
  const { app, address } = await startupStep('Starting the web server', async () => {
    const built = await buildApp({ database, clock, config });
    return { app: built, address: await built.listen({ port: config.port, host: config.host }) };
  });
  const stopScheduler = startScheduler(app, database, clock, config);
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  return {
    app,
    database,
    clock,
    url,
    notes,
    async stop() {
      stopScheduler();
      await app.close();
      await database.close();
    },
  };
}
