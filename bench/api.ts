// `npm run bench -- api`: requests/s of GET /api/v1/me with a session against a bare Fastify route,
// in the same run, on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL) or else on PGlite.
import { fork } from 'node:child_process';
import autocannon from 'autocannon';

type Ports = { app: number; bare: number; database: string };

async function load(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections: 50, duration: Number(process.env.BENCH_SECONDS ?? 10), headers });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

export async function benchApi(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const child = fork(new URL('./api-servers.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...(databaseUrl ? { BENCH_DATABASE_URL: databaseUrl } : {}) },
  });
  const ports = await new Promise<Ports>((resolve) => child.once('message', (m) => resolve(m as Ports)));
  try {
    const login = await fetch(`http://127.0.0.1:${ports.app}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ceo', password: process.env.BENCH_PASSWORD ?? 'bench-password' }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    await load(`http://127.0.0.1:${ports.bare}/api/v1/me`, {}); // warm-up
    const bare = await load(`http://127.0.0.1:${ports.bare}/api/v1/me`, {});
    await load(`http://127.0.0.1:${ports.app}/api/v1/me`, { cookie });
    const ours = await load(`http://127.0.0.1:${ports.app}/api/v1/me`, { cookie });
    console.table({ 'bare Fastify': bare, 'GET /api/v1/me (session)': ours });
    console.log(
      `database: ${ports.database}; ratio: ${((ours.rps / bare.rps) * 100).toFixed(1)} % of bare Fastify (goal ≥ 30 %)`,
    );
  } finally {
    child.disconnect();
  }
}
