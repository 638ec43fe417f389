import { registerEnumType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SortKey } from '../../db/pages.ts';
import { recordedKey } from '../../data/listing.ts';
import { OrderInputType } from '../../graphql/list-args.ts';

/** Fields organizations can be ordered by. */
export enum OrganizationOrderField {
  RECORDED_AT = 'RECORDED_AT',
  NAME = 'NAME',
}

registerEnumType(OrganizationOrderField, {
  name: 'OrganizationOrderField',
  description: 'Fields organizations can be ordered by.',
  valuesConfig: {
    RECORDED_AT: { description: 'The order the graph recorded them in (the default).' },
    NAME: { description: 'The full English name, by Unicode code point.' },
  },
});

export const OrganizationOrder = OrderInputType<OrganizationOrderField>(OrganizationOrderField, 'OrganizationOrder', 'organizations');
export type OrganizationOrder = InstanceType<typeof OrganizationOrder>;

export const organizationSortKeys: Record<OrganizationOrderField, SortKey> = {
  RECORDED_AT: recordedKey,
  NAME: { order: 'NAME', sql: Prisma.sql`a.name`, type: 'text' },
};
