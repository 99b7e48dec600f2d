import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type ExcelJS from 'exceljs';
import { dataAsOfSheet } from '../board/as-of-sheet.js';
import type { BoardDto } from '../board/contract.js';
import { DIMENSIONS } from '../board/dimensions.js';
import { DIMENSION_TITLES } from '../board/names.js';
import { loadExcel } from '../exchange/excel.js';
import { addSafeRow, type CellInput, headedSheet, RED_FONT } from '../exchange/safe-cells.js';
import type { ReportContent } from './content.js';
import type { ReportTaskDto } from './contract.js';

const STATUS = { pending: '待完成', completed: '已完成', closed: '已关闭' } as const;
const PHASES: Record<string, string> = {
  plan: 'P 计划',
  do: 'D 执行',
  check: 'C 检查',
  act: 'A 处置',
  closed: '已结束',
};

type Meta = { meetingTitle: string; version: number; generatedAt: Date; timeZone: string };

const TASK_COLUMNS: [string, number][] = [
  ['编号', 8],
  ['赛道', 12],
  ['维度', 22],
  ['对象', 12],
  ['问题描述', 50],
  ['责任人', 10],
  ['完成时限', 17],
  ['状态', 8],
  ['逾期', 6],
  ['已升级', 8],
  ['首次升级', 17],
  ['已结转督导会次数', 10],
  ['延期次数', 8],
  ['改派次数', 8],
  ['补录', 6],
  ['完成说明', 30],
  ['专项PDCA', 30],
];

function taskSheet(workbook: ExcelJS.Workbook, name: string, tasks: ReportTaskDto[], timeZone: string): void {
  const sheet = headedSheet(workbook, name, TASK_COLUMNS);
  const when = (iso: string | null) => (iso ? format(new TZDate(iso, timeZone), 'yyyy-MM-dd HH:mm') : null);
  for (const t of tasks) {
    const project = t.project ? `${t.project.title}（${PHASES[t.project.phase] ?? t.project.phase}）` : null;
    const row = addSafeRow(sheet, [
      t.id,
      t.trackName,
      DIMENSION_TITLES[t.dimension],
      t.subjectName,
      t.description,
      t.ownerName,
      when(t.deadline),
      STATUS[t.status],
      t.overdue ? '是' : '',
      t.escalated ? '已升级' : '',
      when(t.escalatedAt),
      t.meetingsCarried,
      t.extensions,
      t.reassignments,
      t.lateEntry ? '是' : '',
      t.completionNote ?? t.closeReason,
      project,
    ] satisfies CellInput[]);
    // Overdue and escalated tasks are red in the printout as on the screen.
    if (t.overdue || t.escalated) row.font = RED_FONT;
  }
}

/** Each dimension's values as the board shows them (issue 13, item 8): 87.3 %, 72.5 ‰, 132 天. */
const VALUE_FORMATS: Record<(typeof DIMENSIONS)[number]['unit'], string> = {
  ratio: '0.0%',
  permille: '0.0"‰"',
  days: '0"天"',
};

function boardSheet(workbook: ExcelJS.Workbook, board: BoardDto, timeZone: string): void {
  const sheet = headedSheet(workbook, `看板 ${board.month}`, [
    ['维度', 24],
    ['对象', 14],
    ['数值', 10],
    ['排名', 6],
    ['状态', 8],
  ]);
  const STATUS_NAMES = { green: '达标', yellow: '预警', red: '未达标', none: '无数据' } as const;
  for (const d of board.dimensions) {
    const rows = d.subject === 'track' ? board.tracks : board.ams;
    for (const r of rows) {
      const m = r.metrics[String(d.no)];
      if (!m) continue;
      const cells = addSafeRow(sheet, [DIMENSION_TITLES[d.no], r.name, m.value, m.rank, STATUS_NAMES[m.status]]);
      const unit = DIMENSIONS.find((x) => x.no === d.no)?.unit ?? 'ratio';
      cells.getCell(3).numFmt = VALUE_FORMATS[unit];
      if (m.status === 'red') cells.font = RED_FONT;
    }
  }
  dataAsOfSheet(workbook, board.dataAsOf, timeZone);
}

/** 开场报告 as a workbook: summary, pending, escalated, completed, the board of the period, data as of. */
export async function reportWorkbook(content: ReportContent, meta: Meta): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const summary = headedSheet(workbook, '概要', [
    ['项目', 22],
    ['内容', 40],
  ]);
  const c = content.counts;
  const rows: CellInput[][] = [
    ['会议', meta.meetingTitle],
    ['报告版本', meta.version],
    ['生成时间', format(new TZDate(meta.generatedAt, meta.timeZone), 'yyyy-MM-dd HH:mm')],
    ['看板期间', content.meeting.periodMonth],
    ['待完成任务', c.pending],
    ['其中逾期', c.overdue],
    ['已完成（待确认）', c.completed],
    ['已关闭', c.closed],
    ['已升级任务', c.escalated],
    ['其中逾期（已升级）', c.escalatedOverdue],
    ['延期次数', c.extensions],
    ['改派次数', c.reassignments],
    ['补录任务', c.lateEntries],
    ['完成率', c.completionRate],
  ];
  for (const row of rows) {
    const cells = addSafeRow(summary, row);
    if (row[0] === '完成率') cells.getCell(2).numFmt = '0.0%';
  }
  taskSheet(workbook, '待完成任务', content.pending, meta.timeZone);
  if (content.meeting.type === 'supervision') taskSheet(workbook, '已升级任务', content.escalated, meta.timeZone);
  taskSheet(workbook, '已完成任务', content.completed, meta.timeZone);
  boardSheet(workbook, content.board, meta.timeZone);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
