import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Changer, recordHistory } from '../history/store.js';
import { checkVersion, type ExpectedVersion } from '../http/versioning.js';
import type { ForecastSettingsDto, ForecastSettingsValues } from './contract.js';
import { DEFAULT_SETTINGS } from './rules.js';
import { forecastSettings } from './schema.js';

/** The settings in force: the stored row over the defaults (a new field reads its default until set). */
export async function readSettings(db: Db): Promise<ForecastSettingsDto> {
  const [row] = await db.select().from(forecastSettings).where(eq(forecastSettings.id, 1));
  const data = { ...DEFAULT_SETTINGS, ...((row?.data as Partial<ForecastSettingsValues>) ?? {}) };
  return {
    ...data,
    version: row?.version ?? 0,
    updatedAt: (row?.updatedAt ?? new Date(0)).toISOString(),
    updatedBy: row?.updatedBy ?? null,
  };
}

/** The admin replaces the settings as a whole; the change and its before → after are one transaction. */
export async function writeSettings(
  db: Db,
  values: ForecastSettingsValues,
  ctx: { actor: Changer; now: Date; version: ExpectedVersion },
): Promise<ForecastSettingsDto> {
  return db.transaction(async (tx) => {
    const { version, updatedAt: _at, updatedBy: _by, ...before } = await readSettings(tx);
    checkVersion(version, ctx.version);
    const updatedBy = ctx.actor === 'system' ? null : ctx.actor.id;
    const row = { data: values, version: version + 1, updatedAt: ctx.now, updatedBy };
    await tx
      .insert(forecastSettings)
      .values({ id: 1, ...row })
      .onConflictDoUpdate({ target: forecastSettings.id, set: row });
    await recordHistory(tx, {
      entity: 'forecast_settings',
      entityId: 1,
      action: 'updated',
      actor: ctx.actor,
      at: ctx.now,
      before,
      after: values,
    });
    return { ...values, version: version + 1, updatedAt: ctx.now.toISOString(), updatedBy };
  });
}
