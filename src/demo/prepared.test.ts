import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../config.js';
import { copyPreparedDemo, prepareDemo, preparedDemoKey, preparedDemoMismatch } from './prepared.js';

const DAY = 24 * 3600 * 1000;
const now = new Date('2026-12-03T08:00:00Z');
let root: string;
let builds = 0;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'crm-prepared-'));
  process.env.CRM_DEMO_CACHE = join(root, 'cache');
});
afterAll(() => {
  delete process.env.CRM_DEMO_CACHE;
  rmSync(root, { recursive: true, force: true });
});

const configAt = (dataDir: string, password = 'tk-demo-2026') => ({
  ...loadConfig({ dataDir }),
  demoPassword: password,
  timeZone: 'Asia/Shanghai',
});

/** A small stand-in for the replay: one table and row, enough to tell the copy from an empty folder. */
async function build(dataDir: string) {
  builds += 1;
  const db = await PGlite.create({ dataDir });
  await db.exec(`create table demo_marker (prepared_at text); insert into demo_marker values ('${now.toISOString()}')`);
  await db.close();
}

test('the prepared demo stands in for the replay only when it is what the replay would give today', () => {
  const config = configAt('/unused');
  const wanted = preparedDemoKey(config, now);
  expect(preparedDemoMismatch(null, wanted, now)).toBe('missing');
  expect(preparedDemoMismatch(wanted, wanted, now)).toBeNull();
  expect(preparedDemoMismatch({ ...wanted, version: '0.0.0' }, wanted, now)).toBe('outdated');
  expect(preparedDemoMismatch({ ...wanted, code: 'other' }, wanted, now)).toBe('outdated');
  expect(preparedDemoMismatch(preparedDemoKey(configAt('/unused', 'another'), now), wanted, now)).toBe('settings');
  expect(preparedDemoMismatch({ ...wanted, timeZone: 'Europe/Berlin' }, wanted, now)).toBe('settings');
  const eightDaysOld = preparedDemoKey(config, new Date(now.getTime() - 8 * DAY));
  expect(preparedDemoMismatch(eightDaysOld, wanted, now)).toBe('stale');
  const sixDaysOld = preparedDemoKey(config, new Date(now.getTime() - 6 * DAY));
  expect(preparedDemoMismatch(sixDaysOld, wanted, now)).toBeNull();
  expect(preparedDemoMismatch(preparedDemoKey(config, new Date(now.getTime() + DAY)), wanted, now)).toBe('stale');
});

test('prepared once, a first start copies it; a filled folder or other settings are never touched', async () => {
  const first = await prepareDemo(configAt(join(root, 'unused')), now, build);
  expect(first.skipped).toBe(false);
  expect(builds).toBe(1);
  expect((await prepareDemo(configAt(join(root, 'unused')), now, build)).skipped).toBe(true);
  expect(builds).toBe(1);

  // an empty data folder: the copy is the prepared database, migrated and filled
  const fresh = join(root, 'fresh');
  expect(copyPreparedDemo(configAt(fresh), now)).toMatch(/prepared at install/);
  const copy = await PGlite.create({ dataDir: fresh });
  expect((await copy.query('select prepared_at from demo_marker')).rows).toEqual([{ prepared_at: now.toISOString() }]);
  await copy.close();

  // a folder holding data stays as it is
  const filled = join(root, 'filled');
  mkdirSync(filled, { recursive: true });
  writeFileSync(join(filled, 'PG_VERSION'), '17');
  const before = readdirSync(filled).sort();
  expect(copyPreparedDemo(configAt(filled), now)).toBeNull();
  expect(readdirSync(filled).sort()).toEqual(before);

  // another demo password or a fake clock starting elsewhere: the replay decides, nothing is copied
  expect(copyPreparedDemo(configAt(join(root, 'other-password'), 'another'), now)).toBeNull();
  const fake = { ...configAt(join(root, 'fake')), fakeClock: { start: new Date('2026-03-02T02:00:00Z') } };
  expect(copyPreparedDemo(fake, now)).toBeNull();
  // a week and a day later the prepared copy is too old to stand in
  expect(copyPreparedDemo(configAt(join(root, 'late')), new Date(now.getTime() + 8 * DAY))).toBeNull();
}, 120_000);
