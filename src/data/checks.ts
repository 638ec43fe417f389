/**
 * The checks of a write's input (IDs, references, texts, dates, URLs) and what the change log
 * records of a change. Each check records a userError on `w` and returns null (or a fallback)
 * when the value is unusable, so that one request reports all its problems at once; `w.check()`
 * stops after them.
 */
import { identifier, maxRowId } from '../db/pages.ts';
import { decodeGlobalId, encodeGlobalId, nodesOfType, parseGlobalId, type NodeTypeName } from './global-id.ts';
import { dayAndDate, isReportedDate, type ReportedDate } from './reported-date.ts';
import { cleanAliases, formatDay, isFutureDay, isFutureInstant, isHttpUrl, normalizeText } from './rules.ts';
import { UserErrorCode, type FieldPath } from './user-errors.ts';
import type { Write } from './write.ts';

/** The row id of a global ID of one of `types`; INVALID_ID when it is malformed or of another type. */
export function rowIdOf(w: Write, types: NodeTypeName | readonly NodeTypeName[], id: string, field: FieldPath): number | null {
  const allowed = typeof types === 'string' ? [types] : types;
  const decoded = parseGlobalId(id);
  if (!decoded) {
    w.fail(field, `${JSON.stringify(id)} is not a valid ID`, UserErrorCode.INVALID_ID);
    return null;
  }
  if (!allowed.includes(decoded.typeName)) {
    w.fail(field, `must be the ID of ${allowed.map((t) => `a ${t}`).join(' or ')}, got the ID of a ${decoded.typeName}`, UserErrorCode.INVALID_ID);
    return null;
  }
  // Well formed, but beyond the id column's integer range: it names nothing (and must not reach SQL).
  if (decoded.rowId > maxRowId) {
    w.fail(field, `no ${decoded.typeName.toLowerCase()} has this ID`, UserErrorCode.NOT_FOUND);
    return null;
  }
  return decoded.rowId;
}

/** A required text: normalized; BLANK when empty. */
export function requiredText(w: Write, value: string, field: FieldPath, what = 'it'): string {
  const text = normalizeText(value);
  if (text === '') w.fail(field, `${what === 'it' ? 'must' : `${what} must`} not be blank`, UserErrorCode.BLANK);
  return text;
}

/** A nullable text: normalized; blank means null (not stated). `undefined` (not given) stays undefined. */
export function optionalText<T extends string | null | undefined>(value: T): T extends undefined ? undefined : string | null {
  if (value === undefined) return undefined as never;
  if (value === null) return null as never;
  const text = normalizeText(value);
  return (text === '' ? null : text) as never;
}

export function aliasesOf(aliases: readonly string[], name: string): string[] {
  return cleanAliases(aliases, name);
}

/** A day that must not be in the future (a statement, an announcement). */
export function pastDay(w: Write, value: Date | null | undefined, field: FieldPath): void {
  if (value != null && isFutureDay(value)) w.fail(field, `${formatDay(value)} is in the future`, UserErrorCode.FUTURE_DATE);
}

/** An instant that must not be in the future (a publication). */
export function pastInstant(w: Write, value: Date | null | undefined, field: FieldPath): void {
  if (value != null && isFutureInstant(value)) w.fail(field, `${value.toISOString()} is in the future`, UserErrorCode.FUTURE_DATE);
}

/** Loads a record to change; NOT_FOUND stops the mutation. */
export async function mustFind<T>(w: Write, find: () => Promise<T | null>, what: string, field: FieldPath): Promise<T> {
  const found = await find();
  if (found === null) w.abort(field, `no ${what} has this ID`, UserErrorCode.NOT_FOUND);
  return found;
}

/** How a change finds the record it names, and says which version of it is current. */
export interface RecordOfType<T> {
  /** The record with this row id, with what the change needs of it; null when there is none. */
  find: (id: number) => Promise<T | null>;
  /** The record as a version conflict names it: "the article", or (found) => `official ${found.name}`. */
  label: string | ((found: T) => string);
  /** Its version, when it is not the record's own `version` (an actor's is on its actor row). */
  version?: (found: T) => number;
}

/** What names the record a delete changes (an update's input begins the same): its global ID and the version it was read at. */
export interface DeleteInputData {
  id: string;
  expectedVersion?: number | null;
}

/** What names the two records of a merge: the one to keep and its duplicate, by global ID. */
export interface MergeInputData {
  keepId: string;
  duplicateId: string;
}

/**
 * The record of `type` that a change names by `input.id`, at the version the change expects:
 * INVALID_ID or NOT_FOUND on `input.id` stop the change; a VERSION_CONFLICT on
 * `input.expectedVersion` is reported beside the change's other problems.
 */
export async function recordToChange<T>(
  w: Write,
  type: NodeTypeName,
  input: DeleteInputData,
  { find, label, version = (found) => (found as { version: number }).version }: RecordOfType<T>,
): Promise<T> {
  const id = rowIdOf(w, type, input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => find(id as number), type.toLowerCase(), ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, version(found), typeof label === 'string' ? label : label(found));
  return found;
}

/**
 * The two records of `type` that a merge names: the one to keep and its duplicate, read by
 * `findKeep`, or the duplicate by `findDuplicate` where it needs more (the relations that move).
 * Both IDs are checked before either is read; the same ID twice is SAME_RECORD, and a missing one
 * NOT_FOUND on its field.
 */
