/**
 * Topic: what a position is about when it is not a deployment ("denuclearization of the Korean
 * Peninsula"), known by a name and aliases, so that two wordings of one topic can be joined and
 * counted as one. Its definition, and its writes: found or recorded by name, renamed, merged.
 */
import { Prisma } from '../../generated/prisma/client.ts';
import type { IdSource, NodeSource } from '../../db/pages.ts';
import { changesOf, type MergeInputData, recordsToMerge, recordToChange, snapshot } from '../checks.ts';
import { encodeGlobalId } from '../global-id.ts';
import { containsPattern } from '../listing.ts';
import { checkedUpdateValues, defineModel, field, ownTable, type RecordOf } from '../model.ts';
import { nodesOf, recordOf } from '../model-listing.ts';
import { normalizeText } from '../rules.ts';
import { UserErrorCode } from '../user-errors.ts';
import { changedBy, ChangeAction, createdBy, type Write } from '../write.ts';
import { aliasesWith } from './names.ts';

export const topicModel = defineModel({
  name: 'Topic',
  plural: 'topics',
  description: 'What positions are about when they are not about a deployment ("Six Party Talks"), known by a name and aliases.',
  filterDescription: 'Conditions on topics. A topic must meet every condition given.',
  ...ownTable('Topic', Prisma.TopicScalarFieldEnum),
  fields: {
    name: field.text({
      description: 'The name positions use for it (unique in any case).',
      update: { description: 'The new name (the positions about it follow).' },
    }),
    aliases: field.names({
      description: 'Other wordings of the topic; the import and the filters find it by them too.',
      update: { description: 'The new list of other wordings (replaces the old one).' },
    }),
  },
  filters: {
    name: {
      argument: 'text',
      description: 'Topics whose name or an alias contains this text, in any case.',
      where: (text: string) =>
        Prisma.sql`(n.name ILIKE ${containsPattern(text)} OR EXISTS (SELECT 1 FROM unnest(n.aliases) AS alias WHERE alias ILIKE ${containsPattern(text)}))`,
    },
  },
  orders: {
    NAME: { description: 'The name, by Unicode code point.', key: { sql: Prisma.sql`n.name`, type: 'text' } },
  },
});

export type TopicRecord = RecordOf<typeof topicModel>;
export const topicNodes = nodesOf(topicModel) as NodeSource<TopicRecord>;
export const topicRecordOf = (row: object): TopicRecord => recordOf(topicModel, row as Record<string, unknown>);
export const topicPositionIds: IdSource = {
  name: 'topic.positions',
  table: 'PositionTopic',
  parentColumn: 'topicId',
  childColumn: 'positionId',
  onePerPair: true,
};

type TopicRef = { id: number; name: string };
const keyOf = (wording: string) => normalizeText(wording).toLowerCase();

/** The topics each wording names, by name or alias in any case, the one so named first; keyed by `keyOf` the wording. */
async function topicsByWording(w: Write, wordings: readonly string[]): Promise<Map<string, TopicRef[]>> {
  const keys = [...new Set(wordings.map(keyOf))];
  const byWording = new Map<string, TopicRef[]>();
  if (keys.length === 0) return byWording;
  const rows = await w.tx.$queryRaw<Array<TopicRef & { wording: string }>>`
    SELECT t.id, t.name, w.wording FROM unnest(${keys}::text[]) AS w(wording)
    JOIN "Topic" AS t ON lower(t.name) = w.wording OR w.wording = ANY(SELECT lower(alias) FROM unnest(t.aliases) AS alias)
    ORDER BY w.wording, lower(t.name) = w.wording DESC, t.id`;
  for (const { wording, ...topic } of rows) byWording.set(wording, [...(byWording.get(wording) ?? []), topic]);
  return byWording;
}

/**
 * The topics of many wordings at once (an article's positions): one statement finds those
 * recorded by name or alias, one records the others (the first spelling of a new one names it).
 */
