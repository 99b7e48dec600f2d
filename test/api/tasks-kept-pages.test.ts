import { afterAll, beforeAll, expect, test } from 'vitest';
import { tasksStamp } from '../../src/tasks/kept-pages.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

type Item = { id: number; status: string; overdue: boolean; ownerId: number; description: string };
type Page = { items: Item[]; nextCursor: string | null };

// GET /tasks sends a page again while nothing it shows has changed (tasks/kept-pages.ts, issue 14): every
// change to a task, by any route or statement, and the clock crossing a pending task's deadline must show
// in the very next answer.
const NOW = '2026-03-10T09:00:00.000Z';
const DEADLINE = '2026-03-10T10:00:00.000Z';

describeWithDatabase('GET /tasks kept pages: current after every change and every deadline (issue 14)', () => {
  let t: TestApp;
  let ceo: Client;
  let am1: Client;
  let mine: number;
  let other: number;

  const page = async (client: Client, query = '') => {
    const res = await client.get(`/api/v1/tasks${query}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    return res.body as unknown as Page;
  };
  /** Moves the clock and signs in again (a session does not outlive a jump of the clock). */
  const setNow = async (iso: string) => {
    await t.setNow(iso);
    [ceo, am1] = [await t.as('ceo'), await t.as('am1')];
  };
  const task = async (client: Client, id: number) => (await page(client)).items.find((i) => i.id === id);

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    [ceo, am1] = [await t.as('ceo'), await t.as('am1')];
    // Two pending tasks of T1: am1's due at 10:00, am2's a day later.
    const [first, second] = await t.database.query<{ id: number }>(
      `insert into tasks (meeting_id, series_id, meeting_type, track_id, dimension, subject_type, subject_id, month, background,
         description, owner_id, deadline, status, created_at, created_by)
       select 1, 1, 'weekly', u.track_id, 1, 'am', u.id, '2026-02', '背景', '说明', u.id, d, 'pending', '${NOW}', u.id
       from (values ('am1', timestamptz '${DEADLINE}'), ('am2', timestamptz '${DEADLINE}' + interval '1 day')) v(name, d)
       join users u on u.username = v.name order by v.name returning id`,
    );
    [mine, other] = [first!.id, second!.id];
  });
  afterAll(async () => t?.close());

  test('the same request twice answers the same bytes', async () => {
    const [a, b] = [await ceo.get('/api/v1/tasks?limit=7'), await ceo.get('/api/v1/tasks?limit=7')];
    expect(b.body).toEqual(a.body);
    expect((a.body as unknown as Page).items.map((i) => i.id)).toEqual([mine, other]);
  });

  test('the clock crossing a deadline, forward and back, flips `overdue` without any write', async () => {
    const { stamp } = await tasksStamp(t.database);
    expect((await task(ceo, mine))?.overdue).toBe(false);
    await setNow(DEADLINE);
    expect((await task(ceo, mine))?.overdue).toBe(true);
    expect((await task(ceo, other))?.overdue).toBe(false);
    await setNow('2026-03-11T10:00:00.000Z');
    expect((await task(ceo, other))?.overdue).toBe(true);
    await setNow(NOW);
    expect((await page(ceo)).items.map((i) => i.overdue)).toEqual([false, false]);
    expect((await tasksStamp(t.database)).stamp).toBe(stamp);
  });

  test('a task completed through the API shows at once, to its owner and to the CEO', async () => {
    expect((await task(am1, mine))?.status).toBe('pending');
    expect((await task(ceo, mine))?.status).toBe('pending');
    const res = await am1.post(`/api/v1/tasks/${mine}/complete`, { note: '已完成' });
    expect(res.status).toBe(200);
    expect((await task(am1, mine))?.status).toBe('completed');
    expect((await task(ceo, mine))?.status).toBe('completed');
  });

  test('many readers at once after a change all read the change (they share one read of the page)', async () => {
    await page(ceo);
    await t.database.query(`update tasks set description = '改过的说明' where id = ${other}`);
    const pages = await Promise.all(Array.from({ length: 12 }, () => page(ceo)));
    for (const p of pages) expect(p).toEqual(pages[0]);
    expect(pages[0]!.items.find((i) => i.id === other)).toMatchObject({ description: '改过的说明' });
  });

  test('a change by any statement shows at once; a statement that changes no task leaves the count', async () => {
    expect((await task(ceo, other))?.ownerId).not.toBe((await task(ceo, mine))?.ownerId);
    const { stamp } = await tasksStamp(t.database);
    await t.database.query(`update tasks set status = 'closed' where id = -1`);
    expect((await tasksStamp(t.database)).stamp).toBe(stamp);
    await t.database.query(
      `update tasks set owner_id = (select owner_id from tasks where id = ${mine}) where id = ${other}`,
    );
    expect((await tasksStamp(t.database)).stamp).toBeGreaterThan(stamp);
    expect((await page(am1)).items.map((i) => i.id)).toEqual([mine, other]);
    await t.database.query(`delete from tasks where id = ${other}`);
    expect((await page(am1)).items.map((i) => i.id)).toEqual([mine]);
    expect((await page(ceo)).items.map((i) => i.id)).toEqual([mine]);
  });
});
