import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * One process per embedded database folder. PGlite has no lock of its own (the postmaster.pid it writes
 * names no real process), and two processes writing one folder — a second `npm start`, or `crm import`
 * while the server runs — corrupt it beyond opening. The first to open the folder writes `crm.lock`
 * (its pid and host); the others refuse with a message naming it. A lock whose process is gone (a crash,
 * `kill -9`) is taken over.
 */
export const LOCK_FILE = 'crm.lock';

export class DataDirBusy extends Error {
  override readonly name = 'DataDirBusy';
  constructor(
    readonly dir: string,
    readonly holder: Holder,
  ) {
    super(
      `The database folder ${dir} is in use by process ${holder.pid} on ${holder.host} (another crm server or ` +
        `command). Stop it first; if no such process runs any more, delete ${join(dir, LOCK_FILE)} and try again. ` +
        `数据目录 ${dir} 正被进程 ${holder.pid} 使用，请先停止它。`,
    );
  }
}

type Holder = { pid: number; host: string };

// Folders this process holds: opening one twice here is refused too; a lock naming this pid that is not
// in the set was left by an earlier process that had the same pid (a container's pid 1 after a restart).
const held = new Set<string>();

function readHolder(file: string): Holder | null {
  try {
    const [text, host] = readFileSync(file, 'utf8').split('\n');
    const pid = Number(text);
    // Not a pid (an empty or foreign file): no one holds it. Zero would ask after the whole process group.
    return Number.isInteger(pid) && pid > 0 ? { pid, host: host ?? '' } : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isLive(dir: string, holder: Holder): boolean {
  if (holder.host !== hostname()) return true; // another machine's process cannot be checked from here
  if (holder.pid === process.pid) return held.has(dir);
  return isRunning(holder.pid);
}

/** Takes the folder's lock (creating the folder if needed); returns the function that releases it. */
export function lockDataDir(folder: string): () => void {
  const dir = resolve(folder);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  const mine = `${process.pid}\n${hostname()}\n`;
  // Written whole under a name of our own, then linked into place: a link is atomic and fails if the lock
  // exists, so of two processes starting together one gets it, and no one ever reads a half-written lock.
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, mine);
  try {
    for (;;) {
      try {
        linkSync(draft, file);
        held.add(dir);
        return () => release(dir, file, mine);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = readHolder(file);
        if (holder && isLive(dir, holder)) throw new DataDirBusy(dir, holder);
        rmSync(file, { force: true }); // left by a process that is gone; the next turn links ours
      }
    }
  } finally {
    rmSync(draft, { force: true });
  }
}

function release(dir: string, file: string, mine: string): void {
  held.delete(dir);
  try {
    if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
  } catch {
    // already gone: nothing to release
  }
}
