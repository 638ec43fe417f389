/**
 * Position: a claim that holders took a stance on a deployment or a topic, backed by evidence.
 * Its definition, its relations' id sources, and its writes (the rules every position keeps).
 */
import { Prisma } from '../../generated/prisma/client.ts';
import { Stance } from '../../generated/prisma/enums.ts';
import { columnsOf, type IdSource, type NodeSource } from '../../db/pages.ts';
import { changesOf, mustFind, refId, refIds, rowIdOf, snapshot } from '../checks.ts';
import { encodeGlobalId } from '../global-id.ts';
import { acceptsDay, idArguments, linkedTo, matchesText, rangeSql, textIn } from '../listing.ts';
import { checkedCreateValues, checkedUpdateValues, defineModel, field, updatableFieldsOf, type EnumDefinition, type RecordOf } from '../model.ts';
import { nodesOf, recordOf } from '../model-listing.ts';
import { UserErrorCode } from '../user-errors.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../write.ts';
import { locateEvidenceInputs, type EvidenceQuote } from '../evidence-spans.ts';

export { Stance };

export const stanceEnum: EnumDefinition<Stance> = {
  name: 'Stance',
  description:
    'The kind of diplomatic speech a position is, after the PLOVER event ontology (the successor of CAMEO), plus CONCERN and URGE, which PLOVER lacks.',
  values: {
    SUPPORT: 'Endorses, defends or justifies (PLOVER SUPPORT; CAMEO 051 praise or endorse, 052 defend verbally).',
    OPPOSE: 'Rejects or declares opposition (PLOVER REJECT; CAMEO 12x reject).',
    CONCERN: 'Voices worry without rejecting (not in PLOVER; CAMEO 012 make pessimistic comment).',
    CRITICIZE: 'Accuses, denounces or blames (PLOVER ACCUSE; CAMEO 111 criticize or denounce).',
    URGE: 'Calls on someone to act or to refrain (PLOVER REQUEST; CAMEO 10x demand, 02x appeal).',
    COMMIT: 'Agrees or pledges to act (PLOVER AGREE; CAMEO 03x express intent to cooperate, 057 sign agreement).',
    THREATEN: 'Warns of countermeasures (PLOVER THREATEN; CAMEO 13x threaten, 138 threaten with military force).',
  },
};

/** `statedOn` as a never-null sort key (an index on `(key, id)` serves the ordering and its cursors). */
export const statedOnKey = Prisma.sql`COALESCE(n."statedOn", '-infinity'::date)`;

