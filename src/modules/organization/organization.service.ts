import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { IdSource } from '../../db/pages.ts';
import { toOrganization } from '../actor/actor.service.ts';
import type { Organization } from './organization.type.ts';

export const organizationIds: IdSource = { name: 'organizations', table: 'Organization', childColumn: 'id' };
export const organizationOfficialIds: IdSource = {
  name: 'organization.officials',
  table: 'Official',
  parentColumn: 'organizationId',
  childColumn: 'id',
};

export async function findOrganizations(prisma: PrismaClient, ids: readonly number[]): Promise<Organization[]> {
  const rows = await prisma.organization.findMany({ where: { id: { in: [...ids] } }, include: { actor: true } });
  return rows.map((row) => toOrganization(row.actor, row.acronym));
}

// A plain list in the schema, not a connection.
export const organizationMemberIds: IdSource = { name: 'organization.members', table: 'OrganizationMembership', parentColumn: 'organizationId', childColumn: 'countryId' };
