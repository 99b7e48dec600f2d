import { afterAll, beforeAll, expect, test } from 'vitest';
import { shipLine as ship } from '../support/exchange.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

const opportunity = (code: string) => ({
  code,
  name: code,
  customerCode: 'C1',
  kind: 'mold_development',
  stage: 'L',
  orderMonth: '2026-06',
  amount: 1200,
  shipments: { '2026-07': 1200 },
});

describeWithDatabase(
  'the import log filters by kind, status, day (company time zone) and who (issue 13 item 11)',
  () => {
    let t: TestApp;
    let admin: Client;
    let am1: Client;
    let am1Id: number;
    beforeAll(async () => {
      // 2026-03-02 23:30 in Shanghai is still the 2nd there, already 15:30 UTC on the 2nd
      t = await startTestApp({ now: '2026-03-02T23:30:00+08:00' });
      admin = await t.as('admin');
      am1 = await t.as('am1');
      am1Id = (await am1.get('/api/v1/me')).body.user!.id;
      expect((await admin.post('/api/v1/exchange/shipments', { rows: [ship('D1', 100)] })).status).toBe(200);
      expect((await admin.post('/api/v1/exchange/shipments', { rows: [ship('D2', 'abc')] })).status).toBe(422);
      // 00:30 on the 3rd in Shanghai: still the 2nd in UTC, so a UTC day would put it on the wrong date
      await t.setNow('2026-03-03T00:30:00+08:00');
      expect((await am1.post('/api/v1/exchange/opportunities', { rows: [opportunity('Y-1')] })).status).toBe(200);
      await t.setNow('2026-03-05T10:00:00+08:00');
      admin = await t.as('admin'); // a session idle for days has ended
      expect((await admin.post('/api/v1/exchange/shipments', { rows: [ship('D3', 300)] })).status).toBe(200);
    }, 180_000);
    afterAll(() => t.close());

    const runs = async (query: string) => {
      const res = await admin.get(`/api/v1/exchange/runs?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((r) => `${r.kind}:${r.status}:${r.actorName}`);
    };

    test('by kind and by status', async () => {
      expect(await runs('')).toEqual([
        'shipments:ok:admin',
        'opportunities:ok:am1',
        'shipments:rejected:admin',
        'shipments:ok:admin',
      ]);
      expect(await runs('kind=opportunities')).toEqual(['opportunities:ok:am1']);
      expect(await runs('status=rejected')).toEqual(['shipments:rejected:admin']);
      expect(await runs('kind=shipments&status=ok')).toEqual(['shipments:ok:admin', 'shipments:ok:admin']);
    });

    test('by day range in the company time zone, both ends included', async () => {
      expect(await runs('from=2026-03-02&to=2026-03-02')).toEqual(['shipments:rejected:admin', 'shipments:ok:admin']);
      expect(await runs('from=2026-03-03&to=2026-03-03')).toEqual(['opportunities:ok:am1']);
      expect(await runs('from=2026-03-03')).toEqual(['shipments:ok:admin', 'opportunities:ok:am1']);
      expect(await runs('to=2026-03-04')).toHaveLength(3);
    });

    test('by who sent it, and the filters page together', async () => {
      expect(await runs(`actorId=${am1Id}`)).toEqual(['opportunities:ok:am1']);
      const first = await admin.get('/api/v1/exchange/runs?kind=shipments&limit=1');
      expect(first.body.items).toHaveLength(1);
      const next = await admin.get(`/api/v1/exchange/runs?kind=shipments&limit=5&cursor=${first.body.nextCursor}`);
      expect(next.body.items.map((r) => r.kind)).toEqual(['shipments', 'shipments']);
    });

    test('a filter it cannot read is a 400; the log stays the admin’s', async () => {
      expect((await admin.get('/api/v1/exchange/runs?status=great')).status).toBe(400);
      expect((await admin.get('/api/v1/exchange/runs?from=March')).status).toBe(400);
      // an AM imports opportunities but does not read the log
      expect((await (await t.as('am1')).get('/api/v1/exchange/runs')).status).toBe(403);
    });
  },
);
