import { asc } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Changer, recordHistory } from '../history/store.js';
import { invalidField } from '../http/errors.js';
import type { AccuracyConfigAnswerDto, AccuracyConfigDto, PutAccuracyConfigInput } from './accuracy-contract.js';
import {
  type AccuracyConfigValues,
  configInForce,
  DEFAULT_ACCURACY_CONFIG,
  DEFAULT_EFFECTIVE_MONTH,
} from './accuracy-rules.js';
import { monthOf } from './rules.js';
import { forecastAccuracyConfigs } from './schema.js';

export type AccuracyConfig = AccuracyConfigValues & { effectiveMonth: string };

const DEFAULT_ROW: AccuracyConfigDto = {
  ...DEFAULT_ACCURACY_CONFIG,
  effectiveMonth: DEFAULT_EFFECTIVE_MONTH,
  id: null,
  changedAt: null,
  changedBy: null,
};

/** Every row written, oldest first (a few dozen at most: one per change). */
async function configRows(db: Db): Promise<AccuracyConfigDto[]> {
  const rows = await db.select().from(forecastAccuracyConfigs).orderBy(asc(forecastAccuracyConfigs.id));
  return rows.map((r) => ({
    id: r.id,
    formula: r.formula,
    lag: r.lag,
    version: r.version,
    granularity: r.granularity,
    actualsSource: r.actualsSource,
    effectiveMonth: r.effectiveMonth,
    changedAt: r.changedAt.toISOString(),
    changedBy: r.changedBy,
  }));
}

const valuesOf = (r: AccuracyConfigDto): AccuracyConfig => ({
  formula: r.formula,
  lag: r.lag,
  version: r.version,
  granularity: r.granularity,
  actualsSource: r.actualsSource,
  effectiveMonth: r.effectiveMonth,
});

/** The config in force for month M: the latest row effective on or before M, else the defaults. */
export async function accuracyConfigFor(db: Db, month: string): Promise<AccuracyConfig> {
  return valuesOf(configInForce(await configRows(db), month) ?? DEFAULT_ROW);
}

/** `GET /forecast/accuracy-config`: the config in force this month and every row written, newest first. */
export async function readAccuracyConfig(db: Db, now: Date, timeZone: string): Promise<AccuracyConfigAnswerDto> {
  const rows = await configRows(db);
  return { current: configInForce(rows, monthOf(now, timeZone)) ?? DEFAULT_ROW, history: rows.reverse() };
}

/**
 * `PUT /forecast/accuracy-config` (admin): a new row effective from `effectiveMonth`, which may not lie
 * before the current month — published accuracy of past months never changes under the reader. The
 * history row (before → after: the config in force for that month before and after) is in the same
 * transaction.
 */
export async function writeAccuracyConfig(
  db: Db,
  input: PutAccuracyConfigInput,
  ctx: { actor: Changer; now: Date; timeZone: string },
): Promise<AccuracyConfigAnswerDto> {
  const current = monthOf(ctx.now, ctx.timeZone);
  if (input.effectiveMonth < current)
    throw invalidField('effectiveMonth', {
      zh: `生效月份不能早于本月（${current}）`,
      en: `the effective month may not lie before the current month (${current})`,
    });
  await db.transaction(async (tx) => {
    const before = await accuracyConfigFor(tx, input.effectiveMonth);
    const after: AccuracyConfig = {
      formula: input.formula,
      lag: input.lag,
      version: input.version,
      granularity: input.granularity,
      actualsSource: input.actualsSource ?? null,
      effectiveMonth: input.effectiveMonth,
    };
    const [row] = await tx
      .insert(forecastAccuracyConfigs)
      .values({ ...after, changedAt: ctx.now, changedBy: ctx.actor === 'system' ? null : ctx.actor.id })
      .returning({ id: forecastAccuracyConfigs.id });
    await recordHistory(tx, {
      entity: 'forecast_accuracy_config',
      entityId: row!.id,
      action: 'updated',
      actor: ctx.actor,
      at: ctx.now,
      before,
      after,
      reason: input.reason ?? null,
    });
  });
  return readAccuracyConfig(db, ctx.now, ctx.timeZone);
}
