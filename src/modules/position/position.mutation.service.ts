import type { Prisma } from '../../generated/prisma/client.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../../data/write.ts';
import { UserErrorCode } from '../../data/user-errors.ts';
import { encodeGlobalId } from '../../data/global-id.ts';
import { changesOf, mustFind, optionalText, pastDay, refId, refIds, requiredText, rowIdOf, snapshot } from '../../data/checks.ts';
import { locateEvidenceInputs } from '../evidence/evidence.mutation.service.ts';
import type { PositionCreateInput, PositionDeleteInput, PositionUpdateInput } from './position.input.ts';
import { toPosition } from './position.service.ts';
import type { Position } from './position.type.ts';

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const actorTypes = ['Country', 'Organization'] as const;

interface Identity {
  stance: string;
  deploymentId: number | null;
  topic: string | null;
  meetingId: number | null;
  holderIds: number[];
}

/** The rules every position keeps: a target, holders, speakers who speak for a holder, no twin. */
async function checkPosition(w: Write, p: Identity & { speakerIds: number[] }, except?: number): Promise<void> {
  if (p.deploymentId === null && p.topic === null) w.fail(['input', 'topic'], 'a position must be about a deployment or a topic: give deploymentId or topic', UserErrorCode.TARGET_REQUIRED);
  if (p.deploymentId !== null && p.topic !== null) w.fail(['input', 'topic'], 'a position is about a deployment or a topic, not both', UserErrorCode.TARGET_CONFLICT);
  if (p.holderIds.length === 0) w.fail(['input', 'holderIds'], 'a position needs at least one holder', UserErrorCode.HOLDER_REQUIRED);
  const speakers = await w.tx.official.findMany({ where: { id: { in: p.speakerIds } } });
  for (const [i, id] of p.speakerIds.entries()) {
    const s = speakers.find((x) => x.id === id);
    if (!s) continue;
    const speaksFor = [s.countryId, s.organizationId].filter((x) => x !== null);
    if (speaksFor.length > 0 && !speaksFor.some((x) => p.holderIds.includes(x))) {
      w.fail(['input', 'speakerIds', i], `${s.name} speaks for none of the holders`, UserErrorCode.SPEAKER_NOT_HOLDER);
    }
  }
  if (w.errors.length > 0) return;
  const candidates = await w.tx.position.findMany({
    where: { stance: p.stance as Prisma.PositionWhereInput['stance'], deploymentId: p.deploymentId, topic: p.topic, meetingId: p.meetingId, holders: { every: { actorId: { in: p.holderIds } } }, ...(except ? { id: { not: except } } : {}) },
    include: { holders: true },
  });
  const twin = candidates.find((c) => c.holders.length === p.holderIds.length);
  if (twin) {
    w.fail(null, `the same position (stance, target, holders and meeting) is already recorded (${encodeGlobalId('Position', twin.id)}): add evidence to it instead (evidenceCreate)`, UserErrorCode.DUPLICATE);
  }
}

export async function createPosition(w: Write, input: PositionCreateInput): Promise<Position> {
  const summary = requiredText(w, input.summary, ['input', 'summary']);
  pastDay(w, input.statedOn, ['input', 'statedOn']);
  const holderIds = sorted(await refIds(w, actorTypes, input.holderIds, ['input', 'holderIds']));
  const speakerIds = sorted(await refIds(w, 'Official', input.speakerIds ?? [], ['input', 'speakerIds']));
  const addresseeIds = sorted(await refIds(w, actorTypes, input.addresseeIds ?? [], ['input', 'addresseeIds']));
  const deploymentRef = await refId(w, 'Deployment', input.deploymentId, ['input', 'deploymentId']);
  const deploymentId = deploymentRef ?? null;
  const meetingId = (await refId(w, 'Meeting', input.meetingId, ['input', 'meetingId'])) ?? null;
  const topic = optionalText(input.topic ?? null);
  if (input.evidence.length === 0) w.fail(['input', 'evidence'], 'a position must cite at least one quote from an article', UserErrorCode.EVIDENCE_REQUIRED);
  const spans = await locateEvidenceInputs(w, input.evidence, ['input', 'evidence']);
  // A deployment ID that was given but unusable (already reported) still counts as a target here.
  const target = deploymentRef === undefined && input.deploymentId != null ? -1 : deploymentId;
  await checkPosition(w, { stance: input.stance, deploymentId: target, topic, meetingId, holderIds, speakerIds });
  w.check();
  const row = await w.tx.position.create({
    data: {
      stance: input.stance,
      summary,
      deploymentId,
      topic,
      meetingId,
      statedOn: input.statedOn ?? null,
      ...createdBy(w.actor),
      holders: { create: holderIds.map((actorId) => ({ actorId })) },
      speakers: { create: speakerIds.map((officialId) => ({ officialId })) },
      addressees: { create: addresseeIds.map((actorId) => ({ actorId })) },
      evidence: { create: spans.map((s) => ({ articleId: s.articleId, text: s.text, start: s.start, end: s.end, ...createdBy(w.actor) })) },
    },
  });
  await w.log(ChangeAction.CREATE, 'Position', row.id, JSON.parse(JSON.stringify({ ...snapshot(row), holders: holderIds, speakers: speakerIds, addressees: addresseeIds, evidence: spans })));
  return toPosition(row);
}

