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

/**
 * Adds every problem of `value`, a coerced value of one input type, to `out`; `path` is where the
 * value is (it is extended while the walk goes down and restored after, and copied only into a
 * problem found: a clean input, the usual case, allocates nothing).
 */
type Check = (value: unknown, path: (string | number)[], out: InputProblem[]) => void;

const checks = new WeakMap<GraphQLInputType, Check | null>();

/**
 * The check of `type`, made once per type: it walks only the fields and items that can hold a
 * text or a date, and only those the value has; null when `type` can hold neither.
 */
function checkOf(type: GraphQLInputType): Check | null {
  const known = checks.get(type);
  if (known !== undefined) return known;
  let check: Check | null;
  if (!canHoldCheckedValue(type)) {
    check = null;
  } else if (type instanceof GraphQLNonNull) {
    check = checkOf(type.ofType);
  } else if (type instanceof GraphQLList) {
    const itemCheck = checkOf(type.ofType)!;
    check = (value, path, out) => {
      if (value === null || value === undefined) return;
      if (!Array.isArray(value)) return itemCheck(value, path, out);
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        itemCheck(value[i], path, out);
        path.pop();
      }
    };
  } else if (type instanceof GraphQLInputObjectType) {
    // Found at the first value: an input type may hold itself (its fields' checks are this one).
    let fieldChecks: Array<[string, Check]> | undefined;
    check = (value, path, out) => {
      if (value === null || value === undefined) return;
      fieldChecks ??= Object.values(type.getFields()).flatMap((field): Array<[string, Check]> => {
        const fieldCheck = checkOf(field.type);
        return fieldCheck ? [[field.name, fieldCheck]] : [];
      });
      for (const [name, fieldCheck] of fieldChecks) {
        const fieldValue = (value as Record<string, unknown>)[name];
        if (fieldValue === null || fieldValue === undefined) continue;
        path.push(name);
        fieldCheck(fieldValue, path, out);
        path.pop();
      }
    };
  } else {
    const scalar = type as GraphQLScalarType;
    check = (value, path, out) => {
      if (value === null || value === undefined) return;
      const message = scalarProblem(scalar, value);
      if (message) out.push({ path: path.slice(), message });
    };
  }
  checks.set(type, check);
  return check;
}

const showPath = (path: (string | number)[]) => path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');

/** The checks of a field's arguments that can hold a text or a date, by argument name. */
type ArgumentChecks = ReadonlyArray<readonly [string, Check]>;

function argumentProblems(argumentChecks: ArgumentChecks, values: Record<string, unknown>): InputProblem[] {
  const out: InputProblem[] = [];
  const path: (string | number)[] = [];
  for (const [name, check] of argumentChecks) {
    path.push(name);
    check(values[name], path, out);
    path.pop();
  }
  return out;
}

function guardQueryField(
  resolve: GraphQLFieldResolver<unknown, GraphQLContext>,
  argumentChecks: ArgumentChecks,
): GraphQLFieldResolver<unknown, GraphQLContext> {
  return (source, values: Record<string, unknown>, ctx, info) => {
    const [problem] = argumentProblems(argumentChecks, values);
    if (problem) {
      const where = problem.path.length > 1 ? ` at ${showPath(problem.path)}` : '';
      throw badUserInput(`Argument "${problem.path[0]}"${where} ${problem.message}`, String(problem.path[0]));
    }
    return resolve(source, values, ctx, info);
  };
}

function guardMutationField(
  resolve: GraphQLFieldResolver<unknown, GraphQLContext>,
  argumentChecks: ArgumentChecks,
): GraphQLFieldResolver<unknown, GraphQLContext> {
  return (source, values: Record<string, unknown>, ctx, info) => {
    const problems = argumentProblems(argumentChecks, values);
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
      const argumentChecks = field.args.flatMap((arg) => {
        const check = checkOf(arg.type);
        return check ? [[arg.name, check] as const] : [];
      });
      if (argumentChecks.length === 0) continue;
      const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, GraphQLContext>;
      if (type === mutationType) {
        const payload = field.type instanceof GraphQLNonNull ? field.type.ofType : field.type;
        if (!(payload instanceof GraphQLObjectType) || !payload.getFields().userErrors) {
          throw new Error(`Mutation.${field.name} does not return a payload with userErrors: its input problems could not be reported`);
        }
        field.resolve = guardMutationField(resolve, argumentChecks);
      } else if (type === subscriptionType) {
        // A subscription's arguments are read once, when it starts; each event runs `resolve`.
        field.subscribe = guardQueryField(field.subscribe ?? defaultFieldResolver, argumentChecks);
      } else {
        field.resolve = guardQueryField(resolve, argumentChecks);
      }
    }
  }
  return schema;
}
