import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import type { OpportunityWrite } from '../forecast/after-write.js';
import { readSettings } from '../forecast/settings.js';
import { recordHistory } from '../history/store.js';
import { type AlertRow, raiseAlert } from './raise.js';
import { gapOf, type Version } from './rules.js';
import { alerts } from './schema.js';

type Row = {
  id: number;
  code: string;
  name: string;
  trackId: number;
  amId: number;
  stage: string;
  rollingMonth: string | null;
  rollingAmount: number | null;
  precisionMonth: string | null;
  precisionAmount: number | null;
};

const version = (orderMonth: string | null, amount: number | null, present: boolean): Version | null =>
  present ? { orderMonth, amount } : null;

/**
 * 双版本差异 (SPEC §6.4, §9.1), in the transaction of every opportunity write: an opportunity in `H`
 * with both versions that differ raises one open alert; while one is open, each write updates its facts
 * in place (also when the gap has closed, so the director sees it before resolving). After it was
 * handled, a new alert comes only when a later write still leaves a gap.
 */
export async function evaluateGaps(tx: Db, ids: readonly number[], write: OpportunityWrite): Promise<void> {
  if (ids.length === 0) return;
  const settings = await readSettings(tx);
  const rows = await queryRows<Row & { hasRolling: boolean; hasPrecision: boolean }>(
    tx,
    sql`select o.id, o.code, o.name, o.track_id as "trackId", o.am_id as "amId", o.stage,
          to_char(r.order_month, 'YYYY-MM') as "rollingMonth", r.amount::float8 as "rollingAmount",
          to_char(p.order_month, 'YYYY-MM') as "precisionMonth", p.amount::float8 as "precisionAmount",
          r.opportunity_id is not null as "hasRolling", p.opportunity_id is not null as "hasPrecision"
        from opportunities o
        left join forecast_versions r on r.opportunity_id = o.id and r.version = 'rolling'
        left join forecast_versions p on p.opportunity_id = o.id and p.version = 'precision'
        where o.id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
        order by o.id`,
  );
  const open = await openGaps(tx, ids);
  for (const o of rows) {
    const gap = gapOf(
      o.stage,
      version(o.rollingMonth, o.rollingAmount, o.hasRolling),
      version(o.precisionMonth, o.precisionAmount, o.hasPrecision),
      settings,
    );
    const facts = {
      subject: `${o.code} ${o.name}`,
      code: o.code,
      stage: o.stage,
      rolling: { orderMonth: o.rollingMonth, amount: o.rollingAmount },
      precision: { orderMonth: o.precisionMonth, amount: o.precisionAmount },
      ratio: gap?.ratio ?? null,
      monthsDiffer: gap?.monthsDiffer ?? false,
      threshold: settings.gapThreshold,
      monthRule: settings.gapMonthRule,
      gap: gap?.gap ?? false,
    };
    const current = open.get(o.id);
    if (current) await updateFacts(tx, current, { facts, trackId: o.trackId, amId: o.amId }, write.now);
    else if (gap?.gap)
      await raiseAlert(
        tx,
        {
          kind: 'dual_version_gap',
          trackId: o.trackId,
          amId: o.amId,
          opportunityId: o.id,
          period: null,
          subjectKey: `opportunity:${o.id}`,
          subject: facts.subject,
          facts,
        },
        write.now,
        settings.alertSlaDays,
      );
  }
}

/** The open gap alerts of the opportunities written, locked for the update (one query for a whole import). */
async function openGaps(tx: Db, ids: readonly number[]): Promise<Map<number, AlertRow>> {
  const rows = await tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.kind, 'dual_version_gap'), eq(alerts.status, 'open'), inArray(alerts.opportunityId, [...ids])))
    .for('update');
  return new Map(rows.map((a) => [a.opportunityId!, a]));
}

/** Facts in place: only when they changed, recorded like any change (who: the system, for the write). */
async function updateFacts(
  tx: Db,
  open: typeof alerts.$inferSelect,
  next: { facts: Record<string, unknown>; trackId: number; amId: number },
  now: Date,
): Promise<void> {
  const { facts } = next;
  if (stable(open.facts) === stable(facts) && open.trackId === next.trackId && open.amId === next.amId) return;
  await tx
    .update(alerts)
    .set({ ...next, updatedAt: now, version: open.version + 1 })
    .where(eq(alerts.id, open.id));
  await recordHistory(tx, {
    entity: 'alert',
    entityId: open.id,
    action: 'facts_updated',
    actor: 'system',
    at: now,
    before: { facts: open.facts },
    after: { facts },
  });
}

/** JSON with sorted keys: jsonb does not keep the order the facts were written in. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