export const positionModel = defineModel({
  name: 'Position',
  plural: 'positions',
  description:
    'A claim that holders (through the officials who voiced it) took a stance on a deployment or a topic, backed by evidence from one or more articles.',
  filterDescription: 'Conditions on positions. A position must meet every condition given; a list condition is met by any of its values.',
  table: 'Position',
  from: Prisma.sql`"Position" AS n`,
  columns: columnsOf('n', Prisma.PositionScalarFieldEnum),
  fields: {
    stance: field.enum(stanceEnum, {
      description: 'The kind of stance taken.',
      create: { description: 'The kind of stance taken.' },
      update: { description: 'The corrected stance.' },
    }),
    summary: field.text({
      description: 'A faithful paraphrase of what was said.',
      create: { description: 'A faithful paraphrase of what was said.' },
      update: { description: 'The new summary.' },
    }),
    topic: field.text({
      nullable: true,
      description: 'What the position is about when it is not a deployment, e.g. "Six Party Talks"; null when it is about a deployment.',
      create: { description: 'What it is about when not a deployment, e.g. "Six Party Talks". Give exactly one of deploymentId and topic.' },
      update: { description: 'The topic it is about; null when it is about a deployment instead (then give deploymentId).' },
    }),
    statedOn: field.day({
      nullable: true,
      notInFuture: true,
      description: 'The day the position was stated; null when the source gives no day.',
      create: { description: 'The day it was stated; not in the future.' },
      update: { description: 'The day it was stated; null clears it.' },
    }),
  },
  filters: {
    stances: {
      argument: { enumList: stanceEnum },
      description: 'Positions taking any of these stances.',
      where: (stances: string[]) => Prisma.sql`n.stance = ANY(CAST(${stances}::text[] AS "Stance"[]))`,
    },
    holders: {
      argument: 'strings',
      description: 'Positions held by any of these countries or organizations, named by ISO 3166-1 alpha-2 code ("CN"), acronym ("NATO") or ID.',
      where: async (holders: string[], { refs, argumentName }) =>
        linkedTo('PositionHolder', 'positionId', 'actorId', await refs.actorIds(holders, argumentName)),
    },
    speakers: {
      argument: 'ids',
      description: 'Positions voiced by any of these officials (their IDs).',
      where: (ids: string[], { argumentName }) => linkedTo('PositionSpeaker', 'positionId', 'officialId', idArguments(ids, 'Official', argumentName)),
    },
    deployments: {
      argument: 'ids',
      description: 'Positions about any of these deployments (their IDs).',
      where: (ids: string[], { argumentName }) => Prisma.sql`n."deploymentId" = ANY(${idArguments(ids, 'Deployment', argumentName)}::int[])`,
    },
    systems: {
      argument: 'strings',
      description: 'Positions about a deployment of any of these weapon systems, by short name in any case ("THAAD").',
      where: async (values: string[], { refs, argumentName }) => {
        const systems = await refs.systems(values, argumentName);
        return Prisma.sql`n."deploymentId" IN (SELECT d.id FROM "Deployment" AS d WHERE d.system = ANY(${systems}::text[]))`;
      },
    },
    topics: {
      argument: 'strings',
      description: 'Positions about any of these topics, in any case ("Six Party Talks").',
      where: (topics: string[]) => textIn(Prisma.sql`n.topic`, topics),
    },
    meetings: {
      argument: 'ids',
      description: 'Positions stated at any of these meetings (their IDs).',
      where: (ids: string[], { argumentName }) => Prisma.sql`n."meetingId" = ANY(${idArguments(ids, 'Meeting', argumentName)}::int[])`,
    },
    articles: {
      argument: 'ids',
      description: 'Positions reported (cited as evidence) by any of these articles (their IDs).',
      where: (ids: string[], { argumentName }) => linkedTo('Evidence', 'positionId', 'articleId', idArguments(ids, 'Article', argumentName)),
    },
    statedOn: {
      argument: 'dateRange',
      description: 'Positions stated on a day in this range; undated positions are left out.',
      where: (range: { from: Date | null; to: Date | null }) => rangeSql(Prisma.sql`n."statedOn"`, 'date', range, statedOnKey),
    },
    text: {
      argument: 'text',
      description:
        'Positions whose summary or topic matches these words (full-text, English stemming; "quotes" for a phrase, -word to exclude, or for either).',
      where: (text: string) => matchesText(Prisma.sql`n."searchVector"`, text),
    },
  },
  orders: {
    STATED_ON: {
      description: 'The day the position was stated; undated positions count as earlier than any dated one.',
      key: { sql: statedOnKey, type: 'date', accepts: acceptsDay },
    },
  },
  extras: (row) => ({ deploymentRowId: row.deploymentId as number | null, meetingRowId: row.meetingId as number | null }),
});

export type PositionRecord = RecordOf<typeof positionModel> & { deploymentRowId: number | null; meetingRowId: number | null };

/** How positions are read (with the row ids of their deployment and meeting). */
export const positionNodes = nodesOf(positionModel) as NodeSource<PositionRecord>;

