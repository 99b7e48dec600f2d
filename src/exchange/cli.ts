import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Config, UploadLimits } from '../config.js';
import type { Db } from '../db/client.js';
import { reasonText } from '../http/error-handler.js';
import { AppError } from '../http/errors.js';
import { openAndMigrate } from '../server.js';
import { EXCHANGE_KINDS, type ExchangeKind } from './contract.js';
import { readSpreadsheet } from './files.js';
import { writeBack } from './write-back.js';

export type ImportFileOptions = {
  kind: string;
  path: string;
  dryRun?: boolean;
  now: Date;
  /** The configured time zone (the `opportunities` kind freezes owed forecast snapshots first). */
  timeZone?: string;
  limits: UploadLimits;
  /** A progress bar on stderr while the rows are read (off in tests and when stderr is not a terminal). */
  progress?: boolean;
  print?: (line: string) => void;
};

// The first problems are printed; the run log (导入记录) keeps the first thousand.
const PRINTED_PROBLEMS = 20;

const isKind = (kind: string): kind is ExchangeKind => (EXCHANGE_KINDS as string[]).includes(kind);

function progressBar(enabled: boolean, totalBytes: number) {
  if (!enabled) return null;
  const bar = new SingleBar({ format: 'reading {bar} {percentage}% | {rows} rows', hideCursor: true });
  bar.start(totalBytes, 0, { rows: 0 });
  return bar;
}

/**
 * `crm import <kind> <file>`: streams a CSV or XLSX file through the write-back as the system, like an
 * upload (all or nothing, the run logged with via "cli"). Returns the exit code: 0 imported, 1 refused.
 */
export async function importFile(db: Db, options: ImportFileOptions): Promise<number> {
  const print = options.print ?? ((line: string) => console.log(line));
  if (!isKind(options.kind)) {
    print(`Unknown kind "${options.kind}"; one of: ${EXCHANGE_KINDS.join(', ')}`);
    return 1;
  }
  const fileName = basename(options.path);
  const size = (await stat(options.path)).size;
  const input = createReadStream(options.path);
  const bar = progressBar(options.progress ?? false, size);
  const file = readSpreadsheet(input, {
    kind: options.kind,
    fileName,
    limits: options.limits,
    onRows: (rows) => bar?.update(input.bytesRead, { rows }),
  });
  try {
    const { body } = await writeBack(db, {
      kind: options.kind,
      rows: file.rows,
      rowNumber: file.rowNumber,
      fieldLabel: file.fieldLabel,
      actor: 'system',
      via: 'cli',
      now: options.now,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      fileName,
      dryRun: options.dryRun,
    });
    bar?.update(size);
    bar?.stop();
    const counts = `${body.inserted} inserted, ${body.updated} updated, ${body.unchanged} unchanged, ${body.voided} voided`;
    print(
      body.dryRun
        ? `Dry run of ${body.rows} ${body.kind} rows from ${fileName}: would be ${counts}. Nothing was written.`
        : `Imported ${body.rows} ${body.kind} rows from ${fileName}: ${counts} (run ${body.runId}, ${body.durationMs} ms).`,
    );
    return 0;
  } catch (error) {
    bar?.stop();
    if (!(error instanceof AppError)) throw error;
    printRefusal(error, fileName, print);
    return 1;
  } finally {
    input.destroy();
  }
}

function printRefusal(error: AppError, fileName: string, print: (line: string) => void): void {
  print(`${fileName} was not imported: ${reasonText(error.code, error.params, 'en')}`);
  for (const problem of error.details.slice(0, PRINTED_PROBLEMS)) {
    const value =
      problem.value === undefined || problem.value === null ? '' : ` (value: ${JSON.stringify(problem.value)})`;
    print(`  row ${problem.row}, ${problem.field}: ${reasonText(problem.reason, problem.params, 'en')}${value}`);
  }
  const more = Number(error.params.count ?? error.details.length) - PRINTED_PROBLEMS;
  if (more > 0) print(`  … and ${more} more`);
}

export async function importCommand(config: Config, kind: string, path: string, dryRun: boolean): Promise<void> {
  const database = await openAndMigrate(config);
  try {
    process.exitCode = await importFile(database.db, {
      kind,
      path,
      dryRun,
      now: new Date(),
      timeZone: config.timeZone,
      limits: config.upload,
      progress: process.stderr.isTTY,
    });
  } finally {
    await database.close();
  }
}
