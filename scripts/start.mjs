#!/usr/bin/env node
// `npm start` / `npm run crm`: builds the web app when it is missing or stale, bundles the server when its
// sources changed (scripts/server-build.mjs), then runs the CLI with the arguments given after `--` —
// from the bundle, or through tsx where esbuild is missing.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServerIfStale, serverBundle } from './server-build.mjs';
import { buildWebIfStale } from './web-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const serves = args.length === 0 || args[0] === 'serve' || args[0].startsWith('-');
if (serves && !process.env.CRM_SKIP_WEB_BUILD) {
  try {
    buildWebIfStale();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

let bundled = false;
try {
  bundled = await buildServerIfStale();
} catch (error) {
  console.error(`The server could not be bundled (${error.message}); running it through tsx.`);
}
const entry = bundled ? [serverBundle] : ['--import', 'tsx', join(root, 'src/main.ts')];
const child = spawn(process.execPath, [...entry, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
