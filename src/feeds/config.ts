/** Where the APS outbox pushes (SPEC §7, §9.1 `Feeds`): off (null) unless `CRM_APS_URL` is set. */
export type ApsConfig = { url: string; timeoutMs: number } | null;

type Fail = (message: string) => Error;

const DEFAULT_TIMEOUT_MS = 10_000;

/** Reads CRM_APS_URL and CRM_APS_TIMEOUT_MS; a bad value stops the start with the reason (never the URL). */
export function apsFrom(env: NodeJS.ProcessEnv, fail: Fail): ApsConfig {
  const raw = env.CRM_APS_URL;
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value may carry a token: never repeat it.
    throw fail('CRM_APS_URL is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw fail('CRM_APS_URL must start with https:// or http://');
  const timeoutRaw = env.CRM_APS_TIMEOUT_MS;
  const timeoutMs = timeoutRaw ? Number(timeoutRaw) : DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 300_000)
    throw fail(`CRM_APS_TIMEOUT_MS must be an integer 1–300000, got "${timeoutRaw}"`);
  return { url: raw, timeoutMs };
}
