import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ApsDeliveryDto, ApsQuoteDto } from '../../src/feeds/contract.js';
import { type ApsReceiver, closedPort, startApsReceiver } from '../support/aps-receiver.js';
import { restoreClockAfterEach } from '../support/clock.js';
import { type Writer, writerFor } from '../support/feeds.js';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TOKEN = 'aps-token-93f1';
const quote = { orderMonth: '2026-05', amount: 500, shipments: { '2026-06': 200, '2026-07': 300 } };

/** Runs the due jobs at a whole minute (the outbox is pushed by the every-minute job). */
async function runAt(t: TestApp, iso: string): Promise<void> {
  await t.setNow(iso);
  const res = await (await t.as('admin')).post('/api/v1/admin/jobs/run-due');
  expect(res.status).toBe(200);
}

async function deliveriesOf(t: TestApp, code: string): Promise<ApsDeliveryDto[]> {
  const res = await (await t.as('admin')).get('/api/v1/admin/aps-deliveries?limit=500');
  expect(res.status).toBe(200);
  return res.body.items.filter((d) => d.opportunityCode === code).reverse();
}

async function pulled(t: TestApp, code: string): Promise<ApsQuoteDto[]> {
  const res = await (await t.as('planner')).get('/api/v1/feeds/aps-quotes?limit=500');
  expect(res.status).toBe(200);
  return res.body.items.filter((q) => q.opportunityCode === code);
}

/**
 * The APS outbox (SPEC §7 "Out", §9.1 `Feeds`, issue 11 item 5) against a local receiver. Each test
 * works at its own day of March 2026 (Asia/Shanghai) with its own opportunity.
 */
