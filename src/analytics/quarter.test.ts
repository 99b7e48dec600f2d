import { expect, test } from 'vitest';
import { parseQuarter, previousQuarter, quarterBounds, quarterLabel } from './quarter.js';

test('a quarter is written YYYY-Qn; anything else is refused', () => {
  expect(parseQuarter('2026-Q2')).toEqual({ year: 2026, q: 2 });
  for (const bad of ['2026-Q5', '2026-Q0', '2026Q2', '2026-q2', '26-Q2', '2026-Q2 ', '', '1999-Q4'])
    expect(parseQuarter(bad)).toBeNull();
  expect(quarterLabel({ year: 2026, q: 4 })).toBe('2026-Q4');
});

test('the previous quarter of Q1 is Q4 of the year before', () => {
  expect(previousQuarter({ year: 2026, q: 1 })).toEqual({ year: 2025, q: 4 });
  expect(previousQuarter({ year: 2026, q: 3 })).toEqual({ year: 2026, q: 2 });
});

test('bounds are local midnights of the first day of the quarter and of the next one', () => {
  expect(quarterBounds({ year: 2026, q: 2 }, 'Asia/Shanghai')).toEqual({
    start: new Date('2026-03-31T16:00:00Z'),
    end: new Date('2026-06-30T16:00:00Z'),
  });
  // Q4 ends at the start of next year; a zone with daylight saving keeps local midnight.
  expect(quarterBounds({ year: 2025, q: 4 }, 'Asia/Shanghai').end).toEqual(new Date('2025-12-31T16:00:00Z'));
  expect(quarterBounds({ year: 2026, q: 2 }, 'Europe/Berlin')).toEqual({
    start: new Date('2026-03-31T22:00:00Z'),
    end: new Date('2026-06-30T22:00:00Z'),
  });
  expect(quarterBounds({ year: 2026, q: 1 }, 'Europe/Berlin').start).toEqual(new Date('2025-12-31T23:00:00Z'));
});
