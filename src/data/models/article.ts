/**
 * Article: a news report, the source every position cites through evidence. Its definition, its
 * relations' id sources, and its writes (a body kept byte for byte, under which evidence stays).
 */
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { queryRows } from '../../db/direct-reads.ts';
import type { IdSource, NodeSource } from '../../db/pages.ts';
import { changesOf, type DeleteInputData, recordToChange, refIds, snapshot } from '../checks.ts';
import { encodeGlobalId } from '../global-id.ts';
import { acceptsInstant, matchesText, rangeSql, textIn } from '../listing.ts';
import { checkedCreateValues, checkedUpdateValues, defineModel, field, ownTable, type RecordOf } from '../model.ts';
import { nodesOf, recordOf } from '../model-listing.ts';
import { formatDay, sha256Hex } from '../rules.ts';
import { UserErrorCode } from '../user-errors.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../write.ts';
import { refreshStatus } from './deployment.ts';

export const publishedAtKey = Prisma.sql`COALESCE(n."publishedAt", n."publishedOn"::timestamp, '-infinity'::timestamp)`;

/**
 * Every column but the body, which `Article.body` loads only when it is selected, and the body's
 * hash, which only writes read (to refuse a second copy of a body).
 */
const { body: _body, bodySha256: _bodySha256, ...columnsButBody } = Prisma.ArticleScalarFieldEnum;

export const articleModel = defineModel({
  name: 'Article',
  plural: 'articles',
  description: 'A news report: the source every position cites through evidence.',
  filterDescription: 'Conditions on articles. An article must meet every condition given; a list condition is met by any of its values.',
  ...ownTable('Article', columnsButBody),
  fields: {
    headline: field.text({
      nullable: true,
      description: 'The headline; null when the source gives none.',
      create: { description: 'The headline; leave out when the source gives none.' },
      update: { description: 'The new headline; null clears it.' },
    }),
    source: field.text({
      description: 'The publisher or news agency, e.g. "Xinhua".',
      create: { description: 'The publisher or news agency, e.g. "Xinhua".' },
      update: { description: 'The new publisher.' },
    }),
    body: field.text({
      verbatim: true,
      description: 'The full text, exactly as published; evidence offsets index into it.',
      create: {
        description: 'The full text, exactly as published (kept byte for byte: evidence offsets index into it). Two articles cannot have the same body.',
      },
      update: {
        description: 'The corrected full text. Refused (EVIDENCE_NOT_IN_ARTICLE) unless every evidence quoted from the article is still at its offsets in it.',
      },
    }),
    url: field.url({
      nullable: true,
      description: 'Where the article is published; null when not known.',
      create: { description: 'Where it is published: an absolute http(s) URL, unique.' },
      update: { description: 'The new URL; null clears it.' },
    }),
    publishedAt: field.instant({
      nullable: true,
      notInFuture: true,
      description: 'The exact time the article was published; null when the source gives only the day (see publishedOn), or nothing.',
      create: { description: 'The exact time it was published; not in the future. For a day alone, give publishedOn.' },
      update: { description: 'The new publication time; null clears it (the day stays).' },
    }),
    publishedOn: field.day({
      nullable: true,
      notInFuture: true,
      description: "The day the article was published (in the publisher's time zone when the source gives one); null when not stated.",
      create: { description: 'The day it was published; by default the day (UTC) of publishedAt.' },
      update: { description: 'The new publication day; null clears it (and publishedAt).' },
    }),
    photoCredit: field.text({
      nullable: true,
      description: 'The photo credit as printed, e.g. "Xinhua/Evgeny Sinitsyn"; null when there is none.',
      create: { description: 'The photo credit as printed.' },
      update: { description: 'The new photo credit; null clears it.' },
    }),
  },
  filters: {
    sources: {
      argument: 'strings',
      description: 'Articles from any of these publishers or agencies, in any case ("Xinhua").',
      where: (sources: string[]) => textIn(Prisma.sql`n.source`, sources),
    },
    publishedAt: {
      argument: 'dateTimeRange',
      description: 'Articles published within this range of instants; articles with no known time (only a day, or nothing) are left out.',
      where: (range: { from: Date | null; to: Date | null }) => rangeSql(Prisma.sql`n."publishedAt"`, 'timestamp(3)', range, publishedAtKey),
    },
    publishedOn: {
      argument: 'dateRange',
      description: 'Articles published on a day of this range (plain days: { from: "2017-01-01" }); articles with no known day are left out.',
      where: (range: { from: Date | null; to: Date | null }) => rangeSql(Prisma.sql`n."publishedOn"`, 'date', range),
    },
    text: {
      argument: 'text',
      description:
        'Articles whose headline or body matches these words (full-text, English stemming, British and American spellings alike; "quotes" for a phrase, -word to exclude, or for either).',
      where: (text: string) => matchesText(Prisma.sql`n."searchVector"`, text),
    },
  },
  orders: {
    PUBLISHED_AT: {
      description: 'When the article was published: its exact time, else the start of its day; articles with no known day count as earlier than any dated one.',
      key: { sql: publishedAtKey, type: 'timestamp(3)', accepts: acceptsInstant },
    },
  },
});

