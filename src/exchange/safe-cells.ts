import type ExcelJS from 'exceljs';

/**
 * Exports escape spreadsheet formulas (SPEC §11, OWASP "CSV injection"): text that starts with = + - @
 * (or a tab or carriage return, which some spreadsheets skip before one of those) gets a leading
 * apostrophe, so Excel shows it as text instead of running it. Every XLSX and CSV export writes its cells
 * through these helpers; numbers, dates and booleans are not text and pass unchanged (-200 stays a number).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CellInput = string | number | boolean | Date | null | undefined;

/** A value for an exported cell: text escaped, everything else as it is; empty for null. */
export function safeCell(value: CellInput): Exclude<CellInput, undefined> {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? escapeFormula(value) : value;
}

/** Appends a row of escaped cells to an exceljs worksheet. */
export function addSafeRow(sheet: ExcelJS.Worksheet, values: CellInput[]): ExcelJS.Row {
  return sheet.addRow(values.map(safeCell));
}

const quoteCsv = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** One CSV line (RFC 4180 quoting, CRLF) of escaped cells; dates as YYYY-MM-DD. */
export function csvLine(values: CellInput[]): string {
  const cells = values.map((value) => {
    const cell = safeCell(value);
    if (cell === null) return '';
    if (cell instanceof Date) return cell.toISOString().slice(0, 10);
    return quoteCsv(String(cell));
  });
  return `${cells.join(',')}\r\n`;
}

/** The byte-order mark that makes Excel open a UTF-8 CSV as UTF-8 instead of the local code page. */
export const CSV_BOM = '\uFEFF';

/** The header band of every workbook the product writes (templates, reports, packs, analysis). */
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
/** Overdue, escalated and red rows, red in the printout as on the screen. */
export const RED_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FFC00000' }, bold: true };

/** A sheet with a bold, filled header row of `[title, width]` columns, frozen below it. */
export function headedSheet(workbook: ExcelJS.Workbook, name: string, headers: [string, number][]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map(([, width]) => ({ width }));
  const header = addSafeRow(
    sheet,
    headers.map(([title]) => title),
  );
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  return sheet;
}
