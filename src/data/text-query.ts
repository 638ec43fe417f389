/**
 * The tsquery of words a user typed, for every full-text match of the API: the root `search` (its
 * matches, ranks and snippets) and the `text` filters of positions and articles.
 *
 * The words are read in web search syntax ("a phrase", -excluded, or) with English stemming, then
 * go through `stancegraph_spelling_variants` (migration `*_search_spelling_variants`, which holds
 * the list of words), so that British and American spellings find each other: "defense" also
 * matches 'defenc', "manoeuvres" also 'maneuv', inside phrases and exclusions too. The stored
 * search vectors hold each text's own spelling; only the query is rewritten.
 *
 * Both functions are IMMUTABLE: with the words as a parameter, PostgreSQL computes the rewritten
 * query once while planning and sees its lexemes, as it saw websearch_to_tsquery's before.
 */
import { Prisma } from '../generated/prisma/client.ts';

export function textQuery(text: string): Prisma.Sql {
  return Prisma.sql`stancegraph_spelling_variants(websearch_to_tsquery('english', ${text}))`;
}
