import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ApiRoutes } from '../support/api-routes.js';
import { idsByCode, meetingAt, meetingsBetween, raise } from '../support/meetings.js';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// T1's weekly meetings: Mondays 09:00 Asia/Shanghai (01:00Z); supervision: first Wednesdays 09:30 (01:30Z).
const Z = (day: string, hm = '01:00') => `2026-${day}T${hm}:00.000Z`;
const local = (day: string, hm: string) => `2026-${day}T${hm}:00+08:00`;

describeWithDatabase(
  'the opening report before its first version, and whose meetings are whose (issue 13, item 9)',
  () => {
    let t: TestApp;
    let ids: Record<string, number>;
    let w0302: number;
    let w0309: number;
    let s0401: number;
    let pendingTask: ApiRoutes['POST /api/v1/tasks'];
    const as = (user: string) => t.as(user);

    beforeAll(async () => {
      t = await startTestApp({ now: local('03-02', '08:00') });
      ids = await idsByCode(t);
      const admin = await as('admin');
      w0302 = (await meetingAt(admin, 'weekly', Z('03-02'), ids.T1)).id;
      w0309 = (await meetingAt(admin, 'weekly', Z('03-09'), ids.T1)).id;
      s0401 = (await meetingAt(admin, 'supervision', Z('04-01', '01:30'))).id;
      await t.setNow(local('03-02', '09:30'));
      pendingTask = await raise(await as('director1'), {
        meetingId: w0302,
        dimension: 2,
        subjectType: 'am',
        subjectId: ids.AM1,
        month: '2026-03',
        description: '跟进试模排期',
      });
      await t.setNow(local('03-05', '10:00'));
    });
    afterAll(() => t.close());

    test('the upcoming meeting previews what its report will hold, stores nothing, and the first version holds the same', async () => {
      const director = await as('director1');
      expect((await director.get(`/api/v1/meetings/${w0309}/opening-report`)).status).toBe(404);
      const res = await director.get(`/api/v1/meetings/${w0309}/opening-report/preview`);
      expect(res.status).toBe(200);
      const preview = res.body;
      expect(preview).toMatchObject({ meetingId: w0309, preview: true, computedAt: '2026-03-05T02:00:00.000Z' });
      expect(preview.versions).toEqual([]);
      expect(preview.pending.map((x) => x.id)).toEqual([pendingTask.id]);
      expect(preview.counts).toMatchObject({ pending: 1, overdue: 0 });
      expect(preview.live[String(pendingTask.id)]).toMatchObject({ id: pendingTask.id, status: 'pending' });
      // Nothing stored: the report still has no version.
      expect((await director.get(`/api/v1/meetings/${w0309}/opening-report`)).status).toBe(404);

      const made = await director.post(`/api/v1/meetings/${w0309}/opening-report`);
      expect(made.status).toBe(201);
      expect(made.body.pending).toEqual(preview.pending);
      expect(made.body.counts).toEqual(preview.counts);
      const after = (await director.get(`/api/v1/meetings/${w0309}/opening-report/preview`)).body;
      expect(after.versions.map((v) => v.version)).toEqual([1]);
    });

    test('the preview follows the report rules: other tracks and planners do not read it', async () => {
      expect((await (await as('am1')).get(`/api/v1/meetings/${w0309}/opening-report/preview`)).status).toBe(200);
      expect((await (await as('am3')).get(`/api/v1/meetings/${w0309}/opening-report/preview`)).status).toBe(404);
      expect((await (await as('director2')).get(`/api/v1/meetings/${w0309}/opening-report/preview`)).status).toBe(404);
      expect((await (await as('planner')).get(`/api/v1/meetings/${w0309}/opening-report/preview`)).status).toBe(403);
      expect((await (await as('director2')).get(`/api/v1/meetings/${s0401}/opening-report/preview`)).status).toBe(200);
      expect((await (await as('ceo')).get('/api/v1/meetings/999999/opening-report/preview')).status).toBe(404);
    });

    test("each meeting says whether it is the caller's own: chaired, attended or kept", async () => {
      const from = local('03-05', '00:00');
      const to = local('04-05', '00:00');
      const mine = async (user: string) =>
        (await meetingsBetween(await as(user), from, to)).map((m) => ({
          ...m,
          attend: (m as unknown as { can: { attend: boolean } }).can.attend,
        }));
      const ceo = await mine('ceo');
      expect(ceo.filter((m) => m.attend).every((m) => m.type === 'supervision')).toBe(true);
      expect(ceo.some((m) => m.id === s0401 && m.attend)).toBe(true);
      const am1 = await mine('am1');
      expect(am1.find((m) => m.id === w0309)?.attend).toBe(true);
      expect(am1.filter((m) => m.attend).every((m) => m.type === 'weekly' && m.trackId === ids.T1)).toBe(true);
      const director1 = await mine('director1');
      expect(director1.filter((m) => m.attend).map((m) => m.type)).toEqual(
        expect.arrayContaining(['supervision', 'weekly']),
      );
      expect(director1.filter((m) => m.attend && m.type === 'weekly').every((m) => m.trackId === ids.T1)).toBe(true);
      expect((await mine('admin')).every((m) => m.attend)).toBe(true);
    });
  },
);
