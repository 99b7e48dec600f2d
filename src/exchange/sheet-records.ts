import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { AppError } from '../http/errors.js';
import type { Bilingual } from '../http/locale.js';
import { loadExcel } from './excel.js';
import { guardUnzip } from './zip-guard.js';

/** One row of a sheet as read: its row number in the sheet (1 = the first) and its cells by column. */
export type SheetRecord = { row: number; cells: unknown[] };
export type SheetFormat = 'csv' | 'xlsx';

const MB = 1024 * 1024;
export const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

export const unreadable = (reason: Bilingual, status = 422) => new AppError('file_unreadable', status, { reason });
export const tooLarge = (what: Bilingual, limit: string) => new AppError('file_too_large', 413, { what, limit });
export const UNZIPPED: Bilingual = { zh: '解压后大小', en: 'the unzipped size' };

const NOT_UTF8: Bilingual = {
  zh: 'CSV 不是 UTF-8 编码（不支持 GBK）。请在 Excel 中「另存为 → CSV UTF-8（逗号分隔）」，或直接上传 .xlsx',
  en: 'the CSV is not UTF-8 (GBK is not supported). In Excel use Save As → CSV UTF-8, or upload the .xlsx',
};
const OLD_XLS: Bilingual = {
  zh: '不支持旧版 .xls 格式，请另存为 .xlsx 或 CSV UTF-8',
  en: 'the old .xls format is not supported; save it as .xlsx or CSV UTF-8',
};
const NOT_XLSX: Bilingual = { zh: '不是有效的 .xlsx 文件', en: 'this is not a valid .xlsx file' };

/** The format from the file's first bytes (a zip is an XLSX), not from its name, which anyone can change. */
export async function sniffFormat(input: Readable, fileName = ''): Promise<SheetFormat> {
  await Promise.race([once(input, 'readable'), once(input, 'end')]);
  const head: Buffer | null = input.read();
  if (head) input.unshift(head);
  if (head && head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (head && head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) throw unreadable(OLD_XLS, 415);
  if (/\.xlsx$/i.test(fileName)) throw unreadable(NOT_XLSX);
  return 'csv';
}

/** CSV records: UTF-8 with or without a BOM, comma separated, quoted cells may span lines. */
export async function* csvRecords(input: Readable): AsyncGenerator<SheetRecord> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false });
  // pipe() does not pass the input's errors on (a file over the size cap): end the parse with them.
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      // Bytes that are not UTF-8 decode to U+FFFD: most likely a GBK file from Excel's plain "CSV".
      if (cells.some((cell) => cell.includes('\uFFFD'))) throw unreadable(NOT_UTF8);
      yield { row, cells };
    }
  } catch (error) {
    if (error instanceof CsvError)
      throw unreadable({ zh: `CSV 格式错误（第 ${row + 1} 行）：${error.message}`, en: `CSV error: ${error.message}` });
    throw error;
  }
}

type SheetReader = AsyncIterable<ExcelJS.Row> & { name?: string };
type WorkbookModel = { sheets?: { name?: string }[] };

/**
 * XLSX records of the first worksheet (in tab order), streamed: rows are read as the file arrives and
 * never held together. Other worksheets (the template's 字段说明) are read past.
 */
export async function* xlsxRecords(input: Readable, maxUnzippedBytes: number): AsyncGenerator<SheetRecord> {
  const guard = guardUnzip(input, maxUnzippedBytes, () => tooLarge(UNZIPPED, megabytes(maxUnzippedBytes)));
  // Styles are read so that date-formatted cells come as dates; hyperlinks and entries are not needed.
  const workbook = new (await loadExcel()).stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let taken = false;
  try {
    for await (const sheet of workbook as AsyncIterable<SheetReader>) {
      const first = (workbook as unknown as { model?: WorkbookModel }).model?.sheets?.[0]?.name;
      const wanted: boolean = !taken && (first === undefined || sheet.name === first);
      for await (const row of sheet) {
        if (!wanted) continue;
        const values = row.values as unknown[];
        yield { row: row.number, cells: values.slice(1) };
      }
      taken ||= wanted;
    }
  } catch (error) {
    const cause = guard.failure();
    if (cause) throw cause;
    if (error instanceof AppError) throw error;
    throw unreadable(NOT_XLSX);
  } finally {
    await guard.cleanup();
  }
}
