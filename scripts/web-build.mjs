// Builds the web app when dist/web is missing or older than its sources (used by `npm start` and the browser tests).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/web/index.html');

/** The newest modification time of a file or of anything below a folder. */
export function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function webIsStale() {
  if (!existsSync(built)) return true;
  const sources = ['web', 'vite.config.ts', 'package-lock.json', 'src/org/contract.ts'].map((p) => join(root, p));
  return Math.max(...sources.filter(existsSync).map(newest)) > statSync(built).mtimeMs;
}

export function buildWebIfStale() {
  if (!webIsStale()) return;
  console.log('Building the web app (once; again only when its sources change)…');
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the web build failed');
}
