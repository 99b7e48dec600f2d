import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildCustomer, buildTrack, buildUser } from '../../src/demo/builders.js';
import type { AccuracyConfigAnswerDto, AccuracyDto } from '../../src/forecast/accuracy-contract.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, smallOrganisation, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Forecast accuracy (SPEC §6.7, §9.1) on a small hand-computed dataset. Opportunities are created in
 * February's window (January has no snapshot), changed in March's; shipments:
 *
 * | month | line | customer | code | source | amount |
 * |---|---|---|---|---|---|
 * | Jan | S0 | C1 | – | ERP | 999 (no snapshot: never measured) |
 * | Feb | F1–F4 | C1 A1 180, C1 A2 100, C2 B1 50, C3 Q1 100 | | ERP | |
 * | Mar | M1–M7 | C1 A1 280, C1 A2 60, C1 – 30, C1 NOPE 20, C1 LATE 40, C2 B1 300, C3 Q1 80 | | ERP | |
 * | Mar | P1 | C2 | B1 | APS | 100 |
 * | Mar | X1 | C4 (track T3, no opportunity at all) | – | ERP | 500 |
 *
 * Shipment forecasts: Feb snapshot — A1 Feb 200 / Mar 100, A2 100 / 100, B1 50 / 400, Q1 (quote) 90 / 100;
 * March snapshot — A1 rolling Mar 300, precision Mar 250; A2 50 (no precision); B1 400; Q1 quote 80.
 * LATE is created after March's close (in no snapshot).
 */
