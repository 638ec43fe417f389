/**
 * Input hygiene at the GraphQL edge: every text and every date a client sends, in any argument of
 * any field, is checked before the field's resolver runs, so that no value PostgreSQL would refuse
 * (a NUL in a text: 22021; a date in year 0: 22008) or silently change (an unpaired surrogate)
 * reaches the database and becomes a server error.
 *
 * The checks are derived from the schema, not listed by hand: `guardInputs` wraps the resolver of
 * every field that has arguments and walks the coerced argument values along their input types.
 * Texts are the String and ID scalars; dates are the Date and DateTime scalars (see
 * src/db/rules.ts for what is allowed). A problem in a query's argument is BAD_USER_INPUT naming
 * the argument; in a mutation's input it is a userError INVALID with the field's path, as every
 * other problem with a mutation's input is (payload fields other than userErrors are null).
 */
import {
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLInputObjectType,
  defaultFieldResolver,
  isObjectType,
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { dateProblem, textProblem } from '../data/rules.ts';
import { UserErrorCode, userError, type UserErrorData } from '../data/user-errors.ts';
import { ApiKeyRole, requireRole } from './auth.ts';
import type { GraphQLContext } from './context.ts';
import { badUserInput } from './errors.ts';
import { DateScalar, DateTimeScalar } from './scalars.ts';

/** A problem with one value: the path from the argument down, and what is wrong. */
interface InputProblem {
  path: (string | number)[];
  message: string;
}

const textScalars = new Set(['String', 'ID']);

function scalarProblem(type: GraphQLScalarType, value: unknown): string | null {
  if (textScalars.has(type.name)) return typeof value === 'string' ? textProblem(value) : null;
  if (value instanceof Date) {
    if (type.name === DateScalar.name) return dateProblem(value, 'date');
    if (type.name === DateTimeScalar.name) return dateProblem(value, 'dateTime');
  }
  return null;
}

/** Every problem of `value`, a coerced value of `type`, found at `path` and below. */
function inputProblems(type: GraphQLInputType, value: unknown, path: (string | number)[], out: InputProblem[] = []): InputProblem[] {
  if (value === null || value === undefined) return out;
  if (type instanceof GraphQLNonNull) return inputProblems(type.ofType, value, path, out);
  if (type instanceof GraphQLList) {
    if (Array.isArray(value)) value.forEach((item, i) => inputProblems(type.ofType, item, [...path, i], out));
    else inputProblems(type.ofType, value, path, out);
    return out;
  }
  if (type instanceof GraphQLInputObjectType) {
    const fields = type.getFields();
    for (const [name, field] of Object.entries(fields)) inputProblems(field.type, (value as Record<string, unknown>)[name], [...path, name], out);
    return out;
  }
  if (type instanceof GraphQLScalarType) {
    const message = scalarProblem(type, value);
    if (message) out.push({ path, message });
  }
  return out;
}

/** Whether `type` can hold a text or a date anywhere (arguments that cannot are not walked). */
function canHoldCheckedValue(type: GraphQLInputType, seen = new Set<GraphQLInputObjectType>()): boolean {
  if (type instanceof GraphQLNonNull || type instanceof GraphQLList) return canHoldCheckedValue(type.ofType, seen);
  if (type instanceof GraphQLInputObjectType) {
    if (seen.has(type)) return false;
    seen.add(type);
    return Object.values(type.getFields()).some((field) => canHoldCheckedValue(field.type, seen));
  }
  if (type instanceof GraphQLScalarType) return textScalars.has(type.name) || type.name === DateScalar.name || type.name === DateTimeScalar.name;
  return false;
}

const showPath = (path: (string | number)[]) => path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');

function argumentProblems(args: readonly GraphQLArgument[], values: Record<string, unknown>): InputProblem[] {
  const out: InputProblem[] = [];
  for (const arg of args) inputProblems(arg.type, values[arg.name], [arg.name], out);
  return out;
}

function guardQueryField(
  resolve: GraphQLFieldResolver<unknown, GraphQLContext>,
  args: readonly GraphQLArgument[],
): GraphQLFieldResolver<unknown, GraphQLContext> {
  return (source, values: Record<string, unknown>, ctx, info) => {
    const [problem] = argumentProblems(args, values);
    if (problem) {
      const where = problem.path.length > 1 ? ` at ${showPath(problem.path)}` : '';
      throw badUserInput(`Argument "${problem.path[0]}"${where} ${problem.message}`, String(problem.path[0]));
    }
    return resolve(source, values, ctx, info);
  };
}

function guardMutationField(
  resolve: GraphQLFieldResolver<unknown, GraphQLContext>,
  args: readonly GraphQLArgument[],
): GraphQLFieldResolver<unknown, GraphQLContext> {
  return (source, values: Record<string, unknown>, ctx, info) => {
    const problems = argumentProblems(args, values);
    if (problems.length === 0) return resolve(source, values, ctx, info);
    // Every mutation needs at least an EDITOR key: a caller without one learns that first, as it
    // would with a clean input (the mutation's own role is checked by its resolver).
    requireRole(ctx.caller, ApiKeyRole.EDITOR);
    const userErrors: UserErrorData[] = problems.map((p) => userError(p.path, p.message, UserErrorCode.INVALID));
    return { userErrors };
  };
}

/**
 * Wraps the resolver of every field whose arguments can hold a text or a date with the checks
 * above. Mutation fields must return a payload with `userErrors`; start-up fails otherwise.
 */
export function guardInputs(schema: GraphQLSchema): GraphQLSchema {
  const mutationType = schema.getMutationType();
  const subscriptionType = schema.getSubscriptionType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const args = field.args.filter((arg) => canHoldCheckedValue(arg.type));
      if (args.length === 0) continue;
      const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, GraphQLContext>;
      if (type === mutationType) {
        const payload = field.type instanceof GraphQLNonNull ? field.type.ofType : field.type;
        if (!(payload instanceof GraphQLObjectType) || !payload.getFields().userErrors) {
          throw new Error(`Mutation.${field.name} does not return a payload with userErrors: its input problems could not be reported`);
        }
        field.resolve = guardMutationField(resolve, args);
      } else if (type === subscriptionType) {
        // A subscription's arguments are read once, when it starts; each event runs `resolve`.
        field.subscribe = guardQueryField(field.subscribe ?? defaultFieldResolver, args);
      } else {
        field.resolve = guardQueryField(resolve, args);
      }
    }
  }
  return schema;
}
