// @module-tag any-database
/**
 * Expensive operations take turns (src/http/operation-turns.ts): at most `atOnce` of them run, in
 * the order they came; cheaper ones run at once; a wait that ends after the request's deadline
 * passes the turn on. Then the same through the executor Apollo Server calls
 * (src/http/compiled-executor.ts): an operation's cost decides, and a second expensive operation's
 * resolvers do not start while the first runs.
 */
import 'reflect-metadata';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compiledExecutionGateway } from '../../src/http/compiled-executor.ts';
import { OperationTurns } from '../../src/http/operation-turns.ts';

/** A promise settled from outside, and whether it has settled. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every callback already due run (the turns hand over through promise reactions). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('expensive operations taking turns', () => {
  it('runs at most atOnce expensive operations, the others in the order they came, and cheaper ones at once', async () => {
    const turns = new OperationTurns(100, 2);
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const operation = (name: string, cost: number | null) => {
      const gate = deferred();
      gates.set(name, gate);
      return turns.run(
        cost,
        async () => {
          started.push(name);
          await gate.promise;
          return name;
        },
        () => false,
        () => 'skipped',
      );
    };
    const done = [operation('a', 100), operation('b', 5_000), operation('c', 100), operation('d', 100), operation('cheap', 99), operation('unknown', null)];
    // Watched from the start: the failing one's rejection is expected, not unhandled.
    const outcomes = Promise.allSettled(done);
    await settle();
    expect(started).toEqual(['a', 'b', 'cheap', 'unknown']);
    gates.get('b')!.resolve();
    await settle();
    expect(started).toEqual(['a', 'b', 'cheap', 'unknown', 'c']);
    // A failing operation passes its turn on too.
    gates.get('a')!.reject(new Error('failed'));
    await settle();
    expect(started).toEqual(['a', 'b', 'cheap', 'unknown', 'c', 'd']);
    for (const gate of gates.values()) gate.resolve();
    expect((await outcomes).map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : 'rejected'))).toEqual([
      'rejected',
      'b',
      'c',
      'd',
      'cheap',
      'unknown',
    ]);
  });

  it('passes the turn on without running an operation whose deadline passed while it waited', async () => {
    const turns = new OperationTurns(1, 1);
    const first = deferred();
    let ran = false;
    const running = turns.run(
      1,
      () => first.promise,
      () => false,
      () => undefined,
    );
    const expired = turns.run(
      1,
      async () => {
        ran = true;
      },
      () => true,
      () => 'skipped',
    );
    const next = deferred();
    const after = turns.run(
      1,
      () => next.promise.then(() => 'after'),
      () => false,
      () => 'skipped',
    );
    first.resolve();
    await running;
    expect(await expired).toBe('skipped');
    expect(ran).toBe(false);
    next.resolve();
    expect(await after).toBe('after');
  });

  it('without a limit, lets every operation run at once', async () => {
    const turns = new OperationTurns(1, 0);
    const gate = deferred();
    let started = 0;
    const all = Array.from({ length: 5 }, () =>
      turns.run(
        10,
        async () => {
          started++;
          await gate.promise;
        },
        () => false,
        () => undefined,
      ),
    );
    await settle();
    expect(started).toBe(5);
    gate.resolve();
    await Promise.all(all);
  });

  it("decides by the operation's cost in the executor Apollo Server calls", async () => {
    const schema = buildSchema('type Item { n: Int! } type Query { items(first: Int!): [Item!]! }');
    // Each call's resolver waits for its gate, by its page size.
    const gates = new Map([60, 80, 3].map((first) => [first, deferred()]));
    let started = 0;
    (schema.getQueryType()!.getFields().items!.resolve as unknown) = async (_: unknown, { first }: { first: number }) => {
      started++;
      await gates.get(first)!.promise;
      return Array.from({ length: first }, (_item, n) => ({ n }));
    };
    // Expensive from 50 objects, one at a time.
    const { executor } = await compiledExecutionGateway(schema, new OperationTurns(50, 1)).load({ apollo: {} });
    const send = (first: number) => {
      const document = parse(`{ items(first: ${first}) { n } }`);
      return executor!({
        document,
        operation: document.definitions[0] as OperationDefinitionNode,
        operationName: null,
        request: { variables: {} },
        context: { loaders: { readOnly: () => undefined } },
      } as never);
    };
    const big = send(60);
    const bigger = send(80);
    const small = send(3);
    await settle();
    // The first expensive one and the cheap one run; the second expensive one waits for its turn.
    expect(started).toBe(2);
    gates.get(60)!.resolve();
    await big;
    await settle();
    expect(started).toBe(3);
    for (const gate of gates.values()) gate.resolve();
    const answers = await Promise.all([bigger, small]);
    expect(answers.map((answer) => (answer.data?.items as unknown[]).length)).toEqual([80, 3]);
  });
});
