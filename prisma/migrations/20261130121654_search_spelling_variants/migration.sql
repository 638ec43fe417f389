-- Full-text search matches British and American spellings both ways ("defense" finds "defence",
-- "manoeuvres" finds "maneuvers"). Hand-written (`npm run db:migration -- search_spelling_variants
-- --empty`): two functions, which Prisma does not see, so the migrations still match the schema.
--
-- It is done at query time, by PostgreSQL's query rewriting (ts_rewrite; PostgreSQL's manual,
-- "Text Search: Query Rewriting"): every tsquery the API builds from a user's words goes through
-- stancegraph_spelling_variants, which replaces a lexeme of either spelling by (American lexeme |
-- British lexeme). The stored "searchVector" columns and their indexes do not change, and nothing
-- stored depends on the list: a later migration may change it (CREATE OR REPLACE FUNCTION
-- stancegraph_spelling_pairs) without rewriting a row.

-- THE LIST: one row per word that news on diplomacy and the military spells both ways. A row
-- stands for every form of the word whose English stem is the row's (organize: organized,
-- organizing, organization, organizations; and organise, …, organisations), so base forms are
-- enough; a derived form needs its own row only when its stems differ from the base's
-- (neighborhood/neighbourhood). Left out:
-- - words the English stemmer already makes one: traveled/travelled, canceled/cancelled,
--   signaled/signalled, labeled/labelled, modeled/modelled, fulfill/fulfil, enroll/enrol,
--   aging/ageing;
-- - ambiguous ones, where one spelling is also another word: dialog/dialogue (software),
--   meter/metre (the instrument), tire/tyre, check/cheque, draft/draught, practice/practise.
-- Matching follows the stemmer: "organize" has the stem of "organ" (as "authorize" has that of
-- "author", "modernize" of "modern"), so "organ" finds "organise" just as it already found
-- "organize". test/api/search-spelling.test.ts checks every row: two different stems, each
-- matched by the other spelling, and no stem of one spelling that is a stem of the other.
CREATE FUNCTION stancegraph_spelling_pairs() RETURNS TABLE (american text, british text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ VALUES
    -- -ense / -ence
    ('defense', 'defence'),
    ('offense', 'offence'),
    ('license', 'licence'),
    ('pretense', 'pretence'),
    -- -er / -re
    ('center', 'centre'),
    ('theater', 'theatre'),
    ('caliber', 'calibre'),
    ('kilometer', 'kilometre'),
    ('maneuver', 'manoeuvre'),
    -- -or / -our
    ('armor', 'armour'),
    ('behavior', 'behaviour'),
    ('color', 'colour'),
    ('endeavor', 'endeavour'),
    ('favor', 'favour'),
    ('favorite', 'favourite'),
    ('harbor', 'harbour'),
    ('honor', 'honour'),
    ('labor', 'labour'),
    ('neighbor', 'neighbour'),
    ('neighborhood', 'neighbourhood'),
    ('rumor', 'rumour'),
    ('valor', 'valour'),
    ('vigor', 'vigour'),
    -- -ize / -ise, -yze / -yse
    ('analyze', 'analyse'),
    ('antagonize', 'antagonise'),
    ('apologize', 'apologise'),
    ('authorize', 'authorise'),
    ('characterize', 'characterise'),
    ('criticize', 'criticise'),
    ('demilitarize', 'demilitarise'),
    ('denuclearize', 'denuclearise'),
    ('destabilize', 'destabilise'),
    ('emphasize', 'emphasise'),
    ('finalize', 'finalise'),
    ('formalize', 'formalise'),
    ('jeopardize', 'jeopardise'),
    ('legitimize', 'legitimise'),
    ('militarize', 'militarise'),
    ('minimize', 'minimise'),
    ('mobilize', 'mobilise'),
    ('modernize', 'modernise'),
    ('neutralize', 'neutralise'),
    ('normalize', 'normalise'),
    ('organize', 'organise'),
    ('paralyze', 'paralyse'),
    ('prioritize', 'prioritise'),
    ('realize', 'realise'),
    ('recognize', 'recognise'),
    ('scrutinize', 'scrutinise'),
    ('stabilize', 'stabilise'),
    ('summarize', 'summarise'),
    ('symbolize', 'symbolise'),
    ('sympathize', 'sympathise'),
    ('weaponize', 'weaponise'),
    -- others
    ('counselor', 'counsellor'),
    ('fueled', 'fuelled'),
    ('gray', 'grey'),
    ('judgment', 'judgement'),
    ('program', 'programme'),
    ('skeptic', 'sceptic')
  $$;

-- The rewrite: ts_rewrite applies the rules the query gives, in order. First every British lexeme
-- becomes the American one, then every American lexeme becomes (American | British); a lexeme
-- never meets a rule twice, because no American lexeme is also a British one (the test checks it).
-- The lexemes are computed here, once per call, by to_tsquery('english', …): the stemming the
-- search vectors were made with ("defence" is 'defenc', "defense" 'defens'), so they are what the
-- index holds. A phrase keeps its order ('missil' <-> ('defens' | 'defenc')), an exclusion
-- excludes both (!('defens' | 'defenc')), and ts_headline, given the rewritten query, highlights
-- either spelling.
--
-- IMMUTABLE although ts_rewrite with a query is not: the list is constant. So the planner
-- evaluates the call once, while planning, when its argument is a constant (websearch_to_tsquery
-- of a parameter is one), and sees the rewritten query's words to choose between the GIN index and
-- a scan, as it did before. A call costs about 0.35 ms on PostgreSQL 15, 0.7 ms on PGlite (the
-- stemming of the list and the rules' query; docs/benchmarks.md counts the calls of a search).
-- PARALLEL SAFE: the query ts_rewrite runs only reads a function's rows.
CREATE FUNCTION stancegraph_spelling_variants(q tsquery) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ts_rewrite(q, '
    WITH lexemes AS (SELECT to_tsquery(''english'', american) AS american, to_tsquery(''english'', british) AS british FROM stancegraph_spelling_pairs())
    SELECT target, substitute FROM (
      SELECT 1 AS pass, british AS target, american AS substitute FROM lexemes
      UNION ALL SELECT 2, american, american || british FROM lexemes
    ) AS rules ORDER BY pass') $$;
