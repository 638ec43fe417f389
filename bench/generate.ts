/**
 * A synthetic but realistic stance graph, loaded by bulk SQL (INSERT … SELECT over
 * generate_series), reproducibly: every random choice is a hash of the row number and the seed
 * (hashint8extended), so the same seed and scale give the same graph on any PostgreSQL, whatever
 * plan the server picks.
 *
 * At scale 1: 200 countries, 30 organizations, 20,000 officials, 100,000 articles, 20,000
 * meetings, 5,000 deployments, 1,000,000 positions with ~1.2 million evidence spans. Countries and
 * organizations are reference lists and are not scaled.
 *
 * Shape: a few powers (China, Russia, the United States, the Koreas, Japan) hold most positions;
 * a few systems (THAAD, Patriot, S-400) account for most deployments; recent years are busier
 * than early ones; positions stated at a meeting carry its date. Every evidence text is an exact
 * slice of its article's body at its offsets, as in real data: the bodies are built from the
 * quotes they report, with sentences of context between them. Exactly one deployment lies in
 * Seongju (the THAAD battery of the seed article), so a search for "Seongju" finds a realistic
 * handful of documents among millions.
 */
import { countries } from './countries.ts';
import {
  cities,
  fillers,
  firstNames,
  lastNames,
  meetingSeries,
  ordinals,
  organizations,
  sites,
  sources,
  stanceWords,
  systems,
  titles,
  topics,
  units,
} from './vocabulary.ts';

export interface Scale {
  officials: number;
  articles: number;
  meetings: number;
  deployments: number;
  positions: number;
}

export const fullScale: Scale = { officials: 20_000, articles: 100_000, meetings: 20_000, deployments: 5_000, positions: 1_000_000 };

export function scaled(factor: number): Scale {
  const times = (n: number, min: number) => Math.max(min, Math.round(n * factor));
  return {
    officials: times(fullScale.officials, 50),
    articles: times(fullScale.articles, 20),
    meetings: times(fullScale.meetings, 10),
    deployments: times(fullScale.deployments, 20),
    positions: times(fullScale.positions, 200),
  };
}

/** Runs one SQL statement (no parameters). */
export type Execute = (sql: string) => Promise<void>;

export interface GenerateOptions {
  scale: Scale;
  seed: number;
  log?: (line: string) => void;
}

/** Where the generator keeps its helper function and work tables while it runs. */
const work = 'stancegraph_generator';

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const textArray = (items: readonly string[]) => (items.length === 0 ? `ARRAY[]::text[]` : `ARRAY[${items.map(literal).join(', ')}]::text[]`);

/** `ARRAY[…]` pick: the element at a uniform random index. */
const pick = (items: readonly string[], random: string) => `(${textArray(items)})[1 + floor(${random} * ${items.length})::int]`;

