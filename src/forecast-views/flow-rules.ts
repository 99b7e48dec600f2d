/**
 * The snapshot flow's buckets (SPEC §9.1 `Flow`) — pure. Each opportunity goes in the first bucket that
 * fits, in the order of FLOW_BUCKETS; unchanged ones in none.
 */
import { cents } from '../forecast/rules.js';
import type { Stage } from '../forecast/schema.js';
import { type BucketSummaryDto, FLOW_BUCKETS, type FlowBucketName, type FlowSideDto } from './contract.js';

/** One opportunity of a comparison; `stageAtTo` is its stage at the `to` side's instant (history), set when it is missing there. */
export type ComparedRow = {
  opportunityId: number;
  code: string;
  name: string;
  businessLine: 'integrated' | 'commodity';
  before: FlowSideDto | null;
  after: FlowSideDto | null;
  stageAtTo: Stage | null;
};

const amountOf = (side: FlowSideDto | null) => side?.amount ?? 0;

/**
 * `lost` and `won` happened since `from` (stages as of `to`; a snapshot never holds lost ones, and a won
 * one leaves when fully shipped, so a missing one's stage comes from history). `won` needs the
 * opportunity in `from`: one first seen already won is `new`. `removed`: in `from`, not in `to`, neither
 * lost nor won since (fully shipped after an earlier win, or moved out of the compared scope). Order-month
 * moves need both months; a missing amount counts as 0.
 */
export function bucketOf(row: Pick<ComparedRow, 'before' | 'after' | 'stageAtTo'>): FlowBucketName | null {
  const { before, after } = row;
  const stageAtTo = after?.stage ?? row.stageAtTo;
  if (before && !after && stageAtTo === 'lost') return 'lost';
  if (before && before.stage !== 'won' && stageAtTo === 'won') return 'won';
  if (!before) return after ? 'new' : null;
  if (!after) return 'removed';
  if (before.orderMonth && after.orderMonth && after.orderMonth > before.orderMonth) return 'pushedOut';
  if (before.orderMonth && after.orderMonth && after.orderMonth < before.orderMonth) return 'pulledIn';
  if (cents(amountOf(after)) !== cents(amountOf(before))) return 'changed';
  return null;
}

/** The signed amount a bucket counts for the opportunity (SPEC §9.1). */
export function flowAmount(bucket: FlowBucketName, row: Pick<ComparedRow, 'before' | 'after'>): number {
  switch (bucket) {
    case 'lost':
    case 'removed':
      return -amountOf(row.before);
    case 'won':
      return amountOf(row.before);
    case 'new':
      return amountOf(row.after);
    default:
      return amountOf(row.after) - amountOf(row.before);
  }
}

export type Bucketed<R> = { bucket: FlowBucketName; count: number; amount: number; items: R[] };

/** Every bucket in order (empty ones too), its members and their summed amount in cents. */
export function bucketRows<R extends Pick<ComparedRow, 'before' | 'after' | 'stageAtTo'>>(rows: R[]): Bucketed<R>[] {
  const out = new Map<FlowBucketName, Bucketed<R>>(
    FLOW_BUCKETS.map((bucket) => [bucket, { bucket, count: 0, amount: 0, items: [] }]),
  );
  for (const row of rows) {
    const bucket = bucketOf(row);
    if (!bucket) continue;
    const b = out.get(bucket)!;
    b.items.push(row);
    b.count += 1;
    b.amount += flowAmount(bucket, row);
  }
  return [...out.values()].map((b) => ({ ...b, amount: cents(b.amount) }));
}

export const summaries = (buckets: Bucketed<unknown>[]): BucketSummaryDto[] =>
  buckets.map(({ bucket, count, amount }) => ({ bucket, count, amount }));

/**
 * A comparison seen through a subject's eyes (a track, an AM, the caller's scope): each side counts only
 * where it belongs to the subject, so an opportunity moved to another track is `removed` from the old one
 * and `new` in the new one.
 */
export function restrict(rows: ComparedRow[], keep: (side: FlowSideDto, row: ComparedRow) => boolean): ComparedRow[] {
  const out: ComparedRow[] = [];
  for (const row of rows) {
    const before = row.before && keep(row.before, row) ? row.before : null;
    const after = row.after && keep(row.after, row) ? row.after : null;
    if (!before && !after) continue;
    // Moved out of the subject: its stage at `to` is what the other side says.
    const stageAtTo = after ? null : (row.after?.stage ?? row.stageAtTo);
    out.push({ ...row, before, after, stageAtTo });
  }
  return out;
}
