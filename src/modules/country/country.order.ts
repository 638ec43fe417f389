import { registerEnumType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SortKey } from '../../db/pages.ts';
import { recordedKey } from '../../data/listing.ts';
import { OrderInputType } from '../../graphql/list-args.ts';

/** Fields countries can be ordered by. */
export enum CountryOrderField {
  RECORDED_AT = 'RECORDED_AT',
  NAME = 'NAME',
  ISO_CODE = 'ISO_CODE',
}

registerEnumType(CountryOrderField, {
  name: 'CountryOrderField',
  description: 'Fields countries can be ordered by.',
  valuesConfig: {
    RECORDED_AT: { description: 'The order the graph recorded them in (the default).' },
    NAME: { description: 'The common English name, by Unicode code point.' },
    ISO_CODE: { description: 'The ISO 3166-1 alpha-2 code.' },
  },
});

export const CountryOrder = OrderInputType<CountryOrderField>(CountryOrderField, 'CountryOrder', 'countries');
export type CountryOrder = InstanceType<typeof CountryOrder>;

export const countrySortKeys: Record<CountryOrderField, SortKey> = {
  RECORDED_AT: recordedKey,
  NAME: { order: 'NAME', sql: Prisma.sql`a.name`, type: 'text' },
  ISO_CODE: { order: 'ISO_CODE', sql: Prisma.sql`n."isoCode"`, type: 'bpchar', accepts: (key) => /^[A-Z]{2}$/.test(key) },
};
