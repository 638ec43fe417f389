import { Arg, Ctx, Extensions, Mutation, Query, Resolver } from 'type-graphql';
import { ApiKeyRole, requireRole } from '../auth.ts';
import type { GraphQLContext } from '../context.ts';
import { mutate } from '../mutation.ts';
import { ApiKeyCreateInput, ApiKeyRevokeInput } from './api-key.input.ts';
import { ApiKeyCreatePayload, ApiKeyRevokePayload } from './api-key.payload.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../data/api-keys.ts';
import { ApiKey } from './api-key.type.ts';
import { listBound } from '../list-bounds.ts';

/** A bound on `apiKeys` (src/graphql/list-bounds.ts). */
const maxListedKeys = 1000;

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Extensions(listBound(maxListedKeys))
  @Query(() => [ApiKey], {
    description: `Every API key, valid or revoked, oldest first (never the keys themselves); the first ${maxListedKeys}. Needs an ADMIN key.`,
  })
  apiKeys(@Ctx() ctx: GraphQLContext): Promise<ApiKey[]> {
    requireRole(ctx.caller, ApiKeyRole.ADMIN);
    return listApiKeys(ctx.prisma);
  }

  @Mutation(() => ApiKeyCreatePayload, { nullable: true, description: 'Creates an API key and shows it once. Needs an ADMIN key.' })
  apiKeyCreate(@Arg('input', () => ApiKeyCreateInput, { description: "The key's label and role." }) input: ApiKeyCreateInput, @Ctx() ctx: GraphQLContext) {
    return mutate(
      ctx,
      (w) => createApiKey(w, input),
      (created) => created,
      { role: ApiKeyRole.ADMIN },
    );
  }

  @Mutation(() => ApiKeyRevokePayload, { nullable: true, description: 'Revokes an API key: it stops working at once. Needs an ADMIN key.' })
  apiKeyRevoke(@Arg('input', () => ApiKeyRevokeInput, { description: 'The key to revoke.' }) input: ApiKeyRevokeInput, @Ctx() ctx: GraphQLContext) {
    return mutate(
      ctx,
      (w) => revokeApiKey(w, input),
      (apiKey) => ({ apiKey }),
      { role: ApiKeyRole.ADMIN },
    );
  }
}
