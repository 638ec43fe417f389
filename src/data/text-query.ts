/**
 * The tsquery of words a user typed, for every full-text match of the API: the root `search` (its
 * matches, ranks and snippets) and the `text` filters of positions and articles.
 *
 * The words are read in web search syntax ("a phrase", -excluded, or) with English stemming, then
 * go through `stancegraph_spelling_variants` (the list of words is in migration
 * `*_search_spelling_variants`; since `*_spelling_variants_without_queries` the function applies the
 * list's stems as constants, written by `stancegraph_write_spelling_variants()`), so that British
 * and American spellings find each other: "defense" also matches 'defenc', "manoeuvres" also
 * 'maneuv', inside phrases and exclusions too. The stored search vectors hold each text's own
 * spelling; only the query is rewritten.
 *
 * Both functions are IMMUTABLE: with the words as a parameter, PostgreSQL computes the rewritten
 * query while planning, at each occurrence (8 in a page of search), and sees its lexemes, as it saw
 * websearch_to_tsquery's before.
 */
import { Prisma } from '../generated/prisma/client.ts';

export function textQuery(text: string): Prisma.Sql {
  return Prisma.sql`stancegraph_spelling_variants(websearch_to_tsquery('english', ${text}))`;
}
