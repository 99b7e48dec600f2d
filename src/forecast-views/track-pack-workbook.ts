import { dataAsOfSheet } from '../board/as-of-sheet.js';
import { loadExcel } from '../exchange/excel.js';
import { addSafeRow, type CellInput, headedSheet, RED_FONT } from '../exchange/safe-cells.js';
import type { FlowBucketName, PackSummaryDto, TrackPackDto } from './contract.js';

/** The buckets in the users' words (the deck's 拉入 / 推出 / 新增 / 移除 / 赢单 / 丢单 / 金额变动). */
export const BUCKET_TITLES: Record<FlowBucketName, string> = {
  lost: '丢单',
  won: '赢单',
  new: '新增',
  removed: '移除',
  pushedOut: '推迟',
  pulledIn: '提前',
  changed: '金额变动',
};

const SUMMARY_COLUMNS: [string, number][] = [
  ['客户经理', 14],
  ['商机数', 8],
  ['有变动', 8],
  ['阶段变动', 8],
  ['月份变动', 8],
  ['金额变动', 8],
  ['上期金额', 14],
  ['本期金额', 14],
  ...Object.values(BUCKET_TITLES).map((t): [string, number] => [t, 12]),
  ['未关闭预警', 10],
  ['其中超时', 8],
  ['待处理目标请求', 12],
  ['应更新', 8],
  ['已更新', 8],
  ['未更新', 8],
];

function summaryCells(name: string, s: PackSummaryDto, c: { due: number; updated: number } | null): CellInput[] {
  return [
    name,
    s.opportunities,
    s.changed,
    s.stageChanges,
    s.orderMonthChanges,
    s.amountChanges,
    s.amountBefore,
    s.amountAfter,
    ...s.buckets.map((b) => b.amount),
    s.openAlerts,
    s.overdueAlerts,
    s.pendingRequests,
    c?.due ?? null,
    c?.updated ?? null,
    c ? c.due - c.updated : null,
  ];
}

/** 赛道评审包 as a workbook: the track's numbers, each AM's summary with the track's total, data as of. */
export async function trackPackWorkbook(pack: TrackPackDto, timeZone: string): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const overview = headedSheet(workbook, '赛道概要', [
    ['项目', 22],
    ['数值', 20],
  ]);
  const n = pack.numbers;
  const rows: CellInput[][] = [
    ['赛道', pack.trackName],
    ['月份', pack.month],
    ['对比快照', pack.basis.before?.month ?? '—'],
    ['本期', pack.basis.after.source === 'snapshot' ? `${pack.month} 快照` : '实时数据'],
    ['全年接单目标', n.orderTarget],
    ['年累计接单', n.ytdOrders],
    ['剩余缺口', n.remainingGap],
    ['机会池', n.pipeline],
    ['机会池覆盖', n.coverage],
    ['目标承接比例', n.carriedShare],
    ['本月接单目标', n.month.target],
    ['本月实际接单', n.month.actual],
    ['本月达成率', n.month.attainment],
    ['年累计达成率', n.ytd.attainment],
  ];
  for (const row of rows) addSafeRow(overview, row);
  const ams = headedSheet(workbook, '客户经理评审', SUMMARY_COLUMNS);
  for (const am of pack.ams) {
    const row = addSafeRow(ams, summaryCells(am.amName, am.summary, am.compliance));
    if (am.summary.overdueAlerts > 0 || am.compliance.missing.length > 0) row.font = RED_FONT;
  }
  const total = addSafeRow(ams, summaryCells('赛道合计', pack.summary, null));
  total.font = { bold: true };
  dataAsOfSheet(workbook, pack.dataAsOf, timeZone);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
