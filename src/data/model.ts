/**
 * A model's definition: the one place that says what a node type holds and how it may be read
 * and written. Each layer derives its share from it:
 *
 * - the data layer (here): how its rows become records, its sort keys, how its filters compile
 *   to SQL, and how a write's input values are checked (`checkedValues`);
 * - the GraphQL layer (src/graphql/model-schema.ts): the object type, its connection, the
 *   `filter` and `orderBy` input types, the scalar fields of the create and update inputs, the
 *   payloads and the mutations, and `node(id:)` support;
 * - global IDs (src/data/global-id.ts) accept every defined model's name.
 *
 * A definition holds data and SQL only; it knows nothing of GraphQL. Descriptions are part of
 * the data's meaning (what a field holds, what a filter matches), so they live here too.
 */
import { Prisma } from '../generated/prisma/client.ts';
import { columnsOf, type NodeRow, type SelectColumn, type SortKey } from '../db/pages.ts';
import { optionalText, pastDay, pastInstant, requiredText, urlOf, aliasesOf } from './checks.ts';
import { reportedDateOf, type DatePrecision, type ReportedDate } from './reported-date.ts';
import type { References } from './references.ts';
import { UserErrorCode, type FieldPath } from './user-errors.ts';
import type { Write } from './write.ts';

/** An enumeration of the model (a stance, a status): its values, each with what it means. */
export interface EnumDefinition<TValue extends string = string> {
  name: string;
  description: string;
  values: Record<TValue, string>;
}

/** How a field's value is read, checked and shown. */
export type FieldKind = 'text' | 'day' | 'instant' | 'int' | 'number' | 'url' | 'names' | 'enum' | 'reportedDate';

export interface FieldDefinition<TValue = unknown> {
  kind: FieldKind;
  /** Null means "the source does not state it". */
  nullable: boolean;
  /** What the field holds, for the object type. */
  description: string;
  /**
   * The column it is read from, when it is not the field's name. A `reportedDate` is four columns
   * named after this prefix: `<prefix>From`, `<prefix>Until`, `<prefix>Precision`, `<prefix>Approximate`.
   */
  column?: string;
  enum?: EnumDefinition;
  /** A day or instant that cannot be in the future (a statement, a publication). */
  notInFuture?: boolean;
  /** A number's least and greatest values. */
  range?: readonly [number, number];
  /** A text kept byte for byte (an article body that offsets index into): never normalized, only refused when blank. */
  verbatim?: boolean;
  /** The value when a create input or an import document leaves the field out (its column's default). */
  default?: string;
  /**
   * Carried by the article import (src/data/import/format.ts): its description in the file format
   * and in the articleImport input. Fields of kind text, day, reportedDate, enum, names and number can be.
   */
  import?: { description: string; api: string };
  /** Settable by `<model>Create` (its description there); required unless nullable or `optional`. */
  create?: { description: string };
  /** Settable by `<model>Update` (its description there). */
  update?: { description: string };
  /** Phantom: the TypeScript type of the value. */
  readonly value?: TValue;
}

type Nullable<TValue, TSpec> = TSpec extends { nullable: true } ? TValue | null : TValue;
type FieldSpec = Omit<FieldDefinition, 'kind' | 'nullable' | 'value' | 'enum'> & { nullable?: boolean };

/** Builders of field definitions; `nullable: true` makes the value `T | null`. */
export const field = {
  text: <S extends FieldSpec>(spec: S) => ({ kind: 'text', nullable: false, ...spec }) as FieldDefinition<Nullable<string, S>>,
  url: <S extends FieldSpec>(spec: S) => ({ kind: 'url', nullable: false, ...spec }) as FieldDefinition<Nullable<string, S>>,
  int: <S extends FieldSpec>(spec: S) => ({ kind: 'int', nullable: false, ...spec }) as FieldDefinition<Nullable<number, S>>,
  number: <S extends FieldSpec>(spec: S) => ({ kind: 'number', nullable: false, ...spec }) as FieldDefinition<Nullable<number, S>>,
  day: <S extends FieldSpec>(spec: S) => ({ kind: 'day', nullable: false, ...spec }) as FieldDefinition<Nullable<Date, S>>,
  instant: <S extends FieldSpec>(spec: S) => ({ kind: 'instant', nullable: false, ...spec }) as FieldDefinition<Nullable<Date, S>>,
  /** Other names of a record (never null; an empty list when there are none). */
  names: <S extends FieldSpec>(spec: S) => ({ kind: 'names', nullable: false, ...spec }) as FieldDefinition<string[]>,
  enum: <TValue extends string, S extends FieldSpec>(definition: EnumDefinition<TValue>, spec: S) =>
    ({ kind: 'enum', nullable: false, enum: definition, ...spec }) as FieldDefinition<Nullable<TValue, S>>,
  /** A date at the precision a report gives (src/data/reported-date.ts), stored in the four columns of `column`. */
  reportedDate: <S extends FieldSpec & { column: string }>(spec: S) =>
    ({ kind: 'reportedDate', nullable: true, ...spec }) as FieldDefinition<ReportedDate | null>,
};

