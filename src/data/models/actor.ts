/**
 * Actor: what countries and organizations share (both are rows of Actor, with a Country or an
 * Organization row of the same id): how a mixed list of them is read (position holders and
 * addressees, deployment operators). Their shared writes are in actor-writes.ts.
 */
import { Prisma } from '../../generated/prisma/client.ts';
import { columnsOf, nodeSource, type NodeSource } from '../../db/pages.ts';
import { countryRecordOf, type CountryRecord } from './country.ts';
import { organizationRecordOf, type OrganizationRecord } from './organization.ts';

/** A country or an organization; its `typeName` tells which. */
export type ActorRecord = CountryRecord | OrganizationRecord;

/** Actor rows with their Country or Organization row, as Country or Organization records. */
export const actorNodes: NodeSource<ActorRecord> = nodeSource({
  table: 'Actor',
  from: Prisma.sql`"Actor" AS n LEFT JOIN "Country" AS c ON c.id = n.id LEFT JOIN "Organization" AS o ON o.id = n.id`,
  columns: Prisma.sql`${columnsOf('n', Prisma.ActorScalarFieldEnum)}, c."isoCode", o.acronym, c.id IS NOT NULL AS "_isCountry"`,
  // Every actor is a country or an organization (the seed and the mutations create both rows together).
  toNode: (row) => (row._isCountry ? countryRecordOf(row) : organizationRecordOf(row)),
});
