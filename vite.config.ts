import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const OUT_DIR = 'dist/web';

/**
 * Writes a Brotli and a gzip copy beside every text asset of the build, so the server sends them as they
 * are (@fastify/static `preCompressed`) instead of compressing on each request or not at all.
 */
function precompress(): Plugin {
  // the resolved outDir: `vite build --outDir elsewhere` (the JS-weight bench's before/after builds) too
  let outDir = OUT_DIR;
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json)$/.test(file) || statSync(file).size < 1024) continue;
        const content = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 10 } }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

// The web app lives in web/; the server serves dist/web in production and `npm run dev` proxies /api to it.
export default defineConfig({
  root: 'web',
  plugins: [react(), precompress()],
  build: {
    outDir: `../${OUT_DIR}`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // The chunk that antd's shared internals land in takes its name from the first app module in it
        // (web/src/i18n/index.tsx): call it what it is, not "i18n", which holds no translation.
        chunkFileNames: (chunk) =>
          chunk.name === 'i18n' && chunk.moduleIds.some((id) => id.includes('node_modules'))
            ? 'assets/shared-[hash].js'
            : 'assets/[name]-[hash].js',
        // React is on every page and changes only with an upgrade: its own chunk, cached across releases
        // (it used to sit in a shared chunk that took its name from the i18n module, which looked like 430 KB
        // of translations). Everything else is split by route: each page, ECharts and the update grid load
        // with the lazy route or component that uses them (App.tsx, BoardBody.tsx).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            // antd's theme and style engine, used by every component on every page
            {
              name: 'antd-core',
              test: /node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|fast-color|colors)|stylis|@emotion)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.CRM_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
