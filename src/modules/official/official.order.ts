import { registerEnumType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SortKey } from '../../db/pages.ts';
import { recordedKey } from '../../data/listing.ts';
import { OrderInputType } from '../../graphql/list-args.ts';

/** Fields officials can be ordered by. */
export enum OfficialOrderField {
  RECORDED_AT = 'RECORDED_AT',
  NAME = 'NAME',
}

registerEnumType(OfficialOrderField, {
  name: 'OfficialOrderField',
  description: 'Fields officials can be ordered by.',
  valuesConfig: {
    RECORDED_AT: { description: 'The order the graph recorded them in (the default).' },
    NAME: { description: 'The full name, by Unicode code point.' },
  },
});

export const OfficialOrder = OrderInputType<OfficialOrderField>(OfficialOrderField, 'OfficialOrder', 'officials');
export type OfficialOrder = InstanceType<typeof OfficialOrder>;

export const officialSortKeys: Record<OfficialOrderField, SortKey> = {
  RECORDED_AT: recordedKey,
  NAME: { order: 'NAME', sql: Prisma.sql`n.name`, type: 'text' },
};
