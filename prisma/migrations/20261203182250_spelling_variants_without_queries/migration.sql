-- The spelling rewrite without a query of its own. Hand-written (`npm run db:migration --
-- spelling_variants_without_queries --empty`); Prisma does not see functions.
--
-- stancegraph_spelling_variants (migration `*_search_spelling_variants`) gave ts_rewrite its rules
-- as a query, which ts_rewrite prepares and runs on every call: the list's 120 words stemmed by
-- to_tsquery, two passes of rules, about 0.5 ms of PostgreSQL's CPU per call. The planner calls it
-- once per occurrence of the user's words, while planning (it is IMMUTABLE, so it sees the words),
-- and a page of `search` has 8: planning a search took 4–5 ms of its 11–12.
--
-- Now the rules are written into the function as constants: the lexemes are computed here, once,
-- from stancegraph_spelling_pairs() (still the one list), and the function applies them with the
-- three-argument ts_rewrite, rule after rule in the same order (every British lexeme becomes the
-- American one, then every American lexeme becomes American | British); ts_rewrite with a query
-- applies its rows to the query the same way, one after the other. The result is the same query
-- (test/api/search-spelling.test.ts compares both for every word of the list, phrases and
-- exclusions). PL/pgSQL rather than SQL: PostgreSQL inlines an SQL function's body, parsing its
-- text at every call, where PL/pgSQL keeps the compiled expression for the session: 0.05–0.1 ms a
-- call against 0.5 (docs/benchmarks.md, "Search"). It is truly immutable now: no query, constants
-- only.
--
-- stancegraph_write_spelling_variants() (re)writes the function from the list: a migration that
-- changes the list (CREATE OR REPLACE FUNCTION stancegraph_spelling_pairs) calls it after.
CREATE FUNCTION stancegraph_write_spelling_variants() RETURNS void
  LANGUAGE plpgsql
  AS $write$
DECLARE
  expression text := 'q';
  rule record;
BEGIN
  FOR rule IN
    SELECT target, substitute FROM (
      SELECT 1 AS pass, ordinal, to_tsquery('english', british) AS target, to_tsquery('english', american) AS substitute
        FROM stancegraph_spelling_pairs() WITH ORDINALITY AS pairs(american, british, ordinal)
      UNION ALL
      SELECT 2, ordinal, to_tsquery('english', american), to_tsquery('english', american) || to_tsquery('english', british)
        FROM stancegraph_spelling_pairs() WITH ORDINALITY AS pairs(american, british, ordinal)
    ) AS rules
    ORDER BY pass, ordinal
  LOOP
    expression := format('ts_rewrite(%s, %L::tsquery, %L::tsquery)', expression, rule.target, rule.substitute);
  END LOOP;
  EXECUTE format(
    'CREATE OR REPLACE FUNCTION stancegraph_spelling_variants(q tsquery) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS %L',
    format('BEGIN RETURN %s; END', expression)
  );
END
$write$;

SELECT stancegraph_write_spelling_variants();
