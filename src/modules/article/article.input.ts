import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.ts';

@InputType('ArticleCreateInput', { description: 'An article to record (without the positions it reports: add those with positionCreate, or import everything at once with articleImport).' })
export class ArticleCreateInput {
  @Field(() => String, { description: 'The publisher or news agency, e.g. "Xinhua".' })
  source!: string;

  @Field(() => String, { description: 'The full text, exactly as published (kept byte for byte: evidence offsets index into it). Two articles cannot have the same body.' })
  body!: string;

  @Field(() => String, { nullable: true, description: 'The headline; leave out when the source gives none.' })
  headline?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it is published: an absolute http(s) URL, unique.' })
  url?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was published; not in the future.' })
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The photo credit as printed.' })
  photoCredit?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Meetings the article reports. Defaults to none.' })
  meetingIds?: string[] | null;
}

@InputType('ArticleUpdateInput', { description: 'Changes to an article; fields left out stay as they are, nullable fields set to null are cleared.' })
export class ArticleUpdateInput {
  @Field(() => ID, { description: 'The article to change.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the update fails with VERSION_CONFLICT if the article has changed since.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'The new publisher.' })
  source?: string | null;

  @Field(() => String, { nullable: true, description: 'The corrected full text. Refused (EVIDENCE_NOT_IN_ARTICLE) unless every evidence quoted from the article is still at its offsets in it.' })
  body?: string | null;

  @Field(() => String, { nullable: true, description: 'The new headline; null clears it.' })
  headline?: string | null;

  @Field(() => String, { nullable: true, description: 'The new URL; null clears it.' })
  url?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The new publication time; null clears it.' })
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The new photo credit; null clears it.' })
  photoCredit?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The new list of meetings the article reports (replaces the old one).' })
  meetingIds?: string[] | null;
}

@InputType('ArticleDeleteInput', { description: 'An article to delete.' })
export class ArticleDeleteInput {
  @Field(() => ID, { description: 'The article to delete.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; the delete fails with VERSION_CONFLICT if the article has changed since.' })
  expectedVersion?: number | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'An article that positions cite is deleted only with true (ARTICLE_CITED otherwise): then its evidence goes with it, and so do the positions that no other article supports; positions other articles also support keep that evidence.',
  })
  deletePositions!: boolean;
}
