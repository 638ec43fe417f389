/** Evidence in the schema: the type derived from its definition, its article and position, and the mutations that add and remove it. */
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import {
  createEvidence,
  deleteEvidence,
  evidenceModel,
  type EvidenceCreateInputData,
  type EvidenceDeleteInputData,
  type EvidenceRecord,
} from '../../data/models/evidence.ts';
import type { EvidenceQuote } from '../../data/evidence-spans.ts';
import { Audited } from '../audited.interface.ts';
import type { GraphQLContext } from '../context.ts';
import { NodeObjectType, nodeRelations } from '../model-schema.ts';
import { mutate, PayloadType } from '../mutation.ts';
import { Node } from '../node.interface.ts';
import { Article } from './article.ts';
import { Position } from './position.ts';

/** The type's values are the records the data layer reads (with the row ids of their article and position). */
export const Evidence = NodeObjectType<EvidenceRecord>(evidenceModel, [Node, Audited]);
export type Evidence = EvidenceRecord;

/** Evidence's fields that follow references and short lists. */
export const EvidenceNodeRelations = nodeRelations(Evidence, {
  references: {
    article: {
      description: 'The article the text is quoted from.',
      target: () => Article,
      nullable: false,
    },
    position: {
      description: 'The position this text reports.',
      target: () => Position,
      nullable: false,
    },
  },
});

@InputType('EvidenceInput', { description: 'An exact quote from an article that reports a position.' })
export class EvidenceInput implements EvidenceQuote {
  @Field(() => ID, { description: 'The article quoted.' })
  articleId!: string;

  @Field(() => String, {
    description: 'The quote, exactly as it appears in the article body. Its offsets are computed; a text that occurs more than once needs `start`.',
  })
  text!: string;

  @Field(() => Int, { nullable: true, description: 'Where the quote starts in the body (UTF-16 code units); needed only when the text occurs more than once.' })
  start?: number | null;
}

@InputType('EvidenceCreateInput', {
  description: 'Evidence to add to a position: a quote from an article that reports it (a new article corroborating a known position).',
})
export class EvidenceCreateInput implements EvidenceCreateInputData {
  @Field(() => ID, { description: 'The position the quote reports.' })
  positionId!: string;

  @Field(() => ID, { description: 'The article quoted.' })
  articleId!: string;

  @Field(() => String, { description: 'The quote, exactly as it appears in the article body.' })
  text!: string;

  @Field(() => Int, { nullable: true, description: 'Where the quote starts in the body; needed only when the text occurs more than once.' })
  start?: number | null;
}

@InputType('EvidenceDeleteInput', { description: 'Evidence to remove from its position.' })
export class EvidenceDeleteInput implements EvidenceDeleteInputData {
  @Field(() => ID, { description: "The evidence to remove. A position's last evidence cannot be removed (EVIDENCE_REQUIRED): delete the position instead." })
  id!: string;
}

export const EvidenceCreatePayload = PayloadType('evidenceCreate', {
  evidence: [() => Evidence, 'The evidence added, with its offsets; null when there are userErrors.'],
  position: [() => Position, 'The position it supports; null when there are userErrors.'],
});

export const EvidenceDeletePayload = PayloadType('evidenceDelete', {
  deletedEvidenceId: [() => ID, 'The ID of the evidence removed; null when there are userErrors.'],
  position: [() => Position, 'The position it supported, with its remaining evidence; null when there are userErrors.'],
});

/** Evidence changes report the position they change too, which the derived payloads cannot. */
@Resolver()
export class EvidenceMutationResolver {
  @Mutation(() => EvidenceCreatePayload, {
    nullable: true,
    description: 'Adds a quote from an article to a position as evidence (its offsets are computed). Needs an EDITOR key.',
  })
  evidenceCreate(
    @Arg('input', () => EvidenceCreateInput, { description: 'The position and the quote.' }) input: EvidenceCreateInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return mutate(
      ctx,
      (w) => createEvidence(w, input),
      (result) => result,
    );
  }

  @Mutation(() => EvidenceDeletePayload, {
    nullable: true,
    description: 'Removes evidence from its position (never the last one). Recorded in the change log. Needs an EDITOR key.',
  })
  evidenceDelete(@Arg('input', () => EvidenceDeleteInput, { description: 'The evidence to remove.' }) input: EvidenceDeleteInput, @Ctx() ctx: GraphQLContext) {
    return mutate(
      ctx,
      (w) => deleteEvidence(w, input),
      (result) => result,
    );
  }
}
