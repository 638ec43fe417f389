import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('EvidenceInput', { description: 'An exact quote from an article that reports a position.' })
export class EvidenceInput {
  @Field(() => ID, { description: 'The article quoted.' })
  articleId!: string;

  @Field(() => String, { description: 'The quote, exactly as it appears in the article body. Its offsets are computed; a text that occurs more than once needs `start`.' })
  text!: string;

  @Field(() => Int, { nullable: true, description: 'Where the quote starts in the body (UTF-16 code units); needed only when the text occurs more than once.' })
  start?: number | null;
}

@InputType('EvidenceCreateInput', { description: 'Evidence to add to a position: a quote from an article that reports it (a new article corroborating a known position).' })
export class EvidenceCreateInput {
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
export class EvidenceDeleteInput {
  @Field(() => ID, { description: 'The evidence to remove. A position\'s last evidence cannot be removed (EVIDENCE_REQUIRED): delete the position instead.' })
  id!: string;
}
