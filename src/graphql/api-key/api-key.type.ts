import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars.ts';
import { ApiKeyRole, ApiKeyRoleEnum } from './api-key-role.enum.ts';

@ObjectType('ApiKey', { description: 'An API key, as admins see it: never the key itself, which is shown only once, when it is created.' })
export class ApiKey {
  rowId!: number;

  @Field(() => ID, { description: 'The opaque ID of this key (for apiKeyRevoke).' })
  id!: string;

  @Field(() => String, { description: 'The label, unique; recorded as createdBy/updatedBy on what the key changes.' })
  name!: string;

  @Field(() => ApiKeyRoleEnum, { description: 'What the key may do.' })
  role!: ApiKeyRole;

  @Field(() => String, { description: 'The first characters of the key, to recognize it (not enough to use it).' })
  prefix!: string;

  @Field(() => DateTimeScalar, { description: 'When the key was created.' })
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: 'The label of the admin key that created it; "cli" when made by `npm run key:create`.' })
  createdBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key was revoked; null while it is valid.' })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The label of the admin key that revoked it; null while it is valid.' })
  revokedBy!: string | null;
}
