import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FeedItemDto } from '../../src/feeds/contract.js';
import { restoreClockAfterEach } from '../support/clock.js';
import { type Writer, writerFor } from '../support/feeds.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, type Response, startTestApp, type TestApp } from '../support/test-app.js';

type FeedPage = { items: FeedItemDto[]; nextCursor: string | null };
const fieldsOf = (res: Response) => (res.error?.details ?? []).map((d) => d.field);

/**
 * The planner feed (SPEC §9.1 `Feeds`, issue 11 item 4). Each test writes at its own day of March 2026
 * (Asia/Shanghai) and reads the feed from that instant on, so it sees only what it wrote.
 */
describeWithDatabase('the planner feed GET /feeds/forecast (SPEC §7 "Out", §9.1 Feeds)', () => {
  let t: TestApp;
  let write: Writer;
  const planner = () => t.as('planner');
  const feed = async (client: Client, query: string): Promise<FeedPage> => {
    const res = await client.get(`/api/v1/feeds/forecast?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as FeedPage;
  };
  const codesOf = (page: FeedPage) => page.items.map((i) => `${i.opportunityCode}/${i.version}`);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
    write = await writerFor(t);
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('integrated opportunities both versions at every stage; commodity only from H and only the quote', async () => {
    await t.setNow('2026-03-03T10:00:00+08:00');
    const a = await write.create('F1-A', 'integrated', {
      orderMonth: '2026-06',
      amount: 1000,
      shipments: { '2026-08': 600, '2026-07': 400 },
    });
    await write.put(a, 'precision', { orderMonth: '2026-06', amount: 900, shipments: { '2026-07': 900 } });
    const early = await write.create('F1-Q', 'commodity');
    await write.put(early, 'precision', { orderMonth: '2026-05', amount: 500, shipments: { '2026-06': 500 } });
    await write.stage(early, 'M');
    const quoted = await write.create('F1-R', 'commodity');
    await write.put(quoted, 'precision', {
      orderMonth: '2026-05',
      amount: 300,
      shipments: { '2026-06': 300 },
      items: [{ partNo: 'P-1', quantity: 6, unitPrice: 50 }],
    });
    await write.stage(quoted, 'H');

    const page = await feed(await planner(), 'updatedSince=2026-03-03T02:00:00Z');
    expect(codesOf(page)).toEqual(['F1-A/rolling', 'F1-A/precision', 'F1-R/precision']);
    const at = '2026-03-03T02:00:00.000Z';
    const common = { customerCode: 'C1', trackCode: 'T1', amCode: 'AM1', businessLine: 'integrated' };
    expect(page.items[0]).toEqual({
      opportunityCode: 'F1-A',
      ...common,
      kind: 'mold_development',
      stage: 'lead',
      probability: 0.05,
      version: 'rolling',
      orderMonth: '2026-06',
      amount: 1000,
      shipments: { '2026-07': 400, '2026-08': 600 },
      updatedAt: at,
    });
    expect(page.items[1]).toMatchObject({ version: 'precision', amount: 900, shipments: { '2026-07': 900 } });
    expect(page.items[2]).toEqual({
      opportunityCode: 'F1-R',
      customerCode: 'C3',
      trackCode: 'T2',
      amCode: 'AM3',
      businessLine: 'commodity',
      kind: 'commodity_mold',
      stage: 'H',
      probability: 0.8,
      version: 'precision',
      orderMonth: '2026-05',
      amount: 300,
      shipments: { '2026-06': 300 },
      updatedAt: at,
    });
    expect(page.nextCursor).toBeNull();
  });

  test('a commodity quote that leaves H appears once more with removed: true, and a pre-H one never', async () => {
    await t.setNow('2026-03-04T10:00:00+08:00');
    const q = await write.create('F2-Q', 'commodity');
    await write.put(q, 'precision', { orderMonth: '2026-07', amount: 800, shipments: { '2026-08': 800 } });
    const reader = await planner();
    expect(codesOf(await feed(reader, 'updatedSince=2026-03-04T02:00:00Z'))).toEqual([]);
    await write.stage(q, 'H');
    expect(codesOf(await feed(reader, 'updatedSince=2026-03-04T02:00:00Z'))).toEqual(['F2-Q/precision']);

    await t.setNow('2026-03-04T11:00:00+08:00');
    await write.stage(q, 'lost', '客户取消项目');
    const after = await feed(reader, 'updatedSince=2026-03-04T03:00:00Z');
    expect(after.items).toEqual([
      expect.objectContaining({
        opportunityCode: 'F2-Q',
        stage: 'lost',
        version: 'precision',
        probability: 0,
        amount: 800,
        removed: true,
        updatedAt: '2026-03-04T03:00:00.000Z',
      }),
    ]);
    // An integrated opportunity that is lost stays in the feed as it is: planners see every stage.
    const lost = await write.create('F2-I', 'integrated', { orderMonth: '2026-09', amount: 50, shipments: {} });
    await write.stage(lost, 'lost', '价格不具竞争力');
    const integrated = (await feed(reader, 'updatedSince=2026-03-04T03:00:00Z')).items.find(
      (i) => i.opportunityCode === 'F2-I',
    );
    expect(integrated).toMatchObject({ stage: 'lost', probability: 0 });
    expect(integrated).not.toHaveProperty('removed');
  });

  test('updatedSince is inclusive to the millisecond, and updatedAt moves on versions, stage and the opportunity', async () => {
    await t.setNow('2026-03-05T09:00:00.000+08:00');
    const first = await write.create('F3-A', 'integrated', { orderMonth: '2026-06', amount: 10, shipments: {} });
    await t.setNow('2026-03-05T09:00:00.001+08:00');
    await write.create('F3-B', 'integrated', { orderMonth: '2026-06', amount: 20, shipments: {} });
    const reader = await planner();
    const since = async (instant: string) => codesOf(await feed(reader, `updatedSince=${instant}`));
    expect(await since('2026-03-05T01:00:00Z')).toEqual(['F3-A/rolling', 'F3-B/rolling']);
    expect(await since('2026-03-05T01:00:00.001Z')).toEqual(['F3-B/rolling']);
    expect(await since('2026-03-05T01:00:00.002Z')).toEqual([]);

    const moved = async (iso: string, change: () => Promise<void>) => {
      await t.setNow(iso);
      await change();
      const page = await feed(await planner(), `updatedSince=${encodeURIComponent(iso)}`);
      return page.items.map((i) => `${i.opportunityCode}/${i.version}@${i.updatedAt}`);
    };
    expect(
      await moved('2026-03-05T10:00:00+08:00', () =>
        write.put(first, 'precision', { orderMonth: '2026-06', amount: 10, shipments: { '2026-07': 10 } }),
      ),
    ).toEqual(['F3-A/rolling@2026-03-05T02:00:00.000Z', 'F3-A/precision@2026-03-05T02:00:00.000Z']);
    expect(await moved('2026-03-05T11:00:00+08:00', () => write.stage(first, 'M'))).toEqual([
      'F3-A/rolling@2026-03-05T03:00:00.000Z',
      'F3-A/precision@2026-03-05T03:00:00.000Z',
    ]);
    const rename = async () => {
      const res = await (await t.as('am1')).patch(`/api/v1/opportunities/${first}`, { name: '新名称' });
      expect(res.status).toBe(200);
    };
    expect(await moved('2026-03-05T12:00:00+08:00', rename)).toHaveLength(2);
  });

  test('cursor paging walks (updatedAt, id) without losing a row written between pages', async () => {
    await t.setNow('2026-03-06T09:00:00+08:00');
    const values = { orderMonth: '2026-06', amount: 1, shipments: {} };
    const p1 = await write.create('F4-1', 'integrated', values);
    await t.setNow('2026-03-06T08:30:00+08:00');
    await write.create('F4-2', 'integrated', values);
    await t.setNow('2026-03-06T09:00:00+08:00');
    await write.create('F4-3', 'integrated', values);
    const reader = await planner();
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page = await feed(reader, `updatedSince=2026-03-06T00:00:00Z&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...codesOf(page));
      cursor = page.nextCursor;
      if (++pages === 1) {
        // Written while the reader pages, before it was read: it moves behind the others and is not lost.
        await t.setNow('2026-03-06T10:00:00+08:00');
        await write.put(p1, 'rolling', { ...values, amount: 2 });
      }
    }
    expect(seen).toEqual(['F4-2/rolling', 'F4-3/rolling', 'F4-1/rolling']);
  });

  test('CSV and XLSX: one row per opportunity, version and shipment month, the other fields repeated', async () => {
    await t.setNow('2026-03-07T09:00:00+08:00');
    const x = await write.create('F5-X', 'integrated', {
      orderMonth: '2026-06',
      amount: 1000,
      shipments: { '2026-07': 400, '2026-08': 600 },
    });
    await write.put(x, 'precision', { orderMonth: '2026-06', amount: 900, shipments: {} });
    const y = await write.create('=F5-Y', 'commodity');
    await write.put(y, 'precision', { orderMonth: '2026-05', amount: 300.5, shipments: { '2026-06': 300.5 } });
    await write.stage(y, 'won');
    const at = '2026-03-07T01:00:00.000Z';
    const header =
      'opportunityCode,customerCode,trackCode,amCode,businessLine,kind,stage,probability,version,orderMonth,amount,month,shipmentAmount,updatedAt,removed';
    const lines = [
      `F5-X,C1,T1,AM1,integrated,mold_development,lead,0.05,rolling,2026-06,1000,2026-07,400,${at},false`,
      `F5-X,C1,T1,AM1,integrated,mold_development,lead,0.05,rolling,2026-06,1000,2026-08,600,${at},false`,
      `F5-X,C1,T1,AM1,integrated,mold_development,lead,0.05,precision,2026-06,900,,,${at},false`,
      // A code that starts like a formula is written as text (SPEC §11).
      `'=F5-Y,C3,T2,AM3,commodity,commodity_mold,won,1,precision,2026-05,300.5,2026-06,300.5,${at},false`,
    ];
    const reader = await planner();
    const csv = await reader.get('/api/v1/feeds/forecast?format=csv&updatedSince=2026-03-07T00:00:00Z');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(csv.headers['content-disposition'])).toContain('forecast-feed.csv');
    expect(csv.body).toBe(`\uFEFF${[header, ...lines].join('\r\n')}\r\n`);

    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/v1/feeds/forecast?format=xlsx&updatedSince=2026-03-07T00:00:00Z',
      headers: { cookie: reader.cookie!, host: 'crm.test' },
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().slice(1) as unknown[][];
    expect(rows.map((r) => r.slice(1).join(','))).toEqual([header, ...lines]);
    expect(rows[1]![11]).toBe(1000);
    expect(rows[1]![15]).toBe(false);
  });

  test('a time that is not an instant, an unknown format or a foreign cursor is 400 naming it', async () => {
    const reader = await planner();
    for (const [query, field] of [
      ['updatedSince=2026-03-01', 'updatedSince'],
      ['updatedSince=yesterday', 'updatedSince'],
      ['format=pdf', 'format'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['limit=0', 'limit'],
    ]) {
      const res = await reader.get(`/api/v1/feeds/forecast?${query}`);
      expect(res.status, query).toBe(400);
      expect(fieldsOf(res), query).toEqual([field]);
    }
  });
});
