import { Prisma } from '../../generated/prisma/client.ts';
import { columnsOf, nodeSource, type NodeSource } from '../../db/pages.ts';
import { toActor, type ActorRow } from './actor.service.ts';
import type { Actor } from './actor.type.ts';

/** Actor rows with their Country or Organization row, mapped to a Country or an Organization. */
export const actorNodes: NodeSource<Actor> = nodeSource({
  table: 'Actor',
  from: Prisma.sql`"Actor" AS n LEFT JOIN "Country" AS c ON c.id = n.id LEFT JOIN "Organization" AS o ON o.id = n.id`,
  columns: Prisma.sql`${columnsOf('n', Prisma.ActorScalarFieldEnum)}, c."isoCode" AS "_isoCode", o.id AS "_organizationId", o.acronym AS "_acronym"`,
  toNode: (row) => {
    const actor = {
      ...row,
      country: row._isoCode != null ? { id: row.id, isoCode: row._isoCode } : null,
      organization: row._organizationId != null ? { id: row.id, acronym: row._acronym } : null,
    } as unknown as ActorRow;
    // Every actor is a country or an organization (the seed and the mutations create both rows together).
    return toActor(actor) as Actor;
  },
});
