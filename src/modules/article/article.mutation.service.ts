import { changedBy, ChangeAction, createdBy, type Write } from '../../data/write.ts';
import { UserErrorCode } from '../../data/user-errors.ts';
import { sha256Hex } from '../../data/rules.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { changesOf, mustFind, optionalText, pastInstant, refIds, requiredText, rowIdOf, snapshot, urlOf } from '../../data/checks.ts';
import type { ArticleCreateInput, ArticleDeleteInput, ArticleUpdateInput } from './article.input.ts';
import { toArticle } from './article.service.ts';
import type { Article } from './article.type.ts';

async function expectUnique(w: Write, url: string | null, bodySha256: string | null, except?: number): Promise<void> {
  if (url !== null) {
    const other = await w.tx.article.findUnique({ where: { url }, select: { id: true } });
    if (other && other.id !== except) w.fail(['input', 'url'], `an article at this URL is already recorded (${encodeGlobalId('Article', other.id)})`, UserErrorCode.TAKEN);
  }
  if (bodySha256 !== null) {
    const other = await w.tx.article.findUnique({ where: { bodySha256 }, select: { id: true } });
    if (other && other.id !== except) w.fail(['input', 'body'], `an article with this exact body is already recorded (${encodeGlobalId('Article', other.id)})`, UserErrorCode.TAKEN);
  }
}

export async function createArticle(w: Write, input: ArticleCreateInput): Promise<Article> {
  const source = requiredText(w, input.source, ['input', 'source']);
  if (input.body.trim() === '') w.fail(['input', 'body'], 'must not be blank', UserErrorCode.BLANK);
  const url = urlOf(w, input.url, ['input', 'url']) ?? null;
  pastInstant(w, input.publishedAt, ['input', 'publishedAt']);
  const meetingIds = await refIds(w, 'Meeting', input.meetingIds ?? [], ['input', 'meetingIds']);
  w.check();
  const bodySha256 = sha256Hex(input.body);
  await expectUnique(w, url, bodySha256);
  w.check();
  const data = { source, body: input.body, bodySha256, url, headline: optionalText(input.headline ?? null), publishedAt: input.publishedAt ?? null, photoCredit: optionalText(input.photoCredit ?? null) };
  const row = await w.tx.article.create({ data: { ...data, ...createdBy(w.actor), meetings: { create: meetingIds.map((meetingId) => ({ meetingId })) } } });
  await w.log(ChangeAction.CREATE, 'Article', row.id, JSON.parse(JSON.stringify({ ...snapshot(row), body: undefined, meetings: meetingIds })));
  return toArticle(row);
}

export async function updateArticle(w: Write, input: ArticleUpdateInput): Promise<Article> {
  const id = rowIdOf(w, 'Article', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => w.tx.article.findUnique({ where: { id: id as number }, include: { meetings: true } }), 'article', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, 'the article');
  const next = {
    source: input.source === undefined ? found.source : requiredText(w, input.source ?? '', ['input', 'source']),
    body: input.body == null ? found.body : input.body,
    headline: input.headline === undefined ? found.headline : optionalText(input.headline),
    url: input.url === undefined ? found.url : (urlOf(w, input.url, ['input', 'url']) ?? null),
    publishedAt: input.publishedAt === undefined ? found.publishedAt : input.publishedAt,
    photoCredit: input.photoCredit === undefined ? found.photoCredit : optionalText(input.photoCredit),
  };
  if (input.body === null || (input.body != null && input.body.trim() === '')) w.fail(['input', 'body'], 'must not be blank', UserErrorCode.BLANK);
  if (input.publishedAt !== undefined) pastInstant(w, input.publishedAt, ['input', 'publishedAt']);
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
        `${moved.length} evidence span${moved.length === 1 ? ' is' : 's are'} no longer at ${moved.length === 1 ? 'its' : 'their'} offsets in the new body (${moved.slice(0, 3).map((e) => `"${e.text.slice(0, 40)}" at ${e.start}`).join('; ')}); remove or re-add that evidence first`,
        UserErrorCode.EVIDENCE_NOT_IN_ARTICLE,
      );
    }
  }
  await expectUnique(w, next.url !== found.url ? next.url : null, bodyChanged ? sha256Hex(next.body) : null, found.id);
  w.check();
  const changes = changesOf({ ...found, meetings: oldMeetings }, { ...found, ...next, meetings }, ['source', 'body', 'headline', 'url', 'publishedAt', 'photoCredit', 'meetings']);
  if (Object.keys(changes).length === 0) return toArticle(found);
  if (changes.meetings) {
    await w.tx.articleMeeting.deleteMany({ where: { articleId: found.id, meetingId: { notIn: meetings } } });
    await w.tx.articleMeeting.createMany({ data: meetings.map((meetingId) => ({ articleId: found.id, meetingId })), skipDuplicates: true });
  }
  const row = await w.tx.article.update({ where: { id: found.id }, data: { ...next, bodySha256: sha256Hex(next.body), ...changedBy(w.actor) } });
  if (changes.body) changes.body = { from: `sha256:${found.bodySha256}`, to: `sha256:${row.bodySha256}` };
  await w.log(ChangeAction.UPDATE, 'Article', found.id, { changes } as object);
  return toArticle(row);
}

export async function deleteArticle(w: Write, input: ArticleDeleteInput): Promise<{ deletedArticleId: string; deletedPositionIds: string[] }> {
  const id = rowIdOf(w, 'Article', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(w, () => w.tx.article.findUnique({ where: { id: id as number } }), 'article', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, 'the article');
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
    (await w.tx.evidence.findMany({ where: { positionId: { in: positionIds } }, select: { positionId: true }, distinct: ['positionId'] })).map((e) => e.positionId),
  );
  const orphaned = positionIds.filter((p) => !stillSupported.has(p));
  const kept = positionIds.filter((p) => stillSupported.has(p));
  if (orphaned.length) await w.tx.position.deleteMany({ where: { id: { in: orphaned } } });
  if (kept.length) await w.tx.position.updateMany({ where: { id: { in: kept } }, data: changedBy(w.actor) });
  await w.tx.article.delete({ where: { id: found.id } });
  await w.log(ChangeAction.DELETE, 'Article', found.id, JSON.parse(JSON.stringify({ deleted: snapshot(found), evidenceDeleted: cited.map((e) => e.id), positionsDeleted: orphaned, positionsKept: kept })));
  for (const positionId of orphaned) await w.log(ChangeAction.DELETE, 'Position', positionId, { reason: `deleted with article ${found.id}, its only support` });
  return { deletedArticleId: encodeGlobalId('Article', found.id), deletedPositionIds: orphaned.map((p) => encodeGlobalId('Position', p)) };
}