/** An article; `body` is null when it was read in a list (src/graphql loads it when selected). */
export type ArticleRecord = Omit<RecordOf<typeof articleModel>, 'body'> & { body: string | null };

export const articleNodes = nodesOf(articleModel) as NodeSource<ArticleRecord>;

/** An Article row (as Prisma or the node source reads it) as its record. */
export const articleRecordOf = (row: object): ArticleRecord => recordOf(articleModel, row as Record<string, unknown>);

/** The bodies of these articles, by row id (none for an id of no article); one statement. */
export async function articleBodies(prisma: PrismaClient, ids: readonly number[]): Promise<Map<number, string>> {
  const rows = await queryRows<{ id: number; body: string }>(prisma, Prisma.sql`SELECT id, body FROM "Article" WHERE id = ANY(${[...new Set(ids)]}::int[])`);
  return new Map(rows.map((row) => [row.id, row.body]));
}

export const articlePositionIds: IdSource = { name: 'article.positions', table: 'Evidence', parentColumn: 'articleId', childColumn: 'positionId' };
export const articleMeetingIds: IdSource = { name: 'article.meetings', table: 'ArticleMeeting', parentColumn: 'articleId', childColumn: 'meetingId' };

// ---------------------------------------------------------------------------------------------
// Writes

type Input = Record<string, unknown>;

export interface ArticleBodyInput {
  body: string;
  meetingIds?: string[] | null;
}

export interface ArticleUpdateBodyInput {
  id: string;
  expectedVersion?: number | null;
  meetingIds?: string[] | null;
}

export interface ArticleDeleteInputData extends DeleteInputData {
  deletePositions: boolean;
}

async function expectUnique(w: Write, url: string | null, bodySha256: string | null, except?: number): Promise<void> {
  if (url !== null) {
    const other = await w.tx.article.findUnique({ where: { url }, select: { id: true } });
    if (other && other.id !== except)
      w.fail(['input', 'url'], `an article at this URL is already recorded (${encodeGlobalId('Article', other.id)})`, UserErrorCode.TAKEN);
  }
  if (bodySha256 !== null) {
    const other = await w.tx.article.findUnique({ where: { bodySha256 }, select: { id: true } });
    if (other && other.id !== except)
      w.fail(['input', 'body'], `an article with this exact body is already recorded (${encodeGlobalId('Article', other.id)})`, UserErrorCode.TAKEN);
  }
}

/** Records a new article with its links (the caller has checked the values and logs the change). */
export function insertArticle(w: Write, data: Omit<Prisma.ArticleUncheckedCreateInput, 'createdBy' | 'updatedBy'>) {
  return w.tx.article.create({ data: { ...data, ...createdBy(w.actor) } });
}

/**
 * The day of publication from the exact time when only the time is given (its UTC day); a day
 * given with a time more than a day away from it (beyond any time zone) is a CONFLICT.
 */
function publicationDay(w: Write, publishedAt: Date | null | undefined, publishedOn: Date | null | undefined): Date | null | undefined {
  if (publishedAt == null) return publishedOn;
  const utcDay = new Date(`${publishedAt.toISOString().slice(0, 10)}T00:00:00Z`);
  if (publishedOn == null) return utcDay;
  if (Math.abs(publishedOn.getTime() - utcDay.getTime()) > 86_400_000) {
    w.fail(
      ['input', 'publishedOn'],
      `publishedOn ${formatDay(publishedOn)} is not the day of publishedAt ${publishedAt.toISOString()}`,
      UserErrorCode.CONFLICT,
    );
  }
  return publishedOn;
}

export async function createArticle(w: Write, input: ArticleBodyInput & Input): Promise<ArticleRecord> {
  const values = { ...checkedCreateValues(w, articleModel, input) };
  values.publishedOn = publicationDay(w, values.publishedAt, values.publishedOn) ?? null;
  const meetingIds = await refIds(w, 'Meeting', input.meetingIds ?? [], ['input', 'meetingIds']);
  w.check();
  const bodySha256 = sha256Hex(input.body);
  await expectUnique(w, values.url ?? null, bodySha256);
  w.check();
  const data = { ...(values as Required<typeof values>), bodySha256 };
  const row = await insertArticle(w, { ...data, meetings: { create: meetingIds.map((meetingId) => ({ meetingId })) } });
  await w.log(ChangeAction.CREATE, 'Article', row.id, { ...snapshot(row), body: undefined, meetings: meetingIds });
  return articleRecordOf(row);
}

