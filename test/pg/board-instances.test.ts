import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildTrack, buildUser } from '../../src/demo/builders.js';
import type { ApiRoutes } from '../support/api-routes.js';
import { startTwoInstances, type TwoInstances } from '../support/instances.js';
import { describeOnPostgres } from '../support/suites.js';
import { type Client, login, smallOrganisation } from '../support/test-app.js';

type Board = ApiRoutes['GET /api/v1/board'];

/**
 * The board is kept per period (board/cache.ts) — in the database and in each instance's memory. With two
 * instances on one PostgreSQL, a write through one is on the board read through the other right after:
 * the version stamp both check lives in the database.
 */
describeOnPostgres('the kept board with two instances on one PostgreSQL (SPEC §3, §8)', () => {
  const name = `crm_board_instances_${process.pid}`;
  let instances: TwoInstances | undefined;
  let appA: FastifyInstance;
  let appB: FastifyInstance;
  let adminA: Client;
  let ceoA: Client;
  let ceoB: Client;
  let director1A: Client;
  const ids: Record<string, number> = {};

  const boardB = async (month: string, view = 'month') => {
    const res = await ceoB.get(`/api/v1/board?month=${month}&view=${view}`);
    expect(res.status).toBe(200);
    return res.body as Board;
  };
  const sales = (b: Board, code: string) => b.tracks.find((x) => x.code === code)!.metrics['1']!.numerator;
  const write = async (kind: string, rows: unknown[]) => {
    const res = await adminA.post(`/api/v1/exchange/${kind}`, { rows });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const ship = (docNo: string, date: string, customerCode: string, amount: number) => ({
    source: 'ERP',
    docNo,
    lineNo: 1,
    date,
    customerCode,
    amount,
  });

  beforeAll(async () => {
    const start = new Date('2026-03-10T10:00:00+08:00');
    const org = smallOrganisation();
    org.tracks.push(buildTrack({ code: 'T3', name: '汽车', directorUsername: null }));
    org.users.push(buildUser({ username: 'am5', role: 'am', trackCode: 'T3' }));
    instances = await startTwoInstances(name, start, org);
    ({ appA, appB } = instances);
    [adminA, ceoA, ceoB, director1A] = [
      await login(appA, 'admin'),
      await login(appA, 'ceo'),
      await login(appB, 'ceo'),
      await login(appA, 'director1'),
    ];
    for (const x of [
      ...(await adminA.get('/api/v1/tracks')).body.items,
      ...(await adminA.get('/api/v1/users?limit=100')).body.items,
    ])
      ids[x.code] = x.id;
    await write('shipments', [ship('S1', '2026-02-10', 'C1', 100), ship('S2', '2026-03-02', 'C3', 50)]);
    await write('targets', [{ year: 2026, month: 3, kind: 'sales', trackCode: 'T3', amCode: 'AM5', amount: 80 }]);
  });
  afterAll(() => instances?.close());

  test('a write-back through A is on the board read through B right after (month and YTD)', async () => {
    expect(sales(await boardB('2026-03'), 'T1')).toBeNull();
    expect(sales(await boardB('2026-03', 'ytd'), 'T1')).toBe(100);
    // B remembers both; A writes a line of March.
    await write('shipments', [ship('S3', '2026-03-05', 'C1', 40)]);
    expect(sales(await boardB('2026-03'), 'T1')).toBe(40);
    expect(sales(await boardB('2026-03', 'ytd'), 'T1')).toBe(140);
    // …and voids it again (the month's rollup keeps a zero).
    await write('shipments', [{ ...ship('S3', '2026-03-05', 'C1', 40), void: true }]);
    expect(sales(await boardB('2026-03'), 'T1')).toBe(0);
    expect(sales(await boardB('2026-03', 'ytd'), 'T1')).toBe(100);
  });

  test('a threshold approved through A colours the board read through B right after', async () => {
    const before = await boardB('2026-03');
    expect(before.dimensions[0]!.bands).toEqual({ red: 0.9, yellow: 1, effectiveMonth: '2000-01' });
    const proposal = await director1A.post('/api/v1/threshold-proposals', {
      no: 1,
      red: 0.5,
      yellow: 0.6,
      reason: '新标准',
    });
    expect(proposal.status).toBe(201);
    const approved = await ceoA.post(`/api/v1/threshold-proposals/${proposal.body.id}/approve`, {
      effectiveMonth: '2026-03',
    });
    expect(approved.status).toBe(200);
    expect((await boardB('2026-03')).dimensions[0]!.bands).toEqual({
      red: 0.5,
      yellow: 0.6,
      effectiveMonth: '2026-03',
    });
  });

  test('an AM moved to another track through A is under that track on the board read through B right after', async () => {
    const am5 = (b: Board) => b.ams.find((x) => x.code === 'AM5')!;
    expect(am5(await boardB('2026-03')).trackId).toBe(ids.T3);
    const moved = await adminA.patch(`/api/v1/users/${ids.AM5}`, { trackId: ids.T1 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(am5(await boardB('2026-03')).trackId).toBe(ids.T1);
  });

  test('boards read through both instances while A writes end equal to the board computed afresh', async () => {
    const reads = Array.from({ length: 6 }, (_, i) =>
      (i % 2 === 0 ? ceoA : ceoB).get('/api/v1/board?month=2026-03&view=ytd'),
    );
    await Promise.all([...reads, write('shipments', [ship('S4', '2026-01-20', 'C2', 7)])]);
    const viaA = (await ceoA.get('/api/v1/board?month=2026-03&view=ytd')).body as Board;
    const viaB = await boardB('2026-03', 'ytd');
    expect(sales(viaB, 'T1')).toBe(107);
    expect(viaB).toEqual(viaA);
  });
});
