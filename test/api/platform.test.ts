import { afterAll, beforeAll, expect, test } from 'vitest';
import { shippedMigrations } from '../../src/db/migrate.js';
import { testDatabaseKind } from '../../src/db/test-database.js';
import type { OpenApiDocument } from '../support/api-routes.js';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeWithDatabase('health, API description, metrics and security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  test('/health names the database kind, the migration level and the version', async () => {
    const res = await t.anonymous().get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: testDatabaseKind() === 'postgres' ? 'postgresql' : 'pglite',
      migration: { applied: shippedMigrations().length, latest: shippedMigrations().at(-1) },
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  test('the OpenAPI document lists the SPEC §9 paths, and a browsable page serves it', async () => {
    const doc = (await t.anonymous().get('/api/v1/openapi.json')).body as OpenApiDocument;
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/tracks',
      '/api/v1/users/{id}',
      '/api/v1/customers',
      '/api/v1/admin/api-keys',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(
      doc.paths['/api/v1/users']?.post?.requestBody?.content['application/json']?.schema.properties,
    ).toHaveProperty('role');
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });

  test('/metrics speaks Prometheus and counts requests by route', async () => {
    await t.anonymous().get('/api/v1/health');
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health",status="200"\} \d+/,
    );
  });

  test('API answers are never cached nor framed; pages carry the helmet headers', async () => {
    for (const url of ['/api/v1/health', '/api/v1/tracks', '/api/v1/no-such-thing']) {
      const res = await t.anonymous().get(url);
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none'; frame-ancestors 'none'");
    }
    const page = await t.app.inject({ method: 'GET', url: '/org/users' });
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
