import { afterEach, beforeEach } from 'vitest';
import type { TestApp } from './test-app.js';

/**
 * After each test, puts the fake clock back at the instant the file's tests start from (where its
 * beforeAll left it), so no test inherits a time another one moved to: each reads as it stands, and
 * runs alone (`-t`) as it runs in the file. Call it after the describe's beforeAll.
 */
export function restoreClockAfterEach(app: () => TestApp): void {
  let start: Date | undefined;
  beforeEach(() => {
    start ??= app().clock.now();
  });
  afterEach(async () => {
    if (start) await app().clock.set(start);
  });
}
