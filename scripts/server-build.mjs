// Bundles the server (src/main.ts with the packages it uses) into dist/app/main.js when the bundle is
// missing or older than its sources, so that `npm start` loads one file of plain JavaScript: loading some
// three hundred TypeScript files through tsx and a thousand package files one by one took seconds of every
// restart (issue 14). Takes about a second.
import { cpSync, existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest } from './web-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const serverBundle = join(root, 'dist/app/main.js');

export function serverIsStale() {
  if (!existsSync(serverBundle)) return true;
  const sources = ['src', 'package-lock.json', 'tsconfig.json', 'scripts/server-build.mjs'].map((p) => join(root, p));
  return Math.max(...sources.filter(existsSync).map(newest)) > statSync(serverBundle).mtimeMs;
}

/** Builds the bundle when stale; returns false when esbuild is not installed (the caller runs tsx then). */
export async function buildServerIfStale() {
  if (!serverIsStale()) return true;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  const out = dirname(serverBundle);
  rmSync(out, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(root, 'src/main.ts')],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Left in node_modules: packages that read their own files beside their code (PGlite's WebAssembly and
    // data, the Swagger UI's pages), the large ones loaded only on demand (exceljs, nodemailer), optional ones.
    external: ['@electric-sql/pglite', '@fastify/swagger-ui', 'exceljs', 'nodemailer', 'pg-native'],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'linked',
  });
  // esbuild's service process would otherwise live on beside the server for nothing.
  await esbuild.stop();
  // The migrations are read from beside the code (src/db/migrate.ts: MIGRATIONS_FOLDER).
  cpSync(join(root, 'src/db/migrations'), join(out, 'migrations'), { recursive: true });
  return true;
}
