import type { Actor } from '../org/permissions.js';
import type { ForecastSettingsValues, ForecastVersionDto, OpportunityDto } from './contract.js';
import { isFullyShipped, leadingVersion, probabilityOf } from './rules.js';
import { opportunityCan } from './scope.js';
import type { OpportunityView, StoredVersion } from './store.js';

/** Months in order, so a version reads the same however it was sent. */
const sortedMonths = (amounts: Record<string, number>) =>
  Object.fromEntries(Object.entries(amounts).sort(([a], [b]) => a.localeCompare(b)));

export function presentVersion(v: StoredVersion | null): ForecastVersionDto | null {
  if (!v) return null;
  return {
    orderMonth: v.orderMonth,
    amount: v.amount,
    shipments: sortedMonths(v.shipments),
    ...(v.orders ? { orders: sortedMonths(v.orders) } : {}),
    ...(Array.isArray(v.items) ? { items: v.items } : {}),
    updatedAt: v.updatedAt.toISOString(),
    updatedBy: v.updatedBy,
  };
}

/** SPEC §9.1 `Opportunity`, with names beside the ids and what the caller may do. */
export function presentOpportunity(
  o: OpportunityView,
  settings: Pick<ForecastSettingsValues, 'stageProbabilities'>,
  actor: Actor,
): OpportunityDto {
  const leading = o[leadingVersion(o.businessLine)];
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    customerId: o.customerId,
    customerCode: o.customerCode,
    customerName: o.customerName,
    amId: o.amId,
    amName: o.amName,
    trackId: o.trackId,
    trackName: o.trackName,
    businessLine: o.businessLine,
    kind: o.kind,
    stage: o.stage,
    probability: probabilityOf(o.stage, settings),
    rolling: presentVersion(o.rolling),
    precision: presentVersion(o.precision),
    shippedAmount: o.shippedAmount,
    fullyShipped: isFullyShipped(o.stage, o.shippedAmount, leading?.amount ?? null),
    pushCount: o.pushCount,
    lostReason: o.lostReason,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    can: opportunityCan(actor, o),
  };
}
