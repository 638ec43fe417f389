/**
 * Position: a claim that holders took a stance on a deployment or a topic, backed by evidence.
 * Its definition, its relations' id sources, and its writes (the rules every position keeps).
 */
import { Prisma } from '../../generated/prisma/client.ts';
import { Attribution, Modality, Provenance, ReviewStatus, Stance } from '../../generated/prisma/enums.ts';
import type { IdSource, NodeSource } from '../../db/pages.ts';
import {
  changesOf,
  dayAndDateOf,
  type DeleteInputData,
  type MergeInputData,
  mustFind,
  pastDay,
  recordsToMerge,
  recordToChange,
  refId,
  refIds,
  requiredText,
  rowIdOf,
  snapshot,
} from '../checks.ts';
import { encodeGlobalId } from '../global-id.ts';
import { contains, dayAndDate, exactDayOf, overlaps, refines, type ReportedDate } from '../reported-date.ts';
import { acceptsDay, idArguments, linkedTo, matchesText, overlapSql } from '../listing.ts';
import {
  checkedCreateValues,
  checkedUpdateValues,
  columnValuesOf,
  defineModel,
  enumListFilter,
  field,
  ownTable,
  storedReportedDate,
  updatableFieldsOf,
  type EnumDefinition,
  type RecordOf,
} from '../model.ts';
import { nodesOf, recordOf } from '../model-listing.ts';
import { UserErrorCode } from '../user-errors.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../write.ts';
import { locateEvidenceInputs, type EvidenceQuote } from '../evidence-spans.ts';
import { topicsIn, topicsNamed } from './topic.ts';

export { Attribution, Modality, Provenance, ReviewStatus, Stance };

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

export const modalityEnum: EnumDefinition<Modality> = {
  name: 'Modality',
  description: "How the statement was made: asserted, or denied, hypothetical, conditional or an intention (after PLOVER's modes).",
  values: {
    ASSERTED: 'Said as a fact or a stance held ("China opposes").',
    NEGATED: 'Denied: the stance is said not to be held ("Japan does not oppose").',
    HYPOTHETICAL: 'Said of a situation that may not arise ("would respond if").',
    CONDITIONAL: 'Held on a condition stated with it ("will withdraw once").',
    INTENDED: 'An intention or a plan ("will", "would continue", "plans to").',
  },
};

export const attributionEnum: EnumDefinition<Attribution> = {
  name: 'Attribution',
  description: 'How the article attributes the statement to its source (after the PARC 3.0 attribution relations).',
  values: {
    DIRECT_QUOTE: "In the speaker's own words, in quotation marks.",
    PARAPHRASE: "In the article's words (indirect speech), the speaker named.",
    UNNAMED_SOURCE: 'To sources the article does not name ("sources said", "officials said").',
  },
};

export const provenanceEnum: EnumDefinition<Provenance> = {
  name: 'Provenance',
  description: 'How a position entered the graph.',
  values: {
    MANUAL: 'Recorded by an editor (positionCreate, or split from another by positionSplit by hand).',
    IMPORTED: 'Recorded by an article import (articleImport, npm run import, the seed).',
    EXTRACTED: 'Proposed by automatic extraction from an article body.',
  },
};

export const reviewStatusEnum: EnumDefinition<ReviewStatus> = {
  name: 'ReviewStatus',
  description: 'Where a position stands in the review queue: automatic extraction proposes positions, an editor accepts or rejects each.',
  values: {
    PROPOSED: 'Proposed by extraction and not yet reviewed; left out of lists unless a filter asks for it.',
    ACCEPTED: 'Part of the graph: recorded by hand or by an import, or a proposal an editor accepted.',
    REJECTED: 'A proposal an editor rejected; kept for the record, left out of lists unless a filter asks for it.',
  },
};

/** The positions every list leaves out unless its filter names review statuses. */
const underReview = Prisma.sql`n."reviewStatus" <> 'ACCEPTED'`;

/**
 * When a position was stated as a never-null sort key: the first day its date may mean, so that a
 * coarser date comes at its start ("2016-07" on 1 July); an index on `(key, id)` serves the
 * ordering and its cursors.
 */
export const statedOnKey = Prisma.sql`COALESCE(n."statedFrom", '-infinity'::date)`;

