import type ExcelJS from 'exceljs';
import { loadExcel } from '../exchange/excel.js';
import { addSafeRow, type CellInput, HEADER_FILL } from '../exchange/safe-cells.js';
import type { QuarterlyDto } from './contract.js';

const TYPE_NAMES = { supervision: '月度销售督导会', weekly: '赛道周会' } as const;

const DIMENSION_NAMES: Record<string, string> = {
  '1': '各赛道销售达成率',
  '2': '客户经理销售达成率',
  '3': '各赛道接单达成率',
  '4': '客户经理接单达成率',
  '5': '各赛道毛利率',
  '6': '各赛道销售预测准确率',
  '7': '各赛道费用占销售千分比',
  '8': '各赛道应收周转天数 (DSO)',
};

const PERCENT = '0.0%';

type Column = { header: string; width: number; numFmt?: string };

function sheetOf(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: CellInput[][]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  const header = addSafeRow(
    sheet,
    columns.map((c) => c.header),
  );
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  for (const row of rows) addSafeRow(sheet, row);
  return sheet;
}

/** 汇总: one measure a row; rates keep their fraction and show as a percentage. */
function summarySheet(workbook: ExcelJS.Workbook, a: QuarterlyDto, trackName: string): void {
  const rows: [string, CellInput, string?][] = [
    ['季度', a.quarter],
    ['会议类型', a.type ? TYPE_NAMES[a.type] : '全部（督导会与周会）'],
    ['赛道', trackName],
    ['统计时间', a.measuredAt],
    ['任务数', a.raised],
    ['已完成', a.completed],
    ['已关闭（不计入完成率分母）', a.closed],
    ['完成率', a.completionRate, PERCENT],
    ['完成率目标', a.goal, PERCENT],
    ['按期完成数', a.onTime],
    ['按期完成率', a.onTimeRate, PERCENT],
    ['已升级', a.escalated],
    ['周会任务数', a.weeklyRaised],
    ['升级率', a.escalationRate, PERCENT],
    ['补录数', a.lateEntries],
    ['平均完成天数', a.meanDaysToComplete, '0.0'],
    ['延期次数', a.extensions],
    ['每任务延期次数', a.extensionsPerTask, '0.00'],
    ['改派次数', a.reassignments],
    ['每任务改派次数', a.reassignmentsPerTask, '0.00'],
  ];
  const sheet = sheetOf(
    workbook,
    '汇总',
    [
      { header: '指标', width: 30 },
      { header: '数值', width: 26 },
    ],
    rows.map(([label, value]) => [label, value]),
  );
  rows.forEach(([, , numFmt], k) => {
    if (numFmt) sheet.getCell(k + 2, 2).numFmt = numFmt;
  });
}

function dimensionSheet(workbook: ExcelJS.Workbook, a: QuarterlyDto): void {
  const rows = Object.keys(DIMENSION_NAMES).map((no) => {
    const current = a.byDimension[no] ?? 0;
    const previous = a.previousByDimension[no] ?? 0;
    return [Number(no), DIMENSION_NAMES[no], current, previous, current - previous];
  });
  sheetOf(
    workbook,
    '按维度',
    [
      { header: '维度', width: 8 },
      { header: '维度名称', width: 28 },
      { header: `本季度任务数（${a.quarter}）`, width: 24 },
      { header: `上季度任务数（${a.previousQuarter}）`, width: 24 },
      { header: '环比变化', width: 12 },
    ],
    rows,
  );
}

/** 责任人: ranked by completion rate, lowest first, as in the answer. */
function ownerSheet(workbook: ExcelJS.Workbook, a: QuarterlyDto): void {
  sheetOf(
    workbook,
    '责任人',
    [
      { header: '排名', width: 8 },
      { header: '责任人', width: 16 },
      { header: '任务数', width: 10 },
      { header: '已完成', width: 10 },
      { header: '已关闭', width: 10 },
      { header: '完成率', width: 10, numFmt: PERCENT },
      { header: '按期完成数', width: 12 },
      { header: '延期次数', width: 10 },
      { header: '改派次数', width: 10 },
    ],
    a.owners.map((o, k) => [
      k + 1,
      o.name,
      o.raised,
      o.completed,
      o.closed,
      o.completionRate,
      o.onTime,
      o.extensions,
      o.reassignments,
    ]),
  );
}

/** The quarterly analysis as a workbook: 汇总, 按维度 (this and the previous quarter), 责任人. */
export async function quarterlyWorkbook(analysis: QuarterlyDto, trackName: string): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = '东江集团 销售督导与预测';
  summarySheet(workbook, analysis, trackName);
  dimensionSheet(workbook, analysis);
  ownerSheet(workbook, analysis);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const quarterlyFileName = (analysis: QuarterlyDto) => ({
  ascii: `quarterly-analysis-${analysis.quarter}${analysis.type ? `-${analysis.type}` : ''}.xlsx`,
  name: `季度分析-${analysis.quarter}${analysis.type ? `-${TYPE_NAMES[analysis.type]}` : ''}.xlsx`,
});