export const positionIds: IdSource = { name: 'positions', table: 'Position', childColumn: 'id' };
// The short lists of a position that are plain lists in the schema, not connections.
export const positionSpeakerIds: IdSource = { name: 'position.speakers', table: 'PositionSpeaker', parentColumn: 'positionId', childColumn: 'officialId' };
export const positionHolderIds: IdSource = { name: 'position.holders', table: 'PositionHolder', parentColumn: 'positionId', childColumn: 'actorId' };
export const positionAddresseeIds: IdSource = { name: 'position.addressees', table: 'PositionAddressee', parentColumn: 'positionId', childColumn: 'actorId' };
export const positionEvidenceIds: IdSource = { name: 'position.evidence', table: 'Evidence', parentColumn: 'positionId', childColumn: 'id' };
export const heldPositionIds: IdSource = { name: 'actor.positions', table: 'PositionHolder', parentColumn: 'actorId', childColumn: 'positionId' };

// ---------------------------------------------------------------------------------------------
// Writes

/** What `positionCreate` takes besides the definition's fields. */
export interface PositionRelationsInput {
  holderIds: string[];
  evidence: EvidenceQuote[];
  deploymentId?: string | null;
  meetingId?: string | null;
  speakerIds?: string[] | null;
  addresseeIds?: string[] | null;
}

export interface PositionUpdateRelationsInput {
  id: string;
  expectedVersion?: number | null;
  deploymentId?: string | null;
  meetingId?: string | null;
  holderIds?: string[] | null;
  speakerIds?: string[] | null;
  addresseeIds?: string[] | null;
}

export interface PositionDeleteInputData {
  id: string;
  expectedVersion?: number | null;
}

type Input = Record<string, unknown>;

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const actorTypes = ['Country', 'Organization'] as const;
/** A Position row (as Prisma or the node source reads it) as its record. */
export const positionRecordOf = (row: object): PositionRecord => recordOf(positionModel, row as Record<string, unknown>) as PositionRecord;

/**
 * What identifies a position: its stance, its target (a deployment or a topic), the set of its
 * holders and the meeting where it was stated. One record per identity: positionCreate and
 * positionUpdate refuse a twin (DUPLICATE), the import adds its quotes to the one recorded, and an
 * import document may not declare two. `R` is how records are named: row ids in the database,
 * keys in a document.
 */
export interface PositionIdentity<R> {
  stance: string;
  deployment: R | null;
  topic: string | null;
  meeting: R | null;
  holders: readonly R[];
}

/** The identity as words, e.g. `OPPOSE on deployment thaad by CN+RU at no meeting`. */
export function describePositionIdentity(p: PositionIdentity<string | number>): string {
  const target = p.deployment !== null ? `deployment ${p.deployment}` : `topic "${p.topic}"`;
  return `${p.stance} on ${target} by ${[...p.holders].sort().join('+')} at ${p.meeting ?? 'no meeting'}`;
}

/** The recorded position with this identity (the first recorded), other than `except`; its holders are `p.holders` exactly. */
export async function findSamePosition(w: Write, p: PositionIdentity<number>, except?: number) {
  const holders = [...new Set(p.holders)];
  const candidates = await w.tx.position.findMany({
    where: {
      stance: p.stance as Prisma.PositionWhereInput['stance'],
      deploymentId: p.deployment,
      topic: p.topic,
      meetingId: p.meeting,
      holders: { every: { actorId: { in: holders } } },
      ...(except ? { id: { not: except } } : {}),
    },
    include: { holders: true },
    orderBy: { id: 'asc' },
  });
  return candidates.find((c) => c.holders.length === holders.length && holders.every((id) => c.holders.some((h) => h.actorId === id))) ?? null;
}

/** A position is about a deployment or a topic, exactly one: which rule a target breaks, or null. */
export function positionTargetProblem(hasDeployment: boolean, hasTopic: boolean): UserErrorCode.TARGET_REQUIRED | UserErrorCode.TARGET_CONFLICT | null {
  if (!hasDeployment && !hasTopic) return UserErrorCode.TARGET_REQUIRED;
  if (hasDeployment && hasTopic) return UserErrorCode.TARGET_CONFLICT;
  return null;
}