describeWithDatabase('APS outbox: commodity quotes from H pushed until acknowledged (SPEC §7, §9.1 Feeds)', () => {
  let t: TestApp;
  let receiver: ApsReceiver;
  let write: Writer;
  const sentFor = (code: string) => receiver.requests.filter((r) => r.body.opportunityCode === code);

  beforeAll(async () => {
    receiver = await startApsReceiver();
    t = await startTestApp({
      now: '2026-03-02T08:00:00+08:00',
      env: {
        CRM_APS_URL: `http://127.0.0.1:${receiver.port}/aps/quotes?token=${TOKEN}`,
        CRM_APS_TIMEOUT_MS: '300',
      },
    });
    write = await writerFor(t);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });
  restoreClockAfterEach(() => t);

  test('never before H; at H once; again only when what APS reads changes (amount, stage), not on a confirmation', async () => {
    await t.setNow('2026-03-03T09:00:00+08:00');
    const id = await write.create('A1', 'commodity');
    await write.put(id, 'precision', quote);
    await write.stage(id, 'L');
    await write.stage(id, 'M');
    await runAt(t, '2026-03-03T09:01:00+08:00');
    expect(await deliveriesOf(t, 'A1')).toEqual([]);
    expect(sentFor('A1')).toEqual([]);

    await t.setNow('2026-03-03T09:02:00+08:00');
    await write.stage(id, 'H');
    await write.put(id, 'precision', quote);
    const rename = await (await t.as('am3')).patch(`/api/v1/opportunities/${id}`, { name: '改名不影响报价' });
    expect(rename.status).toBe(200);
    await runAt(t, '2026-03-03T09:03:00+08:00');
    expect(sentFor('A1').map((r) => r.body)).toEqual([
      {
        deliveryId: expect.any(String),
        opportunityCode: 'A1',
        customerCode: 'C3',
        orderMonth: '2026-05',
        amount: 500,
        shipments: { '2026-06': 200, '2026-07': 300 },
        stage: 'H',
        cancelled: false,
        updatedAt: '2026-03-03T01:02:00.000Z',
      },
    ]);

    await t.setNow('2026-03-03T09:04:00+08:00');
    await write.put(id, 'precision', {
      ...quote,
      amount: 520,
      items: [{ partNo: 'P-9', quantity: 4, unitPrice: 130 }],
    });
    await write.stage(id, 'won');
    await runAt(t, '2026-03-03T09:05:00+08:00');
    expect(sentFor('A1').map((r) => [r.body.amount, r.body.stage, r.body.items])).toEqual([
      [500, 'H', undefined],
      [520, 'H', [{ partNo: 'P-9', quantity: 4, unitPrice: 130 }]],
      [520, 'won', [{ partNo: 'P-9', quantity: 4, unitPrice: 130 }]],
    ]);
    expect((await deliveriesOf(t, 'A1')).map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
    // Pulled, the same rows as pushed.
    expect(await pulled(t, 'A1')).toEqual(sentFor('A1').map((r) => r.body));
  });

  test('a receiver that fails twice gets the quote on the third try, under the same Idempotency-Key', async () => {
    receiver.answer = (r) => (r.body.opportunityCode === 'A2' && sentFor('A2').length <= 2 ? 503 : 200);
    await t.setNow('2026-03-04T09:00:00+08:00');
    const id = await write.create('A2', 'commodity');
    await write.put(id, 'precision', quote);
    await write.stage(id, 'H');

    await runAt(t, '2026-03-04T09:00:00+08:00');
    let [delivery] = await deliveriesOf(t, 'A2');
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 503 });
    expect(delivery!.lastError).toMatch(/^HTTP 503/);
    expect(delivery!.nextAttemptAt).toBe('2026-03-04T01:01:00.000Z');
    // Before the backoff is over nothing is sent.
    await runAt(t, '2026-03-04T09:00:59+08:00');
    expect(sentFor('A2')).toHaveLength(1);
    await runAt(t, '2026-03-04T09:01:00+08:00');
    [delivery] = await deliveriesOf(t, 'A2');
    expect(delivery).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: '2026-03-04T01:03:00.000Z' });
    await runAt(t, '2026-03-04T09:03:00+08:00');
    [delivery] = await deliveriesOf(t, 'A2');
    // The error before the acknowledgement stays for the record.
    expect(delivery).toMatchObject({ status: 'sent', attempts: 3, lastStatus: 200 });
    expect(delivery!.lastError).toMatch(/^HTTP 503/);
    expect(delivery!.sentAt).toBe('2026-03-04T01:03:00.000Z');
    const keys = sentFor('A2').map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([delivery!.deliveryId, delivery!.deliveryId, delivery!.deliveryId]);
    expect(sentFor('A2').every((r) => r.body.deliveryId === delivery!.deliveryId)).toBe(true);
    expect(sentFor('A2')[0]!.path).toBe(`/aps/quotes?token=${TOKEN}`);
    await runAt(t, '2026-03-04T10:00:00+08:00');
    expect(sentFor('A2')).toHaveLength(3);
  });

  test('a receiver that hangs is cut off by the timeout and tried again later; the user’s write never waits', async () => {
    receiver.answer = (r) => (r.body.opportunityCode === 'A3' && sentFor('A3').length === 1 ? 'hang' : 200);
    await t.setNow('2026-03-05T09:00:00+08:00');
    const id = await write.create('A3', 'commodity');
    await write.put(id, 'precision', quote);
    await write.stage(id, 'H');
    await runAt(t, '2026-03-05T09:00:00+08:00');
    const [delivery] = await deliveriesOf(t, 'A3');
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatus: null,
      lastError: 'timeout after 300 ms',
    });
    // A write while APS hangs answers at once: it only queues.
    await t.setNow('2026-03-05T09:00:30+08:00');
    const started = performance.now();
    await write.put(id, 'precision', { ...quote, amount: 510 });
    expect(performance.now() - started).toBeLessThan(3_000);
    await runAt(t, '2026-03-05T09:01:00+08:00');
    const all = await deliveriesOf(t, 'A3');
    expect(all.map((d) => [d.status, d.attempts])).toEqual([
      ['sent', 2],
      ['sent', 1],
    ]);
    // In order: the second change went out only after the first was acknowledged.
    expect(sentFor('A3').map((r) => r.body.amount)).toEqual([500, 500, 510]);
  });

  test('a 4xx answer is logged with its status and retried with backoff; the admin may retry at once', async () => {
    let refuse = true;
    receiver.answer = (r) => (r.body.opportunityCode === 'A4' && refuse ? 422 : 200);
    await t.setNow('2026-03-06T09:00:00+08:00');
    const id = await write.create('A4', 'commodity');
    await write.put(id, 'precision', quote);
    await write.stage(id, 'H');
    for (const minute of ['00', '01', '03', '07']) await runAt(t, `2026-03-06T09:${minute}:00+08:00`);
    let [delivery] = await deliveriesOf(t, 'A4');
    expect(delivery).toMatchObject({ status: 'pending', attempts: 4, lastStatus: 422 });
    expect(delivery!.lastError).toBe('HTTP 422 {"error":"not now"}');
    expect(delivery!.nextAttemptAt).toBe('2026-03-06T01:15:00.000Z');

    refuse = false;
    const admin = await t.as('admin');
    await t.setNow('2026-03-06T09:08:00+08:00');
    const retried = await admin.post(`/api/v1/admin/aps-deliveries/${delivery!.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', nextAttemptAt: '2026-03-06T01:08:00.000Z' });
    await runAt(t, '2026-03-06T09:08:00+08:00');
    [delivery] = await deliveriesOf(t, 'A4');
    expect(delivery).toMatchObject({ status: 'sent', attempts: 5 });
    const again = await (await t.as('admin')).post(`/api/v1/admin/aps-deliveries/${delivery!.id}/retry`);
    expect(again.status).toBe(409);
    const unknown = await (await t.as('admin')).post('/api/v1/admin/aps-deliveries/999999/retry');
    expect(unknown.status).toBe(404);
    const history = await (await t.as('admin')).get(`/api/v1/history?entity=aps_delivery&entityId=${delivery!.id}`);
    expect(history.body.items).toEqual([expect.objectContaining({ action: 'retried' })]);
  });

  test('a quote that leaves H is cancelled once; moving on below H or losing it sends nothing more', async () => {
    receiver.answer = () => 200;
    await t.setNow('2026-03-07T09:00:00+08:00');
    const id = await write.create('A5', 'commodity');
    await write.put(id, 'precision', quote);
    await write.stage(id, 'H');
    await t.setNow('2026-03-07T09:10:00+08:00');
    await write.stage(id, 'M');
    await write.stage(id, 'L');
    await write.put(id, 'precision', { ...quote, amount: 50 });
    await write.stage(id, 'lost', '客户转单');
    await runAt(t, '2026-03-07T09:11:00+08:00');
    expect(sentFor('A5').map((r) => [r.body.stage, r.body.cancelled, r.body.amount])).toEqual([
      ['H', false, 500],
      ['M', true, 500],
    ]);
    expect(sentFor('A5')[1]!.body.updatedAt).toBe('2026-03-07T01:10:00.000Z');
    const [, cancellation] = await pulled(t, 'A5');
    expect(cancellation).toMatchObject({ cancelled: true, stage: 'M' });
    // Reopened and back at H: a new quote, not a cancelled one.
    await write.stage(id, 'M', '客户重新询价');
    await write.stage(id, 'H');
    await runAt(t, '2026-03-07T09:12:00+08:00');
    expect(sentFor('A5').map((r) => r.body.cancelled)).toEqual([false, true, false]);
    expect(sentFor('A5')[2]!.body.amount).toBe(50);
  });

  test('the pull answers the outbox oldest first with updatedSince inclusive and cursor paging', async () => {
    await t.setNow('2026-03-08T09:00:00+08:00');
    const id = await write.create('A6', 'commodity');
    await write.put(id, 'precision', quote);
    await write.stage(id, 'H');
    await t.setNow('2026-03-08T09:00:00.001+08:00');
    await write.put(id, 'precision', { ...quote, amount: 600 });
    const planner = await t.as('planner');
    const page = async (query: string) => {
      const res = await planner.get(`/api/v1/feeds/aps-quotes?${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };
    expect((await page('updatedSince=2026-03-08T01:00:00Z')).items.map((q) => q.amount)).toEqual([500, 600]);
    expect((await page('updatedSince=2026-03-08T01:00:00.001Z')).items.map((q) => q.amount)).toEqual([600]);
    const first = await page('updatedSince=2026-03-08T01:00:00Z&limit=1');
    expect(first.items.map((q) => q.amount)).toEqual([500]);
    const second = await page(`updatedSince=2026-03-08T01:00:00Z&limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((q) => q.amount)).toEqual([600]);
    expect(second.nextCursor).toBeNull();
    for (const [query, field] of [
      ['updatedSince=2026-03-08', 'updatedSince'],
      ['cursor=%%%', 'cursor'],
    ]) {
      const res = await planner.get(`/api/v1/feeds/aps-quotes?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.error?.details?.map((d) => d.field)).toEqual([field]);
    }
  });
});

