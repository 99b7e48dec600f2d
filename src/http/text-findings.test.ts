import { describe, expect, test } from 'vitest';
import { MAX_DEPTH, textFindings } from './validation.js';

// The walk builds a finding's JSON pointer only when it reports one (issue 14): the pointers must stay
// exactly what they were — escaped keys, array indexes, the parent for a bad key, depth findings.
describe('textFindings', () => {
  test('names each bad string by its JSON pointer, escaping ~ and / in keys', () => {
    const body = { rows: [{ docNo: 'ok' }, { docNo: 'a\u0000b', 'x/y~z': '\uD800' }] };
    const found = textFindings(body).map((f) => [f.instancePath, f.keyword]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['/rows/1/docNo', 'nul_character'],
        ['/rows/1/x~1y~0z', 'malformed_text'],
      ]),
    );
    expect(found).toHaveLength(2);
  });

  test('a bad key is reported at its object; nothing is found in clean text', () => {
    expect(textFindings({ a: { 'k\u0000': 1 } }).map((f) => f.instancePath)).toEqual(['/a']);
    expect(textFindings({ rows: [{ source: 'ERP', amount: 1, note: '消费电子 😀' }] })).toEqual([]);
  });

  test('nesting past the limit is reported where it starts', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_DEPTH + 1; i++) deep = [deep];
    const [finding] = textFindings(deep);
    expect(finding).toMatchObject({ keyword: 'too_deep', instancePath: '/0'.repeat(MAX_DEPTH) });
  });
});
