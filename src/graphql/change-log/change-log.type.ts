import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '../connection.ts';
import { DateTimeScalar } from '../scalars.ts';
import { ChangeAction, ChangeActionEnum } from './change-action.enum.ts';

@ObjectType('ChangeLogEntry', { description: 'One change, as recorded in the append-only change log.' })
export class ChangeLogEntry {
  rowId!: number;

  @Field(() => ID, { description: 'The opaque ID of this entry.' })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When the change was committed.' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'The label of the API key (or "seed", or the command) that made the change.' })
  actor!: string | null;

  @Field(() => ChangeActionEnum, { description: 'What was done.' })
  action!: ChangeAction;

  @Field(() => String, {
    description: 'The type of the record changed: Country, Organization, Official, Article, Meeting, Deployment, Position, Evidence or ApiKey.',
  })
  entityType!: string;

  @Field(() => ID, { description: "The global ID of the record changed (for a merge, the record kept). A deleted record's ID no longer resolves with `node`." })
  entityId!: string;

  @Field(() => GraphQLJSONObject, { description: 'What changed, as JSON (see ChangeAction).' })
  details!: Record<string, unknown>;
}

@ObjectType('ChangeLogEntryConnection', { description: 'A paginated list of change log entries, newest first.' })
export class ChangeLogEntryConnection extends ConnectionType(ChangeLogEntry, 'ChangeLogEntry', 'change log entries') {}
