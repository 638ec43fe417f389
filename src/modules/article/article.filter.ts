import { Field, InputType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import { allOf, listArgument, matchesText, rangeSql, textArgument, textIn } from '../../data/listing.ts';
import { DateTimeRange } from '../../graphql/ranges.ts';
import { checkRange } from '../../data/listing.ts';
import { publishedAtKey } from './article.order.ts';

@InputType('ArticleFilter', {
  description: 'Conditions on articles. An article must meet every condition given; a list condition is met by any of its values.',
})
export class ArticleFilter {
  @Field(() => [String], { nullable: true, description: 'Articles from any of these publishers or agencies, in any case ("Xinhua").' })
  sources?: string[] | null;

  @Field(() => DateTimeRange, { nullable: true, description: 'Articles published within this range; articles with no known time are left out.' })
  publishedAt?: DateTimeRange | null;

  @Field(() => String, {
    nullable: true,
    description: 'Articles whose headline or body matches these words (full-text, English stemming; "quotes" for a phrase, -word to exclude, or for either).',
  })
  text?: string | null;
}

/** Validates an article filter and compiles it to a condition over the Article row `n`. */
export async function articleWhere(filter: ArticleFilter): Promise<Prisma.Sql> {
  const conditions: Prisma.Sql[] = [];
  if (filter.sources != null) conditions.push(textIn(Prisma.sql`n.source`, listArgument(filter.sources, 'filter.sources')));
  if (filter.publishedAt != null) {
    conditions.push(rangeSql(Prisma.sql`n."publishedAt"`, 'timestamp(3)', checkRange(filter.publishedAt, 'filter.publishedAt', 'dateTime'), publishedAtKey));
  }
  if (filter.text != null) conditions.push(matchesText(Prisma.sql`n."searchVector"`, textArgument(filter.text, 'filter.text')));
  return allOf(conditions);
}
