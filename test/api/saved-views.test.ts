import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeWithDatabase(
  'saved views: a user keeps named filter sets of a list, and only sees and deletes their own',
  () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    test('an AM saves the current filters under a name, reads them back on another sign-in, replaces and deletes one', async () => {
      const am = await t.as('am1');
      const saved = await am.post('/api/v1/me/views', {
        page: 'opportunities',
        name: ' B 阶段商品 ',
        query: { stage: 'B', businessLine: 'commodity' },
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        page: 'opportunities',
        name: 'B 阶段商品',
        query: { stage: 'B', businessLine: 'commodity' },
      });
      await am.post('/api/v1/me/views', { page: 'opportunities', name: 'H 阶段', query: { stage: 'H' } });

      // another device: a fresh sign-in sees the same views, by name
      const again = await t.as('am1');
      const list = await again.get('/api/v1/me/views?page=opportunities');
      expect(list.status).toBe(200);
      expect(list.body.items.map((v) => [v.name, v.query])).toEqual([
        ['B 阶段商品', { stage: 'B', businessLine: 'commodity' }],
        ['H 阶段', { stage: 'H' }],
      ]);

      // the same name again replaces the filters instead of adding a second view
      const replaced = await again.post('/api/v1/me/views', {
        page: 'opportunities',
        name: 'H 阶段',
        query: { stage: 'H', q: '华东' },
      });
      expect(replaced.body.id).toBe(list.body.items[1]!.id);
      const afterReplace = await again.get('/api/v1/me/views?page=opportunities');
      expect(afterReplace.body.items).toHaveLength(2);
      expect(afterReplace.body.items[1]!.query).toEqual({ stage: 'H', q: '华东' });

      expect((await again.delete(`/api/v1/me/views/${saved.body.id}`)).status).toBe(204);
      expect((await again.get('/api/v1/me/views?page=opportunities')).body.items.map((v) => v.name)).toEqual([
        'H 阶段',
      ]);
    });

    test("another user neither sees nor deletes someone's views", async () => {
      const am1 = await t.as('am1');
      const own = await am1.post('/api/v1/me/views', {
        page: 'opportunities',
        name: '我的视图',
        query: { stage: 'C' },
      });
      const am2 = await t.as('am2');
      expect((await am2.get('/api/v1/me/views?page=opportunities')).body.items).toEqual([]);
      const refused = await am2.delete(`/api/v1/me/views/${own.body.id}`);
      expect(refused.status).toBe(404);
      const director = await t.as('director1');
      expect((await director.delete(`/api/v1/me/views/${own.body.id}`)).status).toBe(404);
      const still = await am1.get('/api/v1/me/views?page=opportunities');
      expect(still.body.items.some((v) => v.id === own.body.id)).toBe(true);
    });

    test('a view needs a name and a known page, and its filters stay small', async () => {
      const am = await t.as('am1');
      expect((await am.post('/api/v1/me/views', { page: 'opportunities', name: '  ', query: {} })).status).toBe(400);
      expect((await am.post('/api/v1/me/views', { page: 'nowhere', name: 'x', query: {} })).status).toBe(400);
      expect((await am.get('/api/v1/me/views')).status).toBe(400);
      const tooLong = await am.post('/api/v1/me/views', {
        page: 'opportunities',
        name: 'x',
        query: { q: 'x'.repeat(201) },
      });
      expect(tooLong.status).toBe(400);
    });
  },
);
