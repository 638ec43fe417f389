import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { auditFieldsOf, type AuditColumns } from '../../graphql/audited.interface.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { Country } from '../country/country.type.ts';
import { Organization } from '../organization/organization.type.ts';
import type { Actor } from './actor.type.ts';

export const actorInclude = { country: true, organization: true } satisfies Prisma.ActorInclude;
export type ActorRow = Prisma.ActorGetPayload<{ include: typeof actorInclude }>;

type ActorFields = { id: number; name: string; aliases: string[] } & AuditColumns;

export function toCountry(actor: ActorFields, isoCode: string): Country {
  return Object.assign(new Country(), auditFieldsOf(actor), {
    rowId: actor.id,
    id: encodeGlobalId('Country', actor.id),
    name: actor.name,
    isoCode,
    aliases: actor.aliases,
  });
}

export function toOrganization(actor: ActorFields, acronym: string | null): Organization {
  return Object.assign(new Organization(), auditFieldsOf(actor), {
    rowId: actor.id,
    id: encodeGlobalId('Organization', actor.id),
    name: actor.name,
    acronym,
    aliases: actor.aliases,
  });
}

export function toActor(row: ActorRow): Actor | null {
  if (row.country) return toCountry(row, row.country.isoCode);
  if (row.organization) return toOrganization(row, row.organization.acronym);
  return null;
}

export async function findActors(prisma: PrismaClient, ids: readonly number[]): Promise<Actor[]> {
  const rows = await prisma.actor.findMany({ where: { id: { in: [...ids] } }, include: actorInclude });
  return rows.map(toActor).filter((actor): actor is Actor => actor != null);
}
