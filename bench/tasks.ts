// `npm run bench -- tasks` (issue 14): GET /api/v1/tasks as a director under 50 concurrent clients
// against a bare Fastify route answering the same bytes, in the same child process. The data is the
// meetings benchmark's 20,500 tasks (bench/meetings.ts) without the demo facts, which the list never
// reads, so it is ready in seconds; `npm run bench -- meetings` runs the same measurement at its end.
// Besides req/s it prints the server child's CPU time per request (cpuMs), steadier under load.
// BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the child server (the app) into that folder.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { adminQuery, dropDatabase, withDatabaseName } from '../src/db/test-database.js';
import { demoOrganisation } from '../src/demo/organisation.js';
import { seedOrganisation } from '../src/demo/seed.js';
import { ensureOccurrences } from '../src/meetings/occurrences.js';
import { escalateDueWeeklyTasks } from '../src/tasks/escalation.js';
import { NOW, PASSWORD, percentiles, supervisionTasks, weeklyTasks } from './meetings.js';

/** The meetings benchmark's tasks, escalated as its escalation step leaves them, on a fresh database. */
async function prepare(url: string) {
  const database = await openDatabase({ url });
  await migrateDatabase(database);
  const janFirst = new Date('2026-01-01T00:00:00+08:00');
  await seedOrganisation(database.db, demoOrganisation(), PASSWORD, janFirst);
  await ensureOccurrences(database.db, 'Asia/Shanghai', janFirst);
  for (const text of [
    supervisionTasks(1000, 'pending'),
    weeklyTasks(1000, '2026-04-27T01:00:00Z', 5, true),
    supervisionTasks(500, 'done'),
    weeklyTasks(5000, '2026-05-25T01:00:00Z', 1, false),
    weeklyTasks(13000, '2026-06-01T01:00:00Z', 1, false),
  ])
    await database.query(text);
  await escalateDueWeeklyTasks(database.db, NOW);
  await database.query('analyze');
  const [row] = await database.query<{ n: number }>('select count(*)::int as n from tasks');
  await database.close();
  return row!.n;
}

export async function benchTasks(): Promise<void> {
  const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error('the tasks benchmark runs on PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  // One database per run (its process id): two runs at once, or a kept one (BENCH_KEEP), never collide.
  const name = `crm_bench_tasks_${process.pid}`;
  await dropDatabase(baseUrl, name);
  await adminQuery(baseUrl, `create database ${name}`);
  const url = withDatabaseName(baseUrl, name);
  const all = await prepare(url);
  const api = await benchTaskList(url);
  if (!process.env.BENCH_KEEP) await dropDatabase(baseUrl, name);
  console.table(api.table);
  console.log(`database: postgresql; ${all.toLocaleString()} tasks; GET /tasks ratio ${api.ratio} % of bare Fastify`);
}

type Load = { rps: number; p50: number; p95: number; p99: number; non2xx: number; bytes: number; requests: number };

async function load(url: string, headers: Record<string, string>): Promise<Load> {
  const times: number[] = [];
  // The callback form hands back the instance, whose response events carry each latency (for p95).
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const options = { url, connections: 50, duration: Number(process.env.BENCH_SECONDS ?? 10), headers };
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  const { p50, p95 } = percentiles(times);
  return {
    rps: Math.round(result.requests.average),
    p50,
    p95,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    bytes: Math.round(result.throughput.average / Math.max(1, result.requests.average)),
    requests: result.requests.total,
  };
}

type Ports = { app: number; bare: number; items: number };

/** GET /api/v1/tasks as director1 on `url`'s data, against bare Fastify answering the same bytes. */
export async function benchTaskList(url: string) {
  const profile = process.env.BENCH_CPU_PROF;
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
    env: { ...process.env, BENCH_TASKS_SERVE: url },
  });
  const ports = await new Promise<Ports>((resolve) => child.once('message', (m) => resolve(m as Ports)));
  try {
    const cookie = await signIn(ports.app, 'director1');
    const tasksUrl = `http://127.0.0.1:${ports.app}/api/v1/tasks`;
    const bareUrl = `http://127.0.0.1:${ports.bare}/api/v1/tasks`;
    await load(bareUrl, {}); // warm-up
    const bare = await withServerCpu(child, () => load(bareUrl, {}));
    await load(tasksUrl, { cookie });
    const ours = await withServerCpu(child, () => load(tasksUrl, { cookie }));
    // The kept page's other side: a task changed every 10 ms (by a connection of its own) makes the pages
    // read again from the tasks about as often as a meeting room full of people writing would.
    const churned = await whileTasksChange(url, () => withServerCpu(child, () => load(tasksUrl, { cookie })));
    return {
      table: {
        'bare Fastify (same body)': bare,
        [`GET /api/v1/tasks, director (${ports.items} items)`]: ours,
        [`  the same, a task changed every 10 ms (${churned.writes} changes)`]: churned.load,
      },
      ratio: ((ours.rps / bare.rps) * 100).toFixed(1),
    };
  } finally {
    child.disconnect();
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** Runs `run` while another connection changes one task every 10 ms; the number of changes made. */
async function whileTasksChange<T>(url: string, run: () => Promise<T>): Promise<{ load: T; writes: number }> {
  const writer = await openDatabase({ url });
  let writes = 0;
  let running = true;
  const writing = (async () => {
    while (running) {
      await writer.query('update tasks set version = version + 1 where id = (select max(id) from tasks)');
      writes += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  try {
    return { load: await run(), writes };
  } finally {
    running = false;
    await writing;
    await writer.close();
  }
}

/**
 * The server child's CPU time per answered request during `run` (ms): under the other engineers' load
 * req/s swing with the CPU the child is given, this much less.
 */
async function withServerCpu(child: ChildProcess, run: () => Promise<Load>): Promise<Load & { cpuMs: number }> {
  const cpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => resolve((m as { cpu: number }).cpu));
      child.send('cpu');
    });
  const before = await cpu();
  const result = await run();
  const used = (await cpu()) - before;
  return { ...result, cpuMs: Number((used / Math.max(1, result.requests)).toFixed(3)) };
}

async function signIn(port: number, username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** The child process: our app on the bench database and a bare Fastify route answering the director's page. */
async function serve(url: string): Promise<void> {
  const database = await openDatabase({ url });
  // The system clock, as in production: a fake clock would add a read of the shared time per request.
  const config = loadConfig({ port: 0 }, { CRM_WEB_DIR: '/nonexistent' });
  const app = await buildApp({ database, clock: systemClock(), config, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const cookie = await signIn((app.server.address() as { port: number }).port, 'director1');
  const page = await app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie } });
  const bare = Fastify({ logger: false });
  bare.get('/api/v1/tasks', async (_request, reply) => reply.type('application/json').send(page.body));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const port = (a: { server: { address(): unknown } }) => (a.server.address() as { port: number }).port;
  process.on('message', (m) => {
    if (m !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    process.send?.({ cpu: (user + system) / 1000 });
  });
  process.send?.({ app: port(app), bare: port(bare), items: JSON.parse(page.body).items.length });
  process.on('disconnect', async () => {
    await app.close();
    await bare.close();
    await database.close();
    process.exit(0);
  });
}

if (process.env.BENCH_TASKS_SERVE && process.send) await serve(process.env.BENCH_TASKS_SERVE);
