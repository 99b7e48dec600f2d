#!/usr/bin/env node
// `npm run dev`: the Vite dev server with hot reload; /api is proxied to the server on :3000
// (run `npm start` in another terminal, or set CRM_API to another address).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vite = spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
vite.on('exit', (code) => process.exit(code ?? 0));
