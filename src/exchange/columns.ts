import type { ExchangeKind } from './contract.js';

/** How a spreadsheet cell becomes a row value (cells.ts). */
export type CellType = 'text' | 'date' | 'month' | 'amount' | 'integer' | 'flag' | 'targetKind';

/**
 * One spreadsheet column of an import: the row field it fills (SPEC §9, the contract), the Chinese title
 * users see in Excel, and what the template's 字段说明 sheet says about it.
 */
export type Column = {
  key: string;
  title: string;
  type: CellType;
  required: boolean;
  example: string | number;
  /** Other headers people write for this column (the key itself is always accepted). */
  aliases?: string[];
  note?: string;
};

/** The kinds in users' words: sheet names, file names, the import page. */
export const KIND_TITLES: Record<ExchangeKind, string> = {
  shipments: '出货实绩',
  'shipment-plans': '出货计划',
  orders: '销售订单',
  expenses: '销售费用',
  receivables: '应收余额',
  targets: '目标',
  customers: '客户',
};

const source = (example: string): Column => ({
  key: 'source',
  title: '来源系统',
  type: 'text',
  required: true,
  example,
  note: '发送数据的系统，如 ERP、APS、PM；与单号、行号一起确定一行',
});
const lineNo: Column = {
  key: 'lineNo',
  title: '行号',
  type: 'text',
  required: true,
  example: '10',
  note: '单据内的行号；重复导入同一单据行会更新而不是新增',
};
const customerCode: Column = {
  key: 'customerCode',
  title: '客户编码',
  type: 'text',
  required: true,
  example: 'C0001',
  note: '须为系统中已有的客户',
};
const opportunityCode: Column = {
  key: 'opportunityCode',
  title: '商机编码',
  type: 'text',
  required: false,
  example: 'OPP-2026-001',
  note: '可留空；未知的编码会保留，待商机建立后自动关联',
};
const amount = (title: string, example: number, key = 'amount'): Column => ({
  key,
  title,
  type: 'amount',
  required: true,
  example,
  note: '本位币金额；退货、红字冲销可填负数',
});
const trackCode: Column = {
  key: 'trackCode',
  title: '赛道编码',
  type: 'text',
  required: true,
  example: 'T01',
};
const amCode = (required: boolean, note?: string): Column => ({
  key: 'amCode',
  title: '客户经理编码',
  type: 'text',
  required,
  example: 'AM001',
  aliases: ['客户经理工号'],
  ...(note ? { note } : {}),
});
const voidFlag: Column = {
  key: 'void',
  title: '作废',
  type: 'flag',
  required: false,
  example: '否',
  note: '填「是」则作废（取消）这一行；留空即否',
};

export const COLUMNS: Record<ExchangeKind, Column[]> = {
  shipments: [
    source('ERP'),
    { key: 'docNo', title: '出货单号', type: 'text', required: true, example: 'DN2026030001' },
    lineNo,
    { key: 'date', title: '出货日期', type: 'date', required: true, example: '2026-03-05', aliases: ['日期'] },
    customerCode,
    opportunityCode,
    amount('金额', 125000),
    {
      ...amount('销售成本', 98000, 'cost'),
      required: false,
      aliases: ['成本'],
      note: '可留空；有成本的行计入毛利率维度',
    },
    voidFlag,
  ],
  'shipment-plans': [
    source('APS'),
    { key: 'planNo', title: '计划单号', type: 'text', required: true, example: 'PL2026030001' },
    lineNo,
    { key: 'month', title: '计划月份', type: 'month', required: true, example: '2026-04', aliases: ['月份'] },
    customerCode,
    opportunityCode,
    amount('金额', 300000),
    voidFlag,
  ],
  orders: [
    {
      key: 'orderNo',
      title: 'SAP 订单号',
      type: 'text',
      required: true,
      example: '4500012345',
      aliases: ['订单号', '销售订单号'],
    },
    lineNo,
    { key: 'date', title: '订单日期', type: 'date', required: true, example: '2026-03-02', aliases: ['日期'] },
    customerCode,
    opportunityCode,
    amount('金额', 500000),
    voidFlag,
  ],
  expenses: [
    { key: 'docNo', title: '费用单号', type: 'text', required: true, example: 'EX2026030001' },
    lineNo,
    { key: 'date', title: '费用日期', type: 'date', required: true, example: '2026-03-10', aliases: ['日期'] },
    trackCode,
    amCode(false, '可留空（赛道公共费用）'),
    { key: 'category', title: '费用类别', type: 'text', required: false, example: '差旅费' },
    amount('金额', 8600),
    voidFlag,
  ],
  receivables: [
    {
      key: 'asOf',
      title: '截止日期',
      type: 'date',
      required: true,
      example: '2026-03-31',
      note: '余额所截至的日期；同一客户同一日期再次导入会更新',
    },
    customerCode,
    { ...amount('应收余额', 860000, 'balance'), aliases: ['余额'] },
    voidFlag,
  ],
  targets: [
    { key: 'year', title: '年份', type: 'integer', required: true, example: 2026 },
    { key: 'month', title: '月份', type: 'integer', required: true, example: 4, note: '1–12' },
    {
      key: 'kind',
      title: '类型',
      type: 'targetKind',
      required: true,
      example: '销售',
      aliases: ['目标类型'],
      note: '销售（出货目标）或 接单（订单目标）；也接受 sales / orders',
    },
    trackCode,
    amCode(false, '留空即赛道目标；填写则为该客户经理的目标'),
    amount('金额', 2000000),
    voidFlag,
  ],
  customers: [
    { key: 'code', title: '客户编码', type: 'text', required: true, example: 'C0001' },
    { key: 'name', title: '客户名称', type: 'text', required: true, example: '东江示例科技有限公司' },
    amCode(true, '客户归属的客户经理；其赛道即客户的赛道'),
  ],
};

/** What the template's 字段说明 sheet says about a column's format. */
export const FORMAT_NOTES: Record<CellType, string> = {
  text: '文本',
  date: '日期 YYYY-MM-DD（也接受 Excel 日期单元格、YYYY/M/D）',
  month: '月份 YYYY-MM（也接受 Excel 日期单元格、YYYY/M）',
  amount: '数字，可为负数（也接受千分位，如 1,234.50）',
  integer: '整数',
  flag: '是 / 否（也接受 true / false、1 / 0）',
  targetKind: '销售 / 接单（也接受 sales / orders）',
};
