import type { Static } from 'typebox';
import type { Drilldown } from './contract.js';
import type { Better, Status } from './rules.js';

/** A drill-down row before its band, actual and share are known. */
export type PlainRow = {
  id: number | string;
  name: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  detail?: Record<string, unknown>;
};
/** One level as its query builds it: the rows' bands, actuals, shares and order are added after. */
export type PlainLevel = Omit<Static<typeof Drilldown>, 'rows' | 'actualOf' | 'parent'> & {
  parent: Omit<Static<typeof Drilldown>['parent'], 'actual'>;
  rows: PlainRow[];
};
export type ActualOf = 'numerator' | 'denominator' | 'amount';
export type DrillRow = PlainRow & { status: Status; actual: number | null; shareOfParent: number | null };

const UNASSIGNED = 'unassigned';
// Rows that are not a subject: the remainder, and a customer's lines naming no opportunity.
const NOT_A_SUBJECT = new Set<number | string>([UNASSIGNED, 'unlinked']);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * A row's actual: the amount it contributes to its parent's. A subject listed without that amount
 * (a customer with receivables but no sales this month) contributed 0; the remainder row keeps its null.
 */
export function actualOfRow(row: PlainRow, of: ActualOf): number | null {
  const amount = of === 'amount' ? (typeof row.detail?.amount === 'number' ? row.detail.amount : null) : row[of];
  return amount ?? (row.id === UNASSIGNED ? null : 0);
}

/** Each row's actual and its share of the parent's actual (null where the parent's is 0 or missing). */
export function withShares(
  rows: (PlainRow & { status: Status })[],
  of: ActualOf,
  parentActual: number | null,
): DrillRow[] {
  return rows.map((row) => {
    const actual = actualOfRow(row, of);
    const shareOfParent =
      actual === null || parentActual === null || parentActual === 0 ? null : round(actual / parentActual, 6);
    return { ...row, actual: actual === null ? null : round(actual, 2), shareOfParent };
  });
}

const BAND_ORDER: Record<Status, number> = { red: 0, yellow: 1, green: 2, none: 3 };

/**
 * Worst first, for the CEO asking "why red": by band (red, yellow, green, no value), then by value in the
 * dimension's direction (lowest first where higher is better, highest first where lower is better). Rows
 * without a value — customers under an AM whose target exists only at AM level — follow, largest actual
 * first: where no target says who fell short, the largest amounts explain most of the parent's number.
 * The remainder ("not assigned below") and the lines naming no opportunity are not subjects and come
 * last; ties keep the name order.
 */
export function worstFirst<T extends DrillRow>(rows: T[], better: Better): T[] {
  const direction = better === 'higher' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const rest = Number(NOT_A_SUBJECT.has(a.row.id)) - Number(NOT_A_SUBJECT.has(b.row.id));
      if (rest !== 0) return rest;
      const band = BAND_ORDER[a.row.status] - BAND_ORDER[b.row.status];
      if (band !== 0) return band;
      const [va, vb] = [a.row.value, b.row.value];
      if (va !== null && vb !== null && va !== vb) return (va - vb) * direction;
      if ((va === null) !== (vb === null)) return va === null ? 1 : -1;
      const actual = (b.row.actual ?? Number.NEGATIVE_INFINITY) - (a.row.actual ?? Number.NEGATIVE_INFINITY);
      if (actual !== 0 && !Number.isNaN(actual)) return actual;
      return a.index - b.index;
    })
    .map(({ row }) => row);
}
