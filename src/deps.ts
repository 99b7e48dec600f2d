import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { SessionCache } from './org/auth-plugin.js';

/**
 * What every route and job is given: the database, the clock, the config and the session cache.
 * Its own module so that routes depend on this type, never on the composition root (app.ts).
 */
export type AppDeps = { database: Database; db: Db; clock: Clock; config: Config; sessionCache: SessionCache };
