import type { PrismaClient } from '../../generated/prisma/client.ts';
import { groupBy } from '../../db/group-by.ts';
import type { IdSource } from '../../db/pages.ts';
import { toCountry } from '../actor/actor.service.ts';
import type { Country } from './country.type.ts';

export const countryIds: IdSource = { name: 'countries', table: 'Country', childColumn: 'id' };
export const countryOfficialIds: IdSource = { name: 'country.officials', table: 'Official', parentColumn: 'countryId', childColumn: 'id' };
export const countryOrganizationIds: IdSource = {
  name: 'country.organizations',
  table: 'OrganizationMembership',
  parentColumn: 'countryId',
  childColumn: 'organizationId',
};
export const hostedDeploymentIds: IdSource = { name: 'country.hostedDeployments', table: 'Deployment', parentColumn: 'hostId', childColumn: 'id' };

export async function findCountries(prisma: PrismaClient, ids: readonly number[]): Promise<Country[]> {
  const rows = await prisma.country.findMany({ where: { id: { in: [...ids] } }, include: { actor: true } });
  return rows.map((row) => toCountry(row.actor, row.isoCode));
}

export async function findCountryByIsoCode(prisma: PrismaClient, isoCode: string): Promise<Country | null> {
  const row = await prisma.country.findUnique({ where: { isoCode }, include: { actor: true } });
  return row ? toCountry(row.actor, row.isoCode) : null;
}

/** Member countries of each organization, one query for all of them. */
export async function findMembersByOrganization(prisma: PrismaClient, organizationIds: readonly number[]): Promise<Map<number, Country[]>> {
  const rows = await prisma.organizationMembership.findMany({
    where: { organizationId: { in: [...organizationIds] } },
    include: { country: { include: { actor: true } } },
    orderBy: [{ organizationId: 'asc' }, { countryId: 'asc' }],
  });
  return groupBy(rows, (row) => row.organizationId, (row) => toCountry(row.country.actor, row.country.isoCode));
}
