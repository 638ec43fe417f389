/**
 * Subscriptions executed once per event and operation, not once per subscriber. graphql-js's
 * `subscribe` executes the selection for each subscriber and event; with many subscribers of the
 * same operation (the same document, variables and role: a front end's page open many times)
 * that is the same work many times over. Here an event's result is kept in its delivery batch
 * (src/live/change-feed.ts) under the operation's key, so each distinct operation is executed
 * once per event in a process, and the subscribers of that operation are sent the same result.
 *
 * Results are the same for every caller of the same role: nothing the subscriptions reach
 * depends on who asks, beyond the role.
 */
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Delivery } from '../../live/change-feed.ts';
import type { GraphQLContext } from '../context.ts';

/** What makes two subscriptions' results the same: document text, operation, variables and role. */
function operationKey(args: ExecutionArgs): string {
  const context = args.contextValue as GraphQLContext;
  const role = context.caller.kind === 'apiKey' ? context.caller.role : 'anonymous';
  const text = args.document.loc?.source.body ?? '';
  return JSON.stringify([text, args.operationName ?? null, args.variableValues ?? null, role]);
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> => typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * graphql-js's `subscribe`, but each event's execution is shared by the subscriptions of the same
 * operation. The iterator ends its source at once when returned (an async generator could not,
 * while it waits for the next event).
 */
export async function subscribeSharingExecution(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!isAsyncIterable(stream)) return stream;
  const source = (stream as AsyncIterable<Delivery>)[Symbol.asyncIterator]();
  const key = `execute:${operationKey(args)}`;
  const run = (delivery: Delivery) =>
    delivery.batch.once(`${key}:${delivery.event.sequence}:${delivery.event.type}`, () => Promise.resolve(execute({ ...args, rootValue: delivery })));
  const done = (): Promise<IteratorResult<ExecutionResult>> => Promise.resolve({ value: undefined, done: true });
  const results: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const next = await source.next();
      return next.done ? { value: undefined, done: true } : { value: await run(next.value), done: false };
    },
    return: () => (source.return ? source.return().then(done) : done()),
    throw: (error: unknown) => (source.throw ? source.throw(error).then(done) : Promise.reject(error instanceof Error ? error : new Error(String(error)))),
    [Symbol.asyncIterator]: () => results,
  };
  return results;
}
