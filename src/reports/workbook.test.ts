import ExcelJS from 'exceljs';
import { expect, test } from 'vitest';
import type { ReportContent } from './content.js';
import { reportWorkbook } from './workbook.js';

const content = {
  meeting: { id: 1, seriesId: 1, type: 'weekly', trackId: 1, startsAt: '', endsAt: '', periodMonth: '2026-03' },
  previousMeetingStartsAt: null,
  pending: [],
  completed: [],
  escalated: [],
  escalatedByTrack: [],
  alerts: [],
  counts: {
    pending: 0,
    overdue: 0,
    completed: 0,
    closed: 0,
    escalated: 0,
    escalatedOverdue: 0,
    lateEntries: 0,
    extensions: 0,
    reassignments: 0,
    completionRate: null,
  },
  board: {
    month: '2026-03',
    view: 'month',
    dimensions: [],
    tracks: [],
    ams: [],
    dataAsOf: [
      {
        source: 'ERP',
        kind: 'shipments',
        lastWriteAt: '2026-03-31T18:30:00.000Z',
        latestFactDate: '2026-03-31',
        closedThrough: null,
        complete: false,
      },
    ],
  },
} as unknown as ReportContent;

test('the data-as-of sheet names kinds in Chinese and writes instants in the company time zone (issue 13, item 8)', async () => {
  const file = await reportWorkbook(content, {
    meetingTitle: '消费电子I赛道周会 2026-04-01',
    version: 1,
    generatedAt: new Date('2026-04-01T01:00:00Z'),
    timeZone: 'Asia/Shanghai',
  });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const row = workbook.getWorksheet('数据截至')!.getRow(2);
  expect([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]).toEqual([
    'ERP',
    '出货实绩',
    '2026-04-01 02:30',
  ]);
});
