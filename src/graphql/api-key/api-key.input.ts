import { Field, ID, InputType } from 'type-graphql';
import { ApiKeyRole, ApiKeyRoleEnum } from './api-key-role.enum.ts';

@InputType('ApiKeyCreateInput', { description: 'A new API key.' })
export class ApiKeyCreateInput {
  @Field(() => String, {
    description:
      'A unique label (1 to 64 characters: letters, digits, space and . _ @ -), e.g. "alice" or "newsroom-importer". Recorded on what the key changes.',
  })
  name!: string;

  @Field(() => ApiKeyRoleEnum, { description: 'What the key may do.' })
  role!: ApiKeyRole;
}

@InputType('ApiKeyRevokeInput', { description: 'An API key to revoke.' })
export class ApiKeyRevokeInput {
  @Field(() => ID, { description: 'The key to revoke; it stops working at once.' })
  id!: string;
}
