import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from './context.ts';
import { badUserInput } from './errors.ts';
import { decodeGlobalId, nodesOfType } from '../data/global-id.ts';
import { maxPageSize } from '../data/listing.ts';
import { Node } from './node.interface.ts';
import type { Loaders } from './loaders.ts';
import type { NodeSource } from '../db/pages.ts';
import type { HasRowId } from './connection.ts';

async function loadNode(loaders: Loaders, id: string, argumentName: string): Promise<Node | null> {
  const { typeName, rowId } = decodeGlobalId(id, argumentName);
  const nodes = nodesOfType(typeName);
  return nodes ? loaders.node(nodes as NodeSource<Node & HasRowId>).load(rowId) : null;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Fetches any object by its global ID; null when no such object exists.' })
  node(@Arg('id', () => ID, { description: 'The global ID of the object.' }) id: string, @Ctx() { loaders }: GraphQLContext): Promise<Node | null> {
    return loadNode(loaders, id, 'id');
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Fetches objects by their global IDs (at most ${maxPageSize}), in the same order; null where no such object exists.`,
  })
  nodes(
    @Arg('ids', () => [ID], { description: 'The global IDs of the objects.' }) ids: string[],
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<(Node | null)[]> {
    if (ids.length > maxPageSize) throw badUserInput(`Argument "ids" takes at most ${maxPageSize} IDs, got ${ids.length}`, 'ids');
    const decodeAll = ids.map((id, index) => loadNode(loaders, id, `ids[${index}]`));
    return Promise.all(decodeAll);
  }
}
