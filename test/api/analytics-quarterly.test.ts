import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tracks as trackTable, users } from '../../src/org/schema.js';
import { tasks } from '../../src/tasks/schema.js';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type TaskRow = typeof tasks.$inferInsert;
type Extra = Partial<Pick<TaskRow, 'status' | 'lateEntry' | 'extensions' | 'reassignments'>> & {
  completedAt?: string;
  closedAt?: string;
  escalatedAt?: string;
};
type Fixture = Extra & {
  track: 'T1' | 'T2';
  type: 'supervision' | 'weekly';
  dimension: number;
  owner: string;
  createdAt: string;
  deadline: string;
};

const fixture =
  (type: Fixture['type']) =>
  (track: Fixture['track'], dimension: number, owner: string, createdAt: string, deadline: string, extra: Extra = {}) =>
    ({ type, track, dimension, owner, createdAt, deadline, ...extra }) satisfies Fixture;
const sup = fixture('supervision');
const wk = fixture('weekly');
const done = (completedAt: string, extra: Extra = {}): Extra => ({ status: 'completed', completedAt, ...extra });
const closed = (closedAt: string, extra: Extra = {}): Extra => ({ status: 'closed', closedAt, ...extra });

/**
 * Hand-made tasks around 2026-Q2 in Asia/Shanghai: [2026-03-31T16:00Z, 2026-06-30T16:00Z).
 * Days to complete are written beside each completed task.
 */
const FIXTURES: Record<string, Fixture> = {
  // Supervision, Q2. S1 is raised at 1 April 00:30 local, S4 at 30 June 23:59 local: both in Q2.
  S1: sup('T1', 1, 'director1', '2026-03-31T16:30:00Z', '2026-05-10T02:00:00Z', done('2026-05-05T16:30:00Z')), // on time, 35 d
  S2: sup(
    'T1',
    3,
    'director1',
    '2026-04-10T02:00:00Z',
    '2026-05-10T02:00:00Z',
    done('2026-05-22T14:00:00Z', { extensions: 1 }),
  ), // late, 42.5 d
  S3: sup('T2', 5, 'director2', '2026-05-01T02:00:00Z', '2026-06-01T02:00:00Z', closed('2026-05-20T02:00:00Z')),
  S4: sup('T2', 1, 'director2', '2026-06-30T15:59:00Z', '2026-07-20T02:00:00Z'),
  // Weekly, Q2
  W1: wk('T1', 2, 'am1', '2026-04-06T02:00:00Z', '2026-04-13T01:00:00Z', done('2026-04-12T02:00:00Z')), // on time, 6 d
  W2: wk(
    'T1',
    2,
    'am1',
    '2026-04-13T02:00:00Z',
    '2026-04-20T01:00:00Z',
    done('2026-04-25T02:00:00Z', { escalatedAt: '2026-04-20T01:00:00Z', extensions: 2 }),
  ), // late, 12 d
  W3: wk('T1', 4, 'am1', '2026-05-11T10:00:00Z', '2026-05-18T01:00:00Z', {
    escalatedAt: '2026-05-18T01:00:00Z',
    lateEntry: true,
    reassignments: 1,
  }),
  W4: wk(
    'T1',
    4,
    'am2',
    '2026-05-18T02:00:00Z',
    '2026-05-25T01:00:00Z',
    closed('2026-06-03T02:00:00Z', { escalatedAt: '2026-05-25T01:00:00Z', reassignments: 1 }),
  ),
  W5: wk(
    'T2',
    4,
    'am3',
    '2026-06-01T02:00:00Z',
    '2026-06-08T01:00:00Z',
    done('2026-06-03T14:00:00Z', { lateEntry: true }),
  ), // on time, 2.5 d
  W6: wk('T2', 2, 'am3', '2026-06-08T02:00:00Z', '2026-06-15T01:00:00Z', done('2026-06-16T02:00:00Z')), // late, 8 d
  // Q1 2026, the previous quarter: P2 is raised at 31 March 23:59 local, P4 at 1 January 00:00 local.
  P1: sup('T1', 1, 'director1', '2026-02-10T02:00:00Z', '2026-03-10T02:00:00Z'),
  P2: wk('T1', 2, 'am1', '2026-03-31T15:59:00Z', '2026-04-06T01:00:00Z'),
  P3: sup('T2', 8, 'director2', '2026-01-05T02:00:00Z', '2026-02-05T02:00:00Z'),
  P4: sup('T2', 7, 'director2', '2025-12-31T16:00:00Z', '2026-02-05T02:00:00Z'),
  // Outside both: O1 in 2025-Q4 (31 December 23:59 local), O2 at 1 July 00:00 local, O3 in Q3 after now.
  O1: sup('T2', 6, 'director2', '2025-12-31T15:59:00Z', '2026-01-05T02:00:00Z'),
  O2: sup('T1', 1, 'director1', '2026-06-30T16:00:00Z', '2026-08-10T02:00:00Z'),
  O3: sup('T1', 3, 'director1', '2026-07-20T02:00:00Z', '2026-08-10T02:00:00Z'),
};

