import ExcelJS from 'exceljs';
import { type CellType, COLUMNS, type Column, FORMAT_NOTES, KIND_TITLES } from './columns.js';
import type { ExchangeKind } from './contract.js';
import { addSafeRow, type CellInput } from './safe-cells.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Codes keep their leading zeros only in text-formatted columns; dates show as dates.
const NUMBER_FORMATS: Record<CellType, string> = {
  text: '@',
  date: 'yyyy-mm-dd',
  month: '@',
  amount: '#,##0.00',
  integer: '0',
  flag: '@',
  targetKind: '@',
};

/** Display width in Excel's character units: CJK characters take two. */
const widthOf = (text: string) => [...text].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);

const exampleCell = (column: Column): CellInput =>
  column.type === 'date' ? new Date(`${column.example}T00:00:00Z`) : column.example;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };

function dataSheet(workbook: ExcelJS.Workbook, kind: ExchangeKind): void {
  const columns = COLUMNS[kind];
  const sheet = workbook.addWorksheet(KIND_TITLES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    key: column.key,
    width: Math.max(10, widthOf(column.title) + 4, widthOf(String(column.example)) + 4),
    style: { numFmt: NUMBER_FORMATS[column.type] },
  }));
  const header = addSafeRow(
    sheet,
    columns.map((column) => column.title),
  );
  header.eachCell((cell, k) => {
    // Required columns in dark red, so the header alone says what must be filled.
    cell.font = { bold: true, color: { argb: columns[k - 1]!.required ? 'FF9C0006' : 'FF1F2937' } };
    cell.fill = HEADER_FILL;
    cell.numFmt = '@';
  });
  addSafeRow(sheet, columns.map(exampleCell));
}

function guideSheet(workbook: ExcelJS.Workbook, kind: ExchangeKind): void {
  const sheet = workbook.addWorksheet('字段说明');
  sheet.columns = [
    { header: '列名', width: 16 },
    { header: '字段', width: 18 },
    { header: '必填', width: 8 },
    { header: '格式', width: 44 },
    { header: '示例', width: 20 },
    { header: '说明', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = HEADER_FILL;
  for (const column of COLUMNS[kind]) {
    addSafeRow(sheet, [
      column.title,
      column.key,
      column.required ? '是' : '否',
      FORMAT_NOTES[column.type],
      String(column.example),
      column.note ?? '',
    ]);
  }
  sheet.addRow([]);
  for (const line of [
    `在第一个工作表「${KIND_TITLES[kind]}」中填写：第 1 行是表头（列名也可用英文字段名），从第 2 行起每行一条；示例行请替换或删除。`,
    '整批导入：全部正确才写入；有错误时一行也不写入，并列出每个错误的行号、列名和原因。可先「预检」查看结果。',
    '同一单据行（来源系统 + 单号 + 行号）再次导入会更新原有数据，不会重复；「作废」填「是」则取消该行。',
    'CSV 请使用 UTF-8 编码（Excel：另存为 → CSV UTF-8）。',
  ])
    sheet.addRow([line]).font = { color: { argb: 'FF4B5563' } };
}

/** The import template of a kind: the header and one example row, and a 字段说明 sheet. */
export async function templateWorkbook(kind: ExchangeKind): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '东江集团 销售督导与预测';
  dataSheet(workbook, kind);
  guideSheet(workbook, kind);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `Content-Disposition` for a download with a Chinese name (RFC 6266) and an ASCII fallback. */
export function attachment(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const templateFileName = (kind: ExchangeKind) => ({
  ascii: `${kind}-template.xlsx`,
  name: `${KIND_TITLES[kind]}-导入模板.xlsx`,
});