describeWithDatabase('forecast accuracy and board dimension 6 (SPEC §6.7, §9.1)', () => {
  let t: TestApp;
  let as: Record<string, Client>;
  const ids: Record<string, number> = {};
  const users = ['admin', 'ceo', 'planner', 'secretary', 'director1', 'director2', 'am1', 'am2', 'am3'];

  beforeAll(async () => {
    const org = smallOrganisation();
    org.tracks.push(buildTrack({ code: 'T3', name: '汽车', directorUsername: null }));
    org.users.push(buildUser({ username: 'am4', role: 'am', trackCode: 'T3' }));
    org.customers.push(buildCustomer({ code: 'C4', amUsername: 'am4' }));
    t = await startTestApp({ now: '2026-02-02T10:00:00+08:00', org });
    as = {};
    for (const u of users) as[u] = await t.as(u);
    const customers = (await as.admin!.get('/api/v1/customers')).body as { items: { id: number; code: string }[] };
    const tracks = (await as.admin!.get('/api/v1/tracks')).body as { items: { id: number; code: string }[] };
    for (const x of [...customers.items, ...tracks.items]) ids[x.code] = x.id;

    const make = async (who: string, code: string, customer: string, rolling?: Record<string, unknown>) => {
      const res = await as[who]!.post('/api/v1/opportunities', {
        code,
        name: code,
        customerId: ids[customer],
        kind: customer === 'C3' ? 'commodity_mold' : 'mold_development',
        stage: 'M',
        ...(rolling ? { rolling } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[code] = (res.body as { id: number }).id;
    };
    const put = async (who: string, code: string, version: string, shipments: Record<string, number>) => {
      const amount = Object.values(shipments).reduce((s, a) => s + a, 0);
      const res = await as[who]!.put(`/api/v1/opportunities/${ids[code]}/forecast/${version}`, {
        orderMonth: '2026-02',
        amount,
        shipments,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    // February's window: what the February snapshot freezes.
    await make('am1', 'A1', 'C1', {
      orderMonth: '2026-02',
      amount: 300,
      shipments: { '2026-02': 200, '2026-03': 100 },
    });
    await make('am1', 'A2', 'C1', {
      orderMonth: '2026-02',
      amount: 200,
      shipments: { '2026-02': 100, '2026-03': 100 },
    });
    await make('am2', 'B1', 'C2', { orderMonth: '2026-02', amount: 450, shipments: { '2026-02': 50, '2026-03': 400 } });
    await make('am3', 'Q1', 'C3');
    await put('am3', 'Q1', 'precision', { '2026-02': 90, '2026-03': 100 });
    // March's window: the February snapshot is frozen first, then the changes March's freezes.
    await moveTo('2026-03-02T10:00:00+08:00');
    await runDue();
    await put('am1', 'A1', 'rolling', { '2026-03': 300 });
    await put('am1', 'A1', 'precision', { '2026-03': 250 });
    await put('am1', 'A2', 'rolling', { '2026-03': 50 });
    await put('am3', 'Q1', 'precision', { '2026-03': 80 });
    await moveTo('2026-03-06T00:00:30+08:00');
    await runDue();
    await make('am1', 'LATE', 'C1', { orderMonth: '2026-04', amount: 10, shipments: { '2026-04': 10 } });

    const ship = (
      source: string,
      docNo: string,
      date: string,
      customerCode: string,
      amount: number,
      code?: string,
    ) => ({
      source,
      docNo,
      lineNo: 1,
      date,
      customerCode,
      amount,
      ...(code ? { opportunityCode: code } : {}),
    });
    const rows = [
      ship('ERP', 'S0', '2026-01-15', 'C1', 999),
      ship('ERP', 'F1', '2026-02-10', 'C1', 180, 'A1'),
      ship('ERP', 'F2', '2026-02-11', 'C1', 100, 'A2'),
      ship('ERP', 'F3', '2026-02-12', 'C2', 50, 'B1'),
      ship('ERP', 'F4', '2026-02-13', 'C3', 100, 'Q1'),
      ship('ERP', 'M1', '2026-03-10', 'C1', 280, 'A1'),
      ship('ERP', 'M2', '2026-03-11', 'C1', 60, 'A2'),
      ship('ERP', 'M3', '2026-03-12', 'C1', 30),
      ship('ERP', 'M4', '2026-03-13', 'C1', 20, 'NOPE'),
      ship('ERP', 'M5', '2026-03-14', 'C1', 40, 'LATE'),
      ship('ERP', 'M6', '2026-03-15', 'C2', 300, 'B1'),
      ship('ERP', 'M7', '2026-03-16', 'C3', 80, 'Q1'),
      ship('APS', 'P1', '2026-03-17', 'C2', 100, 'B1'),
      ship('ERP', 'X1', '2026-03-18', 'C4', 500),
    ];
    const res = await as.admin!.post('/api/v1/exchange/shipments', { rows });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
  afterAll(() => t.close());

  const runDue = async () => expect((await as.admin!.post('/api/v1/admin/jobs/run-due')).status).toBe(200);
  /** Moves the clock; sessions idle for days have ended, so everyone signs in again. */
  async function moveTo(iso: string) {
    await t.setNow(iso);
    for (const u of users) as[u] = await t.as(u);
  }
  const accuracy = async (query: string, who = 'ceo') => {
    const res = await as[who]!.get(`/api/v1/forecast/accuracy?${query}&items=true`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as AccuracyDto;
  };
  const track = (a: AccuracyDto, code: string) => a.tracks.find((x) => x.trackId === ids[code])!;
  const config = async (body: Record<string, unknown>) => {
    const res = await as.admin!.put('/api/v1/forecast/accuracy-config', { effectiveMonth: '2026-03', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as AccuracyConfigAnswerDto;
  };
  const DEFAULT = { formula: 'wape', lag: 0, version: 'rolling', granularity: 'opportunity', actualsSource: null };

  test('default: WAPE over opportunities of M’s snapshot, rolling, every source; unmatched shipments as items', async () => {
    const march = await accuracy('month=2026-03');
    expect(march.config).toEqual({ ...DEFAULT, effectiveMonth: '2000-01' });
    const t1 = track(march, 'T1');
    // A1 280/300, A2 60/50, C1 (no code 30 + unknown code 20) 50/0, LATE (not in the snapshot) 40/0, B1 400/400.
    expect(t1).toMatchObject({ actual: 830, forecast: 750, absError: 120, itemCount: 5, months: ['2026-03'] });
    expect(t1.accuracy).toBeCloseTo(1 - 120 / 830, 12);
    expect(t1.bias).toBeCloseTo(-80 / 830, 12);
    const items = Object.fromEntries(t1.items.map((i) => [i.code ?? `customer:${i.customerId}`, i]));
    expect(items.A1).toMatchObject({
      kind: 'opportunity',
      actual: 280,
      forecast: 300,
      inSnapshot: true,
      month: '2026-03',
    });
    expect(items.LATE).toMatchObject({ opportunityId: ids.LATE, actual: 40, forecast: 0, inSnapshot: false });
    expect(items[`customer:${ids.C1}`]).toMatchObject({
      kind: 'customer',
      opportunityId: null,
      actual: 50,
      forecast: 0,
    });
    expect(items.B1).toMatchObject({ actual: 400, forecast: 400, accuracy: 1 });
    expect(track(march, 'T2')).toMatchObject({ accuracy: 1, bias: 0, actual: 80, forecast: 80 });
    expect(march.total).toMatchObject({ actual: 910, forecast: 830, absError: 120, itemCount: 6 });
    expect(march.total.accuracy).toBeCloseTo(1 - 120 / 910, 12);
  });

  test('a track with no forecast items in the snapshot is null, not 0 — and its shipments count nowhere', async () => {
    const t3 = track(await accuracy('month=2026-03'), 'T3');
    expect(t3).toMatchObject({ accuracy: null, bias: null, actual: 0, forecast: 0, items: [], months: [] });
    // January has no snapshot at all: every track null.
    expect((await accuracy('month=2026-01')).tracks.every((x) => x.accuracy === null)).toBe(true);
  });

  test('board dimension 6 shows the same value with its band, rank and the accurate part over the actuals', async () => {
    const board = (await as.ceo!.get('/api/v1/board?month=2026-03')).body as {
      tracks: { code: string; metrics: Record<string, unknown> }[];
    };
    const metric = (code: string) => board.tracks.find((x) => x.code === code)!.metrics['6'];
    expect(metric('T1')).toEqual({ value: 1 - 120 / 830, numerator: 710, denominator: 830, rank: 2, status: 'green' });
    expect(metric('T2')).toEqual({ value: 1, numerator: 80, denominator: 80, rank: 1, status: 'green' });
    expect(metric('T3')).toEqual({ value: null, numerator: null, denominator: null, rank: 3, status: 'none' });
    const ytd = (await as.ceo!.get('/api/v1/board?month=2026-03&view=ytd')).body as typeof board;
    const t1 = ytd.tracks.find((x) => x.code === 'T1')!.metrics['6'] as { value: number; denominator: number };
    expect(t1.denominator).toBe(1160);
    expect(t1.value).toBeCloseTo(1 - 140 / 1160, 12);
  });

  test('board drill-down of dimension 6: track → its items with A and F, following the reader’s scope', async () => {
    const url = `/api/v1/board/drilldown?no=6&subjectType=track&subjectId=${ids.T1}&month=2026-03`;
    const drill = (await as.ceo!.get(url)).body as {
      level: string;
      parent: { value: number; numerator: number; denominator: number };
      rows: { name: string; numerator: number; denominator: number; value: number; detail: Record<string, unknown> }[];
    };
    expect(drill.level).toBe('item');
    expect(drill.parent).toMatchObject({ numerator: 710, denominator: 830 });
    expect(drill.rows).toHaveLength(5);
    expect(drill.rows.find((r) => r.name === 'A1')).toMatchObject({
      numerator: 260,
      denominator: 280,
      detail: expect.objectContaining({ actual: 280, forecast: 300 }),
    });
    expect(drill.rows.reduce((s, r) => s + r.denominator, 0)).toBe(830);
    const own = (await as.am2!.get(url)).body as typeof drill;
    expect(own.parent).toMatchObject({ numerator: 710, denominator: 830 });
    expect(own.rows.map((r) => r.name)).toEqual(['B1']);
    expect(((await as.director2!.get(url)).body as typeof drill).rows).toEqual([]);
    const am = (
      await as.ceo!.get(
        url.replace(`subjectType=track&subjectId=${ids.T1}`, `subjectType=am&subjectId=${await amId('am2')}`),
      )
    ).body as typeof drill;
    expect(am).toMatchObject({ level: 'item', parent: { value: 1, numerator: 400, denominator: 400 } });
  });

  async function amId(username: string): Promise<number> {
    const list = (await as.admin!.get(`/api/v1/users?role=am`)).body as { items: { id: number; username: string }[] };
    return list.items.find((u) => u.username === username)!.id;
  }

  test('rows follow the reader: director own track, AM own items (their track’s row), planner all; secretary 403', async () => {
    expect((await accuracy('month=2026-03', 'director1')).tracks.map((x) => x.trackId)).toEqual([ids.T1]);
    const am1 = await accuracy('month=2026-03', 'am1');
    expect(am1.tracks.map((x) => x.trackId)).toEqual([ids.T1]);
    // A1 280/300, A2 60/50, C1 50/0, LATE 40/0 — B1 is am2's.
    expect(am1.tracks[0]).toMatchObject({ actual: 430, forecast: 350, absError: 120, itemCount: 4 });
    expect(am1.total.accuracy).toBeCloseTo(1 - 120 / 430, 12);
    expect((await accuracy('month=2026-03', 'am2')).total).toMatchObject({ accuracy: 1, actual: 400 });
    expect((await accuracy('month=2026-03', 'planner')).tracks).toHaveLength(3);
    expect((await as.secretary!.get('/api/v1/forecast/accuracy?month=2026-03')).status).toBe(403);
    expect((await as.ceo!.get('/api/v1/forecast/accuracy?month=2026-13')).status).toBe(400);
  });

  test('lag 1: March is measured against the February snapshot; bias tells over- from under-forecasting', async () => {
    await config({ ...DEFAULT, lag: 1 });
    const march = await accuracy('month=2026-03');
    // A1 280/100, A2 60/100, C1 50/0, LATE 40/0, B1 400/400.
    expect(track(march, 'T1')).toMatchObject({ actual: 830, forecast: 600, absError: 310 });
    expect(track(march, 'T1').accuracy).toBeCloseTo(1 - 310 / 830, 12);
    expect(track(march, 'T1').bias).toBeCloseTo(-230 / 830, 12);
    // Q1 shipped 80 against a quote of 100: over-forecast, positive bias.
    expect(track(march, 'T2')).toMatchObject({ accuracy: 0.75, bias: 0.25, forecast: 100 });
  });

  test('versions: precision (none → F = 0; the quote for commodity), precision where present else rolling', async () => {
    await config({ ...DEFAULT, version: 'precision' });
    const precision = await accuracy('month=2026-03');
    // A1 280/250; A2 and B1 have no precision forecast: F = 0.
    expect(track(precision, 'T1')).toMatchObject({ forecast: 250, absError: 580 });
    expect(track(precision, 'T1').accuracy).toBeCloseTo(1 - 580 / 830, 12);
    expect(track(precision, 'T2')).toMatchObject({ accuracy: 1, forecast: 80 });
    await config({ ...DEFAULT, version: 'precision_else_rolling' });
    const either = await accuracy('month=2026-03');
    expect(track(either, 'T1')).toMatchObject({ forecast: 700, absError: 130 });
    expect(track(either, 'T1').accuracy).toBeCloseTo(1 - 130 / 830, 12);
  });

  test('formulas: mean_item (an item that shipped nothing scores 0) and ratio', async () => {
    await config({ ...DEFAULT, formula: 'mean_item' });
    const mean = track(await accuracy('month=2026-03'), 'T1');
    // A1 1 − 20/280, A2 1 − 10/60, C1 and LATE 0 (F = 0 against A), B1 1.
    expect(mean.accuracy).toBeCloseTo((1 - 20 / 280 + (1 - 10 / 60) + 0 + 0 + 1) / 5, 12);
    await config({ ...DEFAULT, formula: 'ratio' });
    const ratio = await accuracy('month=2026-03');
    expect(track(ratio, 'T1').accuracy).toBeCloseTo(750 / 830, 12);
    const board = (await as.ceo!.get('/api/v1/board?month=2026-03')).body as {
      tracks: { code: string; metrics: Record<string, { value: number; numerator: number; denominator: number }> }[];
    };
    const t1 = board.tracks.find((x) => x.code === 'T1')!.metrics['6']!;
    expect(t1).toMatchObject({ numerator: 750, denominator: 830 });
    expect(t1.value).toBeCloseTo(750 / 830, 12);
  });

  test('only the named source counts; granularity opportunity, customer and track net differently', async () => {
    // ERP only: B1 shipped 300 against 400.
    await config({ ...DEFAULT, actualsSource: 'ERP' });
    const erp = track(await accuracy('month=2026-03'), 'T1');
    expect(erp).toMatchObject({ actual: 730, forecast: 750, absError: 220 });
    expect(erp.accuracy).toBeCloseTo(1 - 220 / 730, 12);
    const board = (await as.ceo!.get('/api/v1/board?month=2026-03')).body as {
      tracks: { code: string; metrics: Record<string, { status: string }> }[];
    };
    expect(board.tracks.find((x) => x.code === 'T1')!.metrics['6']!.status).toBe('red');
    await config({ ...DEFAULT, actualsSource: 'ERP', granularity: 'customer' });
    const customers = track(await accuracy('month=2026-03'), 'T1');
    // C1 430/350, C2 300/400.
    expect(customers).toMatchObject({ absError: 180, itemCount: 2 });
    expect(customers.items.map((i) => [i.kind, i.customerId, i.actual, i.forecast])).toEqual([
      ['customer', ids.C1, 430, 350],
      ['customer', ids.C2, 300, 400],
    ]);
    await config({ ...DEFAULT, actualsSource: 'ERP', granularity: 'track' });
    const whole = track(await accuracy('month=2026-03'), 'T1');
    expect(whole).toMatchObject({ absError: 20, itemCount: 1 });
    expect(whole.accuracy).toBeCloseTo(1 - 20 / 730, 12);
  });

  test('Σ A = 0 is null with the forecast still shown', async () => {
    await config({ ...DEFAULT, actualsSource: 'SAP-NOTHING' });
    const none = track(await accuracy('month=2026-03'), 'T1');
    expect(none).toMatchObject({ accuracy: null, bias: null, actual: 0, forecast: 750 });
  });

  test('YTD pools the item-months of January…M with the config in force for M', async () => {
    await config({ ...DEFAULT });
    const ytd = await accuracy('month=2026-03&view=ytd');
    // February: A1 180/200, A2 100/100, B1 50/50; January had no snapshot, its 999 is never measured.
    expect(track(ytd, 'T1')).toMatchObject({
      actual: 1160,
      forecast: 1100,
      absError: 140,
      itemCount: 8,
      months: ['2026-02', '2026-03'],
    });
    expect(track(ytd, 'T1').accuracy).toBeCloseTo(1 - 140 / 1160, 12);
    await config({ ...DEFAULT, formula: 'mean_item' });
    const mean = track(await accuracy('month=2026-03&view=ytd'), 'T1');
    const scores = [1 - 20 / 180, 1, 1, 1 - 20 / 280, 1 - 10 / 60, 0, 0, 1];
    expect(mean.accuracy).toBeCloseTo(scores.reduce((s, x) => s + x, 0) / 8, 12);
    // February itself is read with the config in force for February: the defaults.
    const feb = await accuracy('month=2026-02');
    expect(feb.config.formula).toBe('wape');
    expect(track(feb, 'T1').accuracy).toBeCloseTo(1 - 20 / 330, 12);
  });

  test('config: admin writes effective from this month on, history kept; everyone signed in reads', async () => {
    const past = await as.admin!.put('/api/v1/forecast/accuracy-config', { ...DEFAULT, effectiveMonth: '2026-02' });
    expect(past.status).toBe(400);
    expect(past.error?.details?.[0]?.field).toBe('effectiveMonth');
    const later = await config({ ...DEFAULT, formula: 'ratio', effectiveMonth: '2026-05', reason: '改用总量口径' });
    expect(later.current).toMatchObject({ formula: 'mean_item', effectiveMonth: '2026-03' });
    expect(later.history[0]).toMatchObject({ formula: 'ratio', effectiveMonth: '2026-05' });
    expect((await accuracy('month=2026-05')).config.formula).toBe('ratio');
    expect((await accuracy('month=2026-04')).config.formula).toBe('mean_item');
    for (const who of ['secretary', 'am1', 'planner']) {
      const read = await as[who]!.get('/api/v1/forecast/accuracy-config');
      expect(read.status).toBe(200);
      expect((read.body as AccuracyConfigAnswerDto).history.length).toBeGreaterThan(5);
    }
    for (const who of ['ceo', 'secretary', 'director1', 'am1', 'planner'])
      expect(
        (await as[who]!.put('/api/v1/forecast/accuracy-config', { ...DEFAULT, effectiveMonth: '2026-06' })).status,
      ).toBe(403);
    const bad = await as.admin!.put('/api/v1/forecast/accuracy-config', {
      ...DEFAULT,
      lag: 4,
      effectiveMonth: '2026-06',
    });
    expect(bad.status).toBe(400);
    const history = (
      await as.admin!.get(`/api/v1/history?entity=forecast_accuracy_config&entityId=${later.history[0]!.id}`)
    ).body as { items: { before: { formula: string }; after: { formula: string }; reason: string }[] };
    expect(history.items[0]).toMatchObject({
      before: { formula: 'mean_item' },
      after: { formula: 'ratio' },
      reason: '改用总量口径',
    });
  });

  test('without items=true the answer carries the counts and no item list (a company-wide YTD holds 100,000s)', async () => {
    const res = await as.ceo!.get('/api/v1/forecast/accuracy?month=2026-03');
    const t1 = (res.body as AccuracyDto).tracks.find((x) => x.trackId === ids.T1)!;
    expect(t1).toMatchObject({ itemCount: 5, items: [], actual: 830 });
  });

  test('measured months are kept and re-measured when shipments, opportunities or snapshots change', async () => {
    const february = async () => track(await accuracy('month=2026-02'), 'T1');
    expect(await february()).toMatchObject({ actual: 330, forecast: 350, absError: 20, itemCount: 3 });
    // A shipment naming a code no opportunity has yet: one more customer item, F = 0.
    const late = { source: 'ERP', docNo: 'F5', lineNo: 1, date: '2026-02-20', customerCode: 'C1', amount: 25 };
    const sent = await as.admin!.post('/api/v1/exchange/shipments', { rows: [{ ...late, opportunityCode: 'NEWOPP' }] });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(await february()).toMatchObject({ actual: 355, absError: 45, itemCount: 4 });
    // The code appears as an opportunity of a customer on T3: the shipment is now T3's (unmeasured in February).
    const created = await as.admin!.post('/api/v1/opportunities', {
      code: 'NEWOPP',
      name: 'NEWOPP',
      customerId: ids.C4,
      kind: 'mold_development',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await february()).toMatchObject({ actual: 330, absError: 20, itemCount: 3 });
    // April has no snapshot yet; its freeze makes it measured.
    expect(track(await accuracy('month=2026-04'), 'T1').months).toEqual([]);
    await moveTo('2026-04-06T00:00:30+08:00');
    await runDue();
    expect(track(await accuracy('month=2026-04'), 'T1').months).toEqual(['2026-04']);
  });
});
