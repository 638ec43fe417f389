/**
 * What subscribers are told, read from the change log (docs/live-updates.md).
 *
 * The change log is the source of live events, not a message sent beside the write: its rows
 * are written in the write's own transaction, so a rolled-back write has none, and their ids are
 * taken under the global write lock (src/data/write.ts), so they increase in commit order and a
 * row becomes visible before any later write can commit. A process that reads the rows after the
 * last id it has seen therefore gets every committed change once, in commit order, whatever told
 * it to look (Redis, NOTIFY, its own write, a timer) and however many of those messages were lost.
 */
import type { PrismaClient } from '../generated/prisma/client.ts';
import { ChangeAction } from '../generated/prisma/enums.ts';
import { parseGlobalId } from './global-id.ts';
import type { EnumDefinition } from './model.ts';

/** What happened to a position that already existed. */
export type PositionChangeKind = 'UPDATED' | 'CORROBORATED' | 'SPLIT' | 'MERGED' | 'DELETED';

export const positionChangeKindEnum: EnumDefinition<PositionChangeKind> = {
  name: 'PositionChangeKind',
  description: 'What happened to a position.',
  values: {
    UPDATED: 'Its fields, holders, speakers, targets or evidence were edited.',
    CORROBORATED: 'An imported article reports the same statement: the article was added as evidence.',
    SPLIT: 'Some of its evidence was moved to a new position (which is told as recorded).',
    MERGED: 'A duplicate was merged into it (the duplicate is told as deleted, with mergedIntoId).',
    DELETED: 'It was deleted, or merged into another position (mergedIntoId).',
  },
};

/** What happened to a deployment. */
export type DeploymentChangeKind = 'CREATED' | 'UPDATED' | 'MERGED' | 'DELETED';

export const deploymentChangeKindEnum: EnumDefinition<DeploymentChangeKind> = {
  name: 'DeploymentChangeKind',
  description: 'What happened to a deployment.',
  values: {
    CREATED: 'It was recorded, by a mutation or an import.',
    UPDATED: 'Its fields, aliases, hosts or status changed.',
    MERGED: 'A duplicate was merged into it (the duplicate is told as deleted, with mergedIntoId).',
    DELETED: 'It was deleted, or merged into another deployment (mergedIntoId).',
  },
};

/** What an import did to its article. */
export type ArticleImportOutcome = 'CREATED' | 'UPDATED' | 'MATCHED';

export const articleImportOutcomeEnum: EnumDefinition<ArticleImportOutcome> = {
  name: 'ArticleImportOutcome',
  description: 'What an import did with its article.',
  values: {
    CREATED: 'The article was new.',
    UPDATED: 'The article was known, and the import filled in something it lacked.',
    MATCHED: 'The article was known as it is (what it reports may still be new).',
  },
};

/** One change as subscribers see it; `sequence` is the change log id it comes from (commit order). */
export type ChangeEvent =
  | { type: 'positionRecorded'; sequence: number; positionId: number }
  | { type: 'positionChanged'; sequence: number; positionId: number; kind: PositionChangeKind; mergedIntoId: number | null }
  | { type: 'deploymentChanged'; sequence: number; deploymentId: number; kind: DeploymentChangeKind; mergedIntoId: number | null }
  | {
      type: 'articleImported';
      sequence: number;
      articleId: number;
      outcome: ArticleImportOutcome;
      recordedPositionIds: number[];
      corroboratedPositionIds: number[];
    }
  | { type: 'apiKeyRevoked'; sequence: number; apiKeyId: number };

export type ChangeEventType = ChangeEvent['type'];

/** A change log row, as the feed reads it. */
export interface ChangeRow {
  id: number;
  /** The transaction's start (PostgreSQL's now()): equal for the rows of one write. */
  at: Date;
  action: ChangeAction;
  entityType: string;
  entityId: number;
  details: unknown;
}

const record = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {});

/** The row id of a global ID the change log stored (its own records' IDs are well-formed). */
function rowIdIn(value: unknown): number | null {
  return typeof value === 'string' ? (parseGlobalId(value)?.rowId ?? null) : null;
}

const rowIdsIn = (value: unknown): number[] => (Array.isArray(value) ? value.map(rowIdIn).filter((id): id is number => id !== null) : []);

const outcomes: Record<string, ArticleImportOutcome> = { created: 'CREATED', updated: 'UPDATED', matched: 'MATCHED' };

