import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in web/; the server serves dist/web in production and `npm run dev` proxies /api to it.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.CRM_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