/** The kinds of argument a filter takes. */
export type FilterArgument = 'strings' | 'ids' | 'text' | 'dateRange' | 'dateTimeRange' | { enumList: EnumDefinition };

export interface FilterDefinition {
  argument: FilterArgument;
  description: string;
  /** Compiles the (validated) value to a condition over the node table `n`. */
  where(value: never, context: { refs: References; argumentName: string }): Prisma.Sql | Promise<Prisma.Sql> | null;
}

/**
 * A filter by an enum column: rows whose `column` holds any of the values given. The column's
 * PostgreSQL enum type has the definition's name (`Stance`).
 */
export function enumListFilter(definition: EnumDefinition, column: Prisma.Sql, description: string): FilterDefinition {
  const arrayType = Prisma.raw(`"${definition.name}"[]`);
  return {
    argument: { enumList: definition },
    description,
    where: (values: string[]) => Prisma.sql`${column} = ANY(CAST(${values}::text[] AS ${arrayType}))`,
  };
}

/** An ordering: what it orders by, and its sort key (src/db/pages.ts). */
export interface OrderDefinition {
  description: string;
  key: Omit<SortKey, 'order'>;
}

export type FieldsDefinition = Record<string, FieldDefinition>;

export interface ModelDefinition<TFields extends FieldsDefinition = FieldsDefinition> {
  /** The type's name in the API (and in global IDs), e.g. `Position`. */
  name: string;
  /** The plural in descriptions and list names, e.g. `positions`. */
  plural: string;
  description: string;
  /** What the `<Model>Filter` input type says of its conditions (a model with a list). */
  filterDescription?: string;
  /** The table of `n.id` and the FROM clause that reads the node (with any join its fields need). */
  table: string;
  from: Prisma.Sql;
  /** Its select list: the fields' columns, the foreign keys its relations follow, the audit columns. */
  columns: readonly SelectColumn[];
  fields: TFields;
  filters: Record<string, FilterDefinition>;
  orders: Record<string, OrderDefinition>;
  /** Columns a record keeps beside its fields, for the resolvers of its relations (`deploymentRowId`). */
  extras?(row: NodeRow): Record<string, unknown>;
  /**
   * Rows that lists leave out unless their filter sets `filter` (proposals under review): a list
   * without it adds NOT `condition` (a condition over `n`).
   */
  hiddenByDefault?: { filter: string; condition: Prisma.Sql };
}

/** What every record of a node type carries besides its fields. */
export interface NodeRecord {
  /** The type's name, e.g. `Position` (how the API tells the types of an interface apart). */
  typeName: string;
  rowId: number;
  /** The global ID. */
  id: string;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  updatedBy: string | null;
  version: number;
}

/** The values of a model's fields, typed from its definition. */
export type FieldValues<TFields extends FieldsDefinition> = { [K in keyof TFields]: TFields[K] extends FieldDefinition<infer V> ? V : never };

/** A record of a model: its fields, the node's identity and its audit columns. */
export type RecordOf<TModel extends ModelDefinition> = NodeRecord & FieldValues<TModel['fields']>;

/** The column a field is read from. */
export const columnOf = (name: string, definition: FieldDefinition): string => definition.column ?? name;

const fieldsOfKind = (model: ModelDefinition, kinds: FieldKind[]) =>
  Object.entries(model.fields)
    .filter(([, definition]) => kinds.includes(definition.kind))
    .map(([name, definition]) => columnOf(name, definition));

/** The columns that store a reported date, by its prefix. */
const reportedDateColumns = (prefix: string) =>
  ({ start: `${prefix}From`, end: `${prefix}Until`, precision: `${prefix}Precision`, approximate: `${prefix}Approximate` }) as const;

