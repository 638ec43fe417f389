// @module-tag any-database
/** Where a quote is in an article body (src/data/rules.ts, src/data/evidence-spans.ts): no database. */
import { describe, expect, it } from 'vitest';
import { isQuoteProblem, locateQuote } from '../../src/data/evidence-spans.ts';
import { locateEvidence } from '../../src/data/rules.ts';
import { UserErrorCode } from '../../src/data/user-errors.ts';

const body = 'China opposes THAAD. Russia opposes THAAD. Japan said nothing. 漢字 and 😀 count as JavaScript counts.';

describe('locateEvidence', () => {
  it('finds a quote that occurs once, with offsets that slice it back out of the body', () => {
    const span = locateEvidence(body, 'Japan said nothing.');
    expect(span).toEqual({ text: 'Japan said nothing.', start: 43, end: 62 });
    expect(body.slice(43, 62)).toBe('Japan said nothing.');
  });

  it('counts offsets in UTF-16 code units, as String.prototype.slice does', () => {
    const span = locateEvidence(body, '😀 count');
    expect(span).toMatchObject({ start: body.indexOf('😀'), end: body.indexOf('😀') + '😀 count'.length });
    expect('😀 count'.length).toBe(8);
  });

  it('refuses a quote that occurs more than once unless its start is given, naming every start', () => {
    expect(locateEvidence(body, 'opposes THAAD')).toEqual({
      code: UserErrorCode.EVIDENCE_AMBIGUOUS,
      message: 'text "opposes THAAD" occurs 2 times in the article body (at 6, 28): give its start',
    });
    expect(locateEvidence(body, 'opposes THAAD', 28)).toEqual({ text: 'opposes THAAD', start: 28, end: 41 });
  });

  it('refuses a quote that is not in the body, or not at the start given, or an unusable start', () => {
    expect(locateEvidence(body, 'Korea agrees')).toMatchObject({ code: UserErrorCode.EVIDENCE_NOT_IN_ARTICLE });
    expect(locateEvidence(body, 'opposes THAAD', 7)).toEqual({
      code: UserErrorCode.EVIDENCE_NOT_IN_ARTICLE,
      message: 'text "opposes THAAD" is not at start 7 of the article body (it occurs at 6, 28)',
    });
    expect(locateEvidence(body, 'China', -1)).toMatchObject({ code: UserErrorCode.INVALID });
    expect(locateEvidence(body, 'China', 1.5)).toMatchObject({ code: UserErrorCode.INVALID });
    expect(locateEvidence(body, '')).toMatchObject({ code: UserErrorCode.BLANK });
  });

  it('is exact: no trimming, no case folding', () => {
    expect(locateEvidence(body, 'china opposes THAAD')).toMatchObject({ code: UserErrorCode.EVIDENCE_NOT_IN_ARTICLE });
    expect(locateEvidence(body, ' China opposes')).toMatchObject({ code: UserErrorCode.EVIDENCE_NOT_IN_ARTICLE });
  });
});

describe('locateQuote', () => {
  it('says which part of the quote is at fault, and refuses the same span twice', () => {
    const first = locateQuote(body, 'Japan said nothing.', null, [], 'repeats an earlier quote');
    expect(isQuoteProblem(first)).toBe(false);
    const again = locateQuote(body, 'Japan said nothing.', null, [first as { text: string; start: number; end: number }], 'repeats an earlier quote');
    expect(again).toEqual({ code: UserErrorCode.DUPLICATE, message: 'repeats an earlier quote', part: 'quote' });
    expect(locateQuote(body, 'China', -1, [], '')).toMatchObject({ part: 'start', code: UserErrorCode.INVALID });
    expect(locateQuote(body, 'absent', null, [], '')).toMatchObject({ part: 'text', code: UserErrorCode.EVIDENCE_NOT_IN_ARTICLE });
  });
});
