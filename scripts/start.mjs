#!/usr/bin/env node
// `npm start` / `npm run crm`: builds the web app when it is missing or stale, then runs the CLI
// (TypeScript, loaded through tsx) with the arguments given after `--`.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts'), ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
