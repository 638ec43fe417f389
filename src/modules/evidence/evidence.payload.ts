import { Field, ID, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutation.ts';
import { Position } from '../../graphql/models/position.ts';
import { Evidence } from './evidence.type.ts';

@ObjectType('EvidenceCreatePayload', { description: 'The result of evidenceCreate.' })
export class EvidenceCreatePayload extends MutationPayload {
  @Field(() => Evidence, { nullable: true, description: 'The evidence added, with its offsets; null when there are userErrors.' })
  evidence?: Evidence | null;

  @Field(() => Position, { nullable: true, description: 'The position it supports; null when there are userErrors.' })
  position?: Position | null;
}

@ObjectType('EvidenceDeletePayload', { description: 'The result of evidenceDelete.' })
export class EvidenceDeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The ID of the evidence removed; null when there are userErrors.' })
  deletedEvidenceId?: string | null;

  @Field(() => Position, { nullable: true, description: 'The position it supported, with its remaining evidence; null when there are userErrors.' })
  position?: Position | null;
}
