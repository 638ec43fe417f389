import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { userError } from '../../data/user-errors.ts';
import { formatDay } from '../../data/rules.ts';
import { ApiKeyRole, requireRole } from '../auth.ts';
import type { GraphQLContext } from '../context.ts';
import { mutate } from '../mutation.ts';
import { ARTICLE_FORMAT, ArticleDocumentError, prepareDocument, type ArticleDocument, type PreparedDocument } from '../../data/import/document.ts';
import { loadDocument } from '../../data/import/importer.ts';
import { ArticleImportInput } from './article-import.input.ts';
import { ArticleImportPayload } from './article-import.payload.ts';
import { articleRecordOf } from '../../data/models/article.ts';

const day = (d: Date | null | undefined) => (d == null ? null : formatDay(d));

/** The input as a document of the import format (what `npm run import` reads from a file). */
export function toDocument(input: ArticleImportInput): ArticleDocument {
  const a = input.article;
  return {
    format: ARTICLE_FORMAT,
    article: { source: a.source, body: a.body, headline: a.headline ?? null, url: a.url ?? null, publishedAt: a.publishedAt?.toISOString() ?? null, photoCredit: a.photoCredit ?? null },
    countries: (input.countries ?? []).map((c) => ({ isoCode: c.isoCode ?? null, name: c.name, aliases: c.aliases ?? [] })),
    organizations: (input.organizations ?? []).map((o) => ({ acronym: o.acronym ?? null, name: o.name, aliases: o.aliases ?? [], members: o.members ?? [] })),
    officials: (input.officials ?? []).map((o) => ({ name: o.name, title: o.title ?? null, aliases: o.aliases ?? [], country: o.country ?? null, organization: o.organization ?? null })),
    meetings: (input.meetings ?? []).map((m) => ({
      key: m.key,
      name: m.name,
      series: m.series ?? null,
      ordinal: m.ordinal ?? null,
      city: m.city ?? null,
      country: m.country ?? null,
      date: day(m.date),
      participants: m.participants ?? [],
    })),
    deployments: (input.deployments ?? []).map((d) => ({
      key: d.key,
      name: d.name,
      status: d.status,
      system: d.system ?? null,
      systemName: d.systemName ?? null,
      location: d.location ?? null,
      operator: d.operator ?? null,
      host: d.host ?? null,
      announcedOn: day(d.announcedOn),
    })),
    positions: (input.positions ?? []).map((p) => ({
      stance: p.stance,
      summary: p.summary,
      holders: p.holders,
      speakers: p.speakers ?? [],
      addressees: p.addressees ?? [],
      deployment: p.deployment ?? null,
      topic: p.topic ?? null,
      meeting: p.meeting ?? null,
      statedOn: day(p.statedOn),
      evidence: p.evidence.map((e) => ({ quote: e.quote, start: e.start ?? null })),
    })),
  };
}

@Resolver()
export class ArticleImportResolver {
  @Mutation(() => ArticleImportPayload, {
    nullable: true,
    description:
      'Imports one article with the countries, organizations, officials, meetings, deployments, positions and evidence it reports, in one transaction. Everything is matched before it is created: importing the same article again creates nothing, and a position already recorded gains the article as evidence. Needs an EDITOR key.',
  })
  async articleImport(@Arg('input', () => ArticleImportInput, { description: 'The article and what it reports.' }) input: ArticleImportInput, @Ctx() ctx: GraphQLContext) {
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
