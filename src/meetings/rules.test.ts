import fc from 'fast-check';
import { expect, test } from 'vitest';
import { cadenceSlots, periodMonthOf } from './rules.js';

const SUPERVISION = { kind: 'monthly_nth_weekday' as const, nth: 1, weekday: 3, start: '09:30', end: '12:30' };
const WEEKLY = { kind: 'weekly' as const, weekday: 1, start: '09:00', end: '10:00' };

test('the supervision meeting is the first Wednesday of the month, 09:30–12:30 Shanghai time', () => {
  const slots = cadenceSlots(
    SUPERVISION,
    'Asia/Shanghai',
    new Date('2026-01-01T00:00:00Z'),
    new Date('2026-04-01T00:00:00Z'),
  );
  expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
    '2026-01-07T01:30:00.000Z',
    '2026-02-04T01:30:00.000Z',
    '2026-03-04T01:30:00.000Z',
  ]);
  expect(slots[0]!.endsAt.toISOString()).toBe('2026-01-07T04:30:00.000Z');
});

test('weekly meetings are every Monday 09:00 local time, also across a daylight-saving change', () => {
  const slots = cadenceSlots(
    WEEKLY,
    'Europe/Berlin',
    new Date('2026-03-20T00:00:00Z'),
    new Date('2026-04-07T00:00:00Z'),
  );
  // Berlin moves from UTC+1 to UTC+2 on 2026-03-29: 09:00 local is 08:00 UTC before and 07:00 UTC after
  expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
    '2026-03-23T08:00:00.000Z',
    '2026-03-30T07:00:00.000Z',
    '2026-04-06T07:00:00.000Z',
  ]);
});

test('slots are the weekday asked for, inside the window, one week apart (any window)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 1, max: 120 }), (offsetDays, spanDays) => {
      const from = new Date(Date.UTC(2025, 0, 1) + offsetDays * 86_400_000 + 3_600_000 * 5);
      const to = new Date(from.getTime() + spanDays * 86_400_000);
      const slots = cadenceSlots(WEEKLY, 'Asia/Shanghai', from, to);
      expect(slots.length).toBeGreaterThanOrEqual(Math.floor(spanDays / 7));
      expect(slots.length).toBeLessThanOrEqual(Math.ceil(spanDays / 7));
      for (const [i, s] of slots.entries()) {
        expect(s.startsAt >= from && s.startsAt < to).toBe(true);
        expect(new Date(s.startsAt.getTime() + 8 * 3_600_000).getUTCDay()).toBe(1);
        if (i > 0) expect(s.startsAt.getTime() - slots[i - 1]!.startsAt.getTime()).toBe(7 * 86_400_000);
      }
    }),
    { numRuns: 200 },
  );
});

test('a supervision meeting reviews the previous month; a weekly one the month it is in', () => {
  expect(periodMonthOf('supervision', new Date('2026-01-07T01:30:00Z'), 'Asia/Shanghai')).toBe('2025-12');
  expect(periodMonthOf('weekly', new Date('2026-03-01T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-03');
});
