import { registerEnumType } from 'type-graphql';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SortKey } from '../../db/pages.ts';
import { acceptsInstant } from '../../data/listing.ts';
import { recordedKey } from '../../data/listing.ts';
import { OrderInputType } from '../../graphql/list-args.ts';

/** Fields articles can be ordered by. */
export enum ArticleOrderField {
  RECORDED_AT = 'RECORDED_AT',
  PUBLISHED_AT = 'PUBLISHED_AT',
}

registerEnumType(ArticleOrderField, {
  name: 'ArticleOrderField',
  description: 'Fields articles can be ordered by.',
  valuesConfig: {
    RECORDED_AT: { description: 'The order the graph recorded them in (the default).' },
    PUBLISHED_AT: { description: 'When the article was published; articles with no known time count as earlier than any dated one.' },
  },
});

export const ArticleOrder = OrderInputType<ArticleOrderField>(ArticleOrderField, 'ArticleOrder', 'articles');
export type ArticleOrder = InstanceType<typeof ArticleOrder>;

export const publishedAtKey = Prisma.sql`COALESCE(n."publishedAt", '-infinity'::timestamp)`;

export const articleSortKeys: Record<ArticleOrderField, SortKey> = {
  RECORDED_AT: recordedKey,
  PUBLISHED_AT: { order: 'PUBLISHED_AT', sql: publishedAtKey, type: 'timestamp(3)', accepts: acceptsInstant },
};
