// Opportunities for the feed and APS outbox tests, written through the API as users write them.
import { expect } from 'vitest';
import type { Client, TestApp } from './test-app.js';

export type Quote = { orderMonth: string; amount: number; shipments: Record<string, number>; items?: unknown[] };

export type Writer = {
  /** An opportunity of am1 (integrated, customer C1) or am3 (commodity, customer C3); its id. */
  create(code: string, line: 'integrated' | 'commodity', rolling?: Quote): Promise<number>;
  put(id: number, version: 'rolling' | 'precision', values: Quote & { reason?: string }): Promise<void>;
  stage(id: number, stage: string, reason?: string): Promise<void>;
};

/** Writes as the opportunity's AM: am1 for integrated ones, am3 for commodity ones. */
export async function writerFor(t: TestApp): Promise<Writer> {
  const admin = await t.as('admin');
  const customers = (await admin.get('/api/v1/customers')).body.items;
  const customer = Object.fromEntries(customers.map((c) => [c.code, c.id]));
  const lines = new Map<number, 'integrated' | 'commodity'>();
  // One session per AM, signed in again when a clock move let it expire (8 h idle).
  const sessions = new Map<string, { client: Client; at: number }>();
  const am = async (line: 'integrated' | 'commodity') => {
    const username = line === 'integrated' ? 'am1' : 'am3';
    const now = t.clock.now().getTime();
    const held = sessions.get(username);
    if (held && Math.abs(now - held.at) < 60 * 60_000) {
      held.at = now;
      return held.client;
    }
    const client = await t.as(username);
    sessions.set(username, { client, at: now });
    return client;
  };
  return {
    async create(code, line, rolling) {
      const client = await am(line);
      const res = await client.post('/api/v1/opportunities', {
        code,
        name: `商机 ${code}`,
        customerId: line === 'integrated' ? customer.C1 : customer.C3,
        kind: line === 'integrated' ? 'mold_development' : 'commodity_mold',
        ...(rolling ? { rolling } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      lines.set(res.body.id, line);
      return res.body.id;
    },
    async put(id, version, values) {
      const res = await (await am(lines.get(id)!)).put(`/api/v1/opportunities/${id}/forecast/${version}`, values);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    },
    async stage(id, stage, reason) {
      const res = await (await am(lines.get(id)!)).post(`/api/v1/opportunities/${id}/stage`, {
        stage,
        ...(reason ? { reason } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    },
  };
}

/** An API key with these scopes, made by the admin; the key itself. */
export async function apiKey(t: TestApp, scopes: string[]): Promise<string> {
  const admin = await t.as('admin');
  const res = await admin.post('/api/v1/admin/api-keys', { name: `key ${scopes.join(' ')}`, scopes });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.key;
}
