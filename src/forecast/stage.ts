import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { AppError, type FieldError, invalidField, ruleViolation } from '../http/errors.js';
import { afterOpportunityWrite } from './after-write.js';
import { type Ctx, opportunityToChange } from './opportunities.js';
import { checkStageMove, precisionMissing } from './rules.js';
import { opportunities, type Stage } from './schema.js';
import { readVersion } from './store.js';

const PRECISION_REQUIRED = {
  zh: '模塑一体商机进入 H 阶段前须填写精度版预测（下单月份、金额和出货月份）',
  en: 'an integrated opportunity needs a precision forecast (order month, amount, shipment months) to enter H',
};
const QUOTE_REQUIRED = {
  zh: '商品模商机进入 H 阶段前须填写报价（下单月份、金额和出货月份）',
  en: 'a commodity opportunity needs a quote (order month, amount, shipment months) to enter H',
};
const MISSING = { zh: '缺少或为 0', en: 'is missing or 0' };

/** `POST /opportunities/:id/stage {stage, reason?}` (SPEC §9.1); the same stage again changes nothing. */
export async function changeStage(db: Db, id: number, input: { stage: Stage; reason?: string | undefined }, ctx: Ctx) {
  await db.transaction(async (tx) => {
    const before = await opportunityToChange(tx, id, ctx);
    if (before.stage === input.stage) return;
    const move = checkStageMove(before.stage, input.stage, input.reason);
    if (!move.ok) {
      if (move.status === 400) throw invalidField(move.field ?? 'stage', move.why);
      throw ruleViolation(409, move.why, [{ field: 'stage', reason: 'invalid', params: { why: move.why } }]);
    }
    if (move.needsPrecision) {
      // The quote plays the precision part for commodity opportunities, and gates H the same way.
      const missing = precisionMissing(await readVersion(tx, id, 'precision'));
      if (missing.length) {
        const details: FieldError[] = missing.map((field) => ({ field, reason: 'invalid', params: { why: MISSING } }));
        const why = before.businessLine === 'commodity' ? QUOTE_REQUIRED : PRECISION_REQUIRED;
        throw new AppError('precision_required', 422, { reason: why }, details);
      }
    }
    const lostReason = input.stage === 'lost' ? (input.reason ?? null) : null;
    await tx
      .update(opportunities)
      .set({ stage: input.stage, lostReason, updatedAt: ctx.now, version: before.version + 1 })
      .where(eq(opportunities.id, id));
    await recordHistory(tx, {
      entity: 'opportunity',
      entityId: id,
      action: before.stage === 'lost' ? 'reopened' : 'stage_changed',
      actor: ctx.actor,
      at: ctx.now,
      before: { stage: before.stage },
      after: { stage: input.stage },
      reason: input.reason ?? null,
    });
    await afterOpportunityWrite(tx, [id], ctx);
  });
}
