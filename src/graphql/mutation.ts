/**
 * What every mutation's resolver shares: who may call it, the write transaction, the payload
 * shape. The checks of its input are the data layer's (src/data/checks.ts). A resolver is
 * `return mutate(ctx, (w) => service(w, input), (value) => ({ field: value }))`.
 */
import { Extensions, Field, ObjectType, type ClassType } from 'type-graphql';
import { write, type Write } from '../data/write.ts';
import type { UserErrorData } from '../data/user-errors.ts';
import { callerLabel, requireRole, ApiKeyRole } from './auth.ts';
import type { GraphQLContext } from './context.ts';
import { UserError } from './user-error.ts';
import { listBound } from './list-bounds.ts';

/** A bound on `userErrors` (src/graphql/list-bounds.ts): an import document can hold thousands of mistakes. */
const maxUserErrors = 100;

@ObjectType()
export abstract class MutationPayload {
  @Extensions(listBound(maxUserErrors))
  @Field(() => [UserError], {
    description: `Problems with the input (the first ${maxUserErrors}); when there are any, nothing was changed and the other fields are null.`,
  })
  userErrors!: UserErrorData[];
}

/** A payload's fields besides `userErrors`: each one's type and description. */
export type PayloadFields = Record<string, [type: () => object, description: string]>;

/**
 * `<Mutation>Payload`, the result of `mutation`: `userErrors` and `fields`, each field nullable
 * (null when there are userErrors).
 */
export function PayloadType(mutation: string, fields: PayloadFields): ClassType<MutationPayload> {
  @ObjectType(`${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Payload`, { description: `The result of ${mutation}.` })
  class Payload extends MutationPayload {}
  for (const [name, [type, description]] of Object.entries(fields)) Field(type, { nullable: true, description })(Payload.prototype, name);
  return Payload;
}

/** Forgets what this request's loaders cached, so that fields read after a write see it. */
function forgetLoaded(ctx: GraphQLContext): void {
  for (const loader of Object.values(ctx.loaders)) {
    if (loader && typeof (loader as { clearAll?: unknown }).clearAll === 'function') (loader as { clearAll(): void }).clearAll();
  }
}

/**
 * Runs a mutation for a caller that has `role` (EDITOR by default): its work in one write
 * transaction, rolled back when it reports userErrors.
 */
export async function mutate<T, P extends object>(
  ctx: GraphQLContext,
  work: (w: Write) => Promise<T>,
  toPayload: (value: T) => P,
  { role = ApiKeyRole.EDITOR, timeoutMs }: { role?: ApiKeyRole; timeoutMs?: number } = {},
): Promise<P & { userErrors: UserErrorData[] }> {
  const caller = requireRole(ctx.caller, role);
  const result = await write(ctx.writer, callerLabel(caller), work, { timeoutMs });
  forgetLoaded(ctx);
  if (!result.ok) return { userErrors: result.userErrors } as P & { userErrors: UserErrorData[] };
  return { ...toPayload(result.value), userErrors: [] };
}
