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
import { PositionListResolver, PositionMutationResolver, PositionResolver } from './models/position.ts';
import { SearchResolver } from '../modules/search/search.resolver.ts';
import { stanceSummaryResolvers } from '../modules/stance-summary/stance-summary.resolver.ts';
import { guardInputs } from './input-hygiene.ts';
import { enforceListBounds } from './list-bounds.ts';
import { curationResolvers } from './mutation-resolvers.ts';
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
  PositionListResolver,
  PositionResolver,
  PositionMutationResolver,
  EvidenceResolver,
  SearchResolver,
  ...stanceSummaryResolvers,
  ...curationResolvers,
] as const;

export async function buildGraphQLSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers, validate: false });
  // type-graphql gives the root types no description; the schema describes everything.
  const query = schema.getQueryType();
  if (query) query.description ??= 'The entry points for reading the graph.';
  const mutation = schema.getMutationType();
  if (mutation) mutation.description ??= 'Changes to the graph: each takes one `input` and returns a payload with `userErrors`. All need an EDITOR key (API keys need ADMIN).';
  enforceListBounds(schema);
  return guardInputs(schema);
}

/** The SDL committed as `schema.graphql`: sorted, so that diffs show real changes only. */
export async function printSchemaFile(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildGraphQLSchema()))}\n`;
}
