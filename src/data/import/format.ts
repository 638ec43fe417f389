/**
 * The import format "stancegraph.article/1", described once. Everything else is derived from
 * `articleFormat` below:
 * - the TypeScript type of a document (`ArticleDocument` and its parts, `DocumentOf`);
 * - its JSON Schema, docs/import-format.schema.json (format-schema.ts; written by
 *   `npm run schema:emit`, and test/import-format.test.ts fails when the committed file differs);
 * - the GraphQL input of `articleImport` (src/graphql/article-import/article-import.input.ts
 *   declares its input types from this description);
 * - the shape checks of `prepareDocument` (document-shape.ts: the fields an object may have, and
 *   how each is read).
 * The description is plain data (no GraphQL, no JSON Schema library): each field says what it
 * holds (`kind`), whether it may be null or absent, and two descriptions: `description` for the
 * file format (where a value the source does not state is written null) and `api` for the GraphQL
 * input (where it is left out).
 */
import type { EnumDefinition, ModelDefinition } from '../model.ts';
import { deploymentStatusEnum } from '../models/deployment.ts';
import { positionModel, stanceEnum } from '../models/position.ts';
import { meetingModel } from '../models/meeting.ts';

export const ARTICLE_FORMAT = 'stancegraph.article/1';

/** A date (YYYY-MM-DD) or a date-time with its time zone: the instant must be unambiguous. */
export const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$';
export const DAY_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
/** A reported date's shape (its days and order are checked by src/data/reported-date.ts). */
export const REPORTED_DATE_PATTERN = '^\\d{4}(-\\d{2}(-\\d{2})?)?~?(/\\d{4}(-\\d{2}(-\\d{2})?)?~?)?$';
export const ISO_CODE_PATTERN = '^[A-Z]{2}$';

interface Descriptions {
  /** In the file format (docs/import-format.schema.json). */
  description: string;
  /** In the GraphQL input; absent: not in the input. */
  api?: string;
}

/** What a field holds. */
export type FieldKind =
  | 'const' // a fixed string (the format's name)
  | 'text' // a non-blank string; `nullable`: or null
  | 'body' // the article's full text, kept as it is
  | 'quote' // an exact text of the body
  | 'isoCode' // an ISO 3166-1 alpha-2 code, or null
  | 'url' // an absolute http(s) URL, or null
  | 'day' // YYYY-MM-DD, or null
  | 'reportedDate' // a date at its precision (src/data/reported-date.ts): 2016, 2016-07, 2016-07-28, with ~, or A/B; or null
  | 'instant' // a day or a date-time with its time zone, or null
  | 'int' // an integer of at least `minimum`, or null
  | 'number' // a number from `minimum` to `maximum`, or null
  | 'enum' // one of `enum`'s values
  | 'names' // a list of distinct non-blank strings (names, keys)
  | 'object' // an object of `fields`
  | 'list'; // a list of `of`

export interface FieldNode<T = unknown> extends Descriptions {
  kind: FieldKind;
  nullable: boolean;
  /** May be left out of the file (otherwise every field is written, null when not stated). */
  optional: boolean;
  /** `const`: the value. */
  value?: string;
  /** `int`, `number`: the least value. */
  minimum?: number;
  /** `number`: the greatest value. */
  maximum?: number;
  /** `day`: whether a day after today is refused (FUTURE_DATE). */
  notInFuture?: boolean;
  /** `enum`: its values. */
  enum?: EnumDefinition;
  /** `names`, `list`: the fewest items (the GraphQL list is required when at least one). */
  minItems?: number;
  /** `object`: its fields, in the file's order; its name and description in the GraphQL input (`ArticleImport${name}Input`). */
  fields?: Record<string, FieldNode>;
  name?: string;
  typeDescription?: string;
  /** `list`: the object each item is. */
  of?: FieldNode;
  /** The type of the value in a document (never set: it carries the type). */
  readonly __type?: T;
}

type Options = Partial<Pick<FieldNode, 'nullable' | 'optional' | 'minimum' | 'notInFuture' | 'minItems'>>;

