import DataLoader from 'dataloader';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { countLinked, countRoot, fetchLinkedIds, fetchRootIds, type IdSource } from '../db/id-pages.ts';
import { findActors } from '../modules/actor/actor.service.ts';
import { findArticles } from '../modules/article/article.service.ts';
import { findCountries, findMembersByOrganization } from '../modules/country/country.service.ts';
import { findDeployments } from '../modules/deployment/deployment.service.ts';
import { findEvidence, findEvidenceByPosition } from '../modules/evidence/evidence.service.ts';
import { findMeetings } from '../modules/meeting/meeting.service.ts';
import { findOfficials, findParticipantsByMeeting, findSpeakersByPosition } from '../modules/official/official.service.ts';
import { findOrganizations } from '../modules/organization/organization.service.ts';
import { findAddresseesByPosition, findHoldersByPosition, findPositions } from '../modules/position/position.service.ts';
import { pageWindow, toConnection, toIdPage, type Connection, type ConnectionArgs, type HasRowId, type PageWindow } from './connection.ts';

/** The largest value of PostgreSQL's `integer`, the type of every id column. */
const maxRowId = 2_147_483_647;

/** Batches lookups by row id into one query and answers in the order of the keys. */
function byRowId<T extends HasRowId>(find: (ids: readonly number[]) => Promise<T[]>): DataLoader<number, T | null> {
  return new DataLoader(async (ids) => {
    // Ids beyond the column type (a well-formed global ID of nothing) cannot match a row.
    const storable = ids.filter((id) => id <= maxRowId);
    const found = new Map((storable.length > 0 ? await find(storable) : []).map((item) => [item.rowId, item]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Batches to-many lookups by parent id; a parent without children gets an empty list. */
function byParentId<T>(find: (ids: readonly number[]) => Promise<Map<number, T[]>>): DataLoader<number, T[]> {
  return new DataLoader(async (ids) => {
    const found = await find(ids);
    return ids.map((id) => found.get(id) ?? []);
  });
}

interface LinkedPageKey {
  source: IdSource;
  parentId: number;
  window: PageWindow;
}

/**
 * Pages of the same relation with the same window, asked for by many parents in one tick, become
 * one SQL statement; so do their totals.
 */
function linkedPageLoaders(prisma: PrismaClient) {
  const windowKey = (key: LinkedPageKey) => `${key.source.name}|${JSON.stringify(key.window)}`;
  const pages = new DataLoader<LinkedPageKey, number[], string>(
    async (keys) => {
      const groups = new Map<string, LinkedPageKey[]>();
      for (const key of keys) groups.set(windowKey(key), [...(groups.get(windowKey(key)) ?? []), key]);
      const results = new Map<string, number[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const [{ source, window }] = group as [LinkedPageKey, ...LinkedPageKey[]];
          const idsByParent = await fetchLinkedIds(prisma, source, [...new Set(group.map((key) => key.parentId))], window);
          for (const key of group) results.set(`${windowKey(key)}|${key.parentId}`, idsByParent.get(key.parentId) ?? []);
        }),
      );
      return keys.map((key) => results.get(`${windowKey(key)}|${key.parentId}`) ?? []);
    },
    { cacheKeyFn: (key) => `${windowKey(key)}|${key.parentId}` },
  );
  const counts = new DataLoader<{ source: IdSource; parentId: number }, number, string>(
    async (keys) => {
      const bySource = new Map<IdSource, number[]>();
      for (const key of keys) bySource.set(key.source, [...(bySource.get(key.source) ?? []), key.parentId]);
      const totals = new Map<IdSource, Map<number, number>>();
      await Promise.all(
        [...bySource].map(async ([source, parentIds]) => totals.set(source, await countLinked(prisma, source, [...new Set(parentIds)]))),
      );
      return keys.map((key) => totals.get(key.source)?.get(key.parentId) ?? 0);
    },
    { cacheKeyFn: (key) => `${key.source.name}|${key.parentId}` },
  );
  return { pages, counts };
}

/** One set per request: batching and caching never cross requests (no stale or foreign data). */
export function createLoaders(prisma: PrismaClient) {
  const linked = linkedPageLoaders(prisma);
  const loaders = {
    actor: byRowId((ids) => findActors(prisma, ids)),
    country: byRowId((ids) => findCountries(prisma, ids)),
    organization: byRowId((ids) => findOrganizations(prisma, ids)),
    official: byRowId((ids) => findOfficials(prisma, ids)),
    article: byRowId((ids) => findArticles(prisma, ids)),
    meeting: byRowId((ids) => findMeetings(prisma, ids)),
    deployment: byRowId((ids) => findDeployments(prisma, ids)),
    position: byRowId((ids) => findPositions(prisma, ids)),
    evidence: byRowId((ids) => findEvidence(prisma, ids)),
    organizationMembers: byParentId((ids) => findMembersByOrganization(prisma, ids)),
    meetingParticipants: byParentId((ids) => findParticipantsByMeeting(prisma, ids)),
    positionSpeakers: byParentId((ids) => findSpeakersByPosition(prisma, ids)),
    positionHolders: byParentId((ids) => findHoldersByPosition(prisma, ids)),
    positionAddressees: byParentId((ids) => findAddresseesByPosition(prisma, ids)),
    positionEvidence: byParentId((ids) => findEvidenceByPosition(prisma, ids)),

    /** A page of a root list (`Query.positions`): one query for ids, one batched for nodes. */
    async rootConnection<T extends HasRowId>(source: IdSource, args: ConnectionArgs, nodes: DataLoader<number, T | null>): Promise<Connection<T>> {
      const window = pageWindow(args);
      const page = toIdPage(window, await fetchRootIds(prisma, source, window));
      return toConnection(page, await nodes.loadMany(page.ids), () => countRoot(prisma, source));
    },

    /** A page of a parent's relation (`Country.positions`), batched across sibling parents. */
    async linkedConnection<T extends HasRowId>(
      source: IdSource,
      parentId: number,
      args: ConnectionArgs,
      nodes: DataLoader<number, T | null>,
    ): Promise<Connection<T>> {
      const window = pageWindow(args);
      const page = toIdPage(window, await linked.pages.load({ source, parentId, window }));
      return toConnection(page, await nodes.loadMany(page.ids), () => linked.counts.load({ source, parentId }));
    },
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