export const positionModel = defineModel({
  name: 'Position',
  plural: 'positions',
  description:
    'A claim that holders (through the officials who voiced it) took a stance on a deployment or a topic, backed by evidence from one or more articles.',
  filterDescription: 'Conditions on positions. A position must meet every condition given; a list condition is met by any of its values.',
  ...ownTable('Position', Prisma.PositionScalarFieldEnum),
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
      description:
        'The name of the (first) topic the position is about when not only deployments, e.g. "Six Party Talks"; null when it is about deployments only (see topics).',
      create: {
        description: 'A topic it is about, e.g. "Six Party Talks" (found by name or alias, recorded when new). Give at least one deployment or topic.',
      },
      update: { description: 'The topic it is about: replaces its topics (with topics, if given); null leaves it about deployments only.' },
    }),
    statedOn: field.day({
      nullable: true,
      notInFuture: true,
      description: 'The day the position was stated; null when the source gives no day, or a coarser or approximate date (see statedIn).',
      create: { description: 'The day it was stated; not in the future. For a coarser date, give statedIn instead.' },
      update: { description: 'The day it was stated; null clears it (and statedIn).' },
    }),
    statedIn: field.reportedDate({
      column: 'stated',
      notInFuture: true,
      description:
        'When it was stated, at the precision the report gives: a year, a month or a day, approximate or not, or a span; null when the report does not say. When it names one day exactly, statedOn is that day.',
      create: { description: 'When it was stated, at the precision the report gives ("2016", "2016-07", "2016-07-28", "2016-07~"); not in the future.' },
      update: { description: 'When it was stated; null clears it (and statedOn).' },
      import: {
        description:
          'When it was stated, at the precision the article gives: "2016", "2016-07", "2016-07-28", followed by "~" when approximate, or an interval "2016-07-28/2016-07-29"; null when the article does not say. A day may be given as statedOn instead; when both are given, they must agree.',
        api: 'When it was stated, at the precision the article gives ("2016-07", "2016-07-28", "2016~").',
      },
    }),
    modality: field.enum(modalityEnum, {
      default: 'ASSERTED',
      description: 'How the statement was made: asserted, denied, hypothetical, conditional or an intention.',
      create: { description: 'How it was made; ASSERTED unless the article says otherwise.' },
      update: { description: 'The corrected modality.' },
      import: {
        description: 'How it was made: ASSERTED (the default), NEGATED, HYPOTHETICAL, CONDITIONAL or INTENDED.',
        api: 'How it was made; ASSERTED when left out.',
      },
    }),
    attribution: field.enum(attributionEnum, {
      nullable: true,
      description: 'How the article attributes it: a direct quote, a paraphrase, or unnamed sources; null when not recorded.',
      create: { description: 'How the article attributes it; null when not recorded.' },
      update: { description: 'The corrected attribution; null clears it.' },
      import: {
        description: 'How the article attributes it: DIRECT_QUOTE, PARAPHRASE or UNNAMED_SOURCE; null when not recorded.',
        api: 'How the article attributes it.',
      },
    }),
    provenance: field.enum(provenanceEnum, {
      description: 'How it entered the graph: by hand, by an article import, or by automatic extraction.',
      import: {
        description:
          'IMPORTED (the default: a person wrote it down) or EXTRACTED (proposed by npm run extract or articleExtract: recorded as PROPOSED, for an editor to accept or reject).',
        api: 'IMPORTED when left out; EXTRACTED records it as a proposal (reviewStatus PROPOSED) for an editor to accept or reject.',
      },
    }),
    confidence: field.number({
      nullable: true,
      range: [0, 1],
      description: 'How sure automatic extraction was of it, from 0 to 1; null for positions recorded by hand or imported.',
      import: {
        description: 'How sure the extraction was of it, from 0 to 1; only with provenance EXTRACTED, null otherwise.',
        api: 'How sure the extraction was of it, from 0 to 1 (only with provenance EXTRACTED).',
      },
    }),
    reviewStatus: field.enum(reviewStatusEnum, {
      default: 'ACCEPTED',
      description:
        'PROPOSED for a proposal of automatic extraction not yet reviewed, then ACCEPTED or REJECTED by an editor (positionAccept, positionReject); ACCEPTED for every other position.',
    }),
  },
  hiddenByDefault: { filter: 'reviewStatuses', condition: underReview },
  filters: {
    stances: enumListFilter(stanceEnum, Prisma.sql`n.stance`, 'Positions taking any of these stances.'),
    modalities: enumListFilter(
      modalityEnum,
      Prisma.sql`n.modality`,
      'Positions made in any of these modalities (ASSERTED leaves out denials, hypotheticals, conditions and intentions).',
    ),
    attributions: enumListFilter(
      attributionEnum,
      Prisma.sql`n.attribution`,
      'Positions attributed in any of these ways (positions with no attribution recorded are left out).',
    ),
    provenances: enumListFilter(provenanceEnum, Prisma.sql`n.provenance`, 'Positions that entered the graph in any of these ways.'),
    reviewStatuses: enumListFilter(
      reviewStatusEnum,
      Prisma.sql`n."reviewStatus"`,
      'Positions in any of these review statuses. Left out, lists show ACCEPTED positions only: the proposals of automatic extraction appear once an editor accepts them.',
    ),
    holders: {
      argument: 'strings',
      description:
        'Positions held by any of these countries or organizations, named by ISO 3166-1 alpha-2 code ("CN"), acronym ("NATO"), name or alias ("Russia", "Beijing") or ID.',
      where: async (holders: string[], { refs, argumentName }) =>
        linkedTo('PositionHolder', 'positionId', 'actorId', await refs.actorIds(holders, argumentName)),
    },
    speakers: {
      argument: 'ids',
      description: 'Positions voiced by any of these officials, by ID, name or alias ("Kong Xuanyou", "Morgulov").',
      where: async (values: string[], { refs, argumentName }) =>
        linkedTo('PositionSpeaker', 'positionId', 'officialId', await refs.officialIds(values, argumentName)),
    },
    deployments: {
      argument: 'ids',
      description: 'Positions about any of these deployments (their IDs), among the others they are about.',
      where: (ids: string[], { argumentName }) => linkedTo('PositionDeployment', 'positionId', 'deploymentId', idArguments(ids, 'Deployment', argumentName)),
    },
    systems: {
      argument: 'strings',
      description: 'Positions about a deployment of any of these weapon systems, by short name in any case ("THAAD").',
      where: async (values: string[], { refs, argumentName }) => {
        const systems = await refs.systems(values, argumentName);
        return Prisma.sql`EXISTS (SELECT 1 FROM "PositionDeployment" AS pd JOIN "Deployment" AS d ON d.id = pd."deploymentId" WHERE pd."positionId" = n.id AND d.system = ANY(${systems}::text[]))`;
      },
    },
    topics: {
      argument: 'strings',
      description: 'Positions about any of these topics, by name or alias in any case ("Six Party Talks") or ID.',
      where: async (values: string[], { refs, argumentName }) => linkedTo('PositionTopic', 'positionId', 'topicId', await refs.topicIds(values, argumentName)),
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
      description:
        'Positions that may have been stated on a day of this range: a day in it, or a coarser date overlapping it (a month-precise date matches every range that shares a day with its month); undated positions are left out.',
      where: (range: { from: Date | null; to: Date | null }) => overlapSql(Prisma.sql`n."statedFrom"`, Prisma.sql`n."statedUntil"`, range, statedOnKey),
    },
    text: {
      argument: 'text',
      description:
        'Positions whose summary or topic matches these words (full-text, English stemming, British and American spellings alike; "quotes" for a phrase, -word to exclude, or for either).',
      where: (text: string) => matchesText(Prisma.sql`n."searchVector"`, text),
    },
  },
  orders: {
    STATED_ON: {
      description:
        'When the position was stated (statedIn): a coarser date comes at its first day ("2016-07" on 1 July, before 2 July); undated positions count as earlier than any dated one.',
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
export const positionDeploymentIds: IdSource = {
  name: 'position.deployments',
  table: 'PositionDeployment',
  parentColumn: 'positionId',
  childColumn: 'deploymentId',
};
export const positionTopicIds: IdSource = { name: 'position.topics', table: 'PositionTopic', parentColumn: 'positionId', childColumn: 'topicId' };
export const positionEvidenceIds: IdSource = { name: 'position.evidence', table: 'Evidence', parentColumn: 'positionId', childColumn: 'id' };
export const heldPositionIds: IdSource = {
  name: 'actor.positions',
  table: 'PositionHolder',
  parentColumn: 'actorId',
  childColumn: 'positionId',
  onePerPair: true,
};

// ---------------------------------------------------------------------------------------------
// Writes

/** What `positionCreate` takes besides the definition's fields. */
export interface PositionRelationsInput {
  holderIds: string[];
  evidence: EvidenceQuote[];
  deploymentId?: string | null;
  deploymentIds?: string[] | null;
  topics?: string[] | null;
  meetingId?: string | null;
  speakerIds?: string[] | null;
  addresseeIds?: string[] | null;
}

export interface PositionUpdateRelationsInput {
  id: string;
  expectedVersion?: number | null;
  deploymentId?: string | null;
  deploymentIds?: string[] | null;
  topics?: string[] | null;
  meetingId?: string | null;
  holderIds?: string[] | null;
  speakerIds?: string[] | null;
  addresseeIds?: string[] | null;
}

type Input = Record<string, unknown>;

/** Countries and organizations (rows of Actor) by their global IDs, for the change log. */
async function actorGlobalIds(w: Write, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const kinds = new Map((await w.tx.actor.findMany({ where: { id: { in: [...ids] } }, select: { id: true, kind: true } })).map((a) => [a.id, a.kind]));
  return ids.map((id) => encodeGlobalId(kinds.get(id) === 'ORGANIZATION' ? 'Organization' : 'Country', id));
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const actorTypes = ['Country', 'Organization'] as const;
/** A Position row (as Prisma or the node source reads it) as its record. */
export const positionRecordOf = (row: object): PositionRecord => recordOf(positionModel, row as Record<string, unknown>) as PositionRecord;

/**
 * What a position is about and who holds it: its stance and modality, its target (a deployment or a topic),
 * the set of its holders and the meeting where it was stated. Reports that agree on it may still
 * be different statements: see `sameOccasion`. `R` is how records are named: row ids in the
 * database, keys in a document.
 */
export interface PositionIdentity<R> {
  stance: string;
  /** Modality: a denial of a stance is not the stance. */
  modality: string;
  /** Every deployment it is about. */
  deployments: readonly R[];
  /** Every topic it is about, by name (compared in any case). */
  topics: readonly string[];
  meeting: R | null;
  holders: readonly R[];
}

/** The identity as words, e.g. `OPPOSE on deployment thaad by CN+RU at no meeting`, `NEGATED OPPOSE on …`. */
export function describePositionIdentity(p: PositionIdentity<string | number>): string {
  const targets = [...[...p.deployments].sort().map((d) => `deployment ${d}`), ...[...p.topics].sort().map((t) => `topic "${t}"`)];
  const modality = p.modality === 'ASSERTED' ? '' : `${p.modality} `;
  return `${modality}${p.stance} on ${targets.join(' and ')} by ${[...p.holders].sort().join('+')} at ${p.meeting ?? 'no meeting'}`;
}

/** Whether two lists hold the same values, in any order (names of topics in any case). */
export function sameTargets<T extends string | number>(a: readonly T[], b: readonly T[]): boolean {
  const key = (v: T) => (typeof v === 'string' ? v.toLowerCase() : v);
  const left = new Set(a.map(key));
  const right = new Set(b.map(key));
  return left.size === right.size && [...left].every((v) => right.has(v));
}

/** When and by whom a report says a position was stated. */
export interface StatementOccasion<R> {
  meeting: R | null;
  statedIn: ReportedDate | null;
  speakers: readonly R[];
}

/** Dates that cannot mean the same day set two reports apart (approximate dates set nothing apart). */
const datesApart = (a: ReportedDate | null, b: ReportedDate | null) => a !== null && b !== null && !a.approximate && !b.approximate && !overlaps(a, b);
/** Dates that are the same at the precision both know (the coarser one holds the finer) place two reports together. */
const sameDate = (a: ReportedDate | null, b: ReportedDate | null) =>
  a !== null && b !== null && !a.approximate && !b.approximate && (contains(a, b) || contains(b, a));

/** The fields of a statement's day and of its date at any precision. */
const statementNames = { day: 'statedOn', date: 'statedIn' };

/** statedOn and statedIn of an input as one value (dayAndDate). */
export const statementDate = (statedOn: Date | null | undefined, statedIn: ReportedDate | null | undefined) => dayAndDate(statedOn, statedIn, statementNames);

/**
 * Whether two reports of the same identity (stance, target, holders, meeting) report one statement,
 * so that the later corroborates the earlier instead of being recorded apart. Nothing may set them
 * apart (dates that cannot mean the same day; speakers of whom neither names anyone the other
 * names), and something must place both on the same occasion: the same meeting, the same date at
 * the precision both know ("2017-03" and "2017-03-07"; never an approximate one), or the same article (one
 * article's report of an identity is one statement). Otherwise they stay two positions: a
 * statement a report cannot place is its own, and no report takes over the date or speakers
 * that another article gave an earlier statement.
 */
export function sameOccasion<R>(a: StatementOccasion<R>, b: StatementOccasion<R>, sameArticle: boolean): boolean {
  if (a.meeting !== b.meeting) return false;
  if (datesApart(a.statedIn, b.statedIn)) return false;
  if (a.speakers.length > 0 && b.speakers.length > 0 && !a.speakers.some((speaker) => b.speakers.includes(speaker))) return false;
  return sameArticle || a.meeting !== null || sameDate(a.statedIn, b.statedIn);
}

/**
 * The recorded position (the first recorded, other than `except`, in one of `reviewStatuses`) that a
 * report of `p`, stated on `occasion` and cited from `articleIds`, is a report of: the same identity,
 * its holders exactly `p.holders`, and the same occasion (`sameOccasion`).
 */
export async function findSamePosition(
  w: Write,
  p: PositionIdentity<number>,
  occasion: Omit<StatementOccasion<number>, 'meeting'> & { articleIds: readonly number[] },
  except?: number,
  // Proposals under review are not the graph's statements: only an extraction compares with them.
  reviewStatuses: readonly ReviewStatus[] = ['ACCEPTED'],
) {
  const holders = [...new Set(p.holders)];
  const candidates = await w.tx.position.findMany({
    where: {
      reviewStatus: { in: [...reviewStatuses] },
      stance: p.stance as Prisma.PositionWhereInput['stance'],
      modality: p.modality as Prisma.PositionWhereInput['modality'],
      meetingId: p.meeting,
      holders: { every: { actorId: { in: holders } } },
      // Selective on the targets (an index each), the sets compared exactly below.
      targetDeployments: p.deployments.length > 0 ? { some: { deploymentId: { in: [...p.deployments] } } } : { none: {} },
      targetTopics: p.topics.length > 0 ? { some: { topic: { name: { in: [...p.topics], mode: 'insensitive' } } } } : { none: {} },
      ...(except ? { id: { not: except } } : {}),
    },
    include: {
      holders: true,
      speakers: true,
      evidence: { select: { articleId: true } },
      targetDeployments: true,
      targetTopics: { include: { topic: { select: { name: true } } } },
    },
    orderBy: { id: 'asc' },
  });
  const report = { meeting: p.meeting, statedIn: occasion.statedIn, speakers: occasion.speakers };
  return (
    candidates.find(
      (c) =>
        c.holders.length === holders.length &&
        holders.every((id) => c.holders.some((h) => h.actorId === id)) &&
        sameTargets(
          c.targetDeployments.map((t) => t.deploymentId),
          p.deployments,
        ) &&
        sameTargets(
          c.targetTopics.map((t) => t.topic.name),
          p.topics,
        ) &&
        sameOccasion(
          { meeting: c.meetingId, statedIn: storedReportedDate(c, 'stated'), speakers: c.speakers.map((s) => s.officialId) },
          report,
          c.evidence.some((e) => occasion.articleIds.includes(e.articleId)),
        ),
    ) ?? null
  );
}

/** A position is about one or more deployments and topics, at least one: TARGET_REQUIRED when it has none, else null. */
export function positionTargetProblem(deployments: number, topics: number): UserErrorCode.TARGET_REQUIRED | null {
  return deployments + topics === 0 ? UserErrorCode.TARGET_REQUIRED : null;
}

/** A speaker who speaks for someone (a country, an organization) speaks for one of the position's holders. */
export function speaksForAHolder<R>(speaksFor: readonly (R | null)[], isHolder: (actor: R) => boolean): boolean {
  const actors = speaksFor.filter((x): x is R => x !== null);
  return actors.length === 0 || actors.some(isHolder);
}

interface Identity {
  stance: string;
  modality: string;
  deploymentIds: number[];
  topicNames: string[];
  meetingId: number | null;
  holderIds: number[];
}

/**
 * The rules every position keeps: a target, holders, speakers who speak for a holder, and no twin
 * (another position of the same identity on the same occasion, `sameOccasion`, reported by the
 * articles `articleIds`).
 */
async function checkPosition(
  w: Write,
  p: Identity & { speakerIds: number[]; statedIn: ReportedDate | null; articleIds: readonly number[] },
  except?: number,
): Promise<void> {
  const target = positionTargetProblem(p.deploymentIds.length, p.topicNames.length);
  if (target) w.fail(['input', 'topic'], 'a position must be about a deployment or a topic: give deploymentId or topic (or deploymentIds, topics)', target);
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
  const twin = await findSamePosition(
    w,
    { stance: p.stance, modality: p.modality, deployments: p.deploymentIds, topics: p.topicNames, meeting: p.meetingId, holders: p.holderIds },
    { statedIn: p.statedIn, speakers: p.speakerIds, articleIds: p.articleIds },
    except,
  );
  if (twin) {
    w.fail(
      null,
      `the same statement (stance, modality, targets, holders, on the same occasion) is already recorded (${encodeGlobalId('Position', twin.id)}): add evidence to it instead (evidenceCreate), or merge the two (positionMerge)`,
      UserErrorCode.DUPLICATE,
    );
  }
}

/** Records a new position with its links (the caller has checked the values and logs the change). */
export function insertPosition(w: Write, data: Omit<Prisma.PositionUncheckedCreateInput, 'createdBy' | 'updatedBy'>) {
  return w.tx.position.create({ data: { ...data, ...createdBy(w.actor) } });
}

/** A write's statedOn and statedIn, one from the other (dayAndDateOf). */
function datesOf(w: Write, input: Input, current: { statedOn: Date | null; statedIn: ReportedDate | null }) {
  const dates = dayAndDateOf(w, input, statementNames, { day: current.statedOn, date: current.statedIn });
  return { statedOn: dates.day, statedIn: dates.date };
}

const unique = <T>(values: readonly T[]) => [...new Set(values)];

/** The topics of these wordings (found by name or alias, or recorded), once each, in order. */
async function topicsFor(w: Write, wordings: ReadonlyArray<string | null>): Promise<Array<{ id: number; name: string }>> {
  const given = wordings.filter((wording): wording is string => wording !== null && wording.trim() !== '');
  return topicsIn(await topicsNamed(w, given), given);
}

/** A position's targets as its columns (the first deployment and topic) and its target rows (all of them). */
export function targetColumns(deploymentIds: readonly number[], topics: ReadonlyArray<{ id: number; name: string }>) {
  return {
    deploymentId: deploymentIds[0] ?? null,
    topicId: topics[0]?.id ?? null,
    topic: topics[0]?.name ?? null,
    targetDeployments: { create: deploymentIds.map((deploymentId) => ({ deploymentId })) },
    targetTopics: { create: topics.map((t) => ({ topicId: t.id })) },
  };
}

export async function createPosition(w: Write, input: PositionRelationsInput & Input): Promise<PositionRecord> {
  const values = { ...checkedCreateValues(w, positionModel, input) };
  Object.assign(values, datesOf(w, input, { statedOn: null, statedIn: null }));
  const topics = await topicsFor(w, [values.topic ?? null, ...(input.topics ?? [])]);
  values.topic = topics[0]?.name ?? null;
  const holderIds = sorted(await refIds(w, actorTypes, input.holderIds, ['input', 'holderIds']));
  const speakerIds = sorted(await refIds(w, 'Official', input.speakerIds ?? [], ['input', 'speakerIds']));
  const addresseeIds = sorted(await refIds(w, actorTypes, input.addresseeIds ?? [], ['input', 'addresseeIds']));
  const deploymentRef = await refId(w, 'Deployment', input.deploymentId, ['input', 'deploymentId']);
  const deploymentIds = unique([
    ...(deploymentRef != null ? [deploymentRef] : []),
    ...(await refIds(w, 'Deployment', input.deploymentIds ?? [], ['input', 'deploymentIds'])),
  ]);
  const meetingId = (await refId(w, 'Meeting', input.meetingId, ['input', 'meetingId'])) ?? null;
  if (input.evidence.length === 0) w.fail(['input', 'evidence'], 'a position must cite at least one quote from an article', UserErrorCode.EVIDENCE_REQUIRED);
  const spans = await locateEvidenceInputs(w, input.evidence, ['input', 'evidence']);
  // A deployment ID that was given but unusable (already reported) still counts as a target here.
  const unusable = deploymentRef === undefined && input.deploymentId != null ? [-1] : [];
  await checkPosition(w, {
    stance: values.stance as string,
    modality: values.modality as string,
    deploymentIds: [...deploymentIds, ...unusable],
    topicNames: topics.map((t) => t.name),
    meetingId,
    holderIds,
    speakerIds,
    statedIn: values.statedIn ?? null,
    articleIds: spans.map((span) => span.articleId),
  });
  w.check();
  const row = await insertPosition(w, {
    ...(columnValuesOf(positionModel, values) as Pick<Prisma.PositionUncheckedCreateInput, 'stance' | 'summary'>),
    ...targetColumns(deploymentIds, topics),
    meetingId,
    holders: { create: holderIds.map((actorId) => ({ actorId })) },
    speakers: { create: speakerIds.map((officialId) => ({ officialId })) },
    addressees: { create: addresseeIds.map((actorId) => ({ actorId })) },
    evidence: { create: spans.map((s) => ({ articleId: s.articleId, text: s.text, start: s.start, end: s.end, ...createdBy(w.actor) })) },
  });
  await w.log(ChangeAction.CREATE, 'Position', row.id, {
    ...snapshot(row),
    holders: await actorGlobalIds(w, holderIds),
    speakers: speakerIds.map((officialId) => encodeGlobalId('Official', officialId)),
    addressees: await actorGlobalIds(w, addresseeIds),
    evidence: spans.map((span) => snapshot(span)),
  });
  return positionRecordOf(row);
}

export async function updatePosition(w: Write, input: PositionUpdateRelationsInput & Input): Promise<PositionRecord> {
  const found = await recordToChange(w, 'Position', input, {
    find: (id) =>
      w.tx.position.findUnique({
        where: { id },
        include: {
          holders: true,
          speakers: true,
          addressees: true,
          evidence: { select: { articleId: true } },
          targetDeployments: true,
          targetTopics: { include: { topic: { select: { id: true, name: true } } } },
        },
      }),
    label: 'the position',
  });
  const before = {
    ...found,
    statedIn: storedReportedDate(found, 'stated'),
    holderIds: sorted(found.holders.map((h) => h.actorId)),
    speakerIds: sorted(found.speakers.map((s) => s.officialId)),
    addresseeIds: sorted(found.addressees.map((a) => a.actorId)),
    // The first target first, as the columns say.
    deploymentIds: [...found.targetDeployments.map((t) => t.deploymentId)].sort((a, b) =>
      a === found.deploymentId ? -1 : b === found.deploymentId ? 1 : a - b,
    ),
    topicNames: [...found.targetTopics.map((t) => t.topic.name)].sort((a, b) => (a === found.topic ? -1 : b === found.topic ? 1 : a.localeCompare(b))),
  };
  const values = { ...checkedUpdateValues(w, positionModel, input, found) };
  Object.assign(values, datesOf(w, input, { statedOn: found.statedOn, statedIn: before.statedIn }));
  // A target given replaces the targets of its kind: deploymentId (or null) and deploymentIds, topic and topics.
  const topics =
    input.topic === undefined && input.topics == null
      ? found.targetTopics.map((t) => t.topic).sort((a, b) => (a.id === found.topicId ? -1 : b.id === found.topicId ? 1 : a.id - b.id))
      : await topicsFor(w, [input.topic === undefined ? null : (values.topic ?? null), ...(input.topics ?? [])]);
  values.topic = topics[0]?.name ?? null;
  const deploymentRef = await refId(w, 'Deployment', input.deploymentId, ['input', 'deploymentId']);
  const deploymentIds =
    input.deploymentId === undefined && input.deploymentIds == null
      ? before.deploymentIds
      : unique([...(deploymentRef != null ? [deploymentRef] : []), ...(await refIds(w, 'Deployment', input.deploymentIds ?? [], ['input', 'deploymentIds']))]);
  const meetingId = await refId(w, 'Meeting', input.meetingId, ['input', 'meetingId']);
  const next = {
    ...values,
    deploymentIds,
    topicNames: topics.map((t) => t.name),
    meetingId: meetingId === undefined ? found.meetingId : meetingId,
    holderIds: input.holderIds == null ? before.holderIds : sorted(await refIds(w, actorTypes, input.holderIds, ['input', 'holderIds'])),
    speakerIds: input.speakerIds == null ? before.speakerIds : sorted(await refIds(w, 'Official', input.speakerIds, ['input', 'speakerIds'])),
    addresseeIds: input.addresseeIds == null ? before.addresseeIds : sorted(await refIds(w, actorTypes, input.addresseeIds, ['input', 'addresseeIds'])),
  };
  if (input.holderIds != null && input.holderIds.length === 0)
    w.fail(['input', 'holderIds'], 'a position needs at least one holder', UserErrorCode.HOLDER_REQUIRED);
  w.check();
  await checkPosition(
    w,
    {
      ...next,
      stance: next.stance as string,
      modality: next.modality as string,
      statedIn: next.statedIn ?? null,
      articleIds: found.evidence.map((e) => e.articleId),
    },
    found.id,
  );
  w.check();
  const compared = [...updatableFieldsOf(positionModel), 'deploymentIds', 'topicNames', 'meetingId', 'holderIds', 'speakerIds', 'addresseeIds'] as Array<
    Extract<keyof typeof before, string>
  >;
  const changes = changesOf(before, { ...before, ...next }, compared);
  if (Object.keys(changes).length === 0) return positionRecordOf(found);
  const { holderIds, speakerIds, addresseeIds, deploymentIds: _deployments, topicNames: _topics, ...columns } = next;
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
  const { targetDeployments, targetTopics, ...targets } = targetColumns(deploymentIds, topics);
  if (changes.deploymentIds || changes.topicNames) {
    await w.tx.positionDeployment.deleteMany({ where: { positionId: found.id } });
    await w.tx.positionTopic.deleteMany({ where: { positionId: found.id } });
  }
  const row = await w.tx.position.update({
    where: { id: found.id },
    data: {
      ...(columnValuesOf(positionModel, columns) as Prisma.PositionUncheckedUpdateInput),
      ...targets,
      ...(changes.deploymentIds || changes.topicNames ? { targetDeployments, targetTopics } : {}),
      ...changedBy(w.actor),
    },
  });
  await w.log(ChangeAction.UPDATE, 'Position', found.id, { changes });
  return positionRecordOf(row);
}

/** A position with everything it links to, as writes that move or log all of it read it. */
const positionWithLinks = {
  holders: true,
  speakers: true,
  addressees: true,
  evidence: true,
  targetDeployments: true,
  targetTopics: { include: { topic: { select: { id: true, name: true } } } },
} as const;
type PositionWithLinks = Prisma.PositionGetPayload<{ include: typeof positionWithLinks }>;

export async function deletePosition(w: Write, input: DeleteInputData): Promise<string> {
  const found = await recordToChange(w, 'Position', input, {
    find: (id) => w.tx.position.findUnique({ where: { id }, include: positionWithLinks }),
    label: 'the position',
  });
  w.check();
  await w.tx.position.delete({ where: { id: found.id } });
  await w.log(ChangeAction.DELETE, 'Position', found.id, { deleted: await positionDetails(w, found) });
  return encodeGlobalId('Position', found.id);
}

/** What positionAccept and positionReject take. */
export interface PositionReviewInputData {
  id: string;
  expectedVersion?: number | null;
}

/**
 * An editor's decision on a proposal of automatic extraction: ACCEPTED makes it part of the graph
 * (lists show it), REJECTED keeps it for the record, out of lists. A decision may be changed; a
 * position recorded by hand or by an import is no proposal (NOT_A_PROPOSAL). Logged as an update
 * of its reviewStatus.
 */
export async function reviewPosition(w: Write, input: PositionReviewInputData, decision: 'ACCEPTED' | 'REJECTED'): Promise<PositionRecord> {
  const found = await recordToChange(w, 'Position', input, { find: (id) => w.tx.position.findUnique({ where: { id } }), label: 'the position' });
  if (found.provenance !== 'EXTRACTED')
    w.fail(
      ['input', 'id'],
      `the position was recorded ${found.provenance === 'MANUAL' ? 'by hand' : 'by an import'}: only proposals of extraction are reviewed`,
      UserErrorCode.NOT_A_PROPOSAL,
    );
  w.check();
  if (found.reviewStatus === decision) return positionRecordOf(found);
  const row = await w.tx.position.update({ where: { id: found.id }, data: { reviewStatus: decision, ...changedBy(w.actor) } });
  await w.log(ChangeAction.UPDATE, 'Position', found.id, { changes: changesOf(found, row, ['reviewStatus']) });
  return positionRecordOf(row);
}

/** A position as its change-log entries show it: its columns, and its links by global ID. */
async function positionDetails(w: Write, p: PositionWithLinks) {
  return {
    ...snapshot(p),
    holders: await actorGlobalIds(
      w,
      p.holders.map((h) => h.actorId),
    ),
    speakers: p.speakers.map((s) => encodeGlobalId('Official', s.officialId)),
    addressees: await actorGlobalIds(
      w,
      p.addressees.map((a) => a.actorId),
    ),
    evidence: p.evidence.map((e) => ({
      id: encodeGlobalId('Evidence', e.id),
      ...snapshot({ articleId: e.articleId, text: e.text, start: e.start, end: e.end }),
    })),
  };
}

const spanKey = (e: { articleId: number; start: number; end: number }) => `${e.articleId}:${e.start}:${e.end}`;

/**
 * Joins two positions an editor finds to be one statement (the import keeps reports apart when it
 * cannot tell): the duplicate's quotes, speakers and addressees move to the kept position, which
 * takes the duplicate's day or meeting where it has none, and the duplicate is deleted. Refused
 * when they cannot be one statement: another stance, target or holders, or two different days or
 * meetings (correct one of them first with positionUpdate). Logged on both.
 */
export async function mergePositions(w: Write, input: MergeInputData): Promise<{ kept: PositionRecord; deletedId: string }> {
  const { keep: k, duplicate: d } = await recordsToMerge(w, 'Position', input, (id) => w.tx.position.findUnique({ where: { id }, include: positionWithLinks }));
  const apart = (what: string) =>
    w.fail(
      ['input', 'duplicateId'],
      `the duplicate ${what}: it is not the same statement (correct one of them first with positionUpdate)`,
      UserErrorCode.CONFLICT,
    );
  if (k.stance !== d.stance) apart(`takes another stance (${d.stance}, not ${k.stance})`);
  if (k.modality !== d.modality) apart(`is made in another modality (${d.modality}, not ${k.modality})`);
  const deploymentsOf = (p: PositionWithLinks) => p.targetDeployments.map((t) => t.deploymentId);
  const topicsOf = (p: PositionWithLinks) => p.targetTopics.map((t) => t.topic.name);
  if (!sameTargets(deploymentsOf(k), deploymentsOf(d)) || !sameTargets(topicsOf(k), topicsOf(d))) apart('is about other deployments or topics');
  const holders = (p: PositionWithLinks) => sorted(p.holders.map((h) => h.actorId)).join();
  if (holders(k) !== holders(d)) apart('has other holders');
  if (k.meetingId !== null && d.meetingId !== null && k.meetingId !== d.meetingId) apart('was stated at another meeting');
  const keptDate = storedReportedDate(k, 'stated');
  const duplicateDate = storedReportedDate(d, 'stated');
  if (keptDate !== null && duplicateDate !== null && !overlaps(keptDate, duplicateDate))
    apart(`was stated on another day (${duplicateDate.text}, not ${keptDate.text})`);
  w.check();

  const touch = changedBy(w.actor);
  // A span the kept position already cites goes with the duplicate; the others move.
  const kept = new Set(k.evidence.map(spanKey));
  const moved = d.evidence.filter((e) => !kept.has(spanKey(e)));
  if (moved.length) await w.tx.evidence.updateMany({ where: { id: { in: moved.map((e) => e.id) } }, data: { positionId: k.id, ...touch } });
  const speakers = d.speakers.filter((s) => !k.speakers.some((x) => x.officialId === s.officialId)).map((s) => s.officialId);
  if (speakers.length) await w.tx.positionSpeaker.createMany({ data: speakers.map((officialId) => ({ positionId: k.id, officialId })) });
  const addressees = d.addressees.filter((a) => !k.addressees.some((x) => x.actorId === a.actorId)).map((a) => a.actorId);
  if (addressees.length) await w.tx.positionAddressee.createMany({ data: addressees.map((actorId) => ({ positionId: k.id, actorId })) });
  const filled = {
    // The kept position takes the duplicate's date when it has none, or a finer one within its own.
    ...(duplicateDate !== null && (keptDate === null || refines(keptDate, duplicateDate))
      ? columnValuesOf(positionModel, { statedOn: exactDayOf(duplicateDate), statedIn: duplicateDate })
      : {}),
    ...(k.meetingId === null && d.meetingId !== null ? { meetingId: d.meetingId } : {}),
    ...(k.attribution === null && d.attribution !== null ? { attribution: d.attribution } : {}),
  };
  await w.tx.position.delete({ where: { id: d.id } });
  const row = await w.tx.position.update({ where: { id: k.id }, data: { ...filled, ...touch } });
  const keptId = encodeGlobalId('Position', k.id);
  const deletedId = encodeGlobalId('Position', d.id);
  await w.log(ChangeAction.MERGE, 'Position', k.id, {
    mergedFrom: deletedId,
    duplicate: await positionDetails(w, d),
    moved: {
      evidence: moved.map((e) => encodeGlobalId('Evidence', e.id)),
      speakers: speakers.map((id) => encodeGlobalId('Official', id)),
      addressees,
    },
    filled: snapshot(filled),
  });
  await w.log(ChangeAction.MERGE, 'Position', d.id, { mergedInto: keptId });
  return { kept: positionRecordOf(row), deletedId };
}

export interface PositionSplitInputData {
  id: string;
  expectedVersion?: number | null;
  evidenceIds: string[];
  summary?: string | null;
  statedOn?: Date | null;
  statedIn?: ReportedDate | null;
  meetingId?: string | null;
  speakerIds?: string[] | null;
}

/**
 * Moves quotes of a position to a new position of their own, for reports the import (or an
 * editor) took for one statement that were two: the new position has the same stance, modality,
 * attribution, provenance, target, holders and addressees, the day, meeting and speakers the input
 * gives (none otherwise: nothing is assumed), and the quotes moved. At least one quote stays.
 * Logged on both.
 */
export async function splitPosition(w: Write, input: PositionSplitInputData): Promise<{ original: PositionRecord; created: PositionRecord }> {
  const id = rowIdOf(w, 'Position', input.id, ['input', 'id']);
  const evidenceIds = input.evidenceIds.map((evidenceId, i) => rowIdOf(w, 'Evidence', evidenceId, ['input', 'evidenceIds', i]));
  w.check();
  const found = await mustFind(w, () => w.tx.position.findUnique({ where: { id: id as number }, include: positionWithLinks }), 'position', ['input', 'id']);
  w.expectVersion(['input', 'expectedVersion'], input.expectedVersion, found.version, 'the position');
  evidenceIds.forEach((evidenceId, i) => {
    if (!found.evidence.some((e) => e.id === evidenceId)) w.fail(['input', 'evidenceIds', i], 'is not evidence of this position', UserErrorCode.NOT_FOUND);
  });
  const moving = found.evidence.filter((e) => evidenceIds.includes(e.id));
  if (evidenceIds.length === 0) w.fail(['input', 'evidenceIds'], 'name at least one quote to move', UserErrorCode.EVIDENCE_REQUIRED);
  else if (moving.length === found.evidence.length)
    w.fail(
      ['input', 'evidenceIds'],
      'at least one quote must stay with the position (to change the position itself, use positionUpdate)',
      UserErrorCode.EVIDENCE_REQUIRED,
    );
  const summary = input.summary == null ? found.summary : requiredText(w, input.summary, ['input', 'summary'], 'the summary');
  const { statedOn, statedIn } = datesOf(w, input as unknown as Input, { statedOn: null, statedIn: null });
  pastDay(w, statedIn?.start, ['input', input.statedIn ? 'statedIn' : 'statedOn']);
  const meetingId = (await refId(w, 'Meeting', input.meetingId, ['input', 'meetingId'])) ?? null;
  const speakerIds = sorted(await refIds(w, 'Official', input.speakerIds ?? [], ['input', 'speakerIds']));
  w.check();
  const holderIds = sorted(found.holders.map((h) => h.actorId));
  await checkPosition(
    w,
    {
      stance: found.stance,
      modality: found.modality,
      deploymentIds: found.targetDeployments.map((t) => t.deploymentId),
      topicNames: found.targetTopics.map((t) => t.topic.name),
      meetingId,
      holderIds,
      speakerIds,
      statedIn,
      articleIds: moving.map((e) => e.articleId),
    },
    found.id,
  );
  w.check();
  const touch = changedBy(w.actor);
  const created = await insertPosition(w, {
    stance: found.stance,
    modality: found.modality,
    attribution: found.attribution,
    provenance: found.provenance,
    summary,
    deploymentId: found.deploymentId,
    topic: found.topic,
    topicId: found.topicId,
    targetDeployments: { create: found.targetDeployments.map((t) => ({ deploymentId: t.deploymentId })) },
    targetTopics: { create: found.targetTopics.map((t) => ({ topicId: t.topicId })) },
    meetingId,
    ...columnValuesOf(positionModel, { statedOn, statedIn }),
    holders: { create: holderIds.map((actorId) => ({ actorId })) },
    speakers: { create: speakerIds.map((officialId) => ({ officialId })) },
    addressees: { create: found.addressees.map((a) => ({ actorId: a.actorId })) },
  });
  await w.tx.evidence.updateMany({ where: { id: { in: moving.map((e) => e.id) } }, data: { positionId: created.id, ...touch } });
  const row = await w.tx.position.update({ where: { id: found.id }, data: touch });
  const movedIds = moving.map((e) => encodeGlobalId('Evidence', e.id));
  await w.log(ChangeAction.UPDATE, 'Position', found.id, { evidenceMovedTo: encodeGlobalId('Position', created.id), evidence: movedIds });
  const after = await w.tx.position.findUniqueOrThrow({ where: { id: created.id }, include: positionWithLinks });
  await w.log(ChangeAction.CREATE, 'Position', created.id, { splitFrom: encodeGlobalId('Position', found.id), ...(await positionDetails(w, after)) });
  return { original: positionRecordOf(row), created: positionRecordOf(created) };
}
