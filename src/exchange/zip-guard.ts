import { rm } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';

type Pipe = (destination: Writable, options?: { end?: boolean }) => Writable;
type Write = (chunk: Buffer, ...rest: unknown[]) => boolean;
type Push = (chunk: unknown, ...rest: unknown[]) => boolean;
type Entry = Readable & { write: Write };

const ignore = () => {};

/**
 * exceljs's streaming reader unzips without any limit, and spools a worksheet that comes before the
 * shared strings (the order both Excel and exceljs write) to a temp file before reading it: a zip bomb of
 * a few megabytes could fill memory or the disk. This counts every unzipped byte where exceljs's unzip
 * stream (unzipper, which exceljs pipes our input into) hands it to an entry. Past the cap — or when the
 * input itself fails (an upload over its size cap) — it fails the entries, whatever they are being copied
 * into and the unzip stream, so exceljs's read ends with that error instead of waiting forever.
 *
 * It leans on how exceljs 4.4 and unzipper 0.10 work inside; the cap tests in test/api/ check both zip
 * orders, so an upgrade that changes them fails there, not in production.
 */
export type UnzipGuard = {
  /** The error the guard raised, if it did. */
  failure(): Error | null;
  /**
   * Removes the temp files exceljs spooled worksheets to: it deletes each after reading it, but not when
   * the read stops early (a cap, a bad header), and leftovers would pile up until the server restarts.
   */
  cleanup(): Promise<void>;
};

export function guardUnzip(input: Readable, maxBytes: number, tooLarge: () => Error): UnzipGuard {
  const spooled = new Set<string>();
  let total = 0;
  let failure: Error | null = null;
  let unzip: Readable | null = null;
  const live = new Set<{ entry: Entry; copies: Writable[] }>();

  const abort = (error: Error) => {
    if (failure) return;
    failure = error;
    input.destroy();
    for (const { entry, copies } of live) {
      for (const copy of copies) copy.on('error', ignore).destroy(error);
      entry.on('error', ignore).destroy(error);
    }
    unzip?.on('error', ignore).destroy(error);
  };
  input.on('error', abort);

  const watch = (entry: Entry) => {
    const watched = { entry, copies: [] as Writable[] };
    live.add(watched);
    entry.once('end', () => live.delete(watched));
    const pipe = entry.pipe as unknown as Pipe;
    (entry as unknown as { pipe: Pipe }).pipe = function (this: Readable, destination, options) {
      watched.copies.push(destination);
      const path = (destination as { path?: unknown }).path;
      if (typeof path === 'string') spooled.add(path);
      return pipe.call(this, destination, options);
    };
    const write = entry.write;
    entry.write = function (this: Writable, chunk, ...rest) {
      if (failure) return false;
      total += chunk.length;
      if (total <= maxBytes) return write.call(this, chunk, ...rest);
      abort(tooLarge());
      return false;
    };
  };

  const pipe = input.pipe as unknown as Pipe;
  (input as unknown as { pipe: Pipe }).pipe = function (this: Readable, destination, options) {
    const zip = destination as unknown as Readable & { push: Push };
    unzip = zip;
    const push = zip.push;
    // unzipper pushes each entry (a PassThrough named by its path) before it pipes the inflater into it.
    zip.push = function (this: Readable, chunk, ...rest) {
      if (chunk && typeof chunk === 'object' && 'path' in chunk) watch(chunk as Entry);
      return push.call(this, chunk, ...rest);
    };
    return pipe.call(this, destination, options);
  };
  return {
    failure: () => failure,
    cleanup: async () => {
      await Promise.all([...spooled].map((path) => rm(path, { force: true })));
    },
  };
}