/** The events one change log row stands for (most rows: one or none). */
function eventsOfRow(row: ChangeRow): ChangeEvent[] {
  const details = record(row.details);
  const sequence = row.id;
  const positionChanged = (positionId: number, kind: PositionChangeKind, mergedIntoId: number | null = null): ChangeEvent => ({
    type: 'positionChanged',
    sequence,
    positionId,
    kind,
    mergedIntoId,
  });
  const deploymentChanged = (kind: DeploymentChangeKind, mergedIntoId: number | null = null): ChangeEvent => ({
    type: 'deploymentChanged',
    sequence,
    deploymentId: row.entityId,
    kind,
    mergedIntoId,
  });
  switch (row.entityType) {
    case 'Position':
      switch (row.action) {
        case ChangeAction.CREATE:
          return [{ type: 'positionRecorded', sequence, positionId: row.entityId }];
        case ChangeAction.UPDATE:
          // The position evidence was moved from by a split says where it went.
          return [positionChanged(row.entityId, 'evidenceMovedTo' in details ? 'SPLIT' : 'UPDATED')];
        case ChangeAction.DELETE:
          return [positionChanged(row.entityId, 'DELETED')];
        case ChangeAction.MERGE: {
          const mergedInto = rowIdIn(details.mergedInto);
          return [mergedInto !== null ? positionChanged(row.entityId, 'DELETED', mergedInto) : positionChanged(row.entityId, 'MERGED')];
        }
        case ChangeAction.IMPORT:
          // An import records new positions and corroborates those it matched.
          if (details.outcome === 'created') return [{ type: 'positionRecorded', sequence, positionId: row.entityId }];
          return details.outcome === 'updated' ? [positionChanged(row.entityId, 'CORROBORATED')] : [];
        default:
          return [];
      }
    case 'Evidence': {
      // Evidence added to or removed from a position changes the position.
      const positionId = row.action === ChangeAction.DELETE ? record(details.deleted).positionId : details.positionId;
      return typeof positionId === 'number' ? [positionChanged(positionId, 'UPDATED')] : [];
    }
    case 'Deployment':
      switch (row.action) {
        case ChangeAction.CREATE:
          return [deploymentChanged('CREATED')];
        case ChangeAction.UPDATE:
          return [deploymentChanged('UPDATED')];
        case ChangeAction.DELETE:
          return [deploymentChanged('DELETED')];
        case ChangeAction.MERGE: {
          const mergedInto = rowIdIn(details.mergedInto);
          return [mergedInto !== null ? deploymentChanged('DELETED', mergedInto) : deploymentChanged('MERGED')];
        }
        case ChangeAction.IMPORT:
          return [deploymentChanged(details.outcome === 'created' ? 'CREATED' : 'UPDATED')];
        default:
          return [];
      }
    case 'Article': {
      if (row.action !== ChangeAction.IMPORT) return [];
      const created = record(details.created);
      const updated = record(details.updated);
      return [
        {
          type: 'articleImported',
          sequence,
          articleId: row.entityId,
          outcome: outcomes[String(details.outcome)] ?? 'MATCHED',
          recordedPositionIds: rowIdsIn(created.positions),
          corroboratedPositionIds: rowIdsIn(updated.positions),
        },
      ];
    }
    case 'ApiKey':
      return row.action === ChangeAction.REVOKE ? [{ type: 'apiKeyRevoked', sequence, apiKeyId: row.entityId }] : [];
    default:
      return [];
  }
}

/** The subject of an event, to tell repeats apart. */
function subjectOf(event: ChangeEvent): string {
  switch (event.type) {
    case 'positionRecorded':
      return `${event.type}:${event.positionId}`;
    case 'positionChanged':
      return `${event.type}:${event.positionId}:${event.kind}`;
    case 'deploymentChanged':
      return `${event.type}:${event.deploymentId}:${event.kind}`;
    case 'articleImported':
      return `${event.type}:${event.articleId}`;
    case 'apiKeyRevoked':
      return `${event.type}:${event.apiKeyId}`;
  }
}

/**
 * The events of change log rows, in the rows' order. One write can log the same change twice (a
 * deployment an import creates has a CREATE row and an IMPORT row; evidence added twice to one
 * position); within a write (rows with the same `at`), an event is told once, at its first row.
 * A position that a write records is not also reported as changed by that write.
 */
export function eventsOf(rows: readonly ChangeRow[]): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  let write: number | null = null;
  let told = new Set<string>();
  let recorded = new Set<number>();
  for (const row of rows) {
    if (row.at.getTime() !== write) {
      write = row.at.getTime();
      told = new Set();
      recorded = new Set();
    }
    for (const event of eventsOfRow(row)) {
      if (event.type === 'positionRecorded') recorded.add(event.positionId);
      if (event.type === 'positionChanged' && event.kind !== 'DELETED' && recorded.has(event.positionId)) continue;
      const subject = subjectOf(event);
      if (told.has(subject)) continue;
      told.add(subject);
      events.push(event);
    }
  }
  return events;
}

/** The id of the latest change log row (0 for none): a feed starts after it. */
export async function latestChangeSequence(prisma: PrismaClient): Promise<number> {
  const latest = await prisma.changeLog.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return latest?.id ?? 0;
}

/** The change log rows after `sequence`, oldest first, at most `limit`. */
export async function changesAfter(prisma: PrismaClient, sequence: number, limit: number): Promise<ChangeRow[]> {
  return prisma.changeLog.findMany({
    where: { id: { gt: sequence } },
    orderBy: { id: 'asc' },
    take: limit,
    select: { id: true, at: true, action: true, entityType: true, entityId: true, details: true },
  });
}
