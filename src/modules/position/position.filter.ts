import { Field, ID, InputType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import { conditionsOf, idArguments, linkedTo, listArgument, matchesText, rangeSql, textArgument, textIn } from '../../data/listing.ts';
import { checkRange, DateRange } from '../../graphql/ranges.ts';
import type { References } from '../../data/references.ts';
import { statedOnKey } from './position.order.ts';
import { Stance } from './stance.enum.ts';

@InputType('PositionFilter', {
  description: 'Conditions on positions. A position must meet every condition given; a list condition is met by any of its values.',
})
export class PositionFilter {
  @Field(() => [Stance], { nullable: true, description: 'Positions taking any of these stances.' })
  stances?: Stance[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Positions held by any of these countries or organizations, named by ISO 3166-1 alpha-2 code ("CN"), acronym ("NATO") or ID.',
  })
  holders?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Positions voiced by any of these officials (their IDs).' })
  speakers?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Positions about any of these deployments (their IDs).' })
  deployments?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Positions about a deployment of any of these weapon systems, by short name in any case ("THAAD").' })
  systems?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Positions about any of these topics, in any case ("Six Party Talks").' })
  topics?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Positions stated at any of these meetings (their IDs).' })
  meetings?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Positions reported (cited as evidence) by any of these articles (their IDs).' })
  articles?: string[] | null;

  @Field(() => DateRange, { nullable: true, description: 'Positions stated on a day in this range; undated positions are left out.' })
  statedOn?: DateRange | null;

  @Field(() => String, {
    nullable: true,
    description: 'Positions whose summary or topic matches these words (full-text, English stemming; "quotes" for a phrase, -word to exclude, or for either).',
  })
  text?: string | null;
}

/** Validates a position filter and compiles it to a condition over the Position row `n`. */
export async function positionWhere(filter: PositionFilter, refs: References): Promise<Prisma.Sql> {
  // Lookups of natural keys run together: one SQL statement for all of them.
  return conditionsOf([
    () => filter.stances != null ? Prisma.sql`n.stance = ANY(CAST(${listArgument(filter.stances, 'filter.stances')}::text[] AS "Stance"[]))` : null,
    () => filter.holders != null
      ? refs.actorIds(listArgument(filter.holders, 'filter.holders'), 'filter.holders').then((ids) => linkedTo('PositionHolder', 'positionId', 'actorId', ids))
      : null,
    () => filter.speakers != null ? linkedTo('PositionSpeaker', 'positionId', 'officialId', idArguments(filter.speakers, 'Official', 'filter.speakers')) : null,
    () => filter.deployments != null ? Prisma.sql`n."deploymentId" = ANY(${idArguments(filter.deployments, 'Deployment', 'filter.deployments')}::int[])` : null,
    () => filter.systems != null
      ? refs
          .systems(listArgument(filter.systems, 'filter.systems'), 'filter.systems')
          .then((systems) => Prisma.sql`n."deploymentId" IN (SELECT d.id FROM "Deployment" AS d WHERE d.system = ANY(${systems}::text[]))`)
      : null,
    () => filter.topics != null ? textIn(Prisma.sql`n.topic`, listArgument(filter.topics, 'filter.topics')) : null,
    () => filter.meetings != null ? Prisma.sql`n."meetingId" = ANY(${idArguments(filter.meetings, 'Meeting', 'filter.meetings')}::int[])` : null,
    () => filter.articles != null ? linkedTo('Evidence', 'positionId', 'articleId', idArguments(filter.articles, 'Article', 'filter.articles')) : null,
    () => filter.statedOn != null ? rangeSql(Prisma.sql`n."statedOn"`, 'date', checkRange(filter.statedOn, 'filter.statedOn', 'date'), statedOnKey) : null,
    () => filter.text != null ? matchesText(Prisma.sql`n."searchVector"`, textArgument(filter.text, 'filter.text')) : null,
  ]);
}
