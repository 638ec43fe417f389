// @module-tag any-database
/** Keep-alive connections spread evenly over the server processes (src/http/connection-share.ts): who releases how many. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionShare, excessOf } from '../../src/http/connection-share.ts';

describe('excessOf', () => {
  it('asks a process for what it holds beyond ceil(total / processes), and nothing of an even spread', () => {
    expect(excessOf([11, 5])).toEqual([3, 0]);
    expect(excessOf([16, 0])).toEqual([8, 0]);
    expect(excessOf([8, 8])).toEqual([0, 0]);
    expect(excessOf([9, 8])).toEqual([0, 0]);
    expect(excessOf([10, 2, 0])).toEqual([6, 0, 0]);
    expect(excessOf([1, 0])).toEqual([0, 0]);
    expect(excessOf([0, 0])).toEqual([0, 0]);
    expect(excessOf([])).toEqual([]);
  });
});

describe('ConnectionShare', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('releases as many connections as asked, one response each, then none', () => {
    const share = new ConnectionShare(() => undefined);
    expect(share.releases()).toBe(false);
    share.release(2);
    expect([share.releases(), share.releases(), share.releases()]).toEqual([true, true, false]);
  });

  it('forgets a request to release that its clients left unused for a second', () => {
    vi.useFakeTimers();
    const share = new ConnectionShare(() => undefined);
    share.release(1);
    vi.advanceTimersByTime(1_001);
    expect(share.releases()).toBe(false);
  });
});