/** The audit fields every record has, each read from its column of the same name. */
const auditFields = ['createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'version'] as const;

/**
 * The columns each field of the model is read from (a reported date from its four), the audit
 * fields included: what a read that shows only some fields can leave out (NodeSource.narrowed).
 */
export function fieldColumnsOf(model: ModelDefinition): Record<string, string[]> {
  const columns: Record<string, string[]> = Object.fromEntries(auditFields.map((name) => [name, [name]]));
  for (const [name, definition] of Object.entries(model.fields)) {
    const column = columnOf(name, definition);
    columns[name] = definition.kind === 'reportedDate' ? Object.values(reportedDateColumns(column)) : [column];
  }
  return columns;
}

/** Columns of type `date` (read from JSON as "2016-07-28"). */
export const dayColumnsOf = (model: ModelDefinition): string[] => [
  ...fieldsOfKind(model, ['day']),
  ...fieldsOfKind(model, ['reportedDate']).flatMap((prefix) => [reportedDateColumns(prefix).start, reportedDateColumns(prefix).end]),
];
/** Columns of type `timestamp(3)` besides the audit columns. */
export const instantColumnsOf = (model: ModelDefinition): string[] => fieldsOfKind(model, ['instant']);

/** How each field of a model is read from a row: worked out once per model, not per row. */
const fieldReaders = new WeakMap<ModelDefinition, Array<{ name: string; read(row: NodeRow): unknown }>>();

function readersOf(model: ModelDefinition): Array<{ name: string; read(row: NodeRow): unknown }> {
  let readers = fieldReaders.get(model);
  if (!readers) {
    readers = Object.entries(model.fields).map(([name, definition]) => {
      const column = columnOf(name, definition);
      if (definition.kind === 'reportedDate') {
        const columns = reportedDateColumns(column);
        return { name, read: (row: NodeRow) => reportedDateIn(row, columns) };
      }
      if (definition.kind === 'names') return { name, read: (row: NodeRow) => row[column] ?? [] };
      return { name, read: (row: NodeRow) => row[column] ?? null };
    });
    fieldReaders.set(model, readers);
  }
  return readers;
}

/**
 * Writes the field values of a row read through the model's FROM and columns (dates already
 * Dates) onto `target`: rows become records by the thousand, so no intermediate object.
 */
export function assignFieldValues(model: ModelDefinition, row: NodeRow, target: Record<string, unknown>): void {
  for (const reader of readersOf(model)) target[reader.name] = reader.read(row);
}

/** A stored day: a Date, or a day as text (`2016-07-28`, or a timestamp's first ten characters). */
const storedDay = (value: unknown): Date => (value instanceof Date ? value : new Date(`${String(value).slice(0, 10)}T00:00:00Z`));

function reportedDateIn(row: Record<string, unknown>, columns: ReturnType<typeof reportedDateColumns>): ReportedDate | null {
  const start = row[columns.start];
  const end = row[columns.end];
  const precision = row[columns.precision];
  if (start == null || end == null || precision == null) return null;
  return reportedDateOf(storedDay(start), storedDay(end), precision as DatePrecision, row[columns.approximate] === true);
}

/** The reported date stored in a row's columns of `prefix` (Dates, or days as text), or null. */
export function storedReportedDate(row: Record<string, unknown>, prefix: string): ReportedDate | null {
  return reportedDateIn(row, reportedDateColumns(prefix));
}

/**
 * Field values as the columns that store them: a field in its column, a reported date in its
 * four (all null for none). For Prisma's create and update data.
 */
export function columnValuesOf(model: ModelDefinition, values: Record<string, unknown>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const definition = model.fields[name];
    if (!definition) {
      columns[name] = value;
      continue;
    }
    if (definition.kind !== 'reportedDate') {
      columns[columnOf(name, definition)] = value;
      continue;
    }
    const date = value as ReportedDate | null | undefined;
    if (date === undefined) continue;
    const c = reportedDateColumns(columnOf(name, definition));
    columns[c.start] = date?.start ?? null;
    columns[c.end] = date?.end ?? null;
    columns[c.precision] = date?.precision ?? null;
    columns[c.approximate] = date?.approximate ?? false;
  }
  return columns;
}

// ---------------------------------------------------------------------------------------------
// Writes: the values of an input, checked by kind.

