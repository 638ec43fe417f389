import { registerEnumType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SortKey } from '../../db/pages.ts';
import { acceptsDay } from '../../data/listing.ts';
import { recordedKey } from '../../data/listing.ts';
import { OrderInputType } from '../../graphql/list-args.ts';

/** Fields positions can be ordered by. */
export enum PositionOrderField {
  RECORDED_AT = 'RECORDED_AT',
  STATED_ON = 'STATED_ON',
}

registerEnumType(PositionOrderField, {
  name: 'PositionOrderField',
  description: 'Fields positions can be ordered by.',
  valuesConfig: {
    RECORDED_AT: { description: 'The order the graph recorded them in (the default).' },
    STATED_ON: { description: 'The day the position was stated; undated positions count as earlier than any dated one.' },
  },
});

export const PositionOrder = OrderInputType<PositionOrderField>(PositionOrderField, 'PositionOrder', 'positions');
export type PositionOrder = InstanceType<typeof PositionOrder>;

/** `statedOn` as a never-null sort key (an index on `(key, id)` serves the ordering and its cursors). */
export const statedOnKey = Prisma.sql`COALESCE(n."statedOn", '-infinity'::date)`;

export const positionSortKeys: Record<PositionOrderField, SortKey> = {
  RECORDED_AT: recordedKey,
  STATED_ON: { order: 'STATED_ON', sql: statedOnKey, type: 'date', accepts: acceptsDay },
};
