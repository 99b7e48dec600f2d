import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';

// One id per run names the PostgreSQL template database, so two runs on one server never collide.
process.env.CRM_TEST_RUN_ID ??= randomBytes(4).toString('hex');

const globalSetup = ['test/support/global-setup.ts'];
// Property tests are bounded so the whole suite stays well inside CI's time.
const common = { testTimeout: 30_000, hookTimeout: 60_000, globalSetup };

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
    projects: [
      {
        test: {
          ...common,
          name: 'pglite',
          include: ['src/**/*.test.ts', 'test/api/**/*.test.ts'],
          env: { CRM_TEST_DB: 'pglite' },
        },
      },
      {
        test: {
          ...common,
          name: 'postgres',
          include: ['test/api/**/*.test.ts', 'test/pg/**/*.test.ts'],
          env: { CRM_TEST_DB: 'postgres' },
        },
      },
      {
        test: {
          ...common,
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
