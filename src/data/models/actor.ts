/**
 * Actor: what countries and organizations share (both are rows of Actor, with a Country or an
 * Organization row of the same id): how a mixed list of them is read (position holders and
 * addressees, deployment operators). Their shared writes are in actor-writes.ts.
 */
import { Prisma } from '../../generated/prisma/client.ts';
import { columnsOf, nodeSource, selectColumn, type NodeSource } from '../../db/pages.ts';
import { fieldColumnsOf } from '../model.ts';
import { countryModel, countryRecordOf, type CountryRecord } from './country.ts';
import { organizationModel, organizationRecordOf, type OrganizationRecord } from './organization.ts';

/** A country or an organization; its `typeName` tells which. */
export type ActorRecord = CountryRecord | OrganizationRecord;

/** Actor rows with their Country or Organization row, as Country or Organization records. */
export const actorNodes: NodeSource<ActorRecord> = nodeSource({
  table: 'Actor',
  typeNames: [countryModel.name, organizationModel.name],
  from: Prisma.sql`"Actor" AS n LEFT JOIN "Country" AS c ON c.id = n.id LEFT JOIN "Organization" AS o ON o.id = n.id`,
  columns: [
    ...columnsOf('n', Prisma.ActorScalarFieldEnum),
    { name: 'isoCode', sql: Prisma.sql`c."isoCode"` },
    { name: 'acronym', sql: Prisma.sql`o.acronym` },
    selectColumn('_isCountry', Prisma.sql`c.id IS NOT NULL`),
  ],
  // A field of either type: the two share the Actor columns.
  fieldColumns: { ...fieldColumnsOf(countryModel), ...fieldColumnsOf(organizationModel) },
  // Every actor is a country or an organization (the seed and the mutations create both rows together).
  toNode: (row) => (row._isCountry ? countryRecordOf(row) : organizationRecordOf(row)),
});