const node = <T>(kind: FieldKind, d: Descriptions, options: Options & Partial<FieldNode> = {}): FieldNode<T> =>
  ({ kind, nullable: false, optional: false, ...d, ...options }) as FieldNode<T>;

/** The fields of an object: required ones, then those that may be left out. */
export type DocumentOf<F extends Record<string, FieldNode>> = {
  -readonly [K in keyof F as F[K] extends { optional: true } ? never : K]: ValueOf<F[K]>;
} & {
  -readonly [K in keyof F as F[K] extends { optional: true } ? K : never]?: ValueOf<F[K]>;
};
export type ValueOf<N> = N extends FieldNode<infer T> ? T : never;

const field = {
  constant: <V extends string>(value: V, d: Descriptions) => node<V>('const', d, { value }),
  text: (d: Descriptions) => node<string>('text', d),
  optionalText: (d: Descriptions) => node<string | null>('text', d, { nullable: true }),
  body: (d: Descriptions) => node<string>('body', d),
  quote: (d: Descriptions) => node<string>('quote', d),
  isoCode: (d: Descriptions) => node<string | null>('isoCode', d, { nullable: true }),
  url: (d: Descriptions) => node<string | null>('url', d, { nullable: true }),
  day: (d: Descriptions & { notInFuture: boolean }) => node<string | null>('day', d, { nullable: true }),
  reportedDate: (d: Descriptions & { notInFuture: boolean }) => node<string | null>('reportedDate', d, { nullable: true }),
  instant: (d: Descriptions) => node<string | null>('instant', d, { nullable: true }),
  int: (d: Descriptions & { minimum: number; optional?: true }) => node<number | null>('int', d, { nullable: true }),
  number: (d: Descriptions & { minimum: number; maximum: number }) => node<number | null>('number', d, { nullable: true }),
  enumOf: <T extends string>(definition: EnumDefinition<T>, d: Descriptions) => node<T>('enum', d, { enum: definition }),
  optionalEnumOf: <T extends string>(definition: EnumDefinition<T>, d: Descriptions) => node<T | null>('enum', d, { enum: definition, nullable: true }),
  /** A field that may be left out of a document (added in a later version of the format). */
  optional: <T>(of: FieldNode<T>) => ({ ...of, optional: true as const }),
  names: (d: Descriptions & { minItems?: number }) => node<string[]>('names', d),
  /** An object type; its descriptions as a field are given where it is used (`field.list`, `field.of`). */
  object: <F extends Record<string, FieldNode>>(name: string, typeDescription: string, fields: F) =>
    node<DocumentOf<F>>('object', { description: '' }, { name, typeDescription, fields }),
  /** An object type as a field. */
  of: <T>(type: FieldNode<T>, d: Descriptions): FieldNode<T> => ({ ...type, ...d }),
  list: <T>(of: FieldNode<T>, d: Descriptions & { minItems?: number }) => node<T[]>('list', d, { of }),
};

/**
 * The fields a model's definition marks for the import (`import` in src/data/models/), in the
 * format: a field added to the definition with `import` travels in documents without more code.
 * They may be left out (left out means not stated), so that documents written before a field was
 * added stay valid.
 */
export function importedFieldsOf(model: ModelDefinition): Record<string, FieldNode> {
  const fields: Record<string, FieldNode> = {};
  for (const [name, definition] of Object.entries(model.fields)) {
    if (!definition.import) continue;
    const d = definition.import;
    switch (definition.kind) {
      case 'text':
        fields[name] = definition.nullable ? field.optionalText(d) : field.text(d);
        break;
      case 'day':
        fields[name] = field.day({ ...d, notInFuture: definition.notInFuture ?? false });
        break;
      case 'reportedDate':
        fields[name] = field.reportedDate({ ...d, notInFuture: definition.notInFuture ?? false });
        break;
      case 'enum':
        fields[name] = { ...field.enumOf(definition.enum as EnumDefinition, d), nullable: definition.nullable };
        break;
      case 'names':
        fields[name] = field.names(d);
        break;
      case 'number': {
        const [minimum, maximum] = definition.range ?? [-Number.MAX_VALUE, Number.MAX_VALUE];
        fields[name] = field.number({ ...d, minimum, maximum });
        break;
      }
      default:
        throw new Error(`${model.name}.${name}: the import carries fields of kind text, day, reportedDate, enum, names and number, not ${definition.kind}`);
    }
  }
  for (const node of Object.values(fields)) node.optional = true;
  return fields;
}

