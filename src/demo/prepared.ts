import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import { shippedMigrations } from '../db/migrate.js';
import { VERSION } from '../version.js';

/**
 * The demo company prepared ahead of the first start (issue 14): the same replay as a first start
 * (`seedIfEmpty`), run once at install into an embedded database folder that the first start then copies.
 * Replaying three years of history takes minutes; copying the folder takes a second or two. The copy is
 * used only when it is what the replay would have produced today: same migrations and version, same
 * demo password and time zone, and prepared within the last week — what happened since it was
 * prepared (escalations, reports, snapshots) the scheduler's catch-up decides, as after any downtime.
 */
export type PreparedDemo = {
  preparedAt: string;
  version: string;
  /** The migrations shipped and a digest of the server's code (src/). */
  migrations: string;
  code: string;
  timeZone: string;
  passwordDigest: string;
};

const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** node_modules/.cache: ignored by git, and gone with a fresh `npm ci` like any other cache. */
// The project's root: two levels up from src/demo/ (run through tsx) and from dist/app/ (the bundle).
const projectRoot = () => join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function preparedDemoHome(): string {
  return process.env.CRM_DEMO_CACHE ?? join(projectRoot(), 'node_modules', '.cache', 'crm-demo');
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every file of the server's code and migrations: any change to the rules the replay runs prepares anew. */
function codeDigest(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(entry.name).update(readFileSync(path));
    }
  };
  // The sources, whichever form runs them: the bundle is built from these very files.
  walk(join(projectRoot(), 'src'));
  return hash.digest('hex');
}

export function preparedDemoKey(config: Pick<Config, 'timeZone' | 'demoPassword'>, now: Date): PreparedDemo {
  return {
    preparedAt: now.toISOString(),
    version: VERSION,
    migrations: digest(shippedMigrations().join('\n')),
    code: codeDigest(),
    timeZone: config.timeZone,
    passwordDigest: digest(`crm-demo:${config.demoPassword}`),
  };
}

/** Why the prepared folder cannot stand in for the replay now, or null when it can. */
export function preparedDemoMismatch(
  prepared: PreparedDemo | null,
  wanted: PreparedDemo,
  now: Date,
): 'missing' | 'outdated' | 'settings' | 'stale' | null {
  if (!prepared) return 'missing';
  const same = prepared.version === wanted.version && prepared.migrations === wanted.migrations;
  if (!same || prepared.code !== wanted.code) return 'outdated';
  if (prepared.timeZone !== wanted.timeZone || prepared.passwordDigest !== wanted.passwordDigest) return 'settings';
  const age = now.getTime() - Date.parse(prepared.preparedAt);
  if (!(age >= 0 && age <= MAX_AGE_MS)) return 'stale';
  return null;
}

function readPrepared(home: string): PreparedDemo | null {
  const file = join(home, 'prepared.json');
  if (!existsSync(file) || !existsSync(join(home, 'data'))) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PreparedDemo;
  } catch {
    return null;
  }
}

const isEmptyFolder = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

/**
 * On a first start of the embedded database with the demo wanted, copies the prepared folder into the
 * data folder. Returns the line to print, or null when the replay has to run (nothing is touched then).
 */
export function copyPreparedDemo(config: Config, now: Date): string | null {
  if (config.databaseUrl || config.demo === 'no' || config.fakeClock?.start) return null;
  if (!isEmptyFolder(config.dataDir)) return null;
  const home = preparedDemoHome();
  const prepared = readPrepared(home);
  if (preparedDemoMismatch(prepared, preparedDemoKey(config, now), now) !== null) return null;
  mkdirSync(dirname(config.dataDir), { recursive: true });
  rmSync(config.dataDir, { recursive: true, force: true });
  cpSync(join(home, 'data'), config.dataDir, { recursive: true });
  return `First start: the demo company prepared at install (${prepared!.preparedAt}) copied in; the scheduler catches up on what happened since.`;
}

/** Writes the prepared folder atomically: built beside it, then renamed into place. */
export async function prepareDemo(
  config: Config,
  now: Date,
  build: (dataDir: string) => Promise<void>,
): Promise<{ home: string; skipped: boolean }> {
  const home = preparedDemoHome();
  const wanted = preparedDemoKey(config, now);
  if (preparedDemoMismatch(readPrepared(home), wanted, now) === null) return { home, skipped: true };
  const building = `${home}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    await build(join(building, 'data'));
    writeFileSync(join(building, 'prepared.json'), `${JSON.stringify(wanted, null, 2)}\n`);
    rmSync(home, { recursive: true, force: true });
    renameSync(building, home);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return { home, skipped: false };
}
