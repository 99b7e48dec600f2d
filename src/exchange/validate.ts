import { Compile } from 'typebox/compile';
import { type FieldReason, TYPE_NAMES } from '../http/messages.js';
import { FIRST_YEAR, isAcceptedDate, isAcceptedMonth, LAST_YEAR, textFindings } from '../http/validation.js';
import { EXCHANGE_KINDS, type ExchangeKind, ROW_SCHEMAS } from './contract.js';

/** One refused row: its index in the batch, the field, the value sent and why. */
export type RowProblem = {
  row: number;
  field: string;
  value: unknown;
  reason: FieldReason;
  params?: Record<string, unknown>;
};

const validators = Object.fromEntries(EXCHANGE_KINDS.map((k) => [k, Compile(ROW_SCHEMAS[k])])) as {
  [K in ExchangeKind]: ReturnType<typeof Compile>;
};

type TypeboxError = { keyword: string; instancePath: string; params: Record<string, unknown> };

/** TypeBox's findings → one problem per field ("must be one of" for literal unions). */
function problemsOf(row: number, value: Record<string, unknown>, errors: TypeboxError[]): RowProblem[] {
  const out = new Map<string, RowProblem>();
  const put = (field: string, reason: FieldReason, params?: Record<string, unknown>) => {
    if (!out.has(field) || reason === 'enum')
      out.set(field, { row, field, value: value?.[field], reason, ...(params ? { params } : {}) });
  };
  const literals = new Map<string, unknown[]>();
  for (const e of errors) {
    const field = e.instancePath.split('/').filter(Boolean)[0] ?? '';
    if (e.keyword === 'required') for (const f of e.params.requiredProperties as string[]) put(f, 'required');
    else if (e.keyword === 'additionalProperties')
      for (const f of e.params.additionalProperties as string[]) put(f, 'unknown_field');
    else if (e.keyword === 'const') literals.set(field, [...(literals.get(field) ?? []), e.params.allowedValue]);
    else if (e.keyword === 'boolean' || e.keyword === 'anyOf') continue;
    else if (['type', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum'].includes(e.keyword)) {
      put(field, e.keyword as FieldReason, {
        type: TYPE_NAMES[String(e.params.type)] ?? e.params.type,
        limit: e.params.limit ?? e.params.minimum ?? e.params.maximum,
      });
    } else put(field, 'invalid', { why: e.keyword });
  }
  for (const [field, values] of literals) {
    if (values.every((v) => typeof v === 'string')) put(field, 'enum', { values: values.join(', ') });
  }
  if (out.size === 0) put('row', 'invalid', { why: 'unexpected shape' });
  return [...out.values()];
}

const DATE_FIELDS = ['date', 'asOf'] as const;
const MONTH_FIELDS = ['month', 'orderMonth'] as const;
/** `{"YYYY-MM": amount}` of an opportunity's version (shipments, monthly orders). */
const MONTH_MAP_FIELDS = ['shipments', 'orders'] as const;
const MAX_MONTHS = 120;
const DATE_FORMAT = `YYYY-MM-DD (${FIRST_YEAR}–${LAST_YEAR})`;
const MONTH_FORMAT = `YYYY-MM (${FIRST_YEAR}–${LAST_YEAR})`;

/** Each key a month that exists, each amount a number of at least 0 — one problem per bad month, named `shipments.2026-13`. */
function monthMapProblems(row: number, field: string, map: unknown): RowProblem[] {
  if (map === undefined) return [];
  const entries = Object.entries(map as Record<string, unknown>);
  if (entries.length > MAX_MONTHS)
    return [{ row, field, value: entries.length, reason: 'invalid', params: { why: TOO_MANY_MONTHS } }];
  const problems: RowProblem[] = [];
  for (const [month, amount] of entries) {
    const at = `${field}.${month}`;
    if (!isAcceptedMonth(month))
      problems.push({ row, field: at, value: month, reason: 'format', params: { format: MONTH_FORMAT } });
    else if (typeof amount !== 'number' || !Number.isFinite(amount))
      problems.push({ row, field: at, value: amount, reason: 'type', params: { type: TYPE_NAMES.number } });
    else if (amount < 0) problems.push({ row, field: at, value: amount, reason: 'minimum', params: { limit: 0 } });
    else if (amount > 1e15)
      problems.push({ row, field: at, value: amount, reason: 'maximum', params: { limit: 1e15 } });
  }
  return problems;
}

const TOO_MANY_MONTHS = { zh: `最多 ${MAX_MONTHS} 个月`, en: `at most ${MAX_MONTHS} months` };

/** Text, calendar and month-map checks of one row, whatever its shape. */
function formatProblems(row: number, record: Record<string, unknown>): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const text of textFindings(record)) {
    const field = text.instancePath.split('/')[1] ?? 'row';
    problems.push({ row, field, value: record[field], reason: text.keyword as FieldReason });
  }
  for (const field of DATE_FIELDS) {
    const text = record[field];
    if (typeof text === 'string' && !isAcceptedDate(text))
      problems.push({ row, field, value: text, reason: 'format', params: { format: DATE_FORMAT } });
  }
  for (const field of MONTH_FIELDS) {
    const text = record[field];
    if (typeof text === 'string' && !isAcceptedMonth(text))
      problems.push({ row, field, value: text, reason: 'format', params: { format: MONTH_FORMAT } });
  }
  for (const field of MONTH_MAP_FIELDS) {
    const map = record[field];
    if (typeof map === 'object' && map !== null && !Array.isArray(map))
      problems.push(...monthMapProblems(row, field, map));
  }
  return problems;
}

/**
 * Shape and calendar checks of one chunk of rows (`first` is the batch index of its first row). In-batch
 * duplicates and references (customer, track and AM codes) are checked set-based on the staged rows.
 */
export function validateRows(kind: ExchangeKind, rows: unknown[], first = 0): RowProblem[] {
  const validator = validators[kind];
  const problems: RowProblem[] = [];
  rows.forEach((value, k) => {
    const row = first + k;
    // Every problem of the row, not only the first kind found: a bad amount does not hide a bad date.
    const found = validator.Check(value)
      ? []
      : problemsOf(row, value as Record<string, unknown>, validator.Errors(value) as TypeboxError[]);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const named = new Set(found.map((p) => p.field));
      for (const p of formatProblems(row, value as Record<string, unknown>)) if (!named.has(p.field)) found.push(p);
    }
    problems.push(...found);
  });
  return problems;
}
