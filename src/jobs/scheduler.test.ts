import fc from 'fast-check';
import { expect, test } from 'vitest';
import { hourlyMoments } from './scheduler.js';

test('hourly due moments are every full hour after the last run, up to and including now', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 10_000_000 }),
      fc.integer({ min: 0, max: 48 * 3_600_000 }),
      (offset, span) => {
        const after = new Date(Date.parse('2026-01-01T00:00:00Z') + offset);
        const upTo = new Date(after.getTime() + span);
        const moments = hourlyMoments(after, upTo);
        for (const m of moments) {
          expect(m.getTime() % 3_600_000).toBe(0);
          expect(m > after && m <= upTo).toBe(true);
        }
        const expected = Math.floor(upTo.getTime() / 3_600_000) - Math.floor(after.getTime() / 3_600_000);
        expect(moments).toHaveLength(expected);
      },
    ),
    { numRuns: 300 },
  );
});
