import type { ExchangeKind } from './contract.js';

/** How a spreadsheet cell becomes a row value (cells.ts). */
export type CellType =
  | 'text'
  | 'date'
  | 'month'
  | 'amount'
  | 'integer'
  | 'flag'
  | 'targetKind'
  | 'opportunityKind'
  | 'stage';

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
  opportunities: '商机',
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
  opportunities: [
    {
      key: 'code',
      title: '商机编码',
      type: 'text',
      required: true,
      example: 'OPP-2026-001',
      note: '再次导入同一编码会更新该商机，不会重复',
    },
    { key: 'name', title: '商机名称', type: 'text', required: true, example: '某客户 X1 外壳模具' },
    { ...customerCode, note: '须为系统中已有的、你负责范围内的客户；客户经理和赛道随客户' },
    {
      key: 'kind',
      title: '商机类型',
      type: 'opportunityKind',
      required: true,
      example: '模具开发',
      aliases: ['类型'],
      note: '模塑一体赛道：模具开发 / 量产；商品模赛道：商品模',
    },
    {
      key: 'stage',
      title: '阶段',
      type: 'stage',
      required: true,
      example: 'L',
      note: 'lead / L / M / H / won（赢单）/ lost（丢单）；新商机从 lead、L 或 M 开始；进入 H 须有精度版（商品模为报价）',
    },
    {
      key: 'orderMonth',
      title: '预计下单月份',
      type: 'month',
      required: false,
      example: '2026-06',
      aliases: ['下单月份'],
      note: '可留空（年初承接时会列为未完成）；推迟到更晚的月份须填写原因',
    },
    {
      key: 'amount',
      title: '预计下单金额',
      type: 'amount',
      required: false,
      example: 1200000,
      aliases: ['金额', '下单金额'],
      note: '本位币金额，不小于 0，保留两位小数',
    },
    {
      key: 'reason',
      title: '原因',
      type: 'text',
      required: false,
      example: '客户项目延期',
      aliases: ['说明'],
      note: '下单月份推迟、标记丢单或重新打开丢单时必填；记入变更历史',
    },
  ],
};

/**
 * Columns that come one per month, e.g. 「出货 2026-03」: the header names the month, the cells fill
 * `field` of the row as `{"2026-03": amount}`. A bare month header (`2026-03`) is a shipment month.
 */
export type MonthColumns = { field: string; title: string; prefixes: string[]; bare: boolean; note: string };

export const MONTH_COLUMNS: Partial<Record<ExchangeKind, MonthColumns[]>> = {
  opportunities: [
    {
      field: 'shipments',
      title: '出货',
      prefixes: ['出货', '预计出货', 'shipments', 'shipment'],
      bare: true,
      note: '每个出货月份一列，表头为「出货 YYYY-MM」（也接受「YYYY-MM」）；单元格为该月预计出货金额，留空即该月无出货',
    },
    {
      field: 'orders',
      title: '订单',
      prefixes: ['订单', '预计订单', 'orders', 'order'],
      bare: false,
      note: '量产商机按月下单时使用，表头为「订单 YYYY-MM」；填写后下单月份为第一个月、金额为合计',
    },
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
  opportunityKind: '模具开发 / 量产 / 商品模（也接受 mold_development / mass_production / commodity_mold）',
  stage: 'lead / L / M / H / won / lost（也接受 线索 / 赢单 / 丢单）',
};
