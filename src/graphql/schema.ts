import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ActorResolver } from '../modules/actor/actor.resolver.ts';
import { ArticleResolver } from '../modules/article/article.resolver.ts';
import { CountryResolver } from '../modules/country/country.resolver.ts';
import { DeploymentResolver } from '../modules/deployment/deployment.resolver.ts';
import { EvidenceResolver } from '../modules/evidence/evidence.resolver.ts';
import { MeetingResolver } from '../modules/meeting/meeting.resolver.ts';
import { OfficialResolver } from '../modules/official/official.resolver.ts';
import { OrganizationResolver } from '../modules/organization/organization.resolver.ts';
import { PositionResolver } from '../modules/position/position.resolver.ts';
import { NodeResolver } from './node.resolver.ts';

export const resolvers = [
  NodeResolver,
  ActorResolver,
  CountryResolver,
  OrganizationResolver,
  OfficialResolver,
  ArticleResolver,
  MeetingResolver,
  DeploymentResolver,
  PositionResolver,
  EvidenceResolver,
] as const;

export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: false });
}

/** The SDL committed as `schema.graphql`: sorted, so that diffs show real changes only. */
export async function printSchemaFile(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGraphQLSchema()))}\n`;
}
