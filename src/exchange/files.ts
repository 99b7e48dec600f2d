import type { Readable } from 'node:stream';
import type { UploadLimits } from '../config.js';
import { AppError, type FieldError } from '../http/errors.js';
import { isAcceptedMonth } from '../http/validation.js';
import { cellValue, plainCell } from './cells.js';
import { COLUMNS, type Column, MONTH_COLUMNS } from './columns.js';
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

const BAD_MONTH = Symbol('bad month');
const MONTH_HEADER = '「出货 YYYY-MM」';

/**
 * A column of a per-month family (columns.ts MONTH_COLUMNS): 「出货 2026-03」, 「shipments.2026-03」,
 * 「出货2026年3月」, or a bare 「2026-03」 for the family that takes it. A family's name with a month that
 * does not exist is refused as such rather than as an unknown column.
 */
function monthColumn(kind: ExchangeKind, text: string): Column | typeof BAD_MONTH | undefined {
  const name = normalise(text);
  const asMonth = (rest: string) => {
    const month = cellValue('month', rest.replace(/^[.:：_-]/, ''));
    return typeof month === 'string' && isAcceptedMonth(month) ? month : null;
  };
  for (const family of MONTH_COLUMNS[kind] ?? []) {
    const column = (month: string): Column => ({
      key: `${family.field}.${month}`,
      title: text,
      type: 'amount',
      required: false,
      example: '',
    });
    const bare = family.bare ? asMonth(name) : null;
    if (bare) return column(bare);
    const prefixes = family.prefixes.map(normalise).sort((a, b) => b.length - a.length);
    const prefix = prefixes.find((p) => name.startsWith(p));
    if (prefix === undefined) continue;
    const month = asMonth(name.slice(prefix.length));
    return month ? column(month) : BAD_MONTH;
  }
  return undefined;
}

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
    // Excel turns a typed "2026-03" into a date: such a header cell is read as its month.
    const text = title instanceof Date ? String(cellValue('month', title)) : String(title);
    const column = known.get(normalise(text)) ?? monthColumn(kind, text);
    if (column === BAD_MONTH) {
      problems.push({ row: record.row, field: text, value: text, reason: 'format', params: { format: MONTH_HEADER } });
      return null;
    }
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
    const dot = column.key.indexOf('.');
    if (dot < 0) row[column.key] = value;
    else {
      // A month column ("shipments.2026-03") fills one month of its field's map.
      const field = column.key.slice(0, dot);
      const months = (row[field] ?? {}) as Record<string, unknown>;
      months[column.key.slice(dot + 1)] = value;
      row[field] = months;
    }
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