/** A speaker who speaks for someone (a country, an organization) speaks for one of the position's holders. */
export function speaksForAHolder<R>(speaksFor: readonly (R | null)[], isHolder: (actor: R) => boolean): boolean {
  const actors = speaksFor.filter((x): x is R => x !== null);
  return actors.length === 0 || actors.some(isHolder);
}

interface Identity {
  stance: string;
  deploymentId: number | null;
  topic: string | null;
  meetingId: number | null;
  holderIds: number[];
}

/** The rules every position keeps: a target, holders, speakers who speak for a holder, no twin. */
async function checkPosition(w: Write, p: Identity & { speakerIds: number[] }, except?: number): Promise<void> {
  const target = positionTargetProblem(p.deploymentId !== null, p.topic !== null);
  if (target === UserErrorCode.TARGET_REQUIRED)
    w.fail(['input', 'topic'], 'a position must be about a deployment or a topic: give deploymentId or topic', target);
  if (target === UserErrorCode.TARGET_CONFLICT) w.fail(['input', 'topic'], 'a position is about a deployment or a topic, not both', target);
  if (p.holderIds.length === 0) w.fail(['input', 'holderIds'], 'a position needs at least one holder', UserErrorCode.HOLDER_REQUIRED);
  const speakers = await w.tx.official.findMany({ where: { id: { in: p.speakerIds } } });
  for (const [i, id] of p.speakerIds.entries()) {
    const s = speakers.find((x) => x.id === id);
    if (!s) continue;
    if (!speaksForAHolder([s.countryId, s.organizationId], (actorId) => p.holderIds.includes(actorId))) {
      w.fail(['input', 'speakerIds', i], `${s.name} speaks for none of the holders`, UserErrorCode.SPEAKER_NOT_HOLDER);
    }
  }
  if (w.errors.length > 0) return;
  const twin = await findSamePosition(w, { stance: p.stance, deployment: p.deploymentId, topic: p.topic, meeting: p.meetingId, holders: p.holderIds }, except);
  if (twin) {
    w.fail(
      null,
      `the same position (stance, target, holders and meeting) is already recorded (${encodeGlobalId('Position', twin.id)}): add evidence to it instead (evidenceCreate)`,
      UserErrorCode.DUPLICATE,
    );
  }
}

/** Records a new position with its links (the caller has checked the values and logs the change). */
export function insertPosition(w: Write, data: Omit<Prisma.PositionUncheckedCreateInput, 'createdBy' | 'updatedBy'>) {
  return w.tx.position.create({ data: { ...data, ...createdBy(w.actor) } });
}

export async function createPosition(w: Write, input: PositionRelationsInput & Input): Promise<PositionRecord> {
  const values = checkedCreateValues(w, positionModel, input);
  const holderIds = sorted(await refIds(w, actorTypes, input.holderIds, ['input', 'holderIds']));
  const speakerIds = sorted(await refIds(w, 'Official', input.speakerIds ?? [], ['input', 'speakerIds']));
  const addresseeIds = sorted(await refIds(w, actorTypes, input.addresseeIds ?? [], ['input', 'addresseeIds']));
  const deploymentRef = await refId(w, 'Deployment', input.deploymentId, ['input', 'deploymentId']);
  const deploymentId = deploymentRef ?? null;
  const meetingId = (await refId(w, 'Meeting', input.meetingId, ['input', 'meetingId'])) ?? null;
  if (input.evidence.length === 0) w.fail(['input', 'evidence'], 'a position must cite at least one quote from an article', UserErrorCode.EVIDENCE_REQUIRED);
  const spans = await locateEvidenceInputs(w, input.evidence, ['input', 'evidence']);
  // A deployment ID that was given but unusable (already reported) still counts as a target here.
  const target = deploymentRef === undefined && input.deploymentId != null ? -1 : deploymentId;
  await checkPosition(w, { stance: values.stance as string, deploymentId: target, topic: values.topic ?? null, meetingId, holderIds, speakerIds });
  w.check();
  const row = await insertPosition(w, {
    ...(values as Required<typeof values>),
    deploymentId,
    meetingId,
    holders: { create: holderIds.map((actorId) => ({ actorId })) },
    speakers: { create: speakerIds.map((officialId) => ({ officialId })) },
    addressees: { create: addresseeIds.map((actorId) => ({ actorId })) },
    evidence: { create: spans.map((s) => ({ articleId: s.articleId, text: s.text, start: s.start, end: s.end, ...createdBy(w.actor) })) },
  });
  await w.log(ChangeAction.CREATE, 'Position', row.id, {
    ...snapshot(row),
    holders: holderIds,
    speakers: speakerIds,
    addressees: addresseeIds,
    evidence: spans,
  });
  return positionRecordOf(row);
}