export async function topicsNamed(w: Write, wordings: readonly string[]): Promise<Map<string, TopicRef>> {
  const byWording = new Map([...(await topicsByWording(w, wordings))].map(([key, topics]) => [key, topics[0]!]));
  const missing = [...new Map(wordings.map((wording) => [keyOf(wording), normalizeText(wording)])).entries()].filter(([key]) => !byWording.has(key));
  if (missing.length > 0) {
    const created = await w.tx.topic.createManyAndReturn({
      data: missing.map(([, name]) => ({ name, ...createdBy(w.actor) })),
      select: { id: true, name: true },
    });
    for (const topic of created) byWording.set(keyOf(topic.name), topic);
  }
  return byWording;
}

/** The topics of `wordings` in `named` (topicsNamed), in order, once each. */
export function topicsIn(named: Map<string, TopicRef>, wordings: readonly string[]): TopicRef[] {
  return [...new Map(wordings.map((wording) => named.get(keyOf(wording))!).map((topic) => [topic.id, topic])).values()];
}

export interface TopicUpdateInputData {
  id: string;
  expectedVersion?: number | null;
  name?: string | null;
  aliases?: string[] | null;
}

/** Renames a topic or changes its aliases; the positions about it take the new name. A name another topic has is TAKEN. */
export async function updateTopic(w: Write, input: TopicUpdateInputData & Record<string, unknown>): Promise<TopicRecord> {
  const found = await recordToChange(w, 'Topic', input, { find: (id) => w.tx.topic.findUnique({ where: { id } }), label: (found) => `topic "${found.name}"` });
  const next = checkedUpdateValues(w, topicModel, input, found) as { name: string; aliases: string[] };
  w.check();
  const taken = (await topicsByWording(w, [next.name])).get(keyOf(next.name))?.find((t) => t.id !== found.id);
  if (taken)
    w.abort(
      ['input', 'name'],
      `another topic is called "${taken.name}" (${encodeGlobalId('Topic', taken.id)}): merge the two (topicMerge)`,
      UserErrorCode.TAKEN,
    );
  const changes = changesOf(found, { ...found, ...next }, ['name', 'aliases']);
  if (Object.keys(changes).length === 0) return topicRecordOf(found);
  const row = await w.tx.topic.update({ where: { id: found.id }, data: { ...next, ...changedBy(w.actor) } });
  if (changes.name) await w.tx.position.updateMany({ where: { topicId: found.id }, data: { topic: next.name, ...changedBy(w.actor) } });
  await w.log(ChangeAction.UPDATE, 'Topic', found.id, { changes });
  return topicRecordOf(row);
}

/**
 * Joins two wordings of one topic: the duplicate's positions move to the kept topic (and take its
 * name), the duplicate's name and aliases become aliases, and the duplicate is deleted. Logged on both.
 */
export async function mergeTopics(w: Write, input: MergeInputData): Promise<{ kept: TopicRecord; deletedId: string }> {
  const { keep: k, duplicate: d } = await recordsToMerge(
    w,
    'Topic',
    input,
    (id) => w.tx.topic.findUnique({ where: { id } }),
    (id) => w.tx.topic.findUnique({ where: { id }, include: { targetOf: { select: { positionId: true } } } }),
  );
  // Its positions are about the kept topic now (once, when about both already).
  const positions = d.targetOf.map((t) => t.positionId);
  if (positions.length) {
    await w.tx.positionTopic.createMany({ data: positions.map((positionId) => ({ positionId, topicId: k.id })), skipDuplicates: true });
    await w.tx.position.updateMany({ where: { topicId: d.id }, data: { topicId: k.id, topic: k.name } });
    await w.tx.position.updateMany({ where: { id: { in: positions } }, data: changedBy(w.actor) });
  }
  await w.tx.topic.delete({ where: { id: d.id } });
  const aliases = aliasesWith(k, d);
  const row = await w.tx.topic.update({ where: { id: k.id }, data: { ...(aliases ? { aliases } : {}), ...changedBy(w.actor) } });
  const deletedId = encodeGlobalId('Topic', d.id);
  await w.log(ChangeAction.MERGE, 'Topic', k.id, {
    mergedFrom: deletedId,
    duplicate: snapshot(d),
    moved: { positions: positions.map((p) => encodeGlobalId('Position', p)) },
    aliasesAdded: aliases ? aliases.filter((a) => !k.aliases.includes(a)) : [],
  });
  await w.log(ChangeAction.MERGE, 'Topic', d.id, { mergedInto: encodeGlobalId('Topic', k.id) });
  return { kept: topicRecordOf(row), deletedId };
}
