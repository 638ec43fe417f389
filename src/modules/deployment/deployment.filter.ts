import { Field, InputType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import { conditionsOf, containsPattern, listArgument, textArgument } from '../../data/listing.ts';
import type { References } from '../../data/references.ts';
import { DeploymentStatus } from './deployment-status.enum.ts';

@InputType('DeploymentFilter', {
  description: 'Conditions on deployments. A deployment must meet every condition given; a list condition is met by any of its values.',
})
export class DeploymentFilter {
  @Field(() => [String], { nullable: true, description: 'Deployments of any of these weapon systems, by short name in any case ("THAAD").' })
  systems?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Deployments placed in any of these countries, by ISO 3166-1 alpha-2 code ("KR") or ID.' })
  hosts?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Deployments operated by any of these countries or organizations, by ISO 3166-1 alpha-2 code ("US"), acronym ("NATO") or ID.',
  })
  operators?: string[] | null;

  @Field(() => [DeploymentStatus], { nullable: true, description: 'Deployments in any of these states.' })
  statuses?: DeploymentStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Deployments whose location contains this text, in any case ("Seongju").' })
  location?: string | null;
}

/** Validates a deployment filter and compiles it to a condition over the Deployment row `n`. */
export async function deploymentWhere(filter: DeploymentFilter, refs: References): Promise<Prisma.Sql> {
  return conditionsOf([
    () => filter.systems != null
      ? refs.systems(listArgument(filter.systems, 'filter.systems'), 'filter.systems').then((systems) => Prisma.sql`n.system = ANY(${systems}::text[])`)
      : null,
    () => filter.hosts != null
      ? refs.countryIds(listArgument(filter.hosts, 'filter.hosts'), 'filter.hosts').then((ids) => Prisma.sql`n."hostId" = ANY(${ids}::int[])`)
      : null,
    () => filter.operators != null
      ? refs.actorIds(listArgument(filter.operators, 'filter.operators'), 'filter.operators').then((ids) => Prisma.sql`n."operatorId" = ANY(${ids}::int[])`)
      : null,
    () => filter.statuses != null ? Prisma.sql`n.status = ANY(CAST(${listArgument(filter.statuses, 'filter.statuses')}::text[] AS "DeploymentStatus"[]))` : null,
    () => filter.location != null ? Prisma.sql`n.location ILIKE ${containsPattern(textArgument(filter.location, 'filter.location'))}` : null,
  ]);
}
