#!/usr/bin/env node
// postinstall: replays the demo company once, so that the first `npm start` copies a folder instead of
// replaying three years of history (issue 14). Skipped in CI and with CRM_SKIP_DEMO_PREPARE=1; a failure
// here never fails the install — the first start then replays as before.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (process.env.CI || process.env.CRM_SKIP_DEMO_PREPARE === '1' || process.env.DATABASE_URL) process.exit(0);
if (!existsSync(join(root, 'node_modules', 'tsx'))) process.exit(0);
console.error(
  'Preparing the demo company for the first start (a few minutes, once; CRM_SKIP_DEMO_PREPARE=1 skips it)…',
);
const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts'), 'prepare-demo'], {
  cwd: root,
  stdio: 'inherit',
});
if (run.status !== 0) console.error('The demo could not be prepared; the first start will replay it instead.');
