import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase } from './client.js';
import { DataDirBusy, LOCK_FILE } from './data-dir-lock.js';

/**
 * Two processes writing one embedded database folder corrupt it (PGlite aborts on the next start), so the
 * folder is opened by one process at a time: the others are refused with a message naming the holder.
 */
describe('one process per embedded database folder', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test('a second open of a folder in use is refused, naming the holder; after close it opens', async () => {
    const dir = folder();
    const first = await openDatabase({ dataDir: dir });
    const refused = await openDatabase({ dataDir: dir }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataDirBusy);
    expect((refused as Error).message).toContain(`process ${process.pid}`);
    expect((refused as Error).message).toContain(join(dir, LOCK_FILE));
    // the refusal took nothing from the holder: it still reads and writes
    await first.query('create table kept (n int)');
    await first.query('insert into kept values (1)');
    await first.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    const second = await openDatabase({ dataDir: dir });
    expect(await second.query('select n from kept')).toEqual([{ n: 1 }]);
    await second.close();
  }, 60_000);

  test('a lock held by another running process refuses; one left by a process that is gone is taken over', async () => {
    const dir = folder();
    const lock = join(dir, LOCK_FILE);
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(lock, `${other.pid}\n${hostname()}\n`);
      const refused = await openDatabase({ dataDir: dir }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DataDirBusy);
      expect((refused as Error).message).toContain(`process ${other.pid}`);
    } finally {
      other.kill();
    }

    // A process that has exited (a crash, kill -9) left its lock behind.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(lock, `${gone}\n${hostname()}\n`);
    const database = await openDatabase({ dataDir: dir });
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n${hostname()}\n`);
    await database.close();
  }, 60_000);

  test('a lock file that names no process (empty, or not a pid) is taken over', async () => {
    const dir = folder();
    for (const text of ['', 'not a pid\n', '0\n']) {
      writeFileSync(join(dir, LOCK_FILE), text);
      const database = await openDatabase({ dataDir: dir });
      await database.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 60_000);

  test('a lock naming this process’s pid, left by an earlier process (a container restarted as pid 1), is taken over', async () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), `${process.pid}\n${hostname()}\n`);
    const database = await openDatabase({ dataDir: dir });
    await database.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 60_000);
});
