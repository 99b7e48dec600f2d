import type { Readable } from 'node:stream';
import type { UploadLimits } from '../config.js';
import { AppError, type FieldError } from '../http/errors.js';
import { cellValue, plainCell } from './cells.js';
import { COLUMNS, type Column } from './columns.js';
import type { ExchangeKind } from './contract.js';
import { csvRecords, type SheetRecord, sniffFormat, tooLarge, unreadable, xlsxRecords } from './sheet-records.js';

/**
 * A spreadsheet (CSV or XLSX) as write-back rows: read as it streams, in chunks, so a file of any size
 * is imported with flat memory. Problems name the sheet's own rows and column titles.
 */
export type SpreadsheetRows = {
  rows: AsyncIterable<unknown[]>;
  /** Batch index → the row number the user sees in the sheet (the header is row 1). */
  rowNumber(index: number): number;
  /** Row field → the column title as written in the file's header. */
  fieldLabel(field: string): string;
};

export type ReadOptions = {
  kind: ExchangeKind;
  fileName?: string;
  limits: Pick<UploadLimits, 'maxUnzippedBytes' | 'maxRows'>;
  /** Called after each chunk with the number of rows read so far (the CLI's progress bar). */
  onRows?: (rows: number) => void;
};

const CHUNK = 5_000;

/** Headers match with spacing, width (全角) and case ignored: "SAP订单号", "sap 订单号", "orderNo". */
const normalise = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * Batch index → sheet row. Rows map one to one except where blank rows were skipped, so only the runs
 * where the offset changes are kept: memory stays flat however long the sheet.
 */
class SheetRows {
  private starts: number[] = [];
  private offsets: number[] = [];

  add(index: number, sheetRow: number): void {
    const offset = sheetRow - index;
    if (this.offsets.at(-1) !== offset) {
      this.starts.push(index);
      this.offsets.push(offset);
    }
  }

  rowOf(index: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid]! <= index) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return index + (found < 0 ? 2 : this.offsets[found]!);
  }
}

type Header = { columns: (Column | null)[]; labels: Map<string, string> };

/** The header row → which column fills which field; unknown, repeated or missing columns are refused. */
function readHeader(kind: ExchangeKind, record: SheetRecord): Header {
  const known = new Map<string, Column>();
  for (const column of COLUMNS[kind])
    for (const name of [column.title, column.key, ...(column.aliases ?? [])]) known.set(normalise(name), column);
  const problems: FieldError[] = [];
  const labels = new Map<string, string>();
  const columns = record.cells.map((cell) => {
    const title = plainCell(cell);
    if (title === undefined) return null;
    const text = String(title);
    const column = known.get(normalise(text));
    if (!column) problems.push({ row: record.row, field: text, value: text, reason: 'unknown_field' });
    else if (labels.has(column.key))
      problems.push({
        row: record.row,
        field: text,
        value: text,
        reason: 'invalid',
        params: {
          why: { zh: `与「${labels.get(column.key)}」列重复`, en: `repeats column "${labels.get(column.key)}"` },
        },
      });
    else labels.set(column.key, text);
    return column ?? null;
  });
  for (const column of COLUMNS[kind])
    if (column.required && !labels.has(column.key))
      problems.push({ row: record.row, field: column.title, value: null, reason: 'required' });
  if (problems.length) throw new AppError('rows_rejected', 422, { count: problems.length }, problems);
  return { columns, labels };
}

function rowOf(header: Header, cells: unknown[]): Record<string, unknown> | null {
  const row: Record<string, unknown> = {};
  let filled = false;
  header.columns.forEach((column, k) => {
    if (!column) return;
    const value = cellValue(column.type, cells[k]);
    if (value === undefined) return;
    row[column.key] = value;
    filled = true;
  });
  return filled ? row : null;
}

export function readSpreadsheet(input: Readable, options: ReadOptions): SpreadsheetRows {
  const numbers = new SheetRows();
  let header: Header | null = null;
  const { maxRows, maxUnzippedBytes } = options.limits;

  async function* rows(): AsyncGenerator<unknown[]> {
    const format = await sniffFormat(input, options.fileName);
    const records = format === 'xlsx' ? xlsxRecords(input, maxUnzippedBytes) : csvRecords(input);
    let chunk: unknown[] = [];
    let count = 0;
    for await (const record of records) {
      if (!header) {
        // The first row with anything in it is the header (normally row 1).
        if (record.cells.some((cell) => plainCell(cell) !== undefined)) {
          header = readHeader(options.kind, record);
          numbers.add(-1, record.row);
        }
        continue;
      }
      const row = rowOf(header, record.cells);
      if (!row) continue; // blank rows (Excel keeps formatted empty ones) are not rows
      if (count === maxRows) throw tooLarge({ zh: '行数', en: 'the row count' }, `${maxRows}`);
      numbers.add(count++, record.row);
      chunk.push(row);
      if (chunk.length === CHUNK) {
        yield chunk;
        chunk = [];
        options.onRows?.(count);
      }
    }
    if (!header) throw unreadable({ zh: '文件是空的（没有表头行）', en: 'the file is empty (no header row)' });
    if (chunk.length) yield chunk;
    options.onRows?.(count);
  }

  return {
    rows: rows(),
    rowNumber: (index) => numbers.rowOf(index),
    fieldLabel: (field) =>
      header?.labels.get(field) ?? COLUMNS[options.kind].find((c) => c.key === field)?.title ?? field,
  };
}
