import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { addSafeRow, csvLine, escapeFormula, safeCell } from './safe-cells.js';

describe('exports escape spreadsheet formulas (SPEC §11)', () => {
  test('text starting with = + - @ (or a tab or CR) gets a leading apostrophe; other text is unchanged', () => {
    for (const text of ['=1+2', '+1', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd'])
      expect(escapeFormula(text)).toBe(`'${text}`);
    for (const text of ['客户 =1', 'a-b', '', "'=already"]) expect(escapeFormula(text)).toBe(text);
  });

  test('numbers, dates and booleans are not text and pass as they are (a negative amount stays a number)', () => {
    const day = new Date(Date.UTC(2026, 2, 5));
    expect([safeCell(-200), safeCell(day), safeCell(true), safeCell(null), safeCell(undefined)]).toEqual([
      -200,
      day,
      true,
      null,
      null,
    ]);
  });

  test('a CSV line is escaped and quoted (RFC 4180)', () => {
    expect(csvLine(['=HYPERLINK("http://x")', 'a,b', 'say "hi"', -5, null, new Date(Date.UTC(2026, 0, 2))])).toBe(
      `"'=HYPERLINK(""http://x"")","a,b","say ""hi""",-5,,2026-01-02\r\n`,
    );
  });

  test('an XLSX written through addSafeRow holds text, not formulas, when read back', async () => {
    const workbook = new ExcelJS.Workbook();
    addSafeRow(workbook.addWorksheet('x'), ['=1+1', '@cmd', 42, '-3']);
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(await workbook.xlsx.writeBuffer());
    const row = again.worksheets[0]!.getRow(1);
    expect((row.values as unknown[]).slice(1)).toEqual(["'=1+1", "'@cmd", 42, "'-3"]);
    expect(row.getCell(1).formula).toBeUndefined();
  });
});
