/**
 * The invariants of the graph, checked in SQL directly on the database after a soak (and usable
 * on any stancegraph database): what must hold whatever happened to the writes, and what the soak
 * was told (its ledger: the imports it sent, the rows its acknowledged writes made) that must be
 * there.
 *
 * An acknowledged write is one answered HTTP 200 with its payload's object and no userErrors: it
 * committed, so it must be found. A write that got no such answer (cancelled, cut off, 504, a
 * reset) may have committed or not, but never in part: an import found in the database must be
 * whole, and every row the soak's writers created must have its change-log entry.
 */

/** Runs one SQL statement with $1… parameters and returns its rows. */
export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** A position as the soak sent it in an import document; holders are ISO codes. */
export interface SentPosition {
  stance: string;
  holders: string[];
  topic: string | null;
  /** The `system` of the deployment it is about (the soak's deployments all have one). */
  system: string | null;
  /** Each quote and the offset it has in the body (UTF-16, as the API computes it). */
  quotes: { text: string; start: number }[];
}

/** An articleImport the soak sent (answered or not). */
export interface SentImport {
  url: string;
  acknowledged: boolean;
  /** The article's row id when acknowledged. */
  articleId: number | null;
  positions: SentPosition[];
}

export type TrackedType = 'Article' | 'Deployment' | 'Position' | 'Evidence';

/** A row an acknowledged create made, and what was done to it afterwards. */
export interface TrackedRow {
  type: TrackedType;
  id: number;
  /**
   * Column → the values it may hold now: the last acknowledged one, and any sent after it that got
   * no answer (it may have committed).
   */
  expect: Record<string, (string | null)[]>;
  acknowledgedUpdates: number;
  /** A delete was sent (acknowledged or not): the row may be gone. */
  deleteSent: boolean;
  deleteAcknowledged: boolean;
}

export interface Ledger {
  /** Labels of the API keys the soak wrote with: rows they created must have change-log entries. */
  actors: string[];
  imports: SentImport[];
  rows: TrackedRow[];
}

export interface Violation {
  kind: string;
  [detail: string]: unknown;
}

export interface InvariantReport {
  /** Broken invariants of the graph. */
  violations: Violation[];
  /** Acknowledged writes not found (or not in effect) afterwards. */
  acknowledgedLost: Violation[];
  /** What was looked at. */
  checked: { positions: number; evidence: number; importsFound: number; importsSent: number; trackedRows: number };
}

const asNumber = (value: unknown) => Number(value);

/** Which table holds each tracked type, and how its entity is named in the change log. */
const tables: Record<TrackedType, string> = { Article: '"Article"', Deployment: '"Deployment"', Position: '"Position"', Evidence: '"Evidence"' };

/**
 * Tables whose rows a writer creates, with the change-log entity type of a CREATE and the key under
 * which an IMPORT entry lists the ids it created (`details.created.<key>`, src/import/importer.ts).
 */
const createdRows: { table: string; entityType: string; where?: string }[] = [
  { table: '"Actor"', entityType: 'Country', where: `t.kind = 'COUNTRY'` },
  { table: '"Actor"', entityType: 'Organization', where: `t.kind = 'ORGANIZATION'` },
  { table: '"Official"', entityType: 'Official' },
  { table: '"Article"', entityType: 'Article' },
  { table: '"Meeting"', entityType: 'Meeting' },
  { table: '"Deployment"', entityType: 'Deployment' },
  { table: '"Position"', entityType: 'Position' },
];

