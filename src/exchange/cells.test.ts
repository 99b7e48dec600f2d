import { describe, expect, test } from 'vitest';
import { cellValue } from './cells.js';

describe('spreadsheet cells become row values; what cannot be read stays as sent for the row check', () => {
  test('dates: date cells, Excel serials and common text forms → YYYY-MM-DD', () => {
    expect(cellValue('date', new Date(Date.UTC(2026, 2, 5)))).toBe('2026-03-05');
    expect(cellValue('date', 46066)).toBe('2026-02-13');
    expect(cellValue('date', '2026/3/5')).toBe('2026-03-05');
    expect(cellValue('date', '2026年3月5日')).toBe('2026-03-05');
    expect(cellValue('date', '20260305')).toBe('2026-03-05');
    expect(cellValue('date', '2026-03-05 00:00:00')).toBe('2026-03-05');
    expect(cellValue('date', 'next week')).toBe('next week');
  });

  test('months: YYYY-MM from dates, serials and text', () => {
    expect(cellValue('month', new Date(Date.UTC(2026, 3, 1)))).toBe('2026-04');
    expect(cellValue('month', '2026/4')).toBe('2026-04');
    expect(cellValue('month', '202604')).toBe('2026-04');
    expect(cellValue('month', '2026-04-15')).toBe('2026-04');
  });

  test('amounts: numbers, thousands separators, ¥ and accounting negatives; other text stays text', () => {
    expect(cellValue('amount', 12.5)).toBe(12.5);
    expect(cellValue('amount', ' 1,234.50 ')).toBe(1234.5);
    expect(cellValue('amount', '¥-80')).toBe(-80);
    expect(cellValue('amount', '(80)')).toBe(-80);
    expect(cellValue('amount', 'lots')).toBe('lots');
    expect(cellValue('amount', { formula: 'A1*2', result: 10 })).toBe(10);
  });

  test('void: 是/否, true/false, 1/0; empty cells are absent', () => {
    expect(['是', 'TRUE', 1, true, 'y'].map((v) => cellValue('flag', v))).toEqual([true, true, true, true, true]);
    expect(['否', 'false', 0, false, 'N'].map((v) => cellValue('flag', v))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(cellValue('flag', 'maybe')).toBe('maybe');
    expect([null, undefined, '', '   '].map((v) => cellValue('flag', v))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('text: numbers become text (codes, line numbers), rich text and hyperlinks their text; target kinds in Chinese', () => {
    expect(cellValue('text', 10)).toBe('10');
    expect(cellValue('text', { richText: [{ text: 'C0' }, { text: '01' }] })).toBe('C001');
    expect(cellValue('text', { text: 'OPP-1', hyperlink: 'http://x' })).toBe('OPP-1');
    expect(cellValue('targetKind', '销售')).toBe('sales');
    expect(cellValue('targetKind', '接单')).toBe('orders');
    expect(cellValue('integer', '4月')).toBe(4);
  });
});