// The optional flag must be a literal type for DocumentOf: `start` is the only field that may be left out.
const evidenceStart = field.int({
  minimum: 0,
  optional: true,
  description: 'Where the quote starts in the body; needed only when it occurs more than once.',
  api: 'Where it starts in the body; needed only when the quote occurs more than once.',
}) as FieldNode<number | null> & { optional: true };

const article = field.object('Article', 'The article itself.', {
  source: field.text({ description: 'The publisher or news agency, e.g. "Xinhua".', api: 'The publisher or news agency.' }),
  headline: field.optionalText({ description: 'The headline; null when the source gives none.', api: 'The headline, if the source gives one.' }),
  url: field.url({
    description: 'Where it is published; null when not known.',
    api: 'Where it is published: matched first (an article at this URL with another body is a CONFLICT).',
  }),
  publishedAt: field.instant({
    description: 'A date (YYYY-MM-DD) or a date-time with its time zone; not in the future; null when not stated.',
    api: 'When it was published; not in the future.',
  }),
  photoCredit: field.optionalText({ description: 'The photo credit as printed; null when there is none.', api: 'The photo credit as printed.' }),
  body: field.body({
    description: 'The full text, exactly as published: evidence quotes are located in it (offsets in UTF-16 code units).',
    api: 'The full text, exactly as published; quotes are located in it.',
  }),
});

const country = field.object('Country', 'A country the article mentions; its key in the document is its ISO code (or its name, without one).', {
  isoCode: field.isoCode({
    description:
      'ISO 3166-1 alpha-2 code (an assigned one, or XK): matched first, created when new. Null: the country must already be recorded under this name or one of its aliases.',
    api: 'ISO 3166-1 alpha-2 code: matched first. Without it the country must already be recorded under this name or alias.',
  }),
  name: field.text({
    description: 'The common English name; added to the aliases of a country matched by code under another name.',
    api: 'The common English name (added to the aliases of a country matched by code under another name).',
  }),
  aliases: field.names({
    description: 'Other names the article uses (metonyms such as "Seoul", short forms such as "DPRK").',
    api: 'Other names the article uses, e.g. "Seoul".',
  }),
});

const organization = field.object('Organization', 'An organization the article mentions; its key is its acronym (or its name, without one).', {
  acronym: field.optionalText({
    description: 'The acronym, e.g. "NATO"; null when it has none.',
    api: 'The acronym: matched first, then the name and aliases.',
  }),
  name: field.text({ description: 'The full name.', api: 'The full name.' }),
  aliases: field.names({ description: 'Other names the article uses.', api: 'Other names the article uses.' }),
  members: field.names({ description: 'Keys of member countries declared in countries.', api: 'Keys of member countries declared in the document.' }),
});

const official = field.object('Official', 'An official the article names; their key is their name. Matched by name or alias within their country.', {
  name: field.text({ description: 'The full name.', api: 'The full name.' }),
  title: field.optionalText({ description: 'The title exactly as the article states it; null when none.', api: 'The title as the article states it.' }),
  aliases: field.names({ description: 'Other names the article uses, e.g. the surname alone.', api: 'Other names the article uses, e.g. the surname alone.' }),
  country: field.optionalText({ description: 'Key of the country they speak for.', api: 'Key of the country they speak for.' }),
  organization: field.optionalText({ description: 'Key of the organization they speak for.', api: 'Key of the organization they speak for.' }),
});

