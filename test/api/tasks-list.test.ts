import { afterAll, beforeAll, expect, test } from 'vitest';
import { pageOf } from '../../src/http/paging.js';
import type { Actor } from '../../src/org/permissions.js';
import { listTasks, type TaskFilter } from '../../src/tasks/list.js';
import { presentTask } from '../../src/tasks/presenter.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

// GET /tasks reads its page with a prepared statement of its own (tasks/list.ts `listTaskPage`); the
// answer must stay what the ORM read (`listTasks`) and the presenter made of whole rows: the same
// tasks, fields, order, cursors and scope, in both languages, byte for byte.
const NOW = '2026-03-10T09:30:00.000Z';
const USERS = ['ceo', 'secretary', 'admin', 'director1', 'director2', 'am1', 'am2', 'am3'] as const;
type Who = (typeof USERS)[number];

/** 64 tasks over both tracks, every status, escalated or not, overdue or not, some at microseconds. */
const SEED = `
  with people as (select array_agg(id order by username) as ids from users where role in ('am', 'director')),
    t as (select id, code from tracks)
  insert into tasks (meeting_id, series_id, meeting_type, track_id, dimension, subject_type, subject_id, month,
    background, background_facts, description, owner_id, deadline, deadline_meeting_id, status, escalation_due_at,
    escalated_at, escalated_to_meeting_id, late_entry, extensions, reassignments, project_id, origin_task_id,
    created_at, created_by, on_behalf_of_id, completed_at, completion_note, confirmed_at, closed_at, close_reason, version)
  select 100 + g % 5, 10 + g % 3, case when g % 3 = 0 then 'supervision' else 'weekly' end,
    (select id from t where code = case when g % 4 < 2 then 'T1' else 'T2' end), 1 + g % 8,
    case when g % 2 = 0 then 'track' else 'am' end, 1 + g % 6, '2026-0' || (1 + g % 3),
    '背景 ' || g,
    case when g % 5 = 0 then jsonb_build_object('subjectName', 'AM ' || g, 'value', 0.61, 'redBand', 0.8, 'redMonths', g % 3) end,
    case when g % 4 = 0 then '背景 ' || g else '说明 "' || g || '" \\ 跟进' end,
    (select ids[1 + g % array_length(ids, 1)] from people),
    timestamptz '${NOW}' + (g - 30) * interval '7 hours 13 minutes 0.123456 seconds', null,
    (array['pending', 'pending', 'completed', 'closed'])[1 + g % 4],
    case when g % 3 <> 0 then timestamptz '2026-03-09T01:00:00Z' end,
    case when g % 3 <> 0 and g % 2 = 0 then timestamptz '2026-03-09T01:00:00.000999Z' end,
    case when g % 3 <> 0 and g % 2 = 0 then 200 + g % 2 end,
    g % 7 = 0, g % 3, g % 2, case when g % 6 = 0 then 300 + g end, case when g % 9 = 0 then g end,
    timestamptz '2026-02-01T00:00:00Z' + g * interval '1 hour 0.000999 seconds', 1,
    case when g % 8 = 0 then 2 end,
    case when g % 4 = 2 then timestamptz '2026-03-05T10:00:00.5Z' end, case when g % 4 = 2 then '已完成' end,
    case when g % 8 = 2 then timestamptz '2026-03-06T10:00:00Z' end,
    case when g % 4 = 3 then timestamptz '2026-03-07T10:00:00Z' end, case when g % 4 = 3 then '无需跟进' end,
    1 + g % 3
  from generate_series(1, 64) g`;

