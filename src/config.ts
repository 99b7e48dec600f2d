import { resolve } from 'node:path';
import { type ApsConfig, apsFrom } from './feeds/config.js';
import { type ChannelConfig, channelsFrom } from './notifications/channels/config.js';

export type DemoMode = 'auto' | 'yes' | 'no';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: DemoMode;
  /** null: the system clock. Otherwise the fake clock of SPEC §8, optionally starting at an instant. */
  fakeClock: { start: Date | null } | null;
  timeZone: string;
  session: { idleMinutes: number; maxDays: number };
  login: { windowMinutes: number; perUsername: number; perAddress: number };
  cookieSecure: 'auto' | boolean;
  trustProxy: boolean | string;
  demoPassword: string;
  adminPassword: string | undefined;
  logLevel: string;
  webDir: string;
  /** Seconds between scheduler ticks under the system clock. */
  schedulerIntervalSeconds: number;
  /** Spreadsheet imports (SPEC §11): the file as sent, an XLSX once unzipped, and the rows read. */
  upload: UploadLimits;
  /** The goal line of the quarterly completion rates (SPEC §4.6), a fraction 0–1. */
  completionGoal: number;
  /** E-mail and chat-webhook copies of notifications (SPEC §5): each off unless configured. */
  channels: ChannelConfig;
  /** The APS outbox's receiver (CRM_APS_URL): off unless configured; the quotes are pullable either way. */
  aps: ApsConfig;
};

export type UploadLimits = { maxBytes: number; maxUnzippedBytes: number; maxRows: number };

export type CliOptions = {
  port?: string | number;
  host?: string;
  dataDir?: string;
  demo?: boolean;
  fakeClock?: string | boolean;
};

export class ConfigError extends Error {}

const MB = 1024 * 1024;

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

function fakeClockFrom(option: string | boolean | undefined): Config['fakeClock'] {
  if (option === undefined || option === false) return null;
  if (option === true || option === '') return { start: null };
  const start = new Date(option);
  if (Number.isNaN(start.getTime())) throw new ConfigError(`--fake-clock needs an ISO-8601 instant, got "${option}"`);
  return { start };
}

function timeZoneFrom(value: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new ConfigError(`CRM_TIME_ZONE is not a known IANA time zone: "${value}"`);
  }
  return value;
}

function fractionFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 1)
    throw new ConfigError(`${name} must be a fraction above 0 and at most 1 (0.9 = 90 %), got "${raw}"`);
  return value;
}

function trustProxyFrom(raw: string | undefined): Config['trustProxy'] {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  return raw;
}

/** Environment and command line → one validated config; anything wrong stops the start with the reason. */
export function loadConfig(cli: CliOptions = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(cli.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`port must be 0–65535, got "${cli.port ?? env.PORT}"`);
  const secure = env.CRM_COOKIE_SECURE ?? 'auto';
  if (!['auto', 'true', 'false'].includes(secure))
    throw new ConfigError('CRM_COOKIE_SECURE must be auto, true or false');
  return {
    port,
    host: cli.host ?? env.HOST ?? '0.0.0.0',
    dataDir: resolve(cli.dataDir ?? env.CRM_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demo: cli.demo === true ? 'yes' : cli.demo === false ? 'no' : 'auto',
    fakeClock: fakeClockFrom(cli.fakeClock),
    timeZone: timeZoneFrom(env.CRM_TIME_ZONE ?? 'Asia/Shanghai'),
    session: {
      idleMinutes: intFrom(env, 'CRM_SESSION_IDLE_MINUTES', 8 * 60),
      maxDays: intFrom(env, 'CRM_SESSION_MAX_DAYS', 7),
    },
    login: {
      windowMinutes: intFrom(env, 'CRM_LOGIN_WINDOW_MINUTES', 15),
      perUsername: intFrom(env, 'CRM_LOGIN_MAX_FAILURES_PER_USER', 5),
      perAddress: intFrom(env, 'CRM_LOGIN_MAX_FAILURES_PER_ADDRESS', 30),
    },
    cookieSecure: secure === 'auto' ? 'auto' : secure === 'true',
    trustProxy: trustProxyFrom(env.CRM_TRUST_PROXY),
    demoPassword: env.CRM_DEMO_PASSWORD || 'tk-demo-2026',
    adminPassword: env.CRM_ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    webDir: resolve(env.CRM_WEB_DIR ?? 'dist/web'),
    schedulerIntervalSeconds: intFrom(env, 'CRM_SCHEDULER_INTERVAL_SECONDS', 30),
    upload: {
      maxBytes: intFrom(env, 'CRM_UPLOAD_MAX_MB', 50) * MB,
      maxUnzippedBytes: intFrom(env, 'CRM_UPLOAD_MAX_UNZIPPED_MB', 500) * MB,
      maxRows: intFrom(env, 'CRM_UPLOAD_MAX_ROWS', 1_000_000),
    },
    completionGoal: fractionFrom(env, 'CRM_COMPLETION_GOAL', 0.9),
    channels: channelsFrom(env, (message) => new ConfigError(message)),
    aps: apsFrom(env, (message) => new ConfigError(message)),
  };
}