describeWithDatabase('APS outbox when APS is unreachable', () => {
  let t: TestApp;
  let port = 0;
  beforeAll(async () => {
    port = await closedPort();
    t = await startTestApp({ env: { CRM_APS_URL: `http://127.0.0.1:${port}/q?token=${TOKEN}` } });
  });
  afterAll(() => t?.close());

  test('the failure is logged without the URL’s token and retried with backoff', async () => {
    const write = await writerFor(t);
    const id = await write.create('U1', 'commodity');
    await write.put(id, 'precision', quote);
    await write.stage(id, 'H');
    await runAt(t, '2026-03-02T08:01:00+08:00');
    const [delivery] = await deliveriesOf(t, 'U1');
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null });
    expect(delivery!.lastError).toMatch(/fetch failed/);
    expect(delivery!.lastError).not.toContain(TOKEN);
    await runAt(t, '2026-03-02T08:02:00+08:00');
    expect((await deliveriesOf(t, 'U1'))[0]).toMatchObject({ attempts: 2, status: 'pending' });
    const settings = await (await t.as('admin')).get('/api/v1/admin/aps-settings');
    expect(settings.body).toEqual({ host: `127.0.0.1:${port}`, timeoutMs: 10_000 });
  });
});

describeWithDatabase('APS outbox without CRM_APS_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  test('nothing is pushed; the quotes wait to be pulled', async () => {
    const write = await writerFor(t);
    const id = await write.create('U2', 'commodity');
    await write.put(id, 'precision', quote);
    await write.stage(id, 'H');
    await runAt(t, '2026-03-02T08:01:00+08:00');
    expect((await deliveriesOf(t, 'U2'))[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await pulled(t, 'U2')).toHaveLength(1);
    expect((await (await t.as('admin')).get('/api/v1/admin/aps-settings')).body).toEqual({
      host: null,
      timeoutMs: null,
    });
  });
});
