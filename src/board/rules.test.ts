import fc from 'fast-check';
import { expect, test } from 'vitest';
import { competitionRanks, monthRange, ratio, statusOf } from './rules.js';

test('competition ranks share a rank on ties and skip the next (1, 2, 2, 4); null ranks last', () => {
  expect(competitionRanks([0.9, 1.1, 0.9, 0.5], 'higher')).toEqual([2, 1, 2, 4]);
  expect(competitionRanks([80, null, 120, 80], 'lower')).toEqual([1, 4, 3, 1]);
  expect(competitionRanks([null, null, 1], 'higher')).toEqual([2, 2, 1]);
});

test('ranks are a competition ranking for any values: rank = 1 + how many are strictly better', () => {
  fc.assert(
    fc.property(fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: null }), { maxLength: 30 }), (values) => {
      const ranks = competitionRanks(values, 'higher');
      values.forEach((v, i) => {
        const better = values.filter((o) => o !== null && (v === null || o > v)).length;
        expect(ranks[i]).toBe(better + 1);
      });
    }),
  );
});

test('bands: below red is red, below yellow is yellow for higher-is-better; above for lower-is-better', () => {
  const attainment = { red: 0.9, yellow: 1 };
  expect(statusOf(0.87, attainment, 'higher')).toBe('red');
  expect(statusOf(0.9, attainment, 'higher')).toBe('yellow');
  expect(statusOf(1, attainment, 'higher')).toBe('green');
  const dsoBands = { red: 120, yellow: 90 };
  expect(statusOf(121, dsoBands, 'lower')).toBe('red');
  expect(statusOf(120, dsoBands, 'lower')).toBe('yellow');
  expect(statusOf(90, dsoBands, 'lower')).toBe('green');
  expect(statusOf(null, dsoBands, 'lower')).toBe('none');
});

test('a zero or missing denominator gives null, never Infinity', () => {
  expect(ratio(5, 0)).toBeNull();
  expect(ratio(5, null)).toBeNull();
  expect(ratio(null, 5)).toBeNull();
  expect(ratio(3, 4, 1000)).toBe(750);
});

test('month and YTD ranges end on the last day of the month', () => {
  expect(monthRange('2024-02', 'month')).toEqual({ from: '2024-02-01', to: '2024-02-01', end: '2024-02-29' });
  expect(monthRange('2026-11', 'ytd')).toEqual({ from: '2026-01-01', to: '2026-11-01', end: '2026-11-30' });
});