describeWithDatabase('GET /tasks answers as the ORM read and the presenter made it (issue 14)', () => {
  let t: TestApp;
  const clients = {} as Record<Who, Client>;
  const actors = {} as Record<Who, Actor>;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    await t.database.query(SEED);
    const users = await t.database.query<{ id: number; username: Who; name: string; role: never; track_id: number }>(
      'select id, username, name, role, track_id from users',
    );
    for (const u of users) {
      ids[u.username] = u.id;
      const actor = { kind: 'user', id: u.id, username: u.username, name: u.name, role: u.role, trackId: u.track_id };
      actors[u.username] = { ...actor, mustChangePassword: false, sessionId: 0 } as Actor;
    }
    for (const who of USERS) clients[who] = await t.as(who);
    for (const [code, id] of (await t.database.query<{ code: string; id: number }>('select code, id from tracks')).map(
      (r) => [r.code, r.id] as const,
    ))
      ids[code] = id;
  });
  afterAll(() => t.close());

  /** What the route answered before: the ORM's rows, paged and presented. */
  async function before(who: Who, filter: TaskFilter, limit: number, after: number, locale: 'zh-CN' | 'en') {
    const now = t.clock.now();
    const page = pageOf(await listTasks(t.database.db, actors[who], filter, now, after, limit), limit);
    return { items: page.items.map((row) => presentTask(row, now, actors[who], locale)), nextCursor: page.nextCursor };
  }

  /** Walks every page of a query as `who`, comparing each page with `before`. */
  async function walk(who: Who, filter: TaskFilter, limit: number | undefined, locale: 'zh-CN' | 'en') {
    const query = Object.entries({ ...filter, ...(limit ? { limit } : {}) }).map(([k, v]) => `${k}=${v}`);
    let cursor: string | null = null;
    let after = 0;
    let seen = 0;
    do {
      const url: string = `/api/v1/tasks?${[...query, ...(cursor ? [`cursor=${cursor}`] : [])].join('&')}`;
      const res = await clients[who].get(url, locale === 'en' ? { 'accept-language': 'en' } : {});
      expect(res.status, `${who} ${url}`).toBe(200);
      const body = res.body as Awaited<ReturnType<typeof before>>;
      const expected = await before(who, filter, limit ?? 50, after, locale);
      expect(body, `${who} ${url} ${locale}`).toEqual(expected);
      expect(JSON.stringify(body)).toBe(JSON.stringify(expected));
      seen += body.items.length;
      cursor = body.nextCursor;
      after = body.items.at(-1)?.id ?? after;
    } while (cursor);
    return seen;
  }

  test('every caller, every filter alone and in combinations, paged by 7, in Chinese and English', async () => {
    const filters: TaskFilter[] = [
      {},
      { status: 'pending' },
      { status: 'completed' },
      { status: 'closed' },
      { type: 'weekly' },
      { type: 'supervision' },
      { escalated: true },
      { escalated: false },
      { overdue: true },
      { overdue: false },
      { trackId: ids.T1! },
      { meetingId: 102 },
      { ownerId: ids.am1! },
      { type: 'weekly', status: 'pending', escalated: true, overdue: true },
      { trackId: ids.T2!, overdue: false, escalated: false, ownerId: ids.am3! },
    ];
    const counts: Record<string, number> = {};
    for (const who of USERS)
      for (const filter of filters) {
        const n = await walk(who, filter, 7, 'zh-CN');
        if (Object.keys(filter).length === 0) counts[who] = n;
      }
    for (const who of ['ceo', 'director1', 'am1'] as const) await walk(who, {}, 7, 'en');
    // The scope: everything for the CEO's office and admin, a track and one's own for a director, one's own for an AM.
    expect(counts.ceo).toBe(64);
    expect(counts.admin).toBe(64);
    expect(counts.director1).toBeGreaterThan(counts.am1!);
    expect(counts.am1).toBeGreaterThan(0);
    expect(counts.am1).toBeLessThan(64);
  });

  test('the default page, the largest page, and the instants down to the millisecond as before', async () => {
    expect(await walk('ceo', {}, undefined, 'zh-CN')).toBe(64);
    expect(await walk('director2', { status: 'pending' }, 500, 'en')).toBeGreaterThan(0);
    const res = await clients.ceo.get('/api/v1/tasks?limit=1');
    expect(res.body.items[0]).toMatchObject({
      id: expect.any(Number),
      // stored with microseconds (…56.419776, …00.000999): cut to milliseconds as Date did, never rounded
      deadline: '2026-03-01T16:12:56.419Z',
      createdAt: '2026-02-01T01:00:00.000Z',
      can: expect.any(Object),
    });
  });
});
