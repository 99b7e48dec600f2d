import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { importFile } from '../../src/exchange/cli.js';
import type { ApiRoutes } from '../support/api-routes.js';
import { csvOf, upload } from '../support/spreadsheets.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, type Response, startTestApp, type TestApp } from '../support/test-app.js';

type Row = Record<string, unknown>;
type Opportunity = ApiRoutes['GET /api/v1/opportunities/:id'];

const problemsOf = (res: Response) => (res.error?.details ?? []).map((d) => [d.row, d.field]);

describeWithDatabase('year-start opportunities come in through the exchange (SPEC §9.1 "Year start")', () => {
  let t: TestApp;
  let as: Record<string, Client>;
  const folder = mkdtempSync(join(tmpdir(), 'crm-import-opportunities-'));
  beforeAll(async () => {
    t = await startTestApp();
    as = {};
    for (const u of ['admin', 'ceo', 'planner', 'director1', 'am1', 'am2', 'am3']) as[u] = await t.as(u);
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await t.close();
  });

  let seq = 0;
  const row = (extra: Row = {}): Row => ({
    code: `Y-${++seq}`,
    name: `年初商机 ${seq}`,
    customerCode: 'C1',
    kind: 'mold_development',
    stage: 'L',
    orderMonth: '2026-06',
    amount: 1200,
    shipments: { '2026-07': 700, '2026-08': 500 },
    ...extra,
  });
  const send = (who: string, rows: Row[], headers: Record<string, string> = {}) =>
    as[who]!.post('/api/v1/exchange/opportunities', { rows }, headers);
  const imported = async (who: string, rows: Row[]) => {
    const res = await send(who, rows);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const find = async (code: string, who = 'admin'): Promise<Opportunity> => {
    const list = await as[who]!.get(`/api/v1/opportunities?q=${encodeURIComponent(code)}&limit=500`);
    const item = list.body.items.find((o) => o.code === code);
    expect(item, `${code} visible to ${who}`).toBeDefined();
    return (await as[who]!.get(`/api/v1/opportunities/${item!.id}`)).body;
  };
  const count = async () =>
    Number((await t.database.query<{ n: number }>('select count(*)::int as n from opportunities'))[0]!.n);

  test('an AM enters the year in one batch; re-sending it updates by code, unchanged rows change nothing', async () => {
    const a = row();
    const b = row({ kind: 'mass_production', stage: 'lead', orderMonth: undefined, amount: undefined, shipments: {} });
    const first = await imported('am1', [a, b]);
    expect(first).toMatchObject({ rows: 2, inserted: 2, updated: 0, unchanged: 0 });
    const am1 = (await as.am1!.get('/api/v1/me')).body.user!;
    expect(await find(a.code as string, 'am1')).toMatchObject({
      name: a.name,
      stage: 'L',
      amId: am1.id,
      rolling: { orderMonth: '2026-06', amount: 1200, shipments: { '2026-07': 700, '2026-08': 500 } },
      precision: null,
    });
    // Year start without month or amount: kept, and open for the baseline to list as incomplete.
    expect((await find(b.code as string)).rolling).toBeNull();

    const again = await imported('am1', [a, { ...b, orderMonth: '2026-09', amount: 88.456 }]);
    expect(again).toMatchObject({ rows: 2, inserted: 0, updated: 1, unchanged: 1 });
    expect((await find(b.code as string)).rolling).toMatchObject({ orderMonth: '2026-09', amount: 88.46 });
  });

  test('the JSON batch honours Idempotency-Key: the same key answers the first result without writing twice', async () => {
    const rows = [row(), row()];
    const key = { 'idempotency-key': `opp-${seq}` };
    const first = await send('am1', rows, key);
    expect(first.body).toMatchObject({ inserted: 2 });
    const before = await count();
    const replay = await send('am1', rows, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await count()).toBe(before);
  });

  test('a batch with bad rows writes nothing and names every bad row, its field and why', async () => {
    const before = await count();
    const good = row();
    // Shapes first, as for every kind: each malformed row and field.
    const shapes = await send('admin', [
      good,
      row({ shipments: { '2026-13': 5, '2026-04': -1 } }),
      row({ amount: -3 }),
      row({ orderMonth: '1899-12' }),
      row({ stage: 'maybe' }),
    ]);
    expect(shapes.status).toBe(422);
    expect(shapes.error?.code).toBe('rows_rejected');
    expect(problemsOf(shapes)).toEqual([
      [1, 'shipments.2026-13'],
      [1, 'shipments.2026-04'],
      [2, 'amount'],
      [3, 'orderMonth'],
      [4, 'stage'],
    ]);
    // Then the rules, every row at once: unknown customer, a kind outside the line, a new one at H, a code twice.
    const rules = await send('admin', [
      good,
      row({ customerCode: 'NOPE' }),
      row({ kind: 'commodity_mold' }),
      row({ stage: 'H' }),
      { ...good },
    ]);
    expect(problemsOf(rules)).toEqual([
      [1, 'customerCode'],
      [2, 'kind'],
      [3, 'stage'],
      [4, 'code'],
    ]);
    const en = await as.admin!.post(
      '/api/v1/exchange/opportunities',
      { rows: [row({ stage: 'won' })] },
      {
        'accept-language': 'en',
      },
    );
    expect(en.error?.details?.[0]?.reason).toContain('a new opportunity starts at lead, L or M');
    expect(await count()).toBe(before);
  });

  test('every change is in the opportunity’s history (who, when, before → after); an unchanged row adds none', async () => {
    const a = row({ stage: 'lead' });
    await imported('am1', [a]);
    await imported('am1', [{ ...a, name: '改名', stage: 'M', shipments: { '2026-07': 1200 } }]);
    await imported('am1', [{ ...a, name: '改名', stage: 'M', shipments: { '2026-07': 1200 } }]);
    const am1 = (await as.am1!.get('/api/v1/me')).body.user!;
    const { history } = await find(a.code as string);
    expect(history.map((h) => [h.action, h.actorId])).toEqual([
      ['created', am1.id],
      ['updated', am1.id],
      ['stage_changed', am1.id],
      ['rolling_forecast', am1.id],
    ]);
    expect(history[1]).toMatchObject({ before: { name: a.name }, after: { name: '改名' } });
    expect(history[2]).toMatchObject({ before: { stage: 'lead' }, after: { stage: 'M' } });
    expect(history[3]).toMatchObject({
      before: { shipments: { '2026-07': 700, '2026-08': 500 } },
      after: { orderMonth: '2026-06', amount: 1200, shipments: { '2026-07': 1200 } },
    });
  });

  test('moving the order month later needs a reason, which is kept, and counts a push', async () => {
    const a = row();
    await imported('am1', [a]);
    const pushed = { ...a, orderMonth: '2026-08' };
    const refused = await send('am1', [pushed]);
    expect(problemsOf(refused)).toEqual([[0, 'reason']]);
    expect((await find(a.code as string)).rolling!.orderMonth).toBe('2026-06');
    await imported('am1', [{ ...pushed, reason: '客户项目延期' }]);
    const after = await find(a.code as string);
    expect(after).toMatchObject({ pushCount: 1, rolling: { orderMonth: '2026-08' } });
    expect(after.history.at(-1)).toMatchObject({ action: 'rolling_forecast', reason: '客户项目延期' });
    // Earlier needs nothing and is not a push.
    expect(await imported('am1', [{ ...a, orderMonth: '2026-05' }])).toMatchObject({ updated: 1 });
    expect((await find(a.code as string)).pushCount).toBe(1);
  });

  test('stages: H needs the precision forecast (the quote for commodity, which may come in the same row); won is final; lost needs a reason', async () => {
    const a = row({ stage: 'M' });
    await imported('am1', [a]);
    const toH = await send('am1', [{ ...a, stage: 'H' }]);
    expect(problemsOf(toH)).toEqual([[0, 'stage']]);
    expect(toH.error?.details?.[0]?.reason).toContain('precision.orderMonth');
    const o = await find(a.code as string);
    await as.am1!.put(`/api/v1/opportunities/${o.id}/forecast/precision`, {
      orderMonth: '2026-06',
      amount: 1000,
      shipments: { '2026-07': 1000 },
    });
    expect(await imported('am1', [{ ...a, stage: 'H' }])).toMatchObject({ updated: 1 });

    expect(problemsOf(await send('am1', [{ ...a, stage: 'lost' }]))).toEqual([[0, 'reason']]);
    await imported('am1', [{ ...a, stage: 'won' }]);
    expect(problemsOf(await send('am1', [{ ...a, stage: 'M' }]))).toEqual([[0, 'stage']]);
    // A won one still takes its rolling update (mass production ships after the order).
    expect(await imported('am1', [{ ...a, stage: 'won', amount: 1300 }])).toMatchObject({ updated: 1 });

    const quote = row({ customerCode: 'C3', kind: 'commodity_mold', stage: 'M' });
    await imported('am3', [quote]);
    const quoted = await find(quote.code as string, 'am3');
    expect(quoted.rolling).toBeNull();
    expect(quoted.precision).toMatchObject({ orderMonth: '2026-06', amount: 1200 });
    const noQuote = { ...quote, stage: 'H', amount: 0 };
    expect(problemsOf(await send('am3', [noQuote]))).toEqual([[0, 'stage']]);
    expect(await imported('am3', [{ ...quote, stage: 'H' }])).toMatchObject({ unchanged: 0, updated: 1 });
  });

  test('AMs import for their own customers, directors for their track; another’s customer is unknown; other kinds stay the admin’s', async () => {
    const before = await count();
    const foreign = await send('am1', [row({ customerCode: 'C2' })]);
    expect(problemsOf(foreign)).toEqual([[0, 'customerCode']]);
    expect(foreign.error?.details?.[0]?.reason).toContain('客户编码不存在');
    const mine = row({ customerCode: 'C2' });
    await imported('am2', [mine]);
    // The code is taken by am2's opportunity: am1 may not change it through the import.
    expect(problemsOf(await send('am1', [{ ...mine, customerCode: 'C1' }]))).toEqual([[0, 'code']]);
    expect(await imported('director1', [row({ customerCode: 'C1' }), row({ customerCode: 'C2' })])).toMatchObject({
      inserted: 2,
    });
    expect(problemsOf(await send('director1', [row({ customerCode: 'C3', kind: 'commodity_mold' })]))).toEqual([
      [0, 'customerCode'],
    ]);
    expect(await count()).toBe(before + 3);

    for (const who of ['ceo', 'planner']) expect((await send(who, [row()])).status).toBe(403);
    expect((await as.am1!.post('/api/v1/exchange/shipments', { rows: [] })).status).toBe(403);
    expect((await as.director1!.post('/api/v1/exchange/customers', { rows: [] })).status).toBe(403);
    expect((await upload(as.am1!, 'orders', 'o.csv', csvOf([['orderNo']]))).status).toBe(403);
    expect((await as.am1!.get('/api/v1/exchange/templates/targets.xlsx')).status).toBe(403);
    expect((await as.am1!.get('/api/v1/exchange/templates/opportunities.xlsx')).status).toBe(200);
    expect((await as.am1!.get('/api/v1/exchange/runs')).status).toBe(403);
  });

  async function template(who: string): Promise<ExcelJS.Workbook> {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/exchange/templates/opportunities.xlsx',
      headers: { cookie: as[who]!.cookie! },
    });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return workbook;
  }

  test('the template has a column per shipment month from this month on and a 字段说明; filled in, it imports like JSON', async () => {
    const workbook = await template('am1');
    const [sheet, guide] = workbook.worksheets;
    expect(sheet!.name).toBe('商机');
    expect(guide!.name).toBe('字段说明');
    const header = (sheet!.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 8)).toEqual([
      '商机编码',
      '商机名称',
      '客户编码',
      '商机类型',
      '阶段',
      '预计下单月份',
      '预计下单金额',
      '原因',
    ]);
    expect(header.slice(8)).toEqual(
      Array.from(
        { length: 12 },
        (_, k) => `出货 ${k < 10 ? '2026' : '2027'}-${String(((k + 2) % 12) + 1).padStart(2, '0')}`,
      ),
    );
    const guideText = JSON.stringify(guide!.getSheetValues());
    expect(guideText).toContain('出货 YYYY-MM');

    sheet!.spliceRows(2, 1);
    const fileCodes = [`F-${++seq}`, `F-${++seq}`];
    sheet!.addRow([fileCodes[0], '文件商机', 'C1', '模具开发', 'M', '2026-06', '1,200.5', null, null, 700, 500.5]);
    sheet!.addRow([fileCodes[1], '文件量产', 'C1', '量产', 'lead']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    const dry = await upload(as.am1!, 'opportunities', '商机.xlsx', file, '&dryRun=true');
    expect(dry.body).toMatchObject({ dryRun: true, inserted: 2 });
    expect((await as.am1!.get(`/api/v1/opportunities?q=${fileCodes[0]}`)).body.items).toEqual([]);

    const res = await upload(as.am1!, 'opportunities', '商机.xlsx', file);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ rows: 2, inserted: 2 });

    const jsonCodes = [`J-${++seq}`, `J-${++seq}`];
    await imported('am1', [
      {
        code: jsonCodes[0],
        name: '文件商机',
        customerCode: 'C1',
        kind: 'mold_development',
        stage: 'M',
        orderMonth: '2026-06',
        amount: 1200.5,
        shipments: { '2026-04': 700, '2026-05': 500.5 },
      },
      { code: jsonCodes[1], name: '文件量产', customerCode: 'C1', kind: 'mass_production', stage: 'lead' },
    ]);
    const shape = ({ name, stage, rolling, precision }: Opportunity) => ({
      name,
      stage,
      rolling: rolling && { ...rolling, updatedAt: 0 },
      precision,
    });
    for (const k of [0, 1]) expect(shape(await find(fileCodes[k]!))).toEqual(shape(await find(jsonCodes[k]!)));
  });

  test('a file names the sheet’s own rows and column titles; month headers in other forms are read, a bad one is refused', async () => {
    const header = ['code', '商机名称', '客户编码', 'kind', 'stage', '2026-04', 'shipments.2026-05', '出货2026年6月'];
    const good = upload(
      as.am1!,
      'opportunities',
      'o.csv',
      csvOf([header, [`K-${++seq}`, '甲', 'C1', 'mold_development', 'L', '1', '2', '3']]),
    );
    const res = await good;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const bad = await upload(
      as.am1!,
      'opportunities',
      'o.csv',
      csvOf([
        header,
        [`K-${++seq}`, '乙', 'C1', 'mold_development', 'L', '-1', '', ''],
        [`K-${++seq}`, '丙', 'C1', '模具开发', 'L', '', '', '(5)'],
      ]),
    );
    expect(problemsOf(bad)).toEqual([
      [2, '2026-04'],
      [3, '出货2026年6月'],
    ]);
    const foreign = await upload(
      as.am1!,
      'opportunities',
      'o.csv',
      csvOf([header, [`K-${++seq}`, '丁', 'C2', 'mold_development', 'L', '1', '', '']]),
    );
    expect(problemsOf(foreign)).toEqual([[2, '客户编码']]);
    const wrongMonth = await upload(as.am1!, 'opportunities', 'o.csv', csvOf([[...header, '出货 2026-13']]));
    expect(problemsOf(wrongMonth)).toEqual([[1, '出货 2026-13']]);
  });

  test('crm import opportunities <file> imports as the system, the history saying so', async () => {
    const code = `CLI-${++seq}`;
    const path = join(folder, 'opportunities.csv');
    writeFileSync(
      path,
      csvOf([
        ['商机编码', '商机名称', '客户编码', '商机类型', '阶段', '预计下单月份', '预计下单金额', '出货 2026-07'],
        [code, '命令行商机', 'C3', '商品模', 'L', '2026-06', '900', '900'],
      ]),
    );
    const printed: string[] = [];
    const exit = await importFile(t.database.db, {
      kind: 'opportunities',
      path,
      now: new Date('2026-03-02T08:00:00+08:00'),
      timeZone: t.config.timeZone,
      limits: t.config.upload,
      print: (line) => printed.push(line),
    });
    expect(exit).toBe(0);
    expect(printed[0]).toMatch(/^Imported 1 opportunities rows from opportunities\.csv: 1 inserted/);
    const o = await find(code);
    expect(o.precision).toMatchObject({ orderMonth: '2026-06', amount: 900, shipments: { '2026-07': 900 } });
    expect(o.history).toEqual([expect.objectContaining({ action: 'created', actorId: null })]);
  });
});
