import { existsSync } from 'node:fs';
import { describe } from 'vitest';
import { testDatabaseKind } from '../../src/db/test-database.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why a suite cannot run here, or null. Without PostgreSQL or Chromium the suite is skipped and says
 * so plainly; in CI (CRM_REQUIRE_ALL_SUITES=1) a missing part fails the run instead.
 */
function missing(kind: 'postgres' | 'browser'): string | null {
  if (kind === 'postgres' && !process.env.TEST_DATABASE_URL)
    return 'PostgreSQL suite skipped: TEST_DATABASE_URL is not set';
  if (kind === 'browser' && !existsSync(CHROMIUM)) return `Browser suite skipped: no Chromium at ${CHROMIUM}`;
  return null;
}

function guarded(kind: 'postgres' | 'browser' | null, name: string, body: () => void) {
  const why = kind ? missing(kind) : null;
  if (why && process.env.CRM_REQUIRE_ALL_SUITES === '1') throw new Error(`${why} (CRM_REQUIRE_ALL_SUITES=1)`);
  if (why) console.warn(`⚠ ${why} — ${name}`);
  describe.skipIf(why !== null)(name, body);
}

/** A suite that talks to the test database: PGlite always, PostgreSQL in the postgres project. */
export const describeWithDatabase = (name: string, body: () => void) =>
  guarded(testDatabaseKind() === 'postgres' ? 'postgres' : null, name, body);

/** A suite that needs two app instances on one real PostgreSQL server. */
export const describeOnPostgres = (name: string, body: () => void) => guarded('postgres', name, body);

export const describeInBrowser = (name: string, body: () => void) => guarded('browser', name, body);
