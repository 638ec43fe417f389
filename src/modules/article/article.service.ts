import type { Article as ArticleRow, PrismaClient } from '../../generated/prisma/client.ts';
import type { IdSource } from '../../db/pages.ts';
import { auditFieldsOf } from '../../graphql/audited.interface.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { Article } from './article.type.ts';

export const articleIds: IdSource = { name: 'articles', table: 'Article', childColumn: 'id' };
export const articlePositionIds: IdSource = { name: 'article.positions', table: 'Evidence', parentColumn: 'articleId', childColumn: 'positionId' };
export const articleMeetingIds: IdSource = { name: 'article.meetings', table: 'ArticleMeeting', parentColumn: 'articleId', childColumn: 'meetingId' };

export function toArticle(row: ArticleRow): Article {
  return Object.assign(new Article(), auditFieldsOf(row), {
    rowId: row.id,
    id: encodeGlobalId('Article', row.id),
    headline: row.headline,
    source: row.source,
    url: row.url,
    publishedAt: row.publishedAt,
    body: row.body,
    photoCredit: row.photoCredit,
  });
}

export async function findArticles(prisma: PrismaClient, ids: readonly number[]): Promise<Article[]> {
  const rows = await prisma.article.findMany({ where: { id: { in: [...ids] } } });
  return rows.map(toArticle);
}
