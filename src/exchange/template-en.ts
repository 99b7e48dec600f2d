import type { CellType, Column } from './columns.js';
import type { ExchangeKind } from './contract.js';

/**
 * The import template for an English reader (issue 13 item 13): the same workbook with the contract's
 * field names as headers (the importer accepts them beside the Chinese titles) and the guide in English.
 * The notes are keyed by their Chinese text, so a note added without its English fails the template test.
 */
export const KIND_TITLES_EN: Record<ExchangeKind, string> = {
  shipments: 'Shipments',
  'shipment-plans': 'Shipment plans',
  orders: 'Sales orders',
  expenses: 'Selling expenses',
  receivables: 'Receivables',
  targets: 'Targets',
  customers: 'Customers',
  opportunities: 'Opportunities',
};

export const NOTES_EN: Record<string, string> = {
  '发送数据的系统，如 ERP、APS、PM；与单号、行号一起确定一行':
    'The system sending the data, e.g. ERP, APS, PM; with the document and line numbers it identifies a row',
  '单据内的行号；重复导入同一单据行会更新而不是新增':
    'The line number within the document; importing the same document line again updates it instead of adding one',
  须为系统中已有的客户: 'Must be a customer already in the system',
  '可留空；未知的编码会保留，待商机建立后自动关联':
    'May be empty; an unknown code is kept and linked once the opportunity exists',
  '本位币金额；退货、红字冲销可填负数': 'Amount in the local currency; returns and reversals may be negative',
  '可留空；有成本的行计入毛利率维度': 'May be empty; lines with a cost count in the gross-margin dimension',
  '填「是」则作废（取消）这一行；留空即否': 'true voids (cancels) this line; empty means false',
  '可留空（赛道公共费用）': 'May be empty (an expense of the whole track)',
  '余额所截至的日期；同一客户同一日期再次导入会更新':
    'The date the balance stands at; importing the same customer and date again updates it',
  '1–12': '1–12',
  '销售（出货目标）或 接单（订单目标）；也接受 sales / orders':
    'sales (shipment target) or orders (order-intake target); 销售 / 接单 are accepted too',
  '留空即赛道目标；填写则为该客户经理的目标': "Empty: the track's target; filled: that account manager's target",
  '客户归属的客户经理；其赛道即客户的赛道': "The customer's account manager; their track is the customer's track",
  '再次导入同一编码会更新该商机，不会重复':
    'Importing the same code again updates the opportunity, never duplicates it',
  '须为系统中已有的、你负责范围内的客户；客户经理和赛道随客户':
    'Must be a customer already in the system and in your scope; the account manager and track follow the customer',
  '模塑一体赛道：模具开发 / 量产；商品模赛道：商品模':
    'Integrated tracks: mold_development / mass_production; commodity-mold tracks: commodity_mold',
  'lead / L / M / H / won（赢单）/ lost（丢单）；新商机从 lead、L 或 M 开始；进入 H 须有精度版（商品模为报价）':
    'lead / L / M / H / won / lost; a new opportunity starts at lead, L or M; entering H needs the precision forecast (the quote for commodity molds)',
  '可留空（年初承接时会列为未完成）；推迟到更晚的月份须填写原因':
    'May be empty (the year-start baseline then lists it as incomplete); moving it later needs a reason',
  '本位币金额，不小于 0，保留两位小数': 'Amount in the local currency, not below 0, two decimals',
  '下单月份推迟、标记丢单或重新打开丢单时必填；记入变更历史':
    'Required when the order month moves later, when marking lost or reopening a lost one; kept in the history',
  '每个出货月份一列，表头为「出货 YYYY-MM」（也接受「YYYY-MM」）；单元格为该月预计出货金额，留空即该月无出货':
    'One column per shipment month, headed shipments.YYYY-MM (YYYY-MM alone is accepted too); the cell is the expected shipment amount of that month, empty for none',
  '量产商机按月下单时使用，表头为「订单 YYYY-MM」；填写后下单月份为第一个月、金额为合计':
    'For mass-production opportunities ordered month by month, headed orders.YYYY-MM; the order month is then the first and the amount the sum',
};

export const FORMAT_NOTES_EN: Record<CellType, string> = {
  text: 'Text',
  date: 'Date YYYY-MM-DD (Excel date cells and YYYY/M/D are accepted too)',
  month: 'Month YYYY-MM (Excel date cells and YYYY/M are accepted too)',
  amount: 'Number, may be negative (thousands separators accepted, e.g. 1,234.50)',
  integer: 'Whole number',
  flag: 'true / false (是 / 否 and 1 / 0 are accepted too)',
  targetKind: 'sales / orders (销售 / 接单 are accepted too)',
  opportunityKind: 'mold_development / mass_production / commodity_mold (模具开发 / 量产 / 商品模 are accepted too)',
  stage: 'lead / L / M / H / won / lost',
};

/** The example row in English where the cell is a word the importer also reads in English. */
const EXAMPLES_EN: Partial<Record<CellType, Record<string, string>>> = {
  flag: { 否: 'false', 是: 'true' },
  targetKind: { 销售: 'sales', 接单: 'orders' },
  opportunityKind: { 模具开发: 'mold_development', 量产: 'mass_production', 商品模: 'commodity_mold' },
};

export function englishColumn(column: Column): Column {
  const example = EXAMPLES_EN[column.type]?.[String(column.example)] ?? column.example;
  const note = column.note === undefined ? undefined : (NOTES_EN[column.note] ?? column.note);
  return { ...column, title: column.key, example, ...(note === undefined ? {} : { note }) };
}

export const GUIDE_EN = {
  sheet: 'Field guide',
  headers: ['Column', 'Field', 'Required', 'Format', 'Example', 'Notes'],
  yes: 'yes',
  no: 'no',
  amountNotNegative: 'Number, not below 0 (thousands separators accepted, e.g. 1,234.50)',
  lines: (sheet: string): string[] => [
    `Fill in the first sheet "${sheet}": row 1 is the header (the Chinese column titles are accepted too), one record per row from row 2; replace or delete the example row.`,
    'All or nothing: the file is written only when every row is right; otherwise not a row is written and every error is listed with its row, column and reason. A dry run shows the result first.',
  ],
  kindLines: {
    opportunities: [
      'Importing an opportunity code again updates that opportunity (name, kind, customer, stage and forecast); rows identical to the system change nothing.',
      'The order month, amount and monthly shipments make the rolling forecast (the quote for commodity molds); when any of them is filled the version is replaced by this row as a whole, when all are empty it stays as it is.',
      'Add or remove shipment-month columns as needed: head them shipments.YYYY-MM. Mass-production opportunities ordered month by month may add orders.YYYY-MM columns.',
      "Account managers import only their own customers' opportunities, track directors only their track's.",
    ],
  } as Partial<Record<ExchangeKind, string[]>>,
  documentLine:
    'The same document line (source + document number + line number) imported again updates what is there, never duplicates it; void = true cancels the line.',
  csvLine: 'CSV files in UTF-8 (Excel: Save as → CSV UTF-8).',
};