const meeting = field.object('Meeting', 'A meeting the article reports. Matched by name and date, or by series and ordinal.', {
  key: field.text({ description: "The meeting's key in this document.", api: 'Its key in the document (positions refer to it).' }),
  name: field.text({ description: 'The name as the article gives it.', api: 'The name as the article gives it.' }),
  series: field.optionalText({ description: 'The recurring series it belongs to.', api: 'The recurring series it belongs to.' }),
  ordinal: field.int({ minimum: 1, description: 'Its number within the series.', api: 'Its number within the series.' }),
  city: field.optionalText({ description: 'The city where it was held.', api: 'The city where it was held.' }),
  country: field.optionalText({ description: 'Key of the host country.', api: 'Key of the host country.' }),
  // A meeting may be announced before it is held: its date may be in the future.
  date: field.day({ notInFuture: false, description: 'The day it was held (may be in the future for an announced meeting).', api: 'The day it was held.' }),
  ...importedFieldsOf(meetingModel),
  participants: field.names({
    description: 'Names of officials declared in officials.',
    api: 'Names of the officials (declared in the document) who took part.',
  }),
});

const deployment = field.object(
  'Deployment',
  'A deployment the article reports. Matched by system in a host country they share, or by name or alias there when no system matches; never across two locations.',
  {
    key: field.text({ description: "The deployment's key in this document.", api: 'Its key in the document (positions refer to it).' }),
    name: field.text({ description: 'A descriptive name, e.g. "THAAD battery in Seongju".', api: 'A descriptive name.' }),
    system: field.optionalText({ description: 'The short name of the weapon system, e.g. "THAAD".', api: 'The short name of the weapon system.' }),
    systemName: field.optionalText({ description: 'The full name of the weapon system.', api: 'The full name of the weapon system.' }),
    status: field.optionalEnumOf(deploymentStatusEnum, {
      description: 'How far it has gone, as the article states it; null when it does not say. Added to its status history.',
      api: 'How far it has gone, as the article states it (added to its status history); null when it does not say.',
    }),
    statusIn: field.optional(
      field.reportedDate({
        notInFuture: true,
        description: 'When it reached that status, at the precision the article gives ("2017-04", "2017-04-26"); null when the article does not say.',
        api: 'When it reached that status, at the precision the article gives.',
      }),
    ),
    statusQuote: field.optional(
      field.optionalText({
        description: 'The exact text of the body that gives the status (its evidence in the status history); null when none.',
        api: 'The exact text of the body that gives the status.',
      }),
    ),
    aliases: field.optional(field.names({ description: 'Other names the article gives it.', api: 'Other names the article gives it.' })),
    location: field.optionalText({ description: 'Where, within the host country.', api: 'Where, within the host country.' }),
    operator: field.optionalText({
      description: 'Key of the country or organization that operates it.',
      api: 'Key of the country or organization that operates it.',
    }),
    host: field.optionalText({ description: 'Key of the host country (the first, when there are several).', api: 'Key of the host country.' }),
    hosts: field.optional(
      field.names({ description: 'Keys of more host countries, when it spans several.', api: 'Keys of more host countries, when it spans several.' }),
    ),
    announcedOn: field.day({
      notInFuture: true,
      description: 'The day it was announced; not in the future.',
      api: 'The day it was announced; not in the future.',
    }),
  },
);

const evidence = field.object('Evidence', 'A quote of the article body that reports the position.', {
  quote: field.quote({ description: 'The exact text of the body.', api: 'The exact text of the body.' }),
  start: evidenceStart,
});