/** The record's name, which its other names (`names` fields) are cleaned against. */
const nameOf = (value: unknown): string => (typeof value === 'string' ? value : '');

type Input = Record<string, unknown>;

/** One value of an input, checked; undefined when it is unusable (a userError is recorded). */
function checkedValue(w: Write, name: string, definition: FieldDefinition, value: unknown, path: FieldPath): unknown {
  if (value === null || value === undefined) return value;
  switch (definition.kind) {
    case 'text':
      if (definition.verbatim) {
        if ((value as string).trim() === '') w.fail(path, 'must not be blank', UserErrorCode.BLANK);
        return value;
      }
      return definition.nullable ? optionalText(value as string) : requiredText(w, value as string, path);
    case 'url':
      return urlOf(w, value as string, path);
    case 'day':
      if (definition.notInFuture) pastDay(w, value as Date, path);
      return value;
    case 'reportedDate':
      // A date that may mean a day to come is not yet a date of the past.
      if (definition.notInFuture) pastDay(w, (value as ReportedDate).start, path);
      return value;
    case 'instant':
      if (definition.notInFuture) pastInstant(w, value as Date, path);
      return value;
    case 'names':
    case 'int':
    case 'number':
    case 'enum':
      return value;
  }
}

/**
 * The values of the fields `<model>Create` sets, checked (blank required texts, URLs, future
 * dates); names are cleaned against `name` when the model has one.
 */
export function checkedCreateValues<TModel extends ModelDefinition>(w: Write, model: TModel, input: Input): Partial<FieldValues<TModel['fields']>> {
  const values: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(model.fields)) {
    if (!definition.create) continue;
    const path = ['input', name];
    const value = checkedValue(w, name, definition, input[name] ?? definition.default, path);
    if ((value === null || value === undefined) && !definition.nullable && definition.kind !== 'names') {
      if (input[name] === undefined || input[name] === null) w.fail(path, 'must be given', UserErrorCode.BLANK);
    }
    values[name] = definition.kind === 'names' ? aliasesOf((value as string[] | null | undefined) ?? [], nameOf(values.name ?? input.name)) : (value ?? null);
  }
  return values as Partial<FieldValues<TModel['fields']>>;
}

/**
 * The values after `<model>Update`: a field left out keeps its current value, a nullable one set
 * to null is cleared, a required one set to null is refused (BLANK).
 */
export function checkedUpdateValues<TModel extends ModelDefinition>(
  w: Write,
  model: TModel,
  input: Input,
  current: Record<string, unknown>,
): Partial<FieldValues<TModel['fields']>> {
  const values: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(model.fields)) {
    if (!definition.update) continue;
    const path = ['input', name];
    const given = input[name];
    const currentValue = definition.kind === 'reportedDate' ? storedReportedDate(current, columnOf(name, definition)) : current[columnOf(name, definition)];
    if (given === undefined) {
      values[name] = currentValue;
      continue;
    }
    if (given === null && !definition.nullable && definition.kind === 'text') {
      values[name] = requiredText(w, '', path);
      continue;
    }
    if (given === null && !definition.nullable) {
      w.fail(path, `a ${model.name.toLowerCase()} must keep a ${name}`, UserErrorCode.BLANK);
      values[name] = currentValue;
      continue;
    }
    const value = checkedValue(w, name, definition, given, path);
    values[name] = definition.kind === 'names' ? aliasesOf((value as string[] | null) ?? [], nameOf(values.name ?? current.name)) : (value ?? null);
  }
  return values as Partial<FieldValues<TModel['fields']>>;
}

/** The names of the fields `<model>Update` sets (what the change log compares). */
export const updatableFieldsOf = (model: ModelDefinition): string[] => Object.keys(model.fields).filter((name) => model.fields[name]?.update);

/**
 * The `table`, `from` and `columns` of a model read from one table of its own, as `n`, with the
 * columns of `scalarFields` (Prisma's `<Model>ScalarFieldEnum`, or part of it).
 */
export function ownTable(table: string, scalarFields: Record<string, string>): Pick<ModelDefinition, 'table' | 'from' | 'columns'> {
  return { table, from: Prisma.raw(`"${table}" AS n`), columns: columnsOf('n', scalarFields) };
}

/** A model's definition, typed: the TypeScript types of its records follow from its fields. */
export function defineModel<TModel extends ModelDefinition>(model: TModel): TModel {
  return model;
}