export async function recordsToMerge<K, D = K>(
  w: Write,
  type: NodeTypeName,
  input: MergeInputData,
  findKeep: (id: number) => Promise<K | null>,
  findDuplicate: (id: number) => Promise<D | null> = findKeep as unknown as (id: number) => Promise<D | null>,
): Promise<{ keep: K; duplicate: D }> {
  const what = type.toLowerCase();
  const keepId = rowIdOf(w, type, input.keepId, ['input', 'keepId']);
  const duplicateId = rowIdOf(w, type, input.duplicateId, ['input', 'duplicateId']);
  w.check();
  if (keepId === duplicateId) w.abort(['input', 'duplicateId'], `the duplicate is the ${what} to keep`, UserErrorCode.SAME_RECORD);
  const keep = await findKeep(keepId as number);
  const duplicate = await findDuplicate(duplicateId as number);
  if (keep === null) w.fail(['input', 'keepId'], `no ${what} has this ID`, UserErrorCode.NOT_FOUND);
  if (duplicate === null) w.fail(['input', 'duplicateId'], `no ${what} has this ID`, UserErrorCode.NOT_FOUND);
  w.check();
  return { keep: keep as K, duplicate: duplicate as D };
}

/** What an update changed, field by field, for the change log (references as global IDs). */
export function changesOf<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of fields) {
    const from = jsonValue(before[field]);
    const to = jsonValue(after[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) {
      changes[field] = { from: referenceAsGlobalId(field, before[field]) ?? from, to: referenceAsGlobalId(field, after[field]) ?? to };
    }
  }
  return changes;
}

/** A value as the change log stores it (dates as ISO strings). */
export function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (isReportedDate(value)) return value.text;
  if (Array.isArray(value)) return value.map(jsonValue);
  return value ?? null;
}

/**
 * A reference column named after the node type it points to (`deploymentId`, `countryId`), as
 * that type's global ID (what every API call takes); undefined for any other column.
 */
function referenceAsGlobalId(column: string, value: unknown): string | undefined {
  const match = /^([a-z]+)Id$/.exec(column);
  if (!match?.[1] || typeof value !== 'number') return undefined;
  const type = match[1].charAt(0).toUpperCase() + match[1].slice(1);
  return nodesOfType(type) ? encodeGlobalId(type, value) : undefined;
}

/**
 * A row without its audit columns and its row number (the entry's entityId names the record), for
 * the change log; its references as global IDs.
 */
export function snapshot(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'version'].includes(key)) continue;
    if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value)) continue;
    out[key] = referenceAsGlobalId(key, value) ?? jsonValue(value);
  }
  return out;
}

async function existing(w: Write, type: NodeTypeName, rowIds: number[]): Promise<Set<number>> {
  const nodes = nodesOfType(type);
  if (rowIds.length === 0 || !nodes) return new Set();
  const rows = await w.tx.$queryRaw<{ id: number }[]>`SELECT id FROM ${identifier(nodes.table)} WHERE id = ANY(${rowIds}::int[])`;
  return new Set(rows.map((row) => row.id));
}

/**
 * The row id of a reference to an existing record of one of `types`: undefined when not given or
 * unusable (a userError is recorded), null when given as null (none).
 */
export async function refId(
  w: Write,
  types: NodeTypeName | readonly NodeTypeName[],
  id: string | null | undefined,
  field: FieldPath,
): Promise<number | null | undefined> {
  if (id === undefined || id === null) return id;
  const allowed = typeof types === 'string' ? [types] : types;
  const rowId = rowIdOf(w, allowed, id, field);
  if (rowId === null) return undefined;
  const type = decodeGlobalId(id).typeName;
  if (!(await existing(w, type, [rowId])).has(rowId)) {
    w.fail(field, `no ${type.toLowerCase()} has this ID`, UserErrorCode.NOT_FOUND);
    return undefined;
  }
  return rowId;
}

/** Row ids of references to existing records of one of `types`, each checked (INVALID_ID, NOT_FOUND, DUPLICATE). */
export async function refIds(w: Write, types: NodeTypeName | readonly NodeTypeName[], ids: readonly string[], field: FieldPath): Promise<number[]> {
  const out: number[] = [];
  const allowed = typeof types === 'string' ? [types] : types;
  for (const [i, id] of ids.entries()) {
    const rowId = rowIdOf(w, allowed, id, [...field, i]);
    if (rowId === null) continue;
    if (out.includes(rowId)) {
      w.fail([...field, i], 'is given more than once', UserErrorCode.DUPLICATE);
      continue;
    }
    const type = decodeGlobalId(id).typeName;
    if (!(await existing(w, type, [rowId])).has(rowId)) w.fail([...field, i], `no ${type.toLowerCase()} has this ID`, UserErrorCode.NOT_FOUND);
    else out.push(rowId);
  }
  return out;
}

/** An absolute http(s) URL; INVALID otherwise. */
export function urlOf(w: Write, value: string | null | undefined, field: FieldPath): string | null | undefined {
  const url = optionalText(value);
  if (url == null || isHttpUrl(url)) return url;
  w.fail(field, `must be an absolute http(s) URL, got ${JSON.stringify(url)}`, UserErrorCode.INVALID);
  return url;
}

/**
 * A write's day field and reported-date field (a statement's statedOn and statedIn, a meeting's
 * date and heldIn) as one value, one from the other (dayAndDate): `current` when the input gives
 * neither; a disagreement is a CONFLICT on the date field.
 */
export function dayAndDateOf(
  w: Write,
  input: Record<string, unknown>,
  names: { day: string; date: string },
  current: { day: Date | null; date: ReportedDate | null },
): { day: Date | null; date: ReportedDate | null } {
  const dates = dayAndDate(input[names.day] as Date | null | undefined, input[names.date] as ReportedDate | null | undefined, names);
  if (typeof dates === 'string') {
    w.fail(['input', names.date], dates, UserErrorCode.CONFLICT);
    return current;
  }
  return dates ?? current;
}
