import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { ApiKeyRole, requireRole } from '../auth.ts';
import type { GraphQLContext } from '../context.ts';
import { changeLogPage } from '../../data/change-log.ts';
import { ChangeLogEntryConnection } from './change-log.type.ts';

@Resolver()
export class ChangeLogResolver {
  @Query(() => ChangeLogEntryConnection, {
    description: 'The append-only log of changes (creations, updates, deletes, merges, imports, key revocations), newest first. Needs an ADMIN key.',
  })
  changeLog(
    @Arg('first', () => Int, { nullable: true, description: 'Returns the first n entries (1..100; 20 by default).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Returns the entries that come after (are older than) this cursor.' }) after: string | null,
    @Arg('entityId', () => ID, { nullable: true, description: 'Only the entries about this record (its global ID; it may have been deleted since).' })
    entityId: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    requireRole(ctx.caller, ApiKeyRole.ADMIN);
    return changeLogPage(ctx.prisma, { first, after, entityId });
  }
}
