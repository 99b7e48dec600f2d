import { sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { type Db, queryRows } from '../db/client.js';
import type { Locale } from '../http/locale.js';
import { type Actor, customerScope } from '../org/permissions.js';
import { type CellType, COLUMNS, type Column, FORMAT_NOTES, KIND_TITLES, MONTH_COLUMNS } from './columns.js';
import type { ExchangeKind } from './contract.js';
import { loadExcel } from './excel.js';
import { addSafeRow, type CellInput, HEADER_FILL } from './safe-cells.js';
import { englishColumn, FORMAT_NOTES_EN, GUIDE_EN, KIND_TITLES_EN, NOTES_EN } from './template-en.js';

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
  opportunityKind: '@',
  stage: '@',
};

/** Display width in Excel's character units: CJK characters take two. */
const widthOf = (text: string) => [...text].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);

const exampleCell = (column: Column): CellInput =>
  column.type === 'date' ? new Date(`${column.example}T00:00:00Z`) : column.example === '' ? null : column.example;

/**
 * Codes the example row uses instead of the columns' placeholders — a customer of the caller's own, its
 * track and AM — so the example passes a dry run as it stands (issue 13, item 12).
 */
export type Examples = Partial<Record<string, string>>;

/**
 * The template's columns: the kind's own, then one per month of each month family (「出货 2026-03」…) for
 * the months given — the cells of those are amounts; the example row fills the first two shipment months.
 */
function columnsOf(kind: ExchangeKind, months: string[], examples: Examples, locale: Locale): Column[] {
  const families = MONTH_COLUMNS[kind] ?? [];
  const perMonth = families
    .filter((family) => family.bare)
    .flatMap((family) =>
      months.map(
        (month, k): Column => ({
          key: `${family.field}.${month}`,
          title: locale === 'en' ? `${family.field}.${month}` : `${family.title} ${month}`,
          type: 'amount',
          required: false,
          example: k < 2 ? 600000 : '',
        }),
      ),
    );
  const own = COLUMNS[kind]
    .map((c) => (locale === 'en' ? englishColumn(c) : c))
    .map((c) => (examples[c.key] === undefined ? c : { ...c, example: examples[c.key]! }));
  return [...own, ...perMonth];
}

