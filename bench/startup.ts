// `npm run bench -- startup`: seconds from `npm start` to a healthy server on an empty data folder
// (demo loaded), then again on the filled folder, and the server's resident memory after each.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = Number(process.env.BENCH_PORT ?? 3199);

function residentMegabytes(pid: number): number {
  // The server is the grandchild (npm start → scripts/start.mjs → node dist/app/main.js); find it by its parent.
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  const pids = [pid, ...children.map(Number)];
  const rss = pids.map((p) => {
    const status = readFileSync(`/proc/${p}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  });
  return Math.round(Math.max(...rss) / 1024);
}

async function startOnce(dataDir: string) {
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    ['scripts/start.mjs', 'serve', '--data-dir', dataDir, '--port', String(PORT)],
    {
      stdio: 'ignore',
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    },
  );
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/health`);
      if (res.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
    if (performance.now() - started > 120_000) throw new Error('no healthy server within 120 s');
  }
  const seconds = (performance.now() - started) / 1000;
  const rssMb = residentMegabytes(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { seconds: Number(seconds.toFixed(2)), rssMb };
}

export async function benchStartup(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'crm-start-'));
  try {
    const empty = await startOnce(dataDir);
    const filled = await startOnce(dataDir);
    console.table({ 'empty data folder (migrate + demo)': empty, 'filled data folder': filled });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
