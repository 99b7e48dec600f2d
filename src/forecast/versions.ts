import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { invalidField } from '../http/errors.js';
import { afterOpportunityWrite } from './after-write.js';
import type { PutForecastInput } from './contract.js';
import { type Ctx, opportunityToChange } from './opportunities.js';
import { isPush, leadingVersion, normaliseVersion } from './rules.js';
import { type ForecastVersionName, opportunities } from './schema.js';
import { readVersion, storeVersion } from './store.js';

const PUSH_NEEDS_REASON = {
  zh: '下单月份推迟时须填写原因',
  en: 'moving the order month later needs a reason',
};
const ITEMS_ONLY_ON_QUOTES = {
  zh: '报价明细只属于商品模商机的报价（precision）',
  en: 'quote lines belong to the quote (precision) of a commodity opportunity',
};

/**
 * `PUT /opportunities/:id/forecast/rolling|precision` (SPEC §9.1): the version is replaced as sent;
 * unchanged values count as a confirmation (the rolling window's "updated"). A later order month is a
 * push: it needs a reason, and pushes of the version that leads are counted.
 */
export async function putForecast(db: Db, id: number, name: ForecastVersionName, input: PutForecastInput, ctx: Ctx) {
  await db.transaction(async (tx) => {
    const opportunity = await opportunityToChange(tx, id, ctx);
    if (input.items && !(opportunity.businessLine === 'commodity' && name === 'precision'))
      throw invalidField('items', ITEMS_ONLY_ON_QUOTES);
    const { values, problems } = normaliseVersion(input);
    const problem = problems[0];
    if (problem) throw invalidField(problem.field, problem.why);
    const before = await readVersion(tx, id, name);
    const pushed = isPush(before?.orderMonth, values.orderMonth);
    if (pushed && !input.reason) throw invalidField('reason', PUSH_NEEDS_REASON);
    const items = input.items ?? (name === 'precision' ? before?.items : undefined);
    await storeVersion(tx, id, name, { ...values, items }, { actorId: ctx.actor.id, now: ctx.now });
    const countsPush = pushed && leadingVersion(opportunity.businessLine) === name;
    await tx
      .update(opportunities)
      .set({
        updatedAt: ctx.now,
        version: opportunity.version + 1,
        pushCount: opportunity.pushCount + (countsPush ? 1 : 0),
      })
      .where(eq(opportunities.id, id));
    await recordHistory(tx, {
      entity: 'opportunity',
      entityId: id,
      action: `${name}_forecast`,
      actor: ctx.actor,
      at: ctx.now,
      before: before
        ? {
            orderMonth: before.orderMonth,
            amount: before.amount,
            shipments: before.shipments,
            ...(before.orders ? { orders: before.orders } : {}),
          }
        : null,
      after: { ...values, ...(pushed ? { pushed: true } : {}) },
      reason: input.reason ?? null,
    });
    await afterOpportunityWrite(tx, [id], ctx);
  });
}