export function generatorStatements({ scale, seed }: GenerateOptions): Array<[label: string, sql: string]> {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 1_000_000) throw new Error(`seed must be a whole number from 0 to 1000000, got ${seed}`);
  const C = countries.length;
  const O = organizations.length;
  const { officials: N, articles: A, meetings: M, deployments: D, positions: P } = scale;
  const countryOfficials = Math.round(N * 0.95);
  const seongju = Math.max(2, Math.round(D * 0.1));
  const r = (i: string, salt: number) => `${work}.r(${i}, ${salt})`;
  const audit = `now(), now(), 'generator', 'generator'`;
  const auditColumns = `"createdAt", "updatedAt", "createdBy", "updatedBy"`;
  const days = 7970; // 2005-01-01 .. 2026-10-26
  const recentDay = (i: string, salt: number) => `DATE '2005-01-01' + floor(power(${r(i, salt)}, 0.6) * ${days})::int`;

  return [
    ['work schema', `DROP SCHEMA IF EXISTS ${work} CASCADE`],
    ['work schema', `CREATE SCHEMA ${work}`],
    [
      'random function',
      `CREATE FUNCTION ${work}.r(i bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT (hashint8extended(i, ${seed}::bigint * 1000 + salt) & 2147483647)::float8 / 2147483648.0 $$`,
    ],
    [
      'holder function',
      // A holder: China, Russia, the United States, the Koreas and Japan hold over half of all
      // positions; organizations 4%; the other countries the rest, earlier ones more often.
      `CREATE FUNCTION ${work}.holder(i bigint, salt int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN x < 0.14 THEN 1 WHEN x < 0.26 THEN 2 WHEN x < 0.38 THEN 3 WHEN x < 0.44 THEN 4
                    WHEN x < 0.49 THEN 5 WHEN x < 0.54 THEN 6
                    WHEN x < 0.58 THEN ${C} + 1 + floor(${O} * power((x - 0.54) / 0.04, 2))::int
                    ELSE 7 + floor(${C - 6} * power((x - 0.58) / 0.42, 2))::int END
        FROM (SELECT ${work}.r(i, salt) AS x) AS s $$`,
    ],
    [
      'clear the graph',
      `TRUNCATE "Evidence", "PositionHolder", "PositionSpeaker", "PositionAddressee", "Position", "ArticleMeeting", "MeetingParticipant",
        "Meeting", "PositionDeployment", "PositionTopic", "DeploymentStatusChange", "DeploymentHostCountry", "Deployment", "Article", "OrganizationMembership", "Official", "Country",
        "Organization", "Actor", "Topic" RESTART IDENTITY`,
    ],
    [
      'countries',
      `CREATE TABLE ${work}.country AS SELECT * FROM (VALUES ${countries
        .map(([iso, name, aliases], index) => `(${index + 1}, ${literal(iso)}, ${literal(name)}, ${textArray(aliases)})`)
        .join(', ')}) AS c(id, iso, name, aliases)`,
    ],
    ['countries', `INSERT INTO "Actor" (id, kind, name, aliases, ${auditColumns}) SELECT id, 'COUNTRY', name, aliases, ${audit} FROM ${work}.country`],
    ['countries', `INSERT INTO "Country" (id, "isoCode") SELECT id, iso FROM ${work}.country`],
    [
      'organizations',
      `INSERT INTO "Actor" (id, kind, name, aliases, ${auditColumns})
        SELECT ${C} + o.ord, 'ORGANIZATION', o.name, o.aliases, ${audit}
        FROM (VALUES ${organizations.map(([acronym, name, aliases], index) => `(${index + 1}, ${literal(acronym)}, ${literal(name)}, ${textArray(aliases)})`).join(', ')})
          AS o(ord, acronym, name, aliases)`,
    ],
    [
      'organizations',
      `INSERT INTO "Organization" (id, acronym)
        SELECT ${C} + o.ord, o.acronym FROM (VALUES ${organizations.map(([acronym], index) => `(${index + 1}, ${literal(acronym)})`).join(', ')}) AS o(ord, acronym)`,
    ],
    [
      'memberships',
      `INSERT INTO "OrganizationMembership" ("organizationId", "countryId")
        SELECT o.id, c.id FROM "Organization" AS o CROSS JOIN ${work}.country AS c
        WHERE ${r('o.id * 1000 + c.id', 7)} < 0.02 + 0.25 * ${r('o.id', 8)}`,
    ],
    [
      'officials',
      // Officials of one country have consecutive ids; earlier countries have more of them.
      `INSERT INTO "Official" (id, name, title, aliases, "countryId", "organizationId", ${auditColumns})
        SELECT j, first || ' ' || last, title, ARRAY[last], country, organization, ${audit} FROM (
          SELECT j,
                 ${pick(firstNames, r('j', 1))} AS first,
                 ${pick(lastNames, r('j', 2))} AS last,
                 CASE WHEN ${r('j', 3)} < 0.05 THEN NULL ELSE ${pick(titles, r('j', 4))} END AS title,
                 CASE WHEN j <= ${countryOfficials} THEN 1 + floor(${C} * power((j - 1)::float8 / ${countryOfficials}, 2))::int END AS country,
                 CASE WHEN j > ${countryOfficials} THEN ${C} + 1 + floor(${O} * power((j - ${countryOfficials} - 1)::float8 / ${Math.max(1, N - countryOfficials)}, 2))::int END AS organization
          FROM generate_series(1, ${N}) AS j
        ) AS o`,
    ],
    [
      'officials',
      `CREATE TABLE ${work}.speakers AS
        SELECT coalesce("countryId", "organizationId") AS actor, min(id) AS first, count(*)::int AS n FROM "Official" GROUP BY 1`,
    ],
    [
      'deployments',
      `CREATE TABLE ${work}.system AS SELECT * FROM (VALUES ${systems
        .map(([short, full, operator, hosts], index) => `(${index + 1}, ${literal(short)}, ${literal(full)}, ${literal(operator)}, ${textArray(hosts)})`)
        .join(', ')}) AS s(idx, short, full_name, operator_iso, hosts)`,
    ],
    [
      'deployments',
      `CREATE TABLE ${work}.site AS SELECT * FROM (VALUES ${Object.entries(sites)
        .map(([iso, places]) => `(${literal(iso)}, ${textArray(places)})`)
        .join(', ')}) AS s(iso, sites)`,
    ],
    [
      'deployments',
      `INSERT INTO "Deployment" (id, name, system, "systemName", status, location, "operatorId", "hostId", "announcedOn", ${auditColumns})
        WITH chosen AS (
          SELECT i, s.short, s.full_name, s.operator_iso,
                 CASE WHEN i = ${seongju} THEN 'KR' ELSE s.hosts[1 + floor(${r('i', 12)} * cardinality(s.hosts))::int] END AS host_iso
          FROM generate_series(1, ${D}) AS i
          JOIN ${work}.system AS s ON s.idx = CASE WHEN i = ${seongju} THEN 1 ELSE 1 + floor(${systems.length} * power(${r('i', 11)}, 2))::int END
        ), placed AS (
          SELECT chosen.*,
                 CASE WHEN i = ${seongju} THEN 'Seongju'
                      WHEN site.sites IS NULL OR ${r('i', 13)} < 0.15 THEN NULL
                      ELSE site.sites[1 + floor(${r('i', 14)} * cardinality(site.sites))::int] END AS location,
                 CASE WHEN i = ${seongju} THEN 'battery' ELSE ${pick(units, r('i', 15))} END AS unit
          FROM chosen LEFT JOIN ${work}.site AS site ON site.iso = chosen.host_iso
        )
        SELECT i, short || ' ' || unit || ' in ' || coalesce(location, host.name), short, full_name,
               CASE WHEN i = ${seongju} THEN 'ANNOUNCED' ELSE ${pick(['PROPOSED', 'ANNOUNCED', 'UNDER_CONSTRUCTION', 'OPERATIONAL', 'WITHDRAWN'], r('i', 16))} END::"DeploymentStatus",
               location,
               CASE WHEN ${r('i', 17)} < 0.1 AND i <> ${seongju} THEN host.id ELSE operator.id END,
               host.id,
               CASE WHEN i = ${seongju} THEN DATE '2016-07-08' WHEN ${r('i', 18)} < 0.15 THEN NULL ELSE ${recentDay('i', 19)} END,
               ${audit}
        FROM placed JOIN ${work}.country AS host ON host.iso = placed.host_iso LEFT JOIN ${work}.country AS operator ON operator.iso = placed.operator_iso`,
    ],
    [
      'deployments',
      // Each deployment's host country, and its status as its history's one change, as the API records them.
      `INSERT INTO "DeploymentHostCountry" ("deploymentId", "countryId") SELECT id, "hostId" FROM "Deployment" WHERE "hostId" IS NOT NULL`,
    ],
    ['deployments', `INSERT INTO "DeploymentStatusChange" ("deploymentId", status, ${auditColumns}) SELECT id, status, ${audit} FROM "Deployment"`],
    [
      'meetings',
      `CREATE TABLE ${work}.city AS SELECT * FROM (VALUES ${Object.entries(cities)
        .map(([iso, names]) => `(${literal(iso)}, ${textArray(names)})`)
        .join(', ')}) AS c(iso, cities)`,
    ],
    [
      'meetings',
      `INSERT INTO "Meeting" (id, name, series, ordinal, city, "countryId", date, "heldFrom", "heldUntil", "heldPrecision", ${auditColumns})
        SELECT m, CASE WHEN series IS NULL THEN 'talks in ' || coalesce(city, host_name) ELSE (${textArray(ordinals)})[ordinal] || ' meeting on ' || series END,
               series, CASE WHEN series IS NULL THEN NULL ELSE ordinal END, city, host, date, date, date,
               CASE WHEN date IS NOT NULL THEN 'DAY'::"DatePrecision" END, ${audit}
        FROM (
          SELECT m, host.id AS host, host.name AS host_name,
                 CASE WHEN ${r('m', 21)} < 0.2 THEN NULL ELSE ${pick(meetingSeries, r('m', 22))} END AS series,
                 1 + floor(${r('m', 23)} * ${ordinals.length})::int AS ordinal,
                 CASE WHEN city.cities IS NULL THEN NULL ELSE city.cities[1 + floor(${r('m', 24)} * cardinality(city.cities))::int] END AS city,
                 CASE WHEN ${r('m', 25)} < 0.05 THEN NULL ELSE ${recentDay('m', 26)} END AS date
          FROM generate_series(1, ${M}) AS m
          JOIN ${work}.country AS host ON host.id = 1 + floor(${C} * power(${r('m', 20)}, 3))::int
          LEFT JOIN ${work}.city AS city ON city.iso = host.iso
        ) AS meeting`,
    ],
    [
      'meeting participants',
      `INSERT INTO "MeetingParticipant" ("meetingId", "officialId")
        SELECT m, 1 + floor(${N} * ${r('m * 10 + k', 27)})::int
        FROM generate_series(1, ${M}) AS m CROSS JOIN LATERAL generate_series(1, 2 + floor(${r('m', 28)} * 3)::int) AS k
        ON CONFLICT DO NOTHING`,
    ],
    [
      'positions (choices)',
      `CREATE TABLE ${work}.pos AS
        SELECT choice.*, coalesce(meeting.date, choice.own_date) AS stated_on FROM (
          SELECT i AS id,
                 ${pick(['SUPPORT', 'OPPOSE', 'OPPOSE', 'CONCERN', 'CONCERN', 'CRITICIZE', 'URGE', 'COMMIT', 'THREATEN'], r('i', 40))} AS stance,
                 ${work}.holder(i, 41) AS h1,
                 CASE WHEN ${r('i', 42)} < 0.25 THEN ${work}.holder(i, 43) END AS h2,
                 CASE WHEN ${r('i', 44)} < 0.85 THEN 1 + floor(${D} * power(${r('i', 45)}, 1.7))::int END AS deployment_id,
                 ${pick(topics, `power(${r('i', 46)}, 1.5)`)} AS topic,
                 CASE WHEN ${r('i', 47)} < 0.3 THEN 1 + floor(${M} * ${r('i', 48)})::int END AS meeting_id,
                 CASE WHEN ${r('i', 49)} < 0.02 THEN NULL ELSE ${recentDay('i', 50)} END AS own_date,
                 ${r('i', 51)} < 0.7 AS spoken, ${r('i', 52)} AS speaker_pick,
                 CASE WHEN ${r('i', 53)} < 0.2 THEN 1 + floor(${C} * power(${r('i', 54)}, 2))::int END AS addressee,
                 CASE WHEN ${r('i', 55)} < 0.2 THEN 2 ELSE 1 END AS evidence_count
          FROM generate_series(1, ${P}) AS i
        ) AS choice LEFT JOIN "Meeting" AS meeting ON meeting.id = choice.meeting_id`,
    ],
    [
      'positions (choices)',
      `CREATE TABLE ${work}.stance AS SELECT * FROM (VALUES ${Object.entries(stanceWords)
        .map(([stance, [summary, evidence]]) => `(${literal(stance)}, ${literal(summary)}, ${literal(evidence)})`)
        .join(', ')}) AS s(stance, summary, evidence)`,
    ],
    [
      'positions (choices)',
      `CREATE TABLE ${work}.said AS
        SELECT p.id, p.stance, p.stated_on, p.evidence_count, p.meeting_id,
               h1.name || CASE WHEN h2.id IS NOT NULL AND h2.id <> h1.id THEN ' and ' || h2.name ELSE '' END AS holders,
               CASE WHEN p.deployment_id IS NOT NULL THEN 'the ' || d.name ELSE p.topic END AS target,
               CASE WHEN p.spoken AND sp.n IS NOT NULL THEN sp.first + floor(p.speaker_pick * sp.n)::int END AS speaker
        FROM ${work}.pos AS p
        JOIN "Actor" AS h1 ON h1.id = p.h1
        LEFT JOIN "Actor" AS h2 ON h2.id = p.h2
        LEFT JOIN "Deployment" AS d ON d.id = p.deployment_id
        LEFT JOIN ${work}.speakers AS sp ON sp.actor = p.h1`,
    ],
    [
      'positions',
      // One topic per topic text, as the API records them.
      `INSERT INTO "Topic" (name, ${auditColumns}) SELECT DISTINCT p.topic, ${audit} FROM ${work}.pos AS p WHERE p.deployment_id IS NULL AND p.topic IS NOT NULL`,
    ],
    [
      'positions',
      `INSERT INTO "Position" (id, stance, summary, "deploymentId", topic, "topicId", "meetingId", "statedOn", "statedFrom", "statedUntil", "statedPrecision", ${auditColumns})
        SELECT p.id, p.stance::"Stance", replace(replace(s.summary, '{H}', said.holders), '{T}', said.target), p.deployment_id,
               CASE WHEN p.deployment_id IS NULL THEN p.topic END, CASE WHEN p.deployment_id IS NULL THEN t.id END, p.meeting_id, p.stated_on, p.stated_on, p.stated_on,
               CASE WHEN p.stated_on IS NOT NULL THEN 'DAY'::"DatePrecision" END, ${audit}
        FROM ${work}.pos AS p JOIN ${work}.said AS said ON said.id = p.id JOIN ${work}.stance AS s ON s.stance = p.stance
        LEFT JOIN "Topic" AS t ON t.name = p.topic`,
    ],
    [
      'positions',
      // Each position's one target, as the API records its targets.
      `INSERT INTO "PositionDeployment" ("positionId", "deploymentId") SELECT id, "deploymentId" FROM "Position" WHERE "deploymentId" IS NOT NULL`,
    ],
    ['positions', `INSERT INTO "PositionTopic" ("positionId", "topicId") SELECT id, "topicId" FROM "Position" WHERE "topicId" IS NOT NULL`],
    [
      'holders',
      `INSERT INTO "PositionHolder" ("positionId", "actorId")
        SELECT id, h1 FROM ${work}.pos UNION SELECT id, h2 FROM ${work}.pos WHERE h2 IS NOT NULL`,
    ],
    ['speakers', `INSERT INTO "PositionSpeaker" ("positionId", "officialId") SELECT id, speaker FROM ${work}.said WHERE speaker IS NOT NULL`],
    [
      'addressees',
      `INSERT INTO "PositionAddressee" ("positionId", "actorId") SELECT id, addressee FROM ${work}.pos WHERE addressee IS NOT NULL AND addressee <> h1`,
    ],
    [
      'evidence (quotes)',
      // Each quote goes to an article; articles hold about a dozen quotes, reported in date order
      // (a second report of a position comes up to a month after the first).
      `CREATE TABLE ${work}.quote AS
        SELECT q.*, 1 + ((row_number() OVER (ORDER BY q.reported_on NULLS FIRST, q.position_id, q.k) - 1) * ${A} / (count(*) OVER ()))::int AS article_id
        FROM (
          SELECT said.id AS position_id, k,
                 CASE WHEN k = 1 THEN said.stated_on ELSE said.stated_on + (1 + floor(${r('said.id', 60)} * 30))::int END AS reported_on,
                 CASE WHEN official.id IS NOT NULL THEN official.name || ', ' || coalesce(official.title, 'an official') || ', said that ' ELSE '' END
                   || replace(replace(s.evidence, '{H}', said.holders), '{T}', said.target) AS text,
                 ${pick(fillers, r('said.id * 2 + k', 61))} AS filler
          FROM ${work}.said AS said
          CROSS JOIN LATERAL generate_series(1, said.evidence_count) AS k
          JOIN ${work}.stance AS s ON s.stance = said.stance
          LEFT JOIN "Official" AS official ON official.id = said.speaker
        ) AS q`,
    ],
    [
      'articles (front matter)',
      `CREATE TABLE ${work}.article AS
        SELECT a.article_id AS id, source, published_at,
               source || CASE WHEN published_at IS NULL THEN '' ELSE ' (' || to_char(published_at, 'FMMonth FMDD, YYYY') || ')' END || ' --' AS lead
        FROM (
          SELECT article_id, ${pick(sources, `power(${r('article_id', 62)}, 1.5)`)} AS source,
                 (min(reported_on) + make_interval(hours => 6 + floor(${r('article_id', 63)} * 14)::int, mins => floor(${r('article_id', 64)} * 60)::int))::timestamp(3) AS published_at
          FROM ${work}.quote GROUP BY article_id
        ) AS a`,
    ],
    [
      'evidence (offsets)',
      // body = lead, then each quote and a sentence of context, separated by single spaces.
      `CREATE TABLE ${work}.placed AS
        SELECT q.position_id, q.article_id, q.k, q.text, q.filler, q.ordinal,
               length(a.lead) + 1 + coalesce(sum(length(q.text) + length(q.filler) + 2)
                 OVER (PARTITION BY q.article_id ORDER BY q.ordinal ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS start
        FROM (SELECT quote.*, row_number() OVER (PARTITION BY article_id ORDER BY reported_on NULLS FIRST, position_id, k) AS ordinal FROM ${work}.quote) AS q
        JOIN ${work}.article AS a ON a.id = q.article_id`,
    ],
    [
      'articles',
      `INSERT INTO "Article" (id, headline, source, url, "publishedAt", "publishedOn", body, "bodySha256", ${auditColumns})
        SELECT a.id, headline.summary, a.source,
               'https://news.example.org/' || lower(replace(a.source, ' ', '-')) || '/' || a.id,
               a.published_at, (a.published_at AT TIME ZONE 'UTC')::date, b.body, encode(sha256(convert_to(b.body, 'UTF8')), 'hex'), ${audit}
        FROM ${work}.article AS a
        JOIN (SELECT article_id, a.lead || ' ' || string_agg(text || ' ' || filler, ' ' ORDER BY ordinal) AS body,
                     (array_agg(position_id ORDER BY ordinal))[1] AS first_position
              FROM ${work}.placed JOIN ${work}.article AS a ON a.id = placed.article_id
              GROUP BY article_id, a.lead) AS b ON b.article_id = a.id
        JOIN "Position" AS headline ON headline.id = b.first_position`,
    ],
    [
      'evidence',
      `INSERT INTO "Evidence" ("positionId", "articleId", text, start, "end", ${auditColumns})
        SELECT position_id, article_id, text, start, start + length(text), ${audit} FROM ${work}.placed ORDER BY article_id, start`,
    ],
    [
      'articles about meetings',
      `INSERT INTO "ArticleMeeting" ("articleId", "meetingId")
        SELECT DISTINCT q.article_id, p.meeting_id FROM ${work}.quote AS q JOIN ${work}.pos AS p ON p.id = q.position_id WHERE p.meeting_id IS NOT NULL`,
    ],
    ...(['Actor', 'Official', 'Article', 'Meeting', 'Deployment', 'Position', 'Evidence'] as const).map((table): [string, string] => [
      'sequences',
      `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM "${table}"), false)`,
    ]),
    ['clean up', `DROP SCHEMA ${work} CASCADE`],
    ['statistics', `ANALYZE`],
  ];
}

/** Generates the graph through `execute`, statement by statement, logging each step's time. */
export async function generate(execute: Execute, options: GenerateOptions): Promise<void> {
  const log = options.log ?? (() => undefined);
  let label = '';
  let started = performance.now();
  for (const [step, sql] of generatorStatements(options)) {
    if (step !== label) {
      if (label) log(`  ${label}: ${Math.round(performance.now() - started)} ms`);
      label = step;
      started = performance.now();
    }
    await execute(sql);
  }
  log(`  ${label}: ${Math.round(performance.now() - started)} ms`);
}