export async function updatePosition(w: Write, input: PositionUpdateInput): Promise<Position> {
  const id = rowIdOf(w, 'Position', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(
    w,
    () => w.tx.position.findUnique({ where: { id: id as number }, include: { holders: true, speakers: true, addressees: true } }),
    'position',
    ['input', 'id'],
  );
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, 'the position');
  if (input.stance === null) w.fail(['input', 'stance'], 'a position must keep a stance', UserErrorCode.BLANK);
  if (input.statedOn !== undefined) pastDay(w, input.statedOn, ['input', 'statedOn']);
  const before = {
    ...found,
    holderIds: sorted(found.holders.map((h) => h.actorId)),
    speakerIds: sorted(found.speakers.map((s) => s.officialId)),
    addresseeIds: sorted(found.addressees.map((a) => a.actorId)),
  };
  const deploymentId = await refId(w, 'Deployment', input.deploymentId, ['input', 'deploymentId']);
  const meetingId = await refId(w, 'Meeting', input.meetingId, ['input', 'meetingId']);
  const next = {
    stance: input.stance ?? found.stance,
    summary: input.summary === undefined ? found.summary : requiredText(w, input.summary ?? '', ['input', 'summary']),
    deploymentId: deploymentId === undefined ? found.deploymentId : deploymentId,
    topic: input.topic === undefined ? found.topic : optionalText(input.topic),
    meetingId: meetingId === undefined ? found.meetingId : meetingId,
    statedOn: input.statedOn === undefined ? found.statedOn : input.statedOn,
    holderIds: input.holderIds == null ? before.holderIds : sorted(await refIds(w, actorTypes, input.holderIds, ['input', 'holderIds'])),
    speakerIds: input.speakerIds == null ? before.speakerIds : sorted(await refIds(w, 'Official', input.speakerIds, ['input', 'speakerIds'])),
    addresseeIds: input.addresseeIds == null ? before.addresseeIds : sorted(await refIds(w, actorTypes, input.addresseeIds, ['input', 'addresseeIds'])),
  };
  if (input.holderIds != null && input.holderIds.length === 0) w.fail(['input', 'holderIds'], 'a position needs at least one holder', UserErrorCode.HOLDER_REQUIRED);
  w.check();
  await checkPosition(w, next, found.id);
  w.check();
  const changes = changesOf(before, { ...before, ...next }, ['stance', 'summary', 'deploymentId', 'topic', 'meetingId', 'statedOn', 'holderIds', 'speakerIds', 'addresseeIds']);
  if (Object.keys(changes).length === 0) return toPosition(found);
  const { holderIds, speakerIds, addresseeIds, ...columns } = next;
  if (changes.holderIds) {
    await w.tx.positionHolder.deleteMany({ where: { positionId: found.id, actorId: { notIn: holderIds } } });
    await w.tx.positionHolder.createMany({ data: holderIds.map((actorId) => ({ positionId: found.id, actorId })), skipDuplicates: true });
  }
  if (changes.speakerIds) {
    await w.tx.positionSpeaker.deleteMany({ where: { positionId: found.id, officialId: { notIn: speakerIds } } });
    await w.tx.positionSpeaker.createMany({ data: speakerIds.map((officialId) => ({ positionId: found.id, officialId })), skipDuplicates: true });
  }
  if (changes.addresseeIds) {
    await w.tx.positionAddressee.deleteMany({ where: { positionId: found.id, actorId: { notIn: addresseeIds } } });
    await w.tx.positionAddressee.createMany({ data: addresseeIds.map((actorId) => ({ positionId: found.id, actorId })), skipDuplicates: true });
  }
  const row = await w.tx.position.update({ where: { id: found.id }, data: { ...columns, ...changedBy(w.actor) } });
  await w.log(ChangeAction.UPDATE, 'Position', found.id, JSON.parse(JSON.stringify({ changes })));
  return toPosition(row);
}

export async function deletePosition(w: Write, input: PositionDeleteInput): Promise<string> {
  const id = rowIdOf(w, 'Position', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(
    w,
    () => w.tx.position.findUnique({ where: { id: id as number }, include: { holders: true, speakers: true, addressees: true, evidence: true } }),
    'position',
    ['input', 'id'],
  );
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, 'the position');
  w.check();
  await w.tx.position.delete({ where: { id: found.id } });
  await w.log(
    ChangeAction.DELETE,
    'Position',
    found.id,
    JSON.parse(
      JSON.stringify({
        deleted: {
          ...snapshot(found),
          holders: found.holders.map((h) => h.actorId),
          speakers: found.speakers.map((s) => s.officialId),
          addressees: found.addressees.map((a) => a.actorId),
          evidence: found.evidence.map((e) => ({ id: e.id, articleId: e.articleId, text: e.text, start: e.start, end: e.end })),
        },
      }),
    ),
  );
  return encodeGlobalId('Position', found.id);
}
