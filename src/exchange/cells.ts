import type { CellType } from './columns.js';

/**
 * Spreadsheet cells → row values. A cell that cannot be read as its column's type is passed on as it
 * was, so the row check names the field, the value and the reason like it does for the JSON API.
 */
export type Plain = string | number | boolean | Date;

/** exceljs gives rich text, formulas, hyperlinks and errors as objects; csv-parse gives text. */
export function plainCell(value: unknown): Plain | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' ? undefined : text;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>;
    if (Array.isArray(cell.richText))
      return plainCell((cell.richText as { text?: string }[]).map((run) => run.text ?? '').join(''));
    if ('formula' in cell || 'sharedFormula' in cell) return plainCell(cell.result);
    if ('error' in cell) return String(cell.error);
    if ('text' in cell) return plainCell(cell.text);
  }
  return undefined;
}

const pad = (n: string | number) => String(n).padStart(2, '0');
const dayOf = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

// Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included); 2,958,465 is 9999-12-31.
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
function fromSerial(serial: number): Date | null {
  if (serial < 1 || serial > 2_958_465) return null;
  return new Date(EXCEL_EPOCH + Math.round(serial * 86_400) * 1000);
}

/** exceljs reads a date cell as a Date at UTC midnight of that day; a bare number is Excel's serial. */
function asDay(cell: Plain): Plain {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? String(cell) : dayOf(cell);
  if (typeof cell === 'number') {
    const date = fromSerial(cell);
    return date ? dayOf(date) : cell;
  }
  const text = String(cell);
  const parts =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return parts ? `${parts[1]}-${pad(parts[2]!)}-${pad(parts[3]!)}` : text;
}

function asMonth(cell: Plain): Plain {
  const day = asDay(cell);
  if (typeof day !== 'string') return day;
  if (/^\d{4}-\d{2}-\d{2}$/.test(day)) return day.slice(0, 7);
  const parts = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(day) ?? /^(\d{4})(\d{2})$/.exec(day);
  return parts ? `${parts[1]}-${pad(parts[2]!)}` : day;
}

/** "1,234.50", "¥ -80", "(80)" (accounting negative) → numbers; other text stays text. */
function asNumber(cell: Plain): Plain {
  if (typeof cell !== 'string') return cell;
  let text = cell.replace(/[\s,，¥￥]/g, '');
  const negative = /^\(.*\)$/.test(text);
  if (negative) text = text.slice(1, -1);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return cell;
  return negative ? -Number(text) : Number(text);
}

function asInteger(cell: Plain): Plain {
  if (typeof cell !== 'string') return cell;
  const parts = /^(\d+)\s*[年月]?$/.exec(cell);
  return parts ? Number(parts[1]) : cell;
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '作废']);
const NO = new Set(['否', 'n', 'no', 'false', '0']);

function asFlag(cell: Plain): Plain {
  if (typeof cell === 'boolean') return cell;
  const text = String(cell).toLowerCase();
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return cell;
}

const TARGET_KINDS: Record<string, string> = {
  sales: 'sales',
  销售: 'sales',
  销售目标: 'sales',
  出货: 'sales',
  orders: 'orders',
  接单: 'orders',
  接单目标: 'orders',
  订单: 'orders',
};

const OPPORTUNITY_KINDS: Record<string, string> = {
  mold_development: 'mold_development',
  模具开发: 'mold_development',
  模具: 'mold_development',
  mass_production: 'mass_production',
  量产: 'mass_production',
  commodity_mold: 'commodity_mold',
  商品模: 'commodity_mold',
};

const STAGES: Record<string, string> = {
  lead: 'lead',
  线索: 'lead',
  l: 'L',
  m: 'M',
  h: 'H',
  won: 'won',
  赢单: 'won',
  lost: 'lost',
  丢单: 'lost',
};

function asText(cell: Plain): Plain {
  if (cell instanceof Date) return asDay(cell);
  return String(cell);
}

const CONVERT: Record<CellType, (cell: Plain) => Plain> = {
  text: asText,
  date: asDay,
  month: asMonth,
  amount: asNumber,
  integer: asInteger,
  flag: asFlag,
  targetKind: (cell) => TARGET_KINDS[String(cell).toLowerCase()] ?? cell,
  opportunityKind: (cell) => OPPORTUNITY_KINDS[String(cell).toLowerCase()] ?? cell,
  stage: (cell) => STAGES[String(cell).toLowerCase()] ?? cell,
};

/** A cell as its column's row value; undefined for an empty cell (the field is then absent). */
export function cellValue(type: CellType, raw: unknown): Plain | undefined {
  const cell = plainCell(raw);
  return cell === undefined ? undefined : CONVERT[type](cell);
}
