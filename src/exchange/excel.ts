import type ExcelJS from 'exceljs';

/**
 * exceljs with its zip, stream and polyfill libraries is some fifty modules: loaded with the first
 * spreadsheet read or written, not at every start (issue 14). Node keeps it once loaded.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
