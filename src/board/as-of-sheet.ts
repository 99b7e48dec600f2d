import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type ExcelJS from 'exceljs';
import type { Static } from 'typebox';
import { KIND_TITLES } from '../exchange/columns.js';
import { addSafeRow, headedSheet } from '../exchange/safe-cells.js';
import type { DataAsOf } from './contract.js';

const KIND_NAMES: Record<string, string> = KIND_TITLES;

/**
 * 数据截至 in every workbook that carries board or forecast numbers: each source's kind in Chinese and its
 * last write in the company's time zone, as the screens show them.
 */
export function dataAsOfSheet(workbook: ExcelJS.Workbook, items: Static<typeof DataAsOf>[], timeZone: string): void {
  const sheet = headedSheet(workbook, '数据截至', [
    ['来源', 10],
    ['类别', 14],
    ['最近回写', 22],
    ['最新业务日期', 14],
    ['已关账至', 10],
    ['本期完整', 8],
  ]);
  for (const s of items)
    addSafeRow(sheet, [
      s.source,
      KIND_NAMES[s.kind] ?? s.kind,
      s.lastWriteAt ? format(new TZDate(s.lastWriteAt, timeZone), 'yyyy-MM-dd HH:mm') : null,
      s.latestFactDate,
      s.closedThrough,
      s.complete ? '是' : '否（数据未完整）',
    ]);
}
