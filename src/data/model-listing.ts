/**
 * What the data layer derives from a model's definition (src/data/model.ts): how its rows are
 * read (the node source) and become records, its sort keys, and how a `filter` compiles to SQL.
 */
import { nodeSource, type NodeRow, type NodeSource, type SortKey } from '../db/pages.ts';
import { encodeGlobalId, registerNodeType } from './global-id.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { checkRange, conditionsOf, listArgument, recordedKey, textArgument, unconditional, type Listing } from './listing.ts';
import { assignFieldValues, dayColumnsOf, fieldColumnsOf, instantColumnsOf, type FilterDefinition, type ModelDefinition, type RecordOf } from './model.ts';
import type { References } from './references.ts';

/** A row of the model's FROM and columns as its record. */
export function recordOf<TModel extends ModelDefinition>(model: TModel, row: NodeRow): RecordOf<TModel> {
  const rowId = Number(row.id);
  // One object, its fields written in: spreading the field values into a literal costs V8 far
  // more per record, and rows become records by the thousand.
  const record: Record<string, unknown> = {
    typeName: model.name,
    rowId,
    id: encodeGlobalId(model.name, rowId),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    version: row.version,
  };
  assignFieldValues(model, row, record);
  if (model.extras) Object.assign(record, model.extras(row));
  return record as RecordOf<TModel>;
}

const nodeSources = new WeakMap<ModelDefinition, NodeSource<unknown>>();

/** How nodes of the model are read (one source per model, so that batches of it group together). */
export function nodesOf<TModel extends ModelDefinition>(model: TModel): NodeSource<RecordOf<TModel>> {
  let nodes = nodeSources.get(model);
  if (!nodes) {
    nodes = nodeSource({
      table: model.table,
      typeNames: [model.name],
      from: model.from,
      columns: model.columns,
      fieldColumns: fieldColumnsOf(model),
      dates: dayColumnsOf(model),
      instants: ['createdAt', 'updatedAt', ...instantColumnsOf(model)],
      ...(model.hiddenByDefault ? { hidden: model.hiddenByDefault.condition } : {}),
      toNode: (row) => recordOf(model, row),
    });
    nodeSources.set(model, nodes);
    registerNodeType(model.name, nodes);
  }
  return nodes as NodeSource<RecordOf<TModel>>;
}

/** A filter's value checked by the kind of its argument (blank, too long, too many, empty range). */
function checkedFilterValue(filter: FilterDefinition, value: unknown, argumentName: string): unknown {
  const argument = filter.argument;
  if (typeof argument === 'object' || argument === 'strings' || argument === 'ids') return listArgument(value as unknown[], argumentName);
  if (argument === 'text') return textArgument(value as string, argumentName);
  return checkRange(value as { from?: Date | null; to?: Date | null }, argumentName, argument === 'dateRange' ? 'date' : 'dateTime');
}

const listings = new WeakMap<ModelDefinition, Listing<unknown, Record<string, unknown>, string>>();

/** The model's list (one per model): its nodes, sort keys, and its filter compiled to a condition over `n`. */
export function listingOf<TModel extends ModelDefinition>(model: TModel): Listing<RecordOf<TModel>, Record<string, unknown>, string> {
  const known = listings.get(model);
  if (known) return known as Listing<RecordOf<TModel>, Record<string, unknown>, string>;
  const sortKeys: Record<string, SortKey> = { RECORDED_AT: recordedKey };
  for (const [order, definition] of Object.entries(model.orders)) sortKeys[order] = { order, ...definition.key };
  const listing: Listing<RecordOf<TModel>, Record<string, unknown>, string> = {
    name: model.plural,
    nodes: nodesOf(model),
    sortKeys,
    where: async (filter: Record<string, unknown>, refs: References) => {
      // Started together: lookups of natural keys (src/data/references.ts) batch into one statement.
      const where = await conditionsOf(
        Object.entries(model.filters).map(([name, definition]) => () => {
          const value = filter[name];
          if (value === null || value === undefined) return null;
          const argumentName = `filter.${name}`;
          return definition.where(checkedFilterValue(definition, value, argumentName) as never, { refs, argumentName });
        }),
      );
      const hidden = listing.nodes.hidden;
      if (!hidden || (filter[model.hiddenByDefault!.filter] ?? null) !== null) return where;
      return where === unconditional ? hidden.shown : Prisma.sql`${where} AND ${hidden.shown}`;
    },
  };
  listings.set(model, listing);
  return listing;
}
