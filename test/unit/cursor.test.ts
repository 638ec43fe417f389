// @module-tag any-database
/**
 * Cursors (src/data/cursor.ts): opaque to clients, exactly one spelling per position, and
 * anything we did not issue refused as the client's mistake, naming the argument.
 */
import { describe, expect, it } from 'vitest';
import { decodeCursor, decodeCursorFor, encodeCursor, recordedOrder } from '../../src/data/cursor.ts';
import { InvalidArgument } from '../../src/data/invalid-argument.ts';
import { maxRowId, type CursorPosition } from '../../src/db/pages.ts';

const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** The error decoding `cursor` throws, or null. */
function refusal(cursor: string, argumentName = 'after'): InvalidArgument | null {
  try {
    decodeCursor(cursor, argumentName);
    return null;
  } catch (error) {
    return error as InvalidArgument;
  }
}

describe('encodeCursor and decodeCursor', () => {
  it('give back the position encoded, for the recorded order and for any other ordering', () => {
    const positions: CursorPosition[] = [
      { order: recordedOrder, key: null, id: 1 },
      { order: recordedOrder, key: null, id: maxRowId },
      { order: 'STATED_ON', key: '2016-07-28', id: 42 },
      { order: 'PUBLISHED_AT', key: '2016-07-28 10:00:00+00', id: 7 },
      { order: 'NAME', key: 'Kong Xuanyou — 孔铉佑 "quoted"', id: 3 },
      { order: 'RELEVANCE', key: '0.0607927', id: 0 },
      { order: 'STATED_ON', key: null, id: 5 },
    ];
    for (const position of positions) {
      const cursor = encodeCursor(position);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor, 'after')).toEqual(position);
    }
  });

  it("keep the first release's spelling for the recorded order: cursor:v1:<id>, base64url", () => {
    expect(encodeCursor({ order: recordedOrder, key: null, id: 17 })).toBe(b64url('cursor:v1:17'));
    expect(decodeCursor(b64url('cursor:v1:17'), 'after')).toEqual({ order: recordedOrder, key: null, id: 17 });
    expect(encodeCursor({ order: 'STATED_ON', key: '2016-07-28', id: 9 })).toBe(b64url('cursor:v2:["STATED_ON","2016-07-28",9]'));
  });

  it('refuse what was not issued, naming the argument (the API reports it as BAD_USER_INPUT)', () => {
    const forged = [
      '', // empty
      'not a cursor!', // not base64url
      b64url('cursor:v1:17').replace(/=*$/, '') + '=', // padding: another spelling
      Buffer.from('cursor:v1:17')
        .toString('base64')
        .replace(/[A-Za-z0-9]$/, '+'), // base64, not base64url
      b64url('cursor:v3:17'), // unknown version
      b64url('cursor:v1:'), // no id
      b64url('cursor:v1:-1'), // negative id
      b64url('cursor:v1:1.5'), // not an integer
      b64url('cursor:v1:017'), // leading zero: another spelling of 17
      b64url(`cursor:v1:${maxRowId + 1}`), // beyond PostgreSQL's integer
      b64url('cursor:v2:["STATED_ON","2016-07-28"]'), // no id
      b64url('cursor:v2:["stated_on","2016-07-28",1]'), // not an ordering's name
      b64url('cursor:v2:["STATED_ON",20160728,1]'), // key not text
      b64url('cursor:v2:["STATED_ON","2016\u0000",1]'), // a control character in the key
      b64url(`cursor:v2:["NAME","${'x'.repeat(1001)}",1]`), // a key longer than any we issue
      b64url('cursor:v2:[ "STATED_ON","2016-07-28",1]'), // JSON spelled differently
      b64url('cursor:v2:["RECORDED_AT",null,1]'), // the recorded order is spelled v1
      b64url('cursor:v2:{not json'),
    ];
    for (const cursor of forged) {
      const error = refusal(cursor, 'before');
      expect(error, `accepted ${JSON.stringify(Buffer.from(cursor, 'base64url').toString())}`).toBeInstanceOf(InvalidArgument);
      expect(error!.argumentName).toBe('before');
      expect(error!.message).toBe(`Argument "before" is not a valid cursor: ${JSON.stringify(cursor)}`);
    }
  });
});

describe('decodeCursorFor', () => {
  it("takes a cursor of the connection's ordering", () => {
    const cursor = encodeCursor({ order: 'STATED_ON', key: '2016-07-28', id: 4 });
    expect(decodeCursorFor('STATED_ON', cursor, 'after')).toEqual({ order: 'STATED_ON', key: '2016-07-28', id: 4 });
  });

  it('refuses a cursor of another ordering, saying which and how to fix it', () => {
    const cursor = encodeCursor({ order: recordedOrder, key: null, id: 4 });
    let error: InvalidArgument | undefined;
    try {
      decodeCursorFor('STATED_ON', cursor, 'after');
    } catch (caught) {
      error = caught as InvalidArgument;
    }
    expect(error?.argumentName).toBe('after');
    expect(error?.message).toBe(
      'Argument "after" is a cursor of the RECORDED_AT ordering; this connection is ordered by STATED_ON (keep the same orderBy while paginating)',
    );
  });
});
