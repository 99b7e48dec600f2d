import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTwoInstances, type TwoInstances } from '../support/instances.js';
import { describeOnPostgres } from '../support/suites.js';
import { type Client, login } from '../support/test-app.js';

type Page = { items: { id: number; status: string }[] };

/**
 * Each instance keeps the /tasks pages it answered (tasks/kept-pages.ts); the count of changes they are
 * checked against lives in the database. A task completed through one instance is completed in the very
 * next list read through the other.
 */
describeOnPostgres('kept /tasks pages with two instances on one PostgreSQL (issue 14, SPEC §8)', () => {
  const name = `crm_task_pages_instances_${process.pid}`;
  let instances: TwoInstances | undefined;
  let ceoA: Client;
  let am1B: Client;
  let id: number;

  const statusVia = async (client: Client) => {
    const res = await client.get('/api/v1/tasks');
    expect(res.status).toBe(200);
    return (res.body as unknown as Page).items.find((i) => i.id === id)?.status;
  };

  beforeAll(async () => {
    instances = await startTwoInstances(name, new Date('2026-03-10T09:00:00Z'));
    [ceoA, am1B] = [await login(instances.appA, 'ceo'), await login(instances.appB, 'am1')];
    const [row] = await instances.a.query<{ id: number }>(
      `insert into tasks (meeting_id, series_id, meeting_type, track_id, dimension, subject_type, subject_id, month,
         background, description, owner_id, deadline, status, created_at, created_by)
       select 1, 1, 'weekly', track_id, 1, 'am', id, '2026-02', '背景', '说明', id, timestamptz '2026-03-12T10:00:00Z',
         'pending', now(), id from users where username = 'am1' returning id`,
    );
    id = row!.id;
  });
  afterAll(async () => instances?.close());

  test('completed through B, the list read through A shows it at once', async () => {
    expect(await statusVia(ceoA)).toBe('pending');
    expect(await statusVia(ceoA)).toBe('pending');
    expect(await statusVia(am1B)).toBe('pending');
    expect((await am1B.post(`/api/v1/tasks/${id}/complete`, { note: '已完成' })).status).toBe(200);
    expect(await statusVia(ceoA)).toBe('completed');
  });
});