function dataSheet(
  workbook: ExcelJS.Workbook,
  kind: ExchangeKind,
  months: string[],
  examples: Examples,
  locale: Locale,
): void {
  const columns = columnsOf(kind, months, examples, locale);
  const sheet = workbook.addWorksheet(kindTitle(kind, locale), { views: [{ state: 'frozen', ySplit: 1 }] });
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

/** What the guide says about re-imports where a kind is not keyed by its source document. */
const KIND_GUIDE: Partial<Record<ExchangeKind, string[]>> = {
  opportunities: [
    '同一商机编码再次导入会更新该商机（名称、类型、客户、阶段和预测）；与系统中完全相同的行不做任何改动。',
    '导入的下单月份、金额和各月出货构成滚动预测版（商品模商机为报价）；填写了其中任一项，该版本即按本行整体替换，全部留空则保持不变。',
    '出货月份按需增减列：表头写「出货 YYYY-MM」即可。量产商机按月下单可加「订单 YYYY-MM」列。',
    '客户经理只能导入自己客户的商机，赛道总监只能导入本赛道客户的商机。',
  ],
};

const kindTitle = (kind: ExchangeKind, locale: Locale) => (locale === 'en' ? KIND_TITLES_EN[kind] : KIND_TITLES[kind]);

/** The guide sheet in English: the same rows as the Chinese one, with the contract's field names. */
function englishGuideSheet(workbook: ExcelJS.Workbook, kind: ExchangeKind): void {
  const sheet = workbook.addWorksheet(GUIDE_EN.sheet);
  sheet.columns = GUIDE_EN.headers.map((header, k) => ({ header, width: [20, 20, 10, 44, 20, 60][k] }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = HEADER_FILL;
  for (const column of COLUMNS[kind].map(englishColumn))
    addSafeRow(sheet, [
      column.key,
      column.key,
      column.required ? GUIDE_EN.yes : GUIDE_EN.no,
      FORMAT_NOTES_EN[column.type],
      String(column.example),
      column.note ?? '',
    ]);
  for (const family of MONTH_COLUMNS[kind] ?? [])
    addSafeRow(sheet, [
      `${family.field}.YYYY-MM`,
      `${family.field}.YYYY-MM`,
      GUIDE_EN.no,
      GUIDE_EN.amountNotNegative,
      `${family.field}.2026-03`,
      NOTES_EN[family.note] ?? family.note,
    ]);
  sheet.addRow([]);
  for (const line of [
    ...GUIDE_EN.lines(KIND_TITLES_EN[kind]),
    ...(GUIDE_EN.kindLines[kind] ?? [GUIDE_EN.documentLine]),
    GUIDE_EN.csvLine,
  ])
    sheet.addRow([line]).font = { color: { argb: 'FF4B5563' } };
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
  for (const family of MONTH_COLUMNS[kind] ?? [])
    addSafeRow(sheet, [
      `${family.title} YYYY-MM`,
      `${family.field}.YYYY-MM`,
      '否',
      FORMAT_NOTES.amount.replace('可为负数', '不小于 0'),
      `${family.title} 2026-03`,
      family.note,
    ]);
  sheet.addRow([]);
  for (const line of [
    `在第一个工作表「${KIND_TITLES[kind]}」中填写：第 1 行是表头（列名也可用英文字段名），从第 2 行起每行一条；示例行请替换或删除。`,
    '整批导入：全部正确才写入；有错误时一行也不写入，并列出每个错误的行号、列名和原因。可先「预检」查看结果。',
    ...(KIND_GUIDE[kind] ?? [
      '同一单据行（来源系统 + 单号 + 行号）再次导入会更新原有数据，不会重复；「作废」填「是」则取消该行。',
    ]),
    'CSV 请使用 UTF-8 编码（Excel：另存为 → CSV UTF-8）。',
  ])
    sheet.addRow([line]).font = { color: { argb: 'FF4B5563' } };
}

/** The import template of a kind: the header and one example row, and a 字段说明 sheet. */
export async function templateWorkbook(
  kind: ExchangeKind,
  options: { months?: string[]; examples?: Examples; locale?: Locale } = {},
): Promise<Buffer> {
  const locale = options.locale ?? 'zh-CN';
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = '东江集团 销售督导与预测';
  dataSheet(workbook, kind, options.months ?? [], options.examples ?? {}, locale);
  if (locale === 'en') englishGuideSheet(workbook, kind);
  else guideSheet(workbook, kind);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `Content-Disposition` for a download with a Chinese name (RFC 6266) and an ASCII fallback. */
export function attachment(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The twelve months from the one `now` falls in (the time zone's): a rolling year of shipment columns. */
export function templateMonths(now: Date, timeZone: string): string[] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  return Array.from({ length: 12 }, (_, k) => {
    const m = month - 1 + k;
    return `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

export const templateFileName = (kind: ExchangeKind, locale: Locale = 'zh-CN') => ({
  ascii: `${kind}-template.xlsx`,
  name: locale === 'en' ? `${kind}-template.xlsx` : `${KIND_TITLES[kind]}-导入模板.xlsx`,
});

/** The first customer the caller may import for, with its track and AM codes; none when there is none. */
export async function exampleCodes(db: Db, actor: Actor): Promise<Examples> {
  const scope = customerScope(actor);
  const own =
    scope.kind === 'track'
      ? sql`and c.track_id = ${scope.trackId}`
      : scope.kind === 'am'
        ? sql`and c.am_id = ${scope.amId}`
        : sql``;
  const [row] = await queryRows<{ customer: string; track: string; am: string }>(
    db,
    sql`select c.code as customer, t.code as track, u.code as am from customers c
      join tracks t on t.id = c.track_id join users u on u.id = c.am_id
      where u.code is not null ${own} order by c.code limit 1`,
  );
  return row ? { customerCode: row.customer, trackCode: row.track, amCode: row.am } : {};
}
