/**
 * Expensive operations take turns: an operation whose cost (src/graphql/limits.ts, the most objects
 * its answer can hold) reaches GRAPHQL_EXPENSIVE_COST runs only while fewer than
 * GRAPHQL_EXPENSIVE_AT_ONCE expensive operations run in the process, and otherwise waits for a
 * turn, in the order the operations arrived. Cheaper operations never wait.
 *
 * Why: a process has one thread. Eight deep traversals run at once share it, each allocating its
 * rows, records and answer, so that every one of them finishes late and some very late; run one at
 * a time, the others waiting in order, each finishes soon after it starts and the latency spreads
 * less. The benchmark's deep traversal (two processes, 16 clients; docs/benchmarks.md): p99 1.78–2.01×
 * its p50 with no limit, 1.54–1.70× with two at a time, 1.40–1.41× with one, at the same
 * throughput. A small query arriving meanwhile runs at once, beside them, as before; so does the
 * rest of a process's work while its expensive operation waits for PostgreSQL.
 *
 * A request whose deadline (REQUEST_TIMEOUT_MS) passes while it waits has already been answered
 * 504 (src/http/server.ts): when its turn comes it passes the turn on without running.
 */
export class OperationTurns {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  /**
   * @param minCost the cost from which an operation is expensive
   * @param atOnce how many expensive operations run at once; 0 for no limit
   */
  constructor(
    readonly minCost: number,
    readonly atOnce: number,
  ) {}

  /** Whether any operation can wait: without a limit there is no cost to compute. */
  get limited(): boolean {
    return this.atOnce > 0;
  }

  /**
   * Runs `work` when the operation's turn comes: at once for a cost under `minCost` (or unknown);
   * `expired` is asked when a wait ends, and an expired operation's `skipped` is returned instead.
   */
  async run<T>(cost: number | null, work: () => Promise<T>, expired: () => boolean, skipped: () => T): Promise<T> {
    if (!this.limited || cost === null || cost < this.minCost) return work();
    if (this.running < this.atOnce) {
      this.running++;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      if (expired()) {
        this.passTurn();
        return skipped();
      }
    }
    try {
      return await work();
    } finally {
      this.passTurn();
    }
  }

  private passTurn(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