const position = field.object(
  'Position',
  "A statement the article reports. It corroborates a recorded position (gains the quotes as evidence, nothing else of it is overwritten) only when it reports the same statement: the same stance, target, holders and meeting, no other day and no speakers of whom none is the other's, and placed on the same occasion by the same meeting, the same statedOn or the same article. Otherwise it is recorded as a position of its own.",
  {
    stance: field.enumOf(stanceEnum, { description: 'The kind of diplomatic speech (see the Stance enum of the API).', api: 'The kind of stance.' }),
    summary: field.text({ description: 'A faithful paraphrase.', api: 'A faithful paraphrase.' }),
    holders: field.names({
      minItems: 1,
      description: 'Keys of the countries or organizations that hold it; at least one.',
      api: 'Keys of the countries or organizations that hold it (at least one).',
    }),
    speakers: field.names({
      description: 'Names of the officials who voiced it; each speaks for one of the holders.',
      api: 'Names of the officials who voiced it.',
    }),
    addressees: field.names({ description: 'Keys of the actors it calls on or is directed at.', api: 'Keys of the actors it calls on or is directed at.' }),
    deployment: field.optionalText({
      description: 'Key of the (first) deployment it is about; a position is about at least one deployment or topic.',
      api: 'Key of the (first) deployment it is about; a position is about at least one deployment or topic.',
    }),
    deployments: field.optional(
      field.names({
        description: 'Keys of more deployments it is about (one statement about several sites is one position).',
        api: 'Keys of more deployments it is about.',
      }),
    ),
    topic: field.optionalText({
      description: 'What it is about when not (only) a deployment; found by the name or an alias of a recorded topic, in any case.',
      api: 'The (first) topic it is about; a position is about at least one deployment or topic.',
    }),
    topics: field.optional(field.names({ description: 'More topics it is about.', api: 'More topics it is about.' })),
    meeting: field.optionalText({ description: 'Key of the meeting where it was stated.', api: 'Key of the meeting where it was stated.' }),
    statedOn: field.day({ notInFuture: true, description: 'The day it was stated; not in the future.', api: 'The day it was stated; not in the future.' }),
    ...importedFieldsOf(positionModel),
    evidence: field.list(evidence, { minItems: 1, description: 'Exact quotes of the body that report it.', api: 'The quotes that report it (at least one).' }),
  },
);

/** The format: one article and what it reports. */
export const articleFormat = field.of(
  field.object('', 'One article and everything it reports, as in the import format "stancegraph.article/1" (docs/import-format.md).', {
    format: field.constant(ARTICLE_FORMAT, { description: 'The format and its version.' }),
    article: field.of(article, { description: 'The article itself. Matched by url, else by the SHA-256 of its body.', api: 'The article.' }),
    countries: field.list(country, {
      description: "Countries the article mentions. A country's key is its isoCode, or its name when isoCode is null.",
      api: 'The countries it mentions.',
    }),
    organizations: field.list(organization, {
      description: 'Organizations the article mentions. Key: acronym, or name when acronym is null. Matched by acronym, else by name or alias.',
      api: 'The organizations it mentions.',
    }),
    officials: field.list(official, {
      description: 'Officials the article names. Key: name. Matched by name or alias within their country (or organization, without a country).',
      api: 'The officials it names.',
    }),
    meetings: field.list(meeting, {
      description: 'Meetings the article reports. Key: key. Matched by name and date, or by series and ordinal.',
      api: 'The meetings it reports.',
    }),
    deployments: field.list(deployment, {
      description: 'Deployments the article reports. Key: key. Matched by system and host country (by name and host when the system is null).',
      api: 'The deployments it reports.',
    }),
    positions: field.list(position, {
      description:
        "Positions the article reports. A position is identified by stance, deployment or topic, the set of holders and the meeting: one already recorded gains this article's quotes as evidence.",
      api: 'The positions it reports.',
    }),
  }),
  {
    description:
      'One news article and everything it reports: the countries, organizations, officials, meetings, deployments and positions, each position with exact quotes of the article as evidence. Entities are referred to by keys local to the document. See docs/import-format.md. This schema checks the shape; the importer also checks what a schema cannot (references resolve, quotes occur in the body, dates are not in the future, ISO codes are assigned).',
  },
);

export type ArticleDocument = ValueOf<typeof articleFormat>;
export type ImportArticle = ArticleDocument['article'];
export type ImportCountry = ArticleDocument['countries'][number];
export type ImportOrganization = ArticleDocument['organizations'][number];
export type ImportOfficial = ArticleDocument['officials'][number];
export type ImportMeeting = ArticleDocument['meetings'][number];
export type ImportDeployment = ArticleDocument['deployments'][number];
export type ImportPosition = ArticleDocument['positions'][number];
export type ImportEvidence = ImportPosition['evidence'][number];
