/**
 * Stance summaries in SQL: GROUP BY over the positions of a scope (every position, or those on a
 * deployment, held by an actor or voiced by an official), narrowed by a position filter. Each
 * query answers many parents at once (their ids unnested), so a list of deployments with their
 * summaries costs one statement per summary field, not one per deployment.
 */
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { queryRows } from '../db/direct-reads.ts';
import { identifier, type IdSource } from '../db/pages.ts';
import { Stance } from '../generated/prisma/enums.ts';

/** The set of positions a summary counts. */
export interface SummaryScope {
  /** How positions are tied to the parent (a foreign key of Position or a join table); null for all positions. */
  source: IdSource | null;
  /** The parent's row id; 0 for all positions. */
  parentId: number;
  /** The compiled position filter (a condition over `n`). */
  where: Prisma.Sql;
  /** Equal for scopes whose filter compiles to the same SQL. */
  whereKey: string;
}

export type StanceCounts = Map<Stance, number>;

export interface BreakdownEntry {
  key: string;
  total: number;
  byStance: StanceCounts;
}

export type Dimension = 'holder' | 'deployment' | 'topic';

/** The positions of every parent: rows `parent.id` and `n` (the Position). */
function scopeRows(source: IdSource | null, parentIds: readonly number[]): Prisma.Sql {
  if (!source) return Prisma.sql`(SELECT 0 AS id) AS parent CROSS JOIN "Position" AS n`;
  if (!source.parentColumn) throw new Error(`id source ${source.name} has no parent column`);
  const parents = Prisma.sql`unnest(${[...parentIds]}::int[]) AS parent(id)`;
  if (source.table === 'Position') return Prisma.sql`${parents} JOIN "Position" AS n ON n.${identifier(source.parentColumn)} = parent.id`;
  return Prisma.sql`${parents}
    JOIN ${identifier(source.table)} AS l ON l.${identifier(source.parentColumn)} = parent.id
    JOIN "Position" AS n ON n.id = l.${identifier(source.childColumn)}`;
}

/** Counts per stance of each parent's positions. */
export async function stanceCounts(
  prisma: PrismaClient,
  source: IdSource | null,
  parentIds: readonly number[],
  where: Prisma.Sql,
): Promise<Map<number, StanceCounts>> {
  const rows = await queryRows<{ parent: number; stance: Stance; count: number }>(
    prisma,
    Prisma.sql`
    SELECT parent.id AS parent, n.stance::text AS stance, count(*)::int AS count
    FROM ${scopeRows(source, parentIds)}
    WHERE ${where}
    GROUP BY parent.id, n.stance`,
  );
  const byParent = new Map<number, StanceCounts>();
  for (const row of rows) {
    const counts = byParent.get(row.parent) ?? new Map<Stance, number>();
    counts.set(row.stance, row.count);
    byParent.set(row.parent, counts);
  }
  return byParent;
}

const dimensions: Record<Dimension, { join: Prisma.Sql; key: Prisma.Sql }> = {
  holder: { join: Prisma.sql`JOIN "PositionHolder" AS h ON h."positionId" = n.id`, key: Prisma.sql`h."actorId"::text` },
  // A position about several deployments or topics counts under each of them (once in totals).
  deployment: { join: Prisma.sql`JOIN "PositionDeployment" AS pd ON pd."positionId" = n.id`, key: Prisma.sql`pd."deploymentId"::text` },
  topic: {
    join: Prisma.sql`JOIN "PositionTopic" AS pt ON pt."positionId" = n.id JOIN "Topic" AS topic ON topic.id = pt."topicId"`,
    key: Prisma.sql`topic.name`,
  },
};

/**
 * For each parent, its `first` largest groups along `dimension` (holders, deployments or
 * topics), largest first (ties by key), with their counts per stance.
 */
export async function stanceBreakdown(
  prisma: PrismaClient,
  source: IdSource | null,
  parentIds: readonly number[],
  where: Prisma.Sql,
  dimension: Dimension,
  first: number,
): Promise<Map<number, BreakdownEntry[]>> {
  const { join, key } = dimensions[dimension];
  const rows = await queryRows<{ parent: number; key: string; stance: Stance; count: number; total: number }>(
    prisma,
    Prisma.sql`
    WITH counts AS (
      SELECT parent.id AS parent, ${key} AS key, n.stance::text AS stance, count(*)::int AS count
      FROM ${scopeRows(source, parentIds)} ${join}
      WHERE (${where}) AND ${key} IS NOT NULL
      GROUP BY 1, 2, 3
    ), ranked AS (
      SELECT parent, key, sum(count)::int AS total, row_number() OVER (PARTITION BY parent ORDER BY sum(count) DESC, key) AS rank
      FROM counts GROUP BY parent, key
    )
    SELECT c.parent, c.key, c.stance, c.count, r.total
    FROM counts AS c JOIN ranked AS r ON r.parent = c.parent AND r.key = c.key
    WHERE r.rank <= ${first}
    ORDER BY c.parent, r.rank`,
  );
  const byParent = new Map<number, BreakdownEntry[]>();
  for (const row of rows) {
    const entries = byParent.get(row.parent) ?? [];
    let entry = entries.at(-1);
    if (!entry || entry.key !== row.key) {
      entry = { key: row.key, total: row.total, byStance: new Map() };
      entries.push(entry);
    }
    entry.byStance.set(row.stance, row.count);
    byParent.set(row.parent, entries);
  }
  return byParent;
}

/** Every stance in the enum's order, with its count (zero where none). */
export function allStances(counts: StanceCounts | undefined): Array<{ stance: Stance; count: number }> {
  return Object.values(Stance).map((stance) => ({ stance, count: counts?.get(stance) ?? 0 }));
}