export async function checkInvariants(sql: Sql, ledger: Ledger): Promise<InvariantReport> {
  const violations: Violation[] = [];
  const lost: Violation[] = [];

  // Every position has evidence and a holder.
  for (const row of await sql<{ id: number }>(
    `SELECT p.id FROM "Position" p WHERE NOT EXISTS (SELECT 1 FROM "Evidence" e WHERE e."positionId" = p.id) ORDER BY p.id`,
  )) {
    violations.push({ kind: 'position_without_evidence', positionId: asNumber(row.id) });
  }
  for (const row of await sql<{ id: number }>(
    `SELECT p.id FROM "Position" p WHERE NOT EXISTS (SELECT 1 FROM "PositionHolder" h WHERE h."positionId" = p.id) ORDER BY p.id`,
  )) {
    violations.push({ kind: 'position_without_holder', positionId: asNumber(row.id) });
  }

  // Every evidence span is its article's text at its offsets. PostgreSQL counts characters and the
  // API counts UTF-16 code units: they differ after a character outside the BMP, so a mismatch
  // found in SQL is confirmed with JavaScript's indexing before it is reported.
  const mismatches = await sql<{ id: number; articleId: number; start: number; end: number; text: string; body: string }>(
    `SELECT e.id, e."articleId", e.start, e."end", e.text, a.body FROM "Evidence" e JOIN "Article" a ON a.id = e."articleId"
     WHERE e.start < 0 OR e."end" < e.start OR substring(a.body from e.start + 1 for e."end" - e.start) IS DISTINCT FROM e.text ORDER BY e.id`,
  );
  for (const m of mismatches) {
    const actual = m.body.slice(m.start, m.end);
    if (m.start >= 0 && m.end >= m.start && actual === m.text) continue;
    violations.push({
      kind: 'evidence_span_mismatch',
      evidenceId: asNumber(m.id),
      articleId: asNumber(m.articleId),
      start: m.start,
      end: m.end,
      text: m.text,
      bodyAtOffsets: actual,
    });
  }

  // Every row a writer created has its change-log entry: a CREATE of it, or the IMPORT entry the
  // import that made it wrote on it.
  const actors = ledger.actors;
  for (const t of createdRows) {
    const rows = await sql<{ id: number }>(
      `WITH logged AS (
         SELECT "entityId" AS id FROM "ChangeLog"
         WHERE "entityType" = $2 AND (action = 'CREATE' OR (action = 'IMPORT' AND details->>'outcome' = 'created')))
       SELECT t.id FROM ${t.table} t WHERE t."createdBy" = ANY($1::text[]) ${t.where ? `AND ${t.where}` : ''}
         AND NOT EXISTS (SELECT 1 FROM logged l WHERE l.id = t.id) ORDER BY t.id`,
      [actors, t.entityType],
    );
    for (const row of rows) violations.push({ kind: 'change_log_missing', entityType: t.entityType, id: asNumber(row.id) });
  }
  // Evidence is logged on its own (evidenceCreate), within its position's CREATE (positionCreate),
  // or in the IMPORT that created it.
  for (const row of await sql<{ id: number }>(
    `WITH imported AS (SELECT "entityId" AS id FROM "ChangeLog" WHERE action = 'IMPORT' AND "entityType" = 'Evidence' AND details->>'outcome' = 'created')
     SELECT e.id FROM "Evidence" e WHERE e."createdBy" = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM "ChangeLog" l WHERE l.action = 'CREATE' AND l."entityType" = 'Evidence' AND l."entityId" = e.id)
       AND NOT EXISTS (SELECT 1 FROM imported i WHERE i.id = e.id)
       AND NOT EXISTS (SELECT 1 FROM "ChangeLog" l WHERE l.action = 'CREATE' AND l."entityType" = 'Position' AND l."entityId" = e."positionId"
                       AND l.details->'evidence' @> jsonb_build_array(jsonb_build_object('articleId', encode(convert_to('Article:' || e."articleId", 'UTF8'), 'base64'), 'start', e.start, 'end', e."end")))
     ORDER BY e.id`,
    [actors],
  )) {
    violations.push({ kind: 'change_log_missing', entityType: 'Evidence', id: asNumber(row.id) });
  }

  // Every import is whole: an article of a document the soak sent, if it is there at all, has
  // exactly the quotes the document gave, on positions of the stance, holders and target sent.
  const urls = ledger.imports.map((i) => i.url);
  const articles =
    urls.length === 0
      ? []
      : await sql<{ id: number; url: string; logged: boolean }>(
          `SELECT a.id, a.url, EXISTS (SELECT 1 FROM "ChangeLog" l WHERE l.action = 'IMPORT' AND l."entityType" = 'Article' AND l."entityId" = a.id) AS logged
     FROM "Article" a WHERE a.url = ANY($1::text[])`,
          [urls],
        );
  const articleByUrl = new Map(articles.map((a) => [a.url, { ...a, id: asNumber(a.id) }]));
  const quotesFound = new Map<number, Map<string, { stance: string; topic: string | null; system: string | null; holders: string }>>();
  if (articles.length > 0) {
    const rows = await sql<{
      articleId: number;
      text: string;
      start: number;
      stance: string;
      topic: string | null;
      system: string | null;
      holders: string | null;
    }>(
      `SELECT e."articleId", e.text, e.start, p.stance::text AS stance, p.topic, d.system,
              (SELECT string_agg(c."isoCode", ',' ORDER BY c."isoCode") FROM "PositionHolder" h JOIN "Country" c ON c.id = h."actorId" WHERE h."positionId" = p.id) AS holders
       FROM "Evidence" e JOIN "Position" p ON p.id = e."positionId" LEFT JOIN "Deployment" d ON d.id = p."deploymentId"
       WHERE e."articleId" = ANY($1::int[])`,
      [articles.map((a) => asNumber(a.id))],
    );
    for (const r of rows) {
      const id = asNumber(r.articleId);
      if (!quotesFound.has(id)) quotesFound.set(id, new Map());
      quotesFound.get(id)!.set(`${r.start}:${r.text}`, { stance: r.stance, topic: r.topic, system: r.system, holders: r.holders ?? '' });
    }
  }
  for (const sent of ledger.imports) {
    const article = articleByUrl.get(sent.url);
    if (!article) {
      if (sent.acknowledged) lost.push({ kind: 'acknowledged_import_missing', url: sent.url, articleId: sent.articleId });
      continue;
    }
    if (sent.acknowledged && sent.articleId !== null && sent.articleId !== article.id) {
      lost.push({ kind: 'acknowledged_import_elsewhere', url: sent.url, acknowledgedId: sent.articleId, foundId: article.id });
    }
    const found = new Map(quotesFound.get(article.id) ?? []);
    const missing: string[] = [];
    const wrong: string[] = [];
    let expected = 0;
    for (const p of sent.positions) {
      for (const q of p.quotes) {
        expected++;
        const key = `${q.start}:${q.text}`;
        const f = found.get(key);
        found.delete(key);
        if (!f) missing.push(q.text);
        else if (f.stance !== p.stance || f.topic !== p.topic || f.system !== p.system || f.holders !== [...p.holders].sort().join(',')) {
          wrong.push(`${q.text}: sent ${p.stance} ${p.holders.join(',')} ${p.topic ?? p.system}, found ${f.stance} ${f.holders} ${f.topic ?? f.system}`);
        }
      }
    }
    if (missing.length > 0 || wrong.length > 0 || found.size > 0) {
      violations.push({
        kind: 'import_partial',
        url: sent.url,
        articleId: article.id,
        acknowledged: sent.acknowledged,
        quotesSent: expected,
        quotesMissing: missing.length,
        quotesOnWrongPosition: wrong.length,
        quotesNotSent: found.size,
        example: missing[0] ?? wrong[0] ?? [...found.keys()][0],
      });
    }
    if (!article.logged) violations.push({ kind: 'change_log_missing', entityType: 'Article', action: 'IMPORT', id: article.id, url: sent.url });
  }

  // Nothing acknowledged is missing: created rows exist (with a value the soak may expect), deleted
  // ones are gone, and each acknowledged update and delete has its change-log entry.
  for (const type of Object.keys(tables) as TrackedType[]) {
    const tracked = ledger.rows.filter((r) => r.type === type);
    if (tracked.length === 0) continue;
    const columns = [...new Set(tracked.flatMap((r) => Object.keys(r.expect)))];
    const present = await sql<Record<string, unknown> & { id: number; updates: number; deletes: number }>(
      `SELECT t.id${columns.map((c) => `, t."${c}"::text AS "${c}"`).join('')} FROM ${tables[type]} t WHERE t.id = ANY($1::int[])`,
      [tracked.map((r) => r.id)],
    );
    const logs = await sql<{ id: number; action: string; n: number }>(
      `SELECT "entityId" AS id, action::text AS action, count(*)::int AS n FROM "ChangeLog" WHERE "entityType" = $1 AND "entityId" = ANY($2::int[]) GROUP BY 1, 2`,
      [type, tracked.map((r) => r.id)],
    );
    const byId = new Map(present.map((p) => [asNumber(p.id), p]));
    const logCount = (id: number, action: string) => asNumber(logs.find((l) => asNumber(l.id) === id && l.action === action)?.n ?? 0);
    for (const r of tracked) {
      const row = byId.get(r.id);
      if (r.deleteAcknowledged) {
        if (row) lost.push({ kind: 'acknowledged_delete_undone', type, id: r.id });
        else if (logCount(r.id, 'DELETE') === 0) violations.push({ kind: 'change_log_missing', entityType: type, action: 'DELETE', id: r.id });
        continue;
      }
      if (!row) {
        if (!r.deleteSent) lost.push({ kind: 'acknowledged_create_missing', type, id: r.id });
        continue;
      }
      for (const [column, values] of Object.entries(r.expect)) {
        const actual = row[column] ?? null;
        if (!values.some((v) => (v === null ? actual === null : String(v) === actual))) {
          lost.push({ kind: 'acknowledged_update_missing', type, id: r.id, column, expected: values, actual });
        }
      }
      if (logCount(r.id, 'UPDATE') < r.acknowledgedUpdates) {
        violations.push({
          kind: 'change_log_missing',
          entityType: type,
          action: 'UPDATE',
          id: r.id,
          acknowledgedUpdates: r.acknowledgedUpdates,
          logged: logCount(r.id, 'UPDATE'),
        });
      }
    }
  }

  const [counts] = await sql<{ positions: number; evidence: number }>(
    `SELECT (SELECT count(*) FROM "Position")::int AS positions, (SELECT count(*) FROM "Evidence")::int AS evidence`,
  );
  return {
    violations,
    acknowledgedLost: lost,
    checked: {
      positions: asNumber(counts?.positions ?? 0),
      evidence: asNumber(counts?.evidence ?? 0),
      importsFound: articles.length,
      importsSent: ledger.imports.length,
      trackedRows: ledger.rows.length,
    },
  };
}

/** Counts by kind, for the summary line. */
export function countByKind(items: readonly Violation[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return counts;
}
