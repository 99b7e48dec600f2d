// The monthly update grid's pure part: drafts of the rows, Excel paste, the PUT body, server errors on cells.
import type { ApiError } from '../../api/client';
import type { ForecastBody, OpportunityDto } from '../../api/forecast';
import { addMonths, MONTH_PATTERN } from '../../lib/month';

/** Editable columns in order: the order month, the amount, then the 12 shipment months. */
export type Field = 'orderMonth' | 'amount' | string;

export interface Draft {
  orderMonth: string;
  amount: string;
  /** One text per shipment month of the grid. */
  ship: string[];
}

export const windowMonths = (first: string): string[] => Array.from({ length: 12 }, (_, i) => addMonths(first, i));

export const fieldsOf = (months: string[]): Field[] => ['orderMonth', 'amount', ...months];

const text = (value: number | null | undefined) => (value == null ? '' : String(value));

export function draftOf(o: OpportunityDto, months: string[]): Draft {
  const r = o.rolling;
  return {
    orderMonth: r?.orderMonth ?? '',
    amount: text(r?.amount),
    ship: months.map((m) => text(r?.shipments[m])),
  };
}

export const sameDraft = (a: Draft, b: Draft) =>
  a.orderMonth === b.orderMonth && a.amount === b.amount && a.ship.every((v, i) => v === b.ship[i]);

/** "1,234.5" · "¥ 8 000" · "" → a number; null for empty, NaN for text that is no amount. */
export function parseAmount(value: string): number | null {
  const clean = value.replace(/[¥,\s]/g, '');
  if (clean === '' || clean === '-') return null;
  const n = Number(clean);
  return Number.isFinite(n) && n >= 0 ? n : Number.NaN;
}

/** "2026-4", "2026/04", "2026年4月", "2026/4/1" → "2026-04"; anything else is returned as typed. */
export function normaliseMonth(value: string): string {
  const match = value.trim().match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})/);
  if (!match) return value.trim();
  return `${match[1]}-${match[2]!.padStart(2, '0')}`;
}

/** The client's own check before sending: the same messages as the form. */
export function draftProblems(draft: Draft, months: string[]): Record<Field, 'badMonth' | 'badNumber'> {
  const problems: Record<Field, 'badMonth' | 'badNumber'> = {};
  if (draft.orderMonth && !MONTH_PATTERN.test(draft.orderMonth)) problems.orderMonth = 'badMonth';
  if (Number.isNaN(parseAmount(draft.amount))) problems.amount = 'badNumber';
  draft.ship.forEach((value, i) => {
    if (Number.isNaN(parseAmount(value))) problems[months[i]!] = 'badNumber';
  });
  return problems;
}

/** Pasted text (Excel: tab-separated columns, one line a row) → a block of cells. */
export function parseBlock(textValue: string): string[][] {
  const lines = textValue.replace(/\r/g, '').replace(/\n+$/, '').split('\n');
  return lines.map((line) => line.split('\t'));
}

export const isBlock = (textValue: string) => /[\t\n]/.test(textValue.replace(/\r?\n$/, ''));

/** Writes a pasted block into the drafts from cell (row, col) on, cutting what falls outside the grid. */
export function pasteInto(
  drafts: Draft[],
  block: string[][],
  row: number,
  col: number,
  editable: (row: number) => boolean[],
): Draft[] {
  const next = drafts.map((d) => ({ ...d, ship: [...d.ship] }));
  block.forEach((cells, i) => {
    const draft = next[row + i];
    if (!draft) return;
    const open = editable(row + i);
    cells.forEach((value, j) => {
      const c = col + j;
      if (!open[c]) return;
      if (c === 0) draft.orderMonth = normaliseMonth(value);
      else if (c === 1) draft.amount = value.trim();
      else if (c - 2 < draft.ship.length) draft.ship[c - 2] = value.trim();
    });
  });
  return next;
}

/**
 * The rolling version to PUT: the version is replaced as sent, so shipment months outside the grid's 12
 * and a mass-production order schedule go back unchanged.
 */
export function bodyOf(o: OpportunityDto, draft: Draft, months: string[], reason?: string): ForecastBody {
  const shipments: Record<string, number> = {};
  for (const [month, amount] of Object.entries(o.rolling?.shipments ?? {}))
    if (!months.includes(month)) shipments[month] = amount;
  draft.ship.forEach((value, i) => {
    const amount = parseAmount(value);
    if (amount) shipments[months[i]!] = amount;
  });
  const orders = o.rolling?.orders;
  if (orders && Object.keys(orders).length > 0) return { orders, shipments, ...(reason ? { reason } : {}) };
  return {
    orderMonth: draft.orderMonth || null,
    amount: parseAmount(draft.amount),
    shipments,
    ...(reason ? { reason } : {}),
  };
}

/** An order month later than the stored one needs a reason (SPEC §9.1: a push). */
export const isPush = (o: OpportunityDto, draft: Draft) =>
  !!o.rolling?.orderMonth && !!draft.orderMonth && draft.orderMonth > o.rolling.orderMonth;

/**
 * The server's refusal on the cells its details name: orderMonth, amount, a shipment month
 * (`shipments/2026-05`, `shipments.2026-05`); the reason of a push sits on the order month. What names no
 * cell is the row's message.
 */
export function cellErrors(error: ApiError, months: string[]): { cells: Record<Field, string>; row: string | null } {
  const cells: Record<Field, string> = {};
  let row: string | null = null;
  for (const detail of error.details) {
    const field = detail.field ?? '';
    const reason = detail.reason || error.message;
    const month = months.find((m) => field.includes(m));
    if (field === 'orderMonth' || field === 'reason' || field === 'orders') cells.orderMonth = reason;
    else if (field === 'amount') cells.amount = reason;
    else if (month) cells[month] = reason;
    else row = reason;
  }
  if (error.details.length === 0) row = error.message;
  return { cells, row };
}
