import fc from 'fast-check';
import { expect, test } from 'vitest';
import { isLoginBlocked, isSessionAlive, sessionExpiry } from './session-rules.js';

const policy = { idleMinutes: 480, maxDays: 7 };
const HOUR = 3_600_000;

test('a session is alive only within both the idle timeout and the absolute lifetime', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 10 * 24 }),
      fc.integer({ min: 0, max: 10 * 24 }),
      (seenAfterH, nowAfterSeenH) => {
        const createdAt = new Date('2026-03-02T00:00:00Z');
        const lastSeenAt = new Date(createdAt.getTime() + seenAfterH * HOUR);
        const now = new Date(lastSeenAt.getTime() + nowAfterSeenH * HOUR);
        const alive = isSessionAlive(
          { createdAt, lastSeenAt, expiresAt: sessionExpiry(createdAt, policy) },
          policy,
          now,
        );
        const withinIdle = nowAfterSeenH < 8;
        const withinLifetime = now.getTime() < createdAt.getTime() + 7 * 24 * HOUR;
        expect(alive).toBe(withinIdle && withinLifetime);
      },
    ),
    { numRuns: 300 },
  );
});

test('sign-in is blocked from the fifth failure per username or the thirtieth per address', () => {
  const limits = { windowMinutes: 15, perUsername: 5, perAddress: 30 };
  expect(isLoginBlocked({ byUsername: 4, byAddress: 29 }, limits)).toBe(false);
  expect(isLoginBlocked({ byUsername: 5, byAddress: 0 }, limits)).toBe(true);
  expect(isLoginBlocked({ byUsername: 0, byAddress: 30 }, limits)).toBe(true);
});
