import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../mutation.ts';
import { ApiKey } from './api-key.type.ts';

@ObjectType('ApiKeyCreatePayload', { description: 'The result of apiKeyCreate.' })
export class ApiKeyCreatePayload extends MutationPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key created; null when there are userErrors.' })
  apiKey?: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: 'The key itself, to send as "Authorization: Bearer <key>". Shown only here, only once: it cannot be read again.',
  })
  key?: string | null;
}

@ObjectType('ApiKeyRevokePayload', { description: 'The result of apiKeyRevoke.' })
export class ApiKeyRevokePayload extends MutationPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key, now revoked; null when there are userErrors.' })
  apiKey?: ApiKey | null;
}
