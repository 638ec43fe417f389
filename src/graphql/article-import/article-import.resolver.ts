import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { userError } from '../../data/user-errors.ts';
import { ApiKeyRole, requireRole } from '../auth.ts';
import type { GraphQLContext } from '../context.ts';
import { mutate } from '../mutation.ts';
import { ArticleDocumentError, prepareDocument, type PreparedDocument } from '../../data/import/document.ts';
import { loadDocument } from '../../data/import/importer.ts';
import { ArticleImportInput, toDocument, type ArticleImportInputValue } from './article-import.input.ts';
import { ArticleImportPayload } from './article-import.payload.ts';
import { articleRecordOf } from '../../data/models/article.ts';

@Resolver()
export class ArticleImportResolver {
  @Mutation(() => ArticleImportPayload, {
    nullable: true,
    description:
      'Imports one article with the countries, organizations, officials, meetings, deployments, positions and evidence it reports, in one transaction. Everything is matched before it is created: importing the same article again creates nothing, and a report of a statement already recorded (the same occasion: see ArticleImportPosition) gains the article as evidence. Needs an EDITOR key.',
  })
  async articleImport(
    @Arg('input', () => ArticleImportInput, { description: 'The article and what it reports.' }) input: ArticleImportInputValue,
    @Ctx() ctx: GraphQLContext,
  ) {
    requireRole(ctx.caller, ApiKeyRole.EDITOR);
    let prepared: PreparedDocument;
    try {
      prepared = prepareDocument(toDocument(input));
    } catch (error) {
      if (!(error instanceof ArticleDocumentError)) throw error;
      return { userErrors: error.problems.map((p) => userError(['input', ...p.path], p.message, p.code)) };
    }
    const result = await mutate(
      ctx,
      async (w) => {
        const { articleId, report } = await loadDocument(w, prepared);
        const article = await w.tx.article.findUniqueOrThrow({ where: { id: articleId } });
        return { article: articleRecordOf(article), report };
      },
      (value) => value,
      { timeoutMs: 120_000 },
    );
    return { ...result, userErrors: result.userErrors.map((e) => ({ ...e, field: e.field ? ['input', ...e.field] : null })) };
  }
}