const NOW = '2026-07-10T10:00:00+08:00';
const zeros = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0, '7': 0, '8': 0 };

describeWithDatabase('A1 quarterly analysis (SPEC §4.6): GET /analytics/quarterly', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const db = t.database.db;
    const people = await db.select({ id: users.id, username: users.username }).from(users);
    const lines = await db.select({ id: trackTable.id, code: trackTable.code }).from(trackTable);
    ids = Object.fromEntries([...people.map((u) => [u.username, u.id]), ...lines.map((l) => [l.code, l.id])]);
    const at = (iso: string | undefined) => (iso ? new Date(iso) : null);
    await db.insert(tasks).values(
      Object.entries(FIXTURES).map(([name, f]) => ({
        meetingId: 1,
        seriesId: 1,
        meetingType: f.type,
        trackId: ids[f.track]!,
        dimension: f.dimension,
        subjectType: 'track' as const,
        subjectId: ids[f.track]!,
        month: f.createdAt.slice(0, 7),
        background: `fixture ${name}`,
        description: `fixture ${name}`,
        ownerId: ids[f.owner]!,
        deadline: new Date(f.deadline),
        status: f.status ?? 'pending',
        lateEntry: f.lateEntry ?? false,
        extensions: f.extensions ?? 0,
        reassignments: f.reassignments ?? 0,
        escalatedAt: at(f.escalatedAt),
        completedAt: at(f.completedAt),
        closedAt: at(f.closedAt),
        createdAt: new Date(f.createdAt),
        createdBy: ids.secretary!,
      })),
    );
  });
  afterAll(() => t.close());

  const owner = (
    name: string,
    raised: number,
    completed: number,
    closed: number,
    completionRate: number | null,
    onTime: number,
    extensions: number,
    reassignments: number,
  ) => ({ ownerId: ids[name], name, raised, completed, closed, completionRate, onTime, extensions, reassignments });
  const get = async (who: string, query: string) => (await t.as(who)).get(`/api/v1/analytics/quarterly?${query}`);

  test('both meeting types, every track: each number as counted by hand', async () => {
    const res = await get('ceo', 'quarter=2026-Q2');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      quarter: '2026-Q2',
      previousQuarter: '2026-Q1',
      type: null,
      trackId: null,
      from: '2026-03-31T16:00:00.000Z',
      to: '2026-06-30T16:00:00.000Z',
      measuredAt: '2026-07-10T02:00:00.000Z',
      raised: 10, // S1–S4, W1–W6 (S1 and S4 sit just inside the local boundaries; P2 and O2 just outside)
      completed: 6, // S1 S2 W1 W2 W5 W6
      closed: 2, // S3 W4
      completionRate: 0.75, // 6 ÷ (10 − 2)
      onTime: 3, // S1 W1 W5
      onTimeRate: 0.375, // 3 ÷ 8
      escalated: 3, // W2 W3 W4
      weeklyRaised: 6,
      escalationRate: 0.5, // 3 ÷ 6
      lateEntries: 2, // W3 W5
      meanDaysToComplete: 17.7, // (35 + 42.5 + 6 + 12 + 2.5 + 8) ÷ 6 = 17.67
      extensions: 3, // S2 1, W2 2
      reassignments: 2, // W3 W4
      extensionsPerTask: 0.3, // 3 ÷ 10
      reassignmentsPerTask: 0.2, // 2 ÷ 10
      goal: 0.9,
      byDimension: { ...zeros, '1': 2, '2': 3, '3': 1, '4': 3, '5': 1 }, // 1: S1 S4 · 2: W1 W2 W6 · 3: S2 · 4: W3 W4 W5 · 5: S3
      previousByDimension: { ...zeros, '1': 1, '2': 1, '7': 1, '8': 1 }, // P1 P2 P4 P3 (O1 is 2025-Q4)
      owners: [
        // lowest completion rate first; director1 and am3 tie at 1 and go by name; am2 has only a closed task: no rate, last
        //     name        raised completed closed rate onTime extensions reassignments
        owner('director2', 2, 0, 1, 0, 0, 0, 0), // 0 ÷ (2 − 1)
        owner('am1', 3, 2, 0, 0.6667, 1, 2, 1), // 2 ÷ 3
        owner('am3', 2, 2, 0, 1, 1, 0, 0),
        owner('director1', 2, 2, 0, 1, 1, 1, 0),
        owner('am2', 1, 0, 1, null, 0, 0, 1), // 0 ÷ (1 − 1)
      ],
    });
  });

  test('per meeting type: weekly tasks alone, supervision tasks alone (no escalation rate)', async () => {
    const weekly = await get('secretary', 'quarter=2026-Q2&type=weekly');
    expect(weekly.body).toMatchObject({
      type: 'weekly',
      raised: 6,
      completed: 4, // W1 W2 W5 W6
      closed: 1, // W4
      completionRate: 0.8, // 4 ÷ 5
      onTimeRate: 0.4, // W1 W5: 2 ÷ 5
      escalated: 3,
      escalationRate: 0.5, // 3 ÷ 6
      lateEntries: 2,
      meanDaysToComplete: 7.1, // (6 + 12 + 2.5 + 8) ÷ 4 = 7.125
      extensionsPerTask: 0.33, // 2 ÷ 6
      reassignmentsPerTask: 0.33, // 2 ÷ 6
      byDimension: { ...zeros, '2': 3, '4': 3 },
      previousByDimension: { ...zeros, '2': 1 }, // P2
    });
    const supervision = await get('ceo', 'quarter=2026-Q2&type=supervision');
    expect(supervision.body).toMatchObject({
      type: 'supervision',
      raised: 4,
      completed: 2, // S1 S2
      closed: 1, // S3
      completionRate: 0.6667, // 2 ÷ 3
      onTimeRate: 0.3333, // S1: 1 ÷ 3
      escalated: 0,
      weeklyRaised: 0,
      escalationRate: null,
      lateEntries: 0,
      meanDaysToComplete: 38.8, // (35 + 42.5) ÷ 2 = 38.75
      extensionsPerTask: 0.25, // 1 ÷ 4
      reassignmentsPerTask: 0,
    });
    expect(supervision.body.owners.map((o: { name: string }) => o.name)).toEqual(['director2', 'director1']);
  });

  test("a director sees their own track, asked or not; another track's analysis is refused with the reason", async () => {
    const own = await get('director1', 'quarter=2026-Q2');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      trackId: ids.T1,
      raised: 6, // S1 S2 W1 W2 W3 W4
      completed: 4, // S1 S2 W1 W2
      closed: 1, // W4
      completionRate: 0.8, // 4 ÷ 5
      onTimeRate: 0.4, // S1 W1: 2 ÷ 5
      escalated: 3,
      escalationRate: 0.75, // 3 ÷ 4 weekly
      lateEntries: 1, // W3
      meanDaysToComplete: 23.9, // (35 + 42.5 + 6 + 12) ÷ 4 = 23.875
      extensionsPerTask: 0.5, // 3 ÷ 6
      reassignmentsPerTask: 0.33, // 2 ÷ 6
      byDimension: { ...zeros, '1': 1, '2': 2, '3': 1, '4': 2 },
      previousByDimension: { ...zeros, '1': 1, '2': 1 }, // P1 P2
    });
    expect((await get('director1', `quarter=2026-Q2&trackId=${ids.T1}`)).body).toEqual(own.body);
    const other = await get('director1', `quarter=2026-Q2&trackId=${ids.T2}`);
    expect(other.status).toBe(403);
    expect(other.error?.message).toBe('无权执行此操作：赛道总监只能查看本赛道的季度分析');
  });

  test('CEO, secretary and admin read any track; AMs and planners are refused; an unknown track is 404', async () => {
    const t2 = await get('admin', `quarter=2026-Q2&trackId=${ids.T2}`);
    expect(t2.body).toMatchObject({
      trackId: ids.T2,
      raised: 4, // S3 S4 W5 W6
      completed: 2, // W5 W6
      closed: 1, // S3
      completionRate: 0.6667, // 2 ÷ 3
      onTimeRate: 0.3333, // W5: 1 ÷ 3
      escalated: 0,
      escalationRate: 0, // 0 ÷ 2 weekly
      lateEntries: 1, // W5
      meanDaysToComplete: 5.3, // (2.5 + 8) ÷ 2 = 5.25
      extensionsPerTask: 0,
      reassignmentsPerTask: 0,
    });
    expect((await get('secretary', `quarter=2026-Q2&trackId=${ids.T2}`)).body).toEqual(t2.body);
    expect((await get('ceo', `quarter=2026-Q2&trackId=${ids.T2}`)).body).toEqual(t2.body);
    for (const who of ['am1', 'planner']) {
      const refused = await get(who, 'quarter=2026-Q2');
      expect(refused.status).toBe(403);
      expect(refused.error?.message).toContain('不能查看季度分析');
    }
    expect((await get('ceo', 'quarter=2026-Q2&trackId=99999')).status).toBe(404);
    expect((await t.anonymous().get('/api/v1/analytics/quarterly?quarter=2026-Q2')).status).toBe(401);
  });

  test('a bad or missing quarter is a 400 naming the field', async () => {
    const bad = await get('ceo', 'quarter=2026-Q5');
    expect(bad.status).toBe(400);
    expect(bad.error?.details).toEqual([{ field: 'quarter', reason: '无效：季度格式应为 YYYY-Qn，例如 2026-Q2' }]);
    const missing = await get('ceo', 'type=weekly');
    expect(missing.error?.details).toEqual([{ field: 'quarter', reason: '必填' }]);
    const badType = await get('ceo', 'quarter=2026-Q2&type=monthly');
    expect(badType.error?.details?.[0]?.field).toBe('type');
  });

  test('measured now: a quarter in progress counts the tasks raised so far; an empty quarter has no rates', async () => {
    const current = await get('ceo', 'quarter=2026-Q3');
    expect(current.body).toMatchObject({
      raised: 1, // O2; O3 is raised after now (20 July)
      completionRate: 0, // 0 ÷ 1
      byDimension: { ...zeros, '1': 1 },
      previousByDimension: { ...zeros, '1': 2, '2': 3, '3': 1, '4': 3, '5': 1 }, // Q2 as above
    });
    const empty = await get('ceo', 'quarter=2025-Q3');
    expect(empty.body).toMatchObject({
      raised: 0,
      completed: 0,
      completionRate: null,
      onTimeRate: null,
      escalationRate: null,
      meanDaysToComplete: null,
      extensionsPerTask: null,
      reassignmentsPerTask: null,
      byDimension: zeros,
      previousByDimension: zeros,
      owners: [],
    });
  });

  describe('GET /analytics/quarterly.xlsx', () => {
    async function workbook(who: string, query: string) {
      const client = await t.as(who);
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/analytics/quarterly.xlsx?${query}`,
        headers: { cookie: client.cookie! },
      });
      return { res, book: res.statusCode === 200 ? await load(res.rawPayload) : null };
    }
    async function load(bytes: Buffer) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
      return book;
    }
    const rowsOf = (sheet: ExcelJS.Worksheet) =>
      sheet
        .getSheetValues()
        .slice(1)
        .map((row) => (row as unknown[]).slice(1));

    test('the summary, the dimensions of this and the previous quarter, and the owners: the same numbers', async () => {
      const { res, book } = await workbook('ceo', 'quarter=2026-Q2&type=weekly');
      expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toContain('filename="quarterly-analysis-2026-Q2-weekly.xlsx"');
      expect(book!.worksheets.map((s) => s.name)).toEqual(['汇总', '按维度', '责任人']);
      const [summary, dimensions, owners] = book!.worksheets as [
        ExcelJS.Worksheet,
        ExcelJS.Worksheet,
        ExcelJS.Worksheet,
      ];
      const measures = Object.fromEntries(rowsOf(summary).map(([label, value]) => [label, value]));
      expect(measures).toMatchObject({
        季度: '2026-Q2',
        会议类型: '赛道周会',
        赛道: '全部赛道',
        任务数: 6,
        已完成: 4,
        '已关闭（不计入完成率分母）': 1,
        完成率: 0.8,
        完成率目标: 0.9,
        按期完成率: 0.4,
        已升级: 3,
        升级率: 0.5,
        补录数: 2,
        平均完成天数: 7.1,
        每任务延期次数: 0.33,
        每任务改派次数: 0.33,
      });
      expect(summary.getCell('B9').numFmt).toBe('0.0%'); // 完成率 shows as a percentage
      expect(rowsOf(dimensions)[0]).toEqual([
        '维度',
        '维度名称',
        '本季度任务数（2026-Q2）',
        '上季度任务数（2026-Q1）',
        '环比变化',
      ]);
      expect(
        rowsOf(dimensions)
          .slice(1)
          .map((r) => [r[0], r[2], r[3], r[4]]),
      ).toEqual([
        [1, 0, 0, 0],
        [2, 3, 1, 2],
        [3, 0, 0, 0],
        [4, 3, 0, 3],
        [5, 0, 0, 0],
        [6, 0, 0, 0],
        [7, 0, 0, 0],
        [8, 0, 0, 0],
      ]);
      expect(rowsOf(owners)).toEqual([
        ['排名', '责任人', '任务数', '已完成', '已关闭', '完成率', '按期完成数', '延期次数', '改派次数'],
        [1, 'am1', 3, 2, 0, 0.6667, 1, 2, 1],
        [2, 'am3', 2, 2, 0, 1, 1, 0, 0],
        [3, 'am2', 1, 0, 1, undefined, 0, 0, 1],
      ]);
    });

    test("a director's export is their track's; the same refusals as the JSON", async () => {
      const { book } = await workbook('director1', 'quarter=2026-Q2');
      const measures = Object.fromEntries(rowsOf(book!.worksheets[0]!).map(([label, value]) => [label, value]));
      expect(measures).toMatchObject({ 赛道: '消费电子I', 任务数: 6, 完成率: 0.8 });
      expect((await workbook('director1', `quarter=2026-Q2&trackId=${ids.T2}`)).res.statusCode).toBe(403);
      expect((await workbook('am1', 'quarter=2026-Q2')).res.statusCode).toBe(403);
      expect((await workbook('ceo', 'quarter=Q2-2026')).res.statusCode).toBe(400);
    });
  });
});
