/**
 * `articleExtract`: positions proposed from an article's raw text (src/data/extraction/, design in
 * docs/extraction.md), returned as an import document for `articleImport`. Stores nothing.
 */
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, Extensions, Field, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { extractArticle, type Extraction } from '../../data/extraction/extract.ts';
import { loadGazetteer } from '../../data/extraction/graph-gazetteer.ts';
import { userError, UserErrorCode } from '../../data/user-errors.ts';
import { ApiKeyRole, requireRole } from '../auth.ts';
import type { GraphQLContext } from '../context.ts';
import { enumType } from '../enum-type.ts';
import { listBound } from '../list-bounds.ts';
import { MutationPayload } from '../mutation.ts';
import { DateOrDateTimeScalar } from '../scalars.ts';

@InputType('ArticleExtractInput', { description: 'An article as published, to propose positions from.' })
export class ArticleExtractInput {
  @Field(() => String, {
    description: 'The full text, exactly as published (at most 50,000 characters): the evidence of each proposal is an exact span of it.',
  })
  body!: string;

  @Field(() => String, { description: 'The publisher or news agency, e.g. "Xinhua".' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'Where it is published.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'The headline, if the source gives one.' })
  headline?: string | null;

  @Field(() => DateOrDateTimeScalar, {
    nullable: true,
    description: 'When it was published: weekdays in the text ("on Thursday") are dated from it; without it, no statement gets a day.',
  })
  publishedAt?: string | null;
}

const mentionKindEnum = enumType({
  name: 'MentionKind',
  description: 'What an unresolved mention seemed to name.',
  values: {
    ACTOR: 'A country or an organization.',
    OFFICIAL: 'An official.',
    DEPLOYMENT: 'A deployment or weapon system.',
  },
});

@ObjectType('UnresolvedMention', { description: 'A span of the body that seemed to name something the graph does not know; no proposal rests on it.' })
export class UnresolvedMention {
  @Field(() => String, { description: 'The text of the span.' })
  text!: string;

  @Field(() => Int, { description: 'Where it starts in the body (UTF-16 code units).' })
  start!: number;

  @Field(() => Int, { description: 'Where it ends in the body (exclusive).' })
  end!: number;

  @Field(() => mentionKindEnum, { description: 'What it seemed to name.' })
  kind!: string;
}

/** A bound on `unresolved` (src/graphql/list-bounds.ts): a long article may name many unknowns. */
const maxUnresolved = 100;

@ObjectType('ArticleExtractPayload', { description: 'The result of articleExtract.' })
export class ArticleExtractPayload extends MutationPayload {
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'The proposal as an import document ("stancegraph.article/1", docs/import-format.md): every position with provenance EXTRACTED, a confidence and exact evidence. Pass it (without "format") to articleImport to record the positions as proposals for review, or save it for npm run import. Null when there are userErrors.',
  })
  document?: Record<string, unknown> | null;

  @Field(() => Int, { nullable: true, description: 'How many positions it proposes; null when there are userErrors.' })
  proposedPositions?: number | null;

  @Field(() => [String], { nullable: true, description: 'Officials the document names that the graph does not know (the import would create them).' })
  newOfficials?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Keys of meetings the document reports that the graph does not know.' })
  newMeetings?: string[] | null;

  @Extensions(listBound(maxUnresolved))
  @Field(() => [UnresolvedMention], { nullable: true, description: `Mentions it could not resolve, in the order of the body (the first ${maxUnresolved}).` })
  unresolved?: UnresolvedMention[] | null;
}

/**
 * The longest body extraction reads: it runs on the event loop (about 15 ms of CPU per 1,000
 * characters here), so a bound keeps one request from holding the process; news articles are
 * rarely a third of it.
 */
const maxExtractedCharacters = 50_000;

const kindNames = { actor: 'ACTOR', official: 'OFFICIAL', deployment: 'DEPLOYMENT' } as const;

function payloadOf(extraction: Extraction): ArticleExtractPayload {
  return {
    document: extraction.document,
    proposedPositions: extraction.document.positions.length,
    newOfficials: extraction.newEntities.officials,
    newMeetings: extraction.newEntities.meetings,
    unresolved: extraction.unresolved.map((mention) => ({ ...mention, kind: kindNames[mention.kind] })),
    userErrors: [],
  };
}

@Resolver()
export class ArticleExtractResolver {
  @Mutation(() => ArticleExtractPayload, {
    nullable: true,
    description:
      'Proposes the positions an article reports, read from its raw text by rules (offline; precision first: when unsure it proposes nothing), with the graph as the list of known names. Stores nothing: import the returned document to queue its positions for review (positionAccept, positionReject). Needs an EDITOR key.',
  })
  async articleExtract(
    @Arg('input', () => ArticleExtractInput, { description: 'The article.' }) input: ArticleExtractInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ArticleExtractPayload> {
    requireRole(ctx.caller, ApiKeyRole.EDITOR);
    const blank = (['body', 'source'] as const).filter((field) => input[field].trim() === '');
    if (blank.length > 0) return { userErrors: blank.map((field) => userError(['input', field], 'must not be empty', UserErrorCode.BLANK)) };
    if (input.body.length > maxExtractedCharacters) {
      const message = `is ${input.body.length.toLocaleString('en')} characters long: extraction reads articles of at most ${maxExtractedCharacters.toLocaleString('en')}`;
      return { userErrors: [userError(['input', 'body'], message, UserErrorCode.INVALID)] };
    }
    const gazetteer = await loadGazetteer(ctx.prisma);
    return payloadOf(
      extractArticle(
        { body: input.body, source: input.source, url: input.url ?? null, headline: input.headline ?? null, publishedAt: input.publishedAt ?? null },
        gazetteer,
      ),
    );
  }
}
