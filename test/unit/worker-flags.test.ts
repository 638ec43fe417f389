// @module-tag any-database
/** The V8 flags the supervisor starts its server processes with (src/cluster.ts). */
import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../src/cluster.ts';

describe('workerExecArgv', () => {
  const own = ['--max-semi-space-size=48', '--heap-growing-percent=50'];

  it('adds garbage collection on one thread when the processes are as many as the cores, or more', () => {
    expect(workerExecArgv(own, 2, 2)).toEqual([...own, '--single-threaded-gc']);
    expect(workerExecArgv(own, 4, 2)).toEqual([...own, '--single-threaded-gc']);
    expect(workerExecArgv([], 1, 1)).toEqual(['--single-threaded-gc']);
  });

  it("keeps V8's helper threads while a core is left for them", () => {
    expect(workerExecArgv(own, 2, 4)).toEqual(own);
    expect(workerExecArgv(own, 3, 8)).toEqual(own);
  });

  it('leaves the choice to flags that already make it', () => {
    expect(workerExecArgv(['--no-single-threaded-gc'], 2, 2)).toEqual(['--no-single-threaded-gc']);
    expect(workerExecArgv(['--single_threaded_gc'], 2, 2)).toEqual(['--single_threaded_gc']);
  });
});