export async function updatePosition(w: Write, input: PositionUpdateRelationsInput & Input): Promise<PositionRecord> {
  const id = rowIdOf(w, 'Position', input.id, ['input', 'id']);
  w.check();
  const found = await mustFind(
    w,
    () => w.tx.position.findUnique({ where: { id: id as number }, include: { holders: true, speakers: true, addressees: true } }),
    'position',
    ['input', 'id'],
  );
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, 'the position');
  const before = {
    ...found,
    holderIds: sorted(found.holders.map((h) => h.actorId)),
    speakerIds: sorted(found.speakers.map((s) => s.officialId)),
    addresseeIds: sorted(found.addressees.map((a) => a.actorId)),
  };
  const values = checkedUpdateValues(w, positionModel, input, found);
  const deploymentId = await refId(w, 'Deployment', input.deploymentId, ['input', 'deploymentId']);
  const meetingId = await refId(w, 'Meeting', input.meetingId, ['input', 'meetingId']);
  const next = {
    ...values,
    deploymentId: deploymentId === undefined ? found.deploymentId : deploymentId,
    meetingId: meetingId === undefined ? found.meetingId : meetingId,
    holderIds: input.holderIds == null ? before.holderIds : sorted(await refIds(w, actorTypes, input.holderIds, ['input', 'holderIds'])),
    speakerIds: input.speakerIds == null ? before.speakerIds : sorted(await refIds(w, 'Official', input.speakerIds, ['input', 'speakerIds'])),
    addresseeIds: input.addresseeIds == null ? before.addresseeIds : sorted(await refIds(w, actorTypes, input.addresseeIds, ['input', 'addresseeIds'])),
  };
  if (input.holderIds != null && input.holderIds.length === 0)
    w.fail(['input', 'holderIds'], 'a position needs at least one holder', UserErrorCode.HOLDER_REQUIRED);
  w.check();
  await checkPosition(w, { ...next, stance: next.stance as string, topic: next.topic ?? null }, found.id);
  w.check();
  const compared = [...updatableFieldsOf(positionModel), 'deploymentId', 'meetingId', 'holderIds', 'speakerIds', 'addresseeIds'] as Array<
    Extract<keyof typeof before, string>
  >;
  const changes = changesOf(before, { ...before, ...next }, compared);
  if (Object.keys(changes).length === 0) return positionRecordOf(found);
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
  const row = await w.tx.position.update({ where: { id: found.id }, data: { ...(columns as Prisma.PositionUncheckedUpdateInput), ...changedBy(w.actor) } });
  await w.log(ChangeAction.UPDATE, 'Position', found.id, { changes });
  return positionRecordOf(row);
}

export async function deletePosition(w: Write, input: PositionDeleteInputData): Promise<string> {
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
  await w.log(ChangeAction.DELETE, 'Position', found.id, {
    deleted: {
      ...snapshot(found),
      holders: found.holders.map((h) => h.actorId),
      speakers: found.speakers.map((s) => s.officialId),
      addressees: found.addressees.map((a) => a.actorId),
      evidence: found.evidence.map((e) => ({ id: e.id, articleId: e.articleId, text: e.text, start: e.start, end: e.end })),
    },
  });
  return encodeGlobalId('Position', found.id);
}