export async function updateArticle(w: Write, input: ArticleUpdateBodyInput & Input): Promise<ArticleRecord> {
  const found = await recordToChange(w, 'Article', input, {
    find: (id) => w.tx.article.findUnique({ where: { id }, include: { meetings: true } }),
    label: 'the article',
  });
  const values = { ...checkedUpdateValues(w, articleModel, input, found) };
  if (input.publishedAt != null)
    values.publishedOn = publicationDay(w, values.publishedAt, input.publishedOn === undefined ? undefined : values.publishedOn) ?? null;
  if (input.publishedOn === null) values.publishedAt = null;
  const next = values as Required<typeof values>;
  const oldMeetings = found.meetings.map((m) => m.meetingId).sort((a, b) => a - b);
  const meetings = input.meetingIds == null ? oldMeetings : (await refIds(w, 'Meeting', input.meetingIds, ['input', 'meetingIds'])).sort((a, b) => a - b);
  w.check();
  const bodyChanged = next.body !== found.body;
  if (bodyChanged) {
    // Evidence offsets index into the body: a correction must leave every quote where it is.
    const evidence = await w.tx.evidence.findMany({ where: { articleId: found.id } });
    const moved = evidence.filter((e) => next.body.slice(e.start, e.end) !== e.text);
    if (moved.length > 0) {
      w.fail(
        ['input', 'body'],
        `${moved.length} evidence span${moved.length === 1 ? ' is' : 's are'} no longer at ${moved.length === 1 ? 'its' : 'their'} offsets in the new body (${moved
          .slice(0, 3)
          .map((e) => `"${e.text.slice(0, 40)}" at ${e.start}`)
          .join('; ')}); remove or re-add that evidence first`,
        UserErrorCode.EVIDENCE_NOT_IN_ARTICLE,
      );
    }
  }
  await expectUnique(w, next.url !== found.url ? next.url : null, bodyChanged ? sha256Hex(next.body) : null, found.id);
  w.check();
  const compared = ['source', 'body', 'headline', 'url', 'publishedAt', 'publishedOn', 'photoCredit', 'meetings'] as const;
  const changes = changesOf({ ...found, meetings: oldMeetings }, { ...found, ...next, meetings }, compared);
  if (Object.keys(changes).length === 0) return articleRecordOf(found);
  if (changes.meetings) {
    await w.tx.articleMeeting.deleteMany({ where: { articleId: found.id, meetingId: { notIn: meetings } } });
    await w.tx.articleMeeting.createMany({ data: meetings.map((meetingId) => ({ articleId: found.id, meetingId })), skipDuplicates: true });
  }
  const row = await w.tx.article.update({ where: { id: found.id }, data: { ...next, bodySha256: sha256Hex(next.body), ...changedBy(w.actor) } });
  if (changes.body) changes.body = { from: `sha256:${found.bodySha256}`, to: `sha256:${row.bodySha256}` };
  await w.log(ChangeAction.UPDATE, 'Article', found.id, { changes });
  return articleRecordOf(row);
}

export async function deleteArticle(w: Write, input: ArticleDeleteInputData): Promise<{ deletedArticleId: string; deletedPositionIds: string[] }> {
  const found = await recordToChange(w, 'Article', input, { find: (id) => w.tx.article.findUnique({ where: { id } }), label: 'the article' });
  w.check();
  const cited = await w.tx.evidence.findMany({ where: { articleId: found.id }, select: { id: true, positionId: true } });
  const positionIds = [...new Set(cited.map((e) => e.positionId))].sort((a, b) => a - b);
  if (positionIds.length > 0 && !input.deletePositions) {
    w.abort(
      ['input', 'deletePositions'],
      `${positionIds.length} position${positionIds.length === 1 ? ' cites' : 's cite'} this article as evidence: delete with deletePositions: true to delete the positions that no other article supports, and this article's evidence of the others`,
      UserErrorCode.ARTICLE_CITED,
    );
  }
  await w.tx.evidence.deleteMany({ where: { articleId: found.id } });
  const stillSupported = new Set(
    (await w.tx.evidence.findMany({ where: { positionId: { in: positionIds } }, select: { positionId: true }, distinct: ['positionId'] })).map(
      (e) => e.positionId,
    ),
  );
  const orphaned = positionIds.filter((p) => !stillSupported.has(p));
  const kept = positionIds.filter((p) => stillSupported.has(p));
  if (orphaned.length) await w.tx.position.deleteMany({ where: { id: { in: orphaned } } });
  if (kept.length) await w.tx.position.updateMany({ where: { id: { in: kept } }, data: changedBy(w.actor) });
  // What it said of deployments' statuses goes with it; their statuses follow what remains.
  const statusChanges = await w.tx.deploymentStatusChange.findMany({ where: { articleId: found.id }, select: { id: true, deploymentId: true } });
  await w.tx.deploymentStatusChange.deleteMany({ where: { articleId: found.id } });
  for (const deploymentId of new Set(statusChanges.map((c) => c.deploymentId))) await refreshStatus(w, deploymentId);
  await w.tx.article.delete({ where: { id: found.id } });
  await w.log(ChangeAction.DELETE, 'Article', found.id, {
    deleted: snapshot(found),
    evidenceDeleted: cited.map((e) => e.id),
    positionsDeleted: orphaned,
    positionsKept: kept,
    statusChangesDeleted: statusChanges.map((c) => encodeGlobalId('DeploymentStatusChange', c.id)),
  });
  for (const positionId of orphaned) await w.log(ChangeAction.DELETE, 'Position', positionId, { reason: `deleted with article ${found.id}, its only support` });
  return { deletedArticleId: encodeGlobalId('Article', found.id), deletedPositionIds: orphaned.map((p) => encodeGlobalId('Position', p)) };
}
