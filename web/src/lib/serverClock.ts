// "Now" as the server sees it (SPEC §8: one injectable clock). Under --fake-clock the server's time is not
// the machine's, so the screens compare against the server's clock: /health tells it at every page load.
let offsetMs = 0;

/** Reads the server's clock once; a failure leaves the machine's clock in charge (the server still decides). */
export async function syncServerClock(timeoutMs = 2000): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const sent = Date.now();
    const response = await fetch('/api/v1/health', { signal: controller.signal });
    const body = (await response.json()) as { now?: string };
    const received = Date.now();
    if (body.now) offsetMs = Date.parse(body.now) - (sent + received) / 2;
  } catch {
    offsetMs = 0;
  } finally {
    clearTimeout(timer);
  }
}

export const serverNow = (): number => Date.now() + offsetMs;
