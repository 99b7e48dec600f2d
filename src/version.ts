import { existsSync, readFileSync } from 'node:fs';

// src/version.ts (run through tsx) and dist/server/version.js (npm run build) sit one and two levels
// below the package's package.json.
const packageJson = [new URL('../package.json', import.meta.url), new URL('../../package.json', import.meta.url)].find(
  (url) => existsSync(url),
);

export const VERSION: string = JSON.parse(readFileSync(packageJson!, 'utf8')).version;
