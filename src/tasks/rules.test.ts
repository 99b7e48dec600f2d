import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  backgroundText,
  chooseDeadline,
  entryTiming,
  isOverdue,
  metricText,
  shouldEscalate,
  subjectTypeOf,
} from './rules.js';

const at = (iso: string) => new Date(iso);
const pending = {
  status: 'pending' as const,
  deadline: at('2026-03-09T01:00:00Z'),
  escalationDueAt: at('2026-03-09T01:00:00Z'),
  escalatedAt: null,
};

test('a pending task is overdue from its deadline on; a completed one never', () => {
  expect(isOverdue(pending, at('2026-03-09T00:59:59Z'))).toBe(false);
  expect(isOverdue(pending, at('2026-03-09T01:00:00Z'))).toBe(true);
  expect(isOverdue({ ...pending, status: 'completed' }, at('2026-04-01T00:00:00Z'))).toBe(false);
});

test('a weekly task escalates once, when the next weekly meeting starts, whatever its (extended) deadline', () => {
  const extended = { ...pending, deadline: at('2026-03-20T00:00:00Z') };
  expect(shouldEscalate(extended, at('2026-03-09T00:59:00Z'))).toBe(false);
  expect(shouldEscalate(extended, at('2026-03-09T01:00:00Z'))).toBe(true);
  expect(shouldEscalate({ ...extended, escalatedAt: at('2026-03-09T01:00:00Z') }, at('2026-03-10T00:00:00Z'))).toBe(
    false,
  );
  expect(shouldEscalate({ ...extended, status: 'completed' }, at('2026-03-10T00:00:00Z'))).toBe(false);
  expect(shouldEscalate({ ...extended, escalationDueAt: null }, at('2026-03-10T00:00:00Z'))).toBe(false);
});

test('escalation never happens before its due moment and always after it while pending (any times)', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e9, max: 1e9 }), (offset) => {
      const now = new Date(pending.escalationDueAt.getTime() + offset);
      expect(shouldEscalate(pending, now)).toBe(offset >= 0);
    }),
  );
});

test('dimensions 2 and 4 are about account managers, the rest about tracks', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8].map(subjectTypeOf)).toEqual([
    'track',
    'am',
    'track',
    'am',
    'track',
    'track',
    'track',
    'track',
  ]);
});

test('entry opens at the start: on time during a supervision meeting, and up to 24 h after a weekly one; later is late', () => {
  const meeting = { startsAt: at('2026-03-02T01:00:00Z'), endsAt: at('2026-03-02T02:00:00Z') };
  expect(entryTiming('weekly', meeting, at('2026-03-02T00:59:00Z'))).toBe('not_open');
  expect(entryTiming('weekly', meeting, at('2026-03-03T02:00:00Z'))).toBe('on_time');
  expect(entryTiming('weekly', meeting, at('2026-03-03T02:00:01Z'))).toBe('late');
  expect(entryTiming('supervision', meeting, at('2026-03-02T02:00:00Z'))).toBe('on_time');
  expect(entryTiming('supervision', meeting, at('2026-03-02T02:00:01Z'))).toBe('late');
});

test('the deadline is the next meeting; an earlier one may be chosen, never a later one', () => {
  const next = at('2026-03-09T01:00:00Z');
  expect(chooseDeadline(next, null)).toEqual({ deadline: next });
  expect(chooseDeadline(next, at('2026-03-06T10:00:00Z'))).toEqual({ deadline: at('2026-03-06T10:00:00Z') });
  expect(chooseDeadline(next, at('2026-03-09T01:00:01Z'))).toEqual({ error: 'later_than_next_meeting' });
});

test('the background reads like the deck: "消费电子I赛道2月销售达成率仅87%，连续两月低于90%"', () => {
  const input = {
    subjectName: '消费电子I',
    subjectType: 'track' as const,
    month: '2026-02',
    dimensionName: '销售达成率',
    valueText: '87%',
    redMonths: 2,
    redBandText: '90%',
    better: 'higher' as const,
  };
  expect(backgroundText(input)).toBe('消费电子I赛道2月销售达成率仅87%，连续两月低于90%');
  expect(backgroundText({ ...input, redMonths: 1 })).toBe('消费电子I赛道2月销售达成率仅87%，低于90%');
  expect(backgroundText({ ...input, subjectType: 'am', subjectName: '张三', redMonths: 0, valueText: '95%' })).toBe(
    '客户经理张三2月销售达成率为95%',
  );
  // early in a month a weekly meeting may look at a period with nothing written back yet
  expect(backgroundText({ ...input, redMonths: 0, valueText: null })).toBe('消费电子I赛道2月销售达成率暂无数据');
});

test('a lower-is-better dimension is red above its band, and the background says so (issue 13, item 6)', () => {
  const dso = {
    subjectName: '汽车电子',
    subjectType: 'track' as const,
    month: '2026-10',
    dimensionName: '应收周转天数',
    valueText: '132天',
    redMonths: 12,
    redBandText: '120天',
    better: 'lower' as const,
  };
  expect(backgroundText(dso)).toBe('汽车电子赛道10月应收周转天数高达132天，连续十二月高于120天');
  expect(backgroundText({ ...dso, redMonths: 1 })).toBe('汽车电子赛道10月应收周转天数高达132天，高于120天');
  expect(backgroundText({ ...dso, redMonths: 0, valueText: '95天' })).toBe('汽车电子赛道10月应收周转天数为95天');
});

test('values read as the board shows them, never rounded onto the band they miss', () => {
  expect(metricText(1, 0.87)).toBe('87%');
  expect(metricText(1, 0.896)).toBe('89.6%');
  expect(metricText(7, 72.46)).toBe('72.5‰');
  expect(metricText(8, 139.6)).toBe('140天');
  expect(metricText(5, null)).toBeNull();
});
