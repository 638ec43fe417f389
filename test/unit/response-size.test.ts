// @module-tag any-database
/**
 * The response-size check (src/graphql/limits.ts): `jsonBytesAtMost`, a bound from lengths alone,
 * and `jsonBytesAtLeast`, a measure, are never below what `JSON.stringify` writes; `jsonLargerThan`
 * answers as the measure does, whichever of the two decides.
 */
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { answerBytesAtMost, countObjects, jsonBytesAtLeast, jsonBytesAtMost, jsonLargerThan } from '../../src/graphql/limits.ts';

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** Values of every kind an answer holds, and some it could. */
const samples: Record<string, unknown> = {
  'an empty object': {},
  'an empty list': [],
  'a list of empty containers': [[], {}, [[]]],
  'plain text': { name: 'Kong Xuanyou', title: 'Assistant Foreign Minister' },
  'text to escape': { quote: 'He said "no"\\ then\n\tleft\u0000\u001f' },
  'text beyond ASCII': { name: '孔铉佑', city: 'Zürich', emoji: '🚀' },
  // JSON writes it as `\ud800`, six bytes, where UTF-8 has three (a replacement character).
  'lone surrogates': { high: 'a\ud800b', low: '\udc00', pair: '\ud83d\ude80' },
  numbers: { n: [0, -1, 2.5, 1e21, -2.2250738585072014e-308, Number.MAX_SAFE_INTEGER, NaN, Infinity] },
  'booleans and nulls': { yes: true, no: false, none: null, list: [null, true] },
  'an undefined value': { kept: 1, dropped: undefined, inList: [undefined] },
  dates: { at: new Date('2017-03-07T08:00:00Z'), far: new Date(8.64e15), early: new Date(-8.64e15), bad: new Date(NaN) },
  'a nested answer': {
    data: {
      deployments: {
        nodes: Array.from({ length: 3 }, (_, i) => ({
          name: `THAAD battery ${i}`,
          positions: { totalCount: 2, nodes: [{ stance: 'OPPOSE', statedOn: new Date('2016-07-08T00:00:00Z'), holders: [{ name: 'China', isoCode: 'CN' }] }] },
        })),
      },
    },
    errors: [{ message: 'Cannot return null', path: ['a', 0], extensions: { code: 'X' } }],
  },
};

describe('the size of an answer in JSON', () => {
  for (const [what, value] of Object.entries(samples)) {
    it(`is never underestimated: ${what}`, () => {
      const bytes = bytesOf(value);
      expect(jsonBytesAtMost(value, Infinity)).toBeGreaterThanOrEqual(bytes);
      expect(jsonBytesAtLeast(value, Infinity)).toBeGreaterThanOrEqual(bytes);
    });
  }

  it("of an answer, read from the walk that counts its data's objects, is the same bound", () => {
    const errors = [{ message: 'Cannot return null', path: ['a', 0] }];
    for (const [what, value] of Object.entries(samples)) {
      for (const answer of [
        { data: value, errors },
        { data: value, errors: undefined },
        { data: undefined, errors },
      ]) {
        // Counted first, as the cost plugin does: the size then reads the same walk.
        countObjects(answer.data);
        expect(answerBytesAtMost(answer), what).toBe(jsonBytesAtMost({ data: answer.data, errors: answer.errors }, Infinity));
      }
    }
  });

  it('is measured exactly where nothing is escaped and nothing is undefined', () => {
    for (const what of [
      'an empty object',
      'an empty list',
      'a list of empty containers',
      'plain text',
      'text beyond ASCII',
      'booleans and nulls',
      'dates',
      'a nested answer',
    ]) {
      expect(jsonBytesAtLeast(samples[what], Infinity), what).toBe(bytesOf(samples[what]));
    }
  });

  it('is larger than a limit exactly when the measure says so, on either side of the limit', () => {
    const answer = samples['a nested answer'];
    const bytes = bytesOf(answer);
    // Below the bound, the bound decides; between the size and the bound, the measure does.
    expect(jsonBytesAtMost(answer, Infinity)).toBeGreaterThan(bytes + 100);
    expect(jsonLargerThan(answer, bytes - 1)).toBe(true);
    expect(jsonLargerThan(answer, bytes)).toBe(false);
    expect(jsonLargerThan(answer, bytes + 100)).toBe(false);
    expect(jsonLargerThan(answer, jsonBytesAtMost(answer, Infinity))).toBe(false);
  });

  it('stops counting once past the limit', () => {
    const large = { items: Array.from({ length: 100_000 }, (_, i) => ({ text: `item ${i}` })) };
    // Past the limit, no further item is visited: what was counted is the list's brackets and
    // commas (100,002) and at most one item more.
    expect(jsonBytesAtMost(large, 1_000)).toBeLessThan(100_002 + 100);
    expect(jsonBytesAtLeast(large, 1_000)).toBeLessThan(100_002 + 100);
    expect(jsonLargerThan(large, 1_000)).toBe(true);
  });
});
