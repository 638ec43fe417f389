import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { PageWindow } from '../graphql/connection.ts';

/**
 * Where the ids of a list live in SQL: `table.childColumn`, optionally tied to a parent by
 * `table.parentColumn` (a foreign key or one side of a join table). Names are constants of the
 * code, never client input.
 */
export interface IdSource {
  name: string;
  table: string;
  childColumn: string;
  parentColumn?: string;
}

const identifier = (name: string) => Prisma.raw(`"${name}"`);

function boundsSql(window: PageWindow, column: Prisma.Sql): Prisma.Sql {
  const after = window.afterId != null ? Prisma.sql` AND ${column} > ${window.afterId}` : Prisma.empty;
  const before = window.beforeId != null ? Prisma.sql` AND ${column} < ${window.beforeId}` : Prisma.empty;
  return Prisma.sql`TRUE${after}${before}`;
}

const orderSql = (window: PageWindow) => Prisma.raw(window.direction === 'forward' ? 'ASC' : 'DESC');

/** Ids of one page of a root list, in window order, with one extra row to tell if more follow. */
export async function fetchRootIds(prisma: PrismaClient, source: IdSource, window: PageWindow): Promise<number[]> {
  const child = identifier(source.childColumn);
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    SELECT ${child} AS id FROM ${identifier(source.table)}
    WHERE ${boundsSql(window, child)}
    ORDER BY ${child} ${orderSql(window)}
    LIMIT ${window.size + 1}`;
  return rows.map((row) => row.id);
}

export async function countRoot(prisma: PrismaClient, source: IdSource): Promise<number> {
  const rows = await prisma.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM ${identifier(source.table)}`;
  return rows[0]?.total ?? 0;
}

function linkedSql(source: IdSource, parentIds: readonly number[]): Prisma.Sql {
  if (!source.parentColumn) throw new Error(`id source ${source.name} has no parent column`);
  // DISTINCT: a child can be linked to one parent through several rows (an article citing
  // one position in two evidence spans).
  return Prisma.sql`
    SELECT DISTINCT ${identifier(source.parentColumn)} AS parent, ${identifier(source.childColumn)} AS child
    FROM ${identifier(source.table)}
    WHERE ${identifier(source.parentColumn)} IN (${Prisma.join(parentIds)})`;
}

/**
 * One statement for the same page of many parents' lists (a window function ranks each
 * parent's children), so a list of parents costs one query, not one per parent.
 */
export async function fetchLinkedIds(
  prisma: PrismaClient,
  source: IdSource,
  parentIds: readonly number[],
  window: PageWindow,
): Promise<Map<number, number[]>> {
  const child = Prisma.raw('links.child');
  const rows = await prisma.$queryRaw<{ parent: number; child: number }[]>`
    SELECT parent, child FROM (
      SELECT links.parent, links.child,
             row_number() OVER (PARTITION BY links.parent ORDER BY links.child ${orderSql(window)}) AS rank
      FROM (${linkedSql(source, parentIds)}) AS links
      WHERE ${boundsSql(window, child)}
    ) AS ranked
    WHERE rank <= ${window.size + 1}
    ORDER BY parent, rank`;
  const byParent = new Map<number, number[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) byParent.get(row.parent)?.push(row.child);
  return byParent;
}

export async function countLinked(
  prisma: PrismaClient,
  source: IdSource,
  parentIds: readonly number[],
): Promise<Map<number, number>> {
  const rows = await prisma.$queryRaw<{ parent: number; total: number }[]>`
    SELECT parent, count(*)::int AS total FROM (${linkedSql(source, parentIds)}) AS links GROUP BY parent`;
  return new Map(rows.map((row) => [row.parent, row.total]));
}
