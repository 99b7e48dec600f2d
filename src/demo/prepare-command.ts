import type { Config } from '../config.js';
import { openAndMigrate, seedIfEmpty } from '../server.js';
import { prepareDemo } from './prepared.js';

/** `crm prepare-demo` (run by postinstall): the first start's replay, done ahead into the cache folder. */
export async function prepareDemoCommand(config: Config): Promise<void> {
  const now = new Date();
  const started = Date.now();
  const { home, skipped } = await prepareDemo(config, now, async (dataDir) => {
    const database = await openAndMigrate({ ...config, dataDir, databaseUrl: undefined });
    try {
      await seedIfEmpty(database, { ...config, demo: 'yes' }, now);
    } finally {
      await database.close();
    }
  });
  console.log(
    skipped
      ? `The demo company prepared in ${home} is current; nothing to do.`
      : `The demo company is prepared in ${home} (${Math.round((Date.now() - started) / 1000)} s): the first start copies it.`,
  );
}
