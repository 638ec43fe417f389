/**
 * The import format, "stancegraph.article/1": one article with the countries, organizations,
 * officials, meetings, deployments and positions it reports, every entity referred to by a key
 * local to the document. format.ts describes it once (its TypeScript types, its JSON Schema
 * docs/import-format.schema.json and articleImport's GraphQL input derive from there);
 * docs/import-format.md explains it. The seed data set (prisma/seed/*.json) is such a document.
 *
 * `prepareDocument` checks a document without a database and resolves what can be resolved
 * there: references, evidence offsets, the body's hash. Every problem is reported, with a path
 * into the document and a code (the userErrors codes of the API).
 */
import { readFileSync } from 'node:fs';
import { DeploymentStatus, Stance } from '../../generated/prisma/enums.ts';
import { UserErrorCode } from '../user-errors.ts';
import { isIsoCountryCode } from '../iso-3166.ts';
import { dateProblem, isFutureDay, isFutureInstant, isHttpUrl, parseDay, sha256Hex, textProblem, type EvidenceSpan } from '../rules.ts';
import { isQuoteProblem, locateQuote } from '../evidence-spans.ts';
import { deploymentIdentity, describeDeploymentIdentity } from '../models/deployment.ts';
import { dayAndDate, parseReportedDate, type ReportedDate } from '../reported-date.ts';
import { meetingModel } from '../models/meeting.ts';
import {
  describePositionIdentity,
  positionModel,
  positionTargetProblem,
  sameOccasion,
  speaksForAHolder,
  statementDate,
  type Modality,
} from '../models/position.ts';
import type { ModelDefinition } from '../model.ts';

import {
  ARTICLE_FORMAT,
  articleFormat,
  INSTANT_PATTERN,
  type ArticleDocument,
  type FieldNode,
  type ImportArticle,
  type ImportCountry,
  type ImportDeployment,
  type ImportMeeting,
  type ImportOfficial,
  type ImportOrganization,
  type ImportPosition,
} from './format.ts';

/** The fields of each object of the format, by its name ('' for the document itself). */
const formatFields = new Map<string, string[]>();
(function collect(node: FieldNode): void {
  if (node.kind === 'list') return collect(node.of!);
  if (node.kind !== 'object') return;
  formatFields.set(node.name!, Object.keys(node.fields!));
  for (const field of Object.values(node.fields!)) collect(field);
})(articleFormat);
const fieldsOf = (name: string): string[] => formatFields.get(name)!;

/** A problem in a document: where (a path into it), what, and its userErrors code. */
export interface DocumentProblem {
  path: (string | number)[];
  message: string;
  code: UserErrorCode;
}

/** `positions[0].evidence[1].quote` */
export function formatPath(path: readonly (string | number)[]): string {
  const index = (part: string | number) => typeof part === 'number' || /^\d+$/.test(part);
  return path.map((part, i) => (index(part) ? `[${part}]` : i === 0 ? part : `.${part}`)).join('') || 'document';
}

/** A document that does not hold together; `problems` lists every problem found. */
export class ArticleDocumentError extends Error {
  override name = 'ArticleDocumentError';
  constructor(readonly problems: DocumentProblem[]) {
    super(
      `invalid article document (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.map((p) => `${formatPath(p.path)}: ${p.message}`).join('\n- ')}`,
    );
  }
}

/** Reads a document from a JSON file. */
export function readDocumentFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read article document ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// ---------------------------------------------------------------------------------------------

/** A reference to an actor declared in the document, by its index there. */
export type ActorRef = { kind: 'country'; index: number } | { kind: 'organization'; index: number };

export interface PreparedPosition extends Omit<ImportPosition, 'holders' | 'addressees' | 'evidence'> {
  /** The position's modality (part of its identity), ASSERTED when the document leaves it out. */
  modality: Modality;
  /** EXTRACTED for a proposal of automatic extraction (recorded for review), IMPORTED otherwise. */
  provenance: 'IMPORTED' | 'EXTRACTED';
  /** When it was stated: its statedIn, or its statedOn as a reported date of that day. */
  stated: ReportedDate | null;
  /** Keys of every deployment it is about (deployment first, then deployments). */
  targetDeployments: string[];
  /** Every topic it is about (topic first, then topics). */
  targetTopics: string[];
  holders: ActorRef[];
  addressees: ActorRef[];
  evidence: EvidenceSpan[];
}

/** A validated document: references resolved, evidence located, the body's hash computed. */
export interface PreparedDocument {
  document: ArticleDocument;
  bodySha256: string;
  positions: PreparedPosition[];
  /** Per deployment (by index), its operator. */
  operators: (ActorRef | null)[];
  /** Per official (by index), the country and organization it speaks for. */
  officialCountry: (number | null)[];
  officialOrganization: (number | null)[];
  /** Per organization, its member countries (indices). */
  members: number[][];
  /** Per meeting, its host country; per deployment, its host. */
  meetingCountry: (number | null)[];
  deploymentHost: (number | null)[];
  /** Per deployment (by index), every host country it names (the host first). */
  deploymentHosts: (number | null)[][];
  /** Per deployment (by index), the quote that gives its status, located in the body. */
  statusQuotes: (EvidenceSpan | null)[];
}

type Json = Record<string, unknown>;

/** A day, or a date-time with its offset: the instant must be unambiguous. */
const PUBLISHED_AT = new RegExp(INSTANT_PATTERN);
type Path = (string | number)[];

class Checker {
  readonly problems: DocumentProblem[] = [];
  problem(path: Path, message: string, code: UserErrorCode = UserErrorCode.INVALID): void {
    this.problems.push({ path, message, code });
  }
  object(value: unknown, path: Path, fields?: readonly string[]): Json | null {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      // A misspelled field would otherwise be silently ignored.
      if (fields)
        for (const key of Object.keys(value))
          if (!fields.includes(key)) this.problem([...path, key], `is not a field of the format (expected ${fields.join(', ')})`);
      return value as Json;
    }
    this.problem(path, 'must be an object');
    return null;
  }
  array(obj: Json, key: string, path: Path): unknown[] {
    const value = obj[key];
    if (Array.isArray(value)) return value;
    this.problem([...path, key], value === undefined ? 'is missing (use [] when there is nothing)' : 'must be an array');
    return [];
  }
  string(obj: Json, key: string, path: Path): string {
    const value = obj[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'string') this.problem([...path, key], 'must not be empty', UserErrorCode.BLANK);
    else
      this.problem(
        [...path, key],
        value === undefined ? 'is missing' : 'must be a non-empty string',
        value === undefined ? UserErrorCode.BLANK : UserErrorCode.INVALID,
      );
    return '';
  }
  /** Nullable fields must be present (null when the source does not state them): nothing is left implicit. */
  nullableString(obj: Json, key: string, path: Path): string | null {
    const value = obj[key];
    if (value === null) return null;
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'string') this.problem([...path, key], 'must not be empty (use null when the source does not state it)', UserErrorCode.BLANK);
    else this.problem([...path, key], value === undefined ? 'is missing (use null when the source does not state it)' : 'must be a non-empty string or null');
    return null;
  }
  /** A number within `range`, or null. */
  number(obj: Json, key: string, path: Path, range?: readonly [number, number]): number | null {
    const value = obj[key];
    if (value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) this.problem([...path, key], 'must be a number or null');
    else if (range && (value < range[0] || value > range[1])) this.problem([...path, key], `must be from ${range[0]} to ${range[1]}, got ${value}`);
    else return value;
    return null;
  }
  strings(obj: Json, key: string, path: Path): string[] {
    const out: string[] = [];
    this.array(obj, key, path).forEach((value, i) => {
      if (typeof value === 'string' && value.trim() !== '') out.push(value);
      else this.problem([...path, key, i], 'must be a non-empty string', typeof value === 'string' ? UserErrorCode.BLANK : UserErrorCode.INVALID);
    });
    const dupes = out.filter((v, i) => out.indexOf(v) !== i);
    if (dupes.length) this.problem([...path, key], `lists ${[...new Set(dupes)].map((d) => `"${d}"`).join(', ')} more than once`, UserErrorCode.DUPLICATE);
    return out;
  }
  day(obj: Json, key: string, path: Path, { past, now }: { past: boolean; now: Date }): string | null {
    const value = this.nullableString(obj, key, path);
    if (value === null) return null;
    const day = parseDay(value);
    if (!day) this.problem([...path, key], `must be a date YYYY-MM-DD, got "${value}"`);
    else if (past && isFutureDay(day, now)) this.problem([...path, key], `${value} is in the future`, UserErrorCode.FUTURE_DATE);
    return value;
  }
  /** A date at its precision (src/data/reported-date.ts), as written normalized; null when absent or unusable. */
  reportedDate(obj: Json, key: string, path: Path, { past, now }: { past: boolean; now: Date }): string | null {
    const value = this.nullableString(obj, key, path);
    if (value === null) return null;
    const date = parseReportedDate(value);
    if (typeof date === 'string') {
      this.problem([...path, key], date);
      return null;
    }
    if (past && isFutureDay(date.start, now)) this.problem([...path, key], `${value} is in the future`, UserErrorCode.FUTURE_DATE);
    return date.text;
  }
  oneOf<T extends string>(obj: Json, key: string, path: Path, allowed: Record<string, T>): T {
    const value = obj[key];
    if (typeof value === 'string' && Object.values(allowed).includes(value as T)) return value as T;
    this.problem([...path, key], `must be one of ${Object.values(allowed).join(', ')}, got ${JSON.stringify(value)}`);
    return Object.values(allowed)[0] as T;
  }
  unique<T>(items: T[], keyOf: (item: T) => string | null, what: string, listName: string): void {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const key = keyOf(item);
      if (key === null) return;
      const first = seen.get(key);
      if (first !== undefined) this.problem([listName, i], `${what} ${key} is already declared at ${listName}[${first}]`, UserErrorCode.DUPLICATE);
      else seen.set(key, i);
    });
  }
}

/** Every text of the document, wherever it is, must be storable as it is (src/db/rules.ts textProblem). */
function checkTexts(c: Checker, value: unknown, path: Path): void {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) c.problem(path, problem);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkTexts(c, item, [...path, i]));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) checkTexts(c, item, [...path, key]);
  }
}

/** A country's key in the document: its ISO code, or its name when it has none. */
export const countryKey = (c: ImportCountry): string => c.isoCode ?? c.name;
/** An organization's key in the document: its acronym, or its name when it has none. */
export const organizationKey = (o: ImportOrganization): string => o.acronym ?? o.name;

export interface PrepareOptions {
  /** The present, for the future-date rule (tests pass a fixed one). */
  now?: Date;
}

/** What the parts of a document are checked against: the checker, the present, and what is declared before them. */
interface Declared {
  c: Checker;
  now: Date;
  /** An actor declared in countries or organizations, by its key; UNKNOWN_REFERENCE otherwise. */
  actorRef(ref: string, path: Path): ActorRef | null;
  /** A country declared in countries, by its key (null for none); UNKNOWN_REFERENCE otherwise. */
  countryRef(ref: string | null, path: Path): number | null;
  organizationIndex: Map<string, number>;
}

/** The article: its fields, a body that is not blank, a publication time that is a real instant not in the future, an http(s) URL. */
function readArticle(c: Checker, root: Json, now: Date): ImportArticle {
  const a = c.object(root.article, ['article'], fieldsOf('Article'));
  const body = typeof a?.body === 'string' ? a.body : '';
  if (a && body.trim().length === 0) c.problem(['article', 'body'], 'must be the full, non-empty text of the article', UserErrorCode.BLANK);
  const article: ImportArticle = a
    ? {
        source: c.string(a, 'source', ['article']),
        headline: c.nullableString(a, 'headline', ['article']),
        url: c.nullableString(a, 'url', ['article']),
        publishedAt: c.nullableString(a, 'publishedAt', ['article']),
        photoCredit: c.nullableString(a, 'photoCredit', ['article']),
        body,
      }
    : { source: '', headline: null, url: null, publishedAt: null, photoCredit: null, body };
  if (article.publishedAt !== null) {
    // JavaScript's Date takes 30 February for 2 March: the day must be a real one.
    const at = PUBLISHED_AT.test(article.publishedAt) && parseDay(article.publishedAt.slice(0, 10)) ? new Date(article.publishedAt) : null;
    if (at === null || Number.isNaN(at.getTime())) {
      c.problem(
        ['article', 'publishedAt'],
        `must be an ISO 8601 date (YYYY-MM-DD) or date-time with a time zone (2016-07-28T14:05:00Z), got "${article.publishedAt}"`,
      );
    } else if (dateProblem(at, 'dateTime')) {
      c.problem(['article', 'publishedAt'], dateProblem(at, 'dateTime') as string);
    } else if (isFutureInstant(at, now)) {
      c.problem(['article', 'publishedAt'], `${article.publishedAt} is in the future`, UserErrorCode.FUTURE_DATE);
    }
  }
  if (article.url !== null && !isHttpUrl(article.url)) c.problem(['article', 'url'], `must be an absolute http(s) URL, got "${article.url}"`);

  return article;
}

/** Countries and organizations: their fields, ISO codes, keys declared once (and not both a country's and an organization's), members. */
function readActors(c: Checker, root: Json, now: Date): Declared & { countries: ImportCountry[]; organizations: ImportOrganization[]; members: number[][] } {
  const countries: ImportCountry[] = c.array(root, 'countries', []).map((value, i) => {
    const path = ['countries', i];
    const o = c.object(value, path, fieldsOf('Country')) ?? {};
    const isoCode = c.nullableString(o, 'isoCode', path);
    if (isoCode !== null && !isIsoCountryCode(isoCode)) {
      c.problem([...path, 'isoCode'], `"${isoCode}" is not an ISO 3166-1 alpha-2 code (two capital letters, such as "KR")`, UserErrorCode.UNKNOWN_ISO_CODE);
    }
    return { isoCode, name: c.string(o, 'name', path), aliases: c.strings(o, 'aliases', path) };
  });
  c.unique(countries, (x) => countryKey(x) || null, 'country', 'countries');

  const organizations: ImportOrganization[] = c.array(root, 'organizations', []).map((value, i) => {
    const path = ['organizations', i];
    const o = c.object(value, path, fieldsOf('Organization')) ?? {};
    return {
      acronym: c.nullableString(o, 'acronym', path),
      name: c.string(o, 'name', path),
      aliases: c.strings(o, 'aliases', path),
      members: c.strings(o, 'members', path),
    };
  });
  c.unique(organizations, (x) => organizationKey(x) || null, 'organization', 'organizations');

  const countryIndex = new Map(countries.map((x, i) => [countryKey(x), i]));
  const organizationIndex = new Map(organizations.map((x, i) => [organizationKey(x), i]));
  organizations.forEach((org, i) => {
    if (countryIndex.has(organizationKey(org))) {
      c.problem(
        ['organizations', i, org.acronym !== null ? 'acronym' : 'name'],
        `"${organizationKey(org)}" is also a country's key: actor references would be ambiguous`,
        UserErrorCode.DUPLICATE,
      );
    }
  });

  const actorRef = (ref: string, path: Path): ActorRef | null => {
    const country = countryIndex.get(ref);
    if (country !== undefined) return { kind: 'country', index: country };
    const organization = organizationIndex.get(ref);
    if (organization !== undefined) return { kind: 'organization', index: organization };
    c.problem(
      path,
      `unknown actor "${ref}" (not the ISO code or name of a declared country, nor the acronym or name of a declared organization)`,
      UserErrorCode.UNKNOWN_REFERENCE,
    );
    return null;
  };
  const countryRef = (ref: string | null, path: Path): number | null => {
    if (ref === null) return null;
    const index = countryIndex.get(ref);
    if (index === undefined) c.problem(path, `unknown country "${ref}" (declare it in countries)`, UserErrorCode.UNKNOWN_REFERENCE);
    return index ?? null;
  };
  const members = organizations.map((org, i) => org.members.map((m, j) => countryRef(m, ['organizations', i, 'members', j])).filter((x) => x !== null));

  return { c, now, actorRef, countryRef, organizationIndex, countries, organizations, members };
}

/** Officials: their fields, the country and organization they speak for, names declared once. */
function readOfficials(d: Declared, root: Json) {
  const { c } = d;
  const officials: ImportOfficial[] = c.array(root, 'officials', []).map((value, i) => {
    const path = ['officials', i];
    const o = c.object(value, path, fieldsOf('Official')) ?? {};
    return {
      name: c.string(o, 'name', path),
      title: c.nullableString(o, 'title', path),
      aliases: c.strings(o, 'aliases', path),
      country: c.nullableString(o, 'country', path),
      organization: c.nullableString(o, 'organization', path),
    };
  });
  const officialCountry = officials.map((x, i) => d.countryRef(x.country, ['officials', i, 'country']));
  const officialOrganization = officials.map((x, i) => {
    if (x.organization === null) return null;
    const index = d.organizationIndex.get(x.organization);
    if (index === undefined)
      c.problem(['officials', i, 'organization'], `unknown organization "${x.organization}" (declare it in organizations)`, UserErrorCode.UNKNOWN_REFERENCE);
    return index ?? null;
  });
  c.unique(officials, (x) => x.name || null, 'official', 'officials');
  const officialIndex = new Map(officials.map((x, i) => [x.name, i]));
  const officialRefs = (names: string[], path: Path): void => {
    names.forEach((name, i) => {
      if (!officialIndex.has(name)) c.problem([...path, i], `unknown official "${name}" (declare them in officials)`, UserErrorCode.UNKNOWN_REFERENCE);
    });
  };

  return { officials, officialCountry, officialOrganization, officialIndex, officialRefs };
}

type Officials = ReturnType<typeof readOfficials>;

/** Meetings: their fields, participants and host declared, keys and name-and-date declared once. */
/** When a meeting of a document was held: its heldIn, or its date as a reported date of that day; a message when they disagree. */
export function meetingHeld(meeting: ImportMeeting): ReportedDate | null | string {
  const heldText = (meeting as Record<string, unknown>).heldIn;
  const heldIn = typeof heldText === 'string' ? parseReportedDate(heldText) : null;
  const day = meeting.date === null ? null : parseDay(meeting.date);
  const held = dayAndDate(day, typeof heldIn === 'string' ? null : heldIn, { day: 'date', date: 'heldIn' });
  return typeof held === 'string' ? held : (held?.date ?? null);
}

function readMeetings(d: Declared, root: Json, { officialRefs }: Officials) {
  const { c, now } = d;
  const meetings: ImportMeeting[] = c.array(root, 'meetings', []).map((value, i) => {
    const path = ['meetings', i];
    const o = c.object(value, path, fieldsOf('Meeting')) ?? {};
    const ordinal = o.ordinal ?? null;
    if (o.ordinal === undefined) c.problem([...path, 'ordinal'], 'is missing (use null when the source does not state it)');
    else if (ordinal !== null && !(Number.isInteger(ordinal) && (ordinal as number) > 0 && (ordinal as number) < 100_000))
      c.problem([...path, 'ordinal'], 'must be a positive integer or null');
    const meeting: ImportMeeting = {
      key: c.string(o, 'key', path),
      name: c.string(o, 'name', path),
      series: c.nullableString(o, 'series', path),
      ordinal: typeof ordinal === 'number' ? ordinal : null,
      city: c.nullableString(o, 'city', path),
      country: c.nullableString(o, 'country', path),
      // A meeting may be announced before it is held: its date may be in the future.
      date: c.day(o, 'date', path, { past: false, now }),
      ...readImportedFields(c, o, path, meetingModel, now),
      participants: c.strings(o, 'participants', path),
    };
    officialRefs(meeting.participants, [...path, 'participants']);
    const held = meetingHeld(meeting);
    if (typeof held === 'string') c.problem([...path, 'heldIn'], held, UserErrorCode.CONFLICT);
    return meeting;
  });
  const meetingCountry = meetings.map((x, i) => d.countryRef(x.country, ['meetings', i, 'country']));
  c.unique(meetings, (x) => x.key || null, 'meeting key', 'meetings');
  c.unique(
    meetings,
    (x) => {
      const held = meetingHeld(x);
      return `"${x.name}" on ${typeof held === 'object' && held !== null ? held.text : 'an unknown date'}`;
    },
    'meeting',
    'meetings',
  );
  const meetingKeys = new Set(meetings.map((x) => x.key));

  return { meetings, meetingCountry, meetingKeys };
}

/** Deployments: their fields, operator and host declared, keys and identities (models/deployment.ts) declared once. */
function readDeployments(declared: Declared, root: Json, body: string) {
  const { c, now } = declared;
  const statusQuotes: (EvidenceSpan | null)[] = [];
  const deployments: ImportDeployment[] = c.array(root, 'deployments', []).map((value, i) => {
    const path = ['deployments', i];
    const o = c.object(value, path, fieldsOf('Deployment')) ?? {};
    const deployment: ImportDeployment = {
      key: c.string(o, 'key', path),
      name: c.string(o, 'name', path),
      system: c.nullableString(o, 'system', path),
      systemName: c.nullableString(o, 'systemName', path),
      status: o.status === null ? null : c.oneOf(o, 'status', path, DeploymentStatus),
      statusIn: 'statusIn' in o ? c.reportedDate(o, 'statusIn', path, { past: true, now }) : null,
      statusQuote: 'statusQuote' in o ? c.nullableString(o, 'statusQuote', path) : null,
      aliases: 'aliases' in o ? c.strings(o, 'aliases', path) : [],
      location: c.nullableString(o, 'location', path),
      operator: c.nullableString(o, 'operator', path),
      host: c.nullableString(o, 'host', path),
      hosts: 'hosts' in o ? c.strings(o, 'hosts', path) : [],
      announcedOn: c.day(o, 'announcedOn', path, { past: true, now }),
    };
    let quote: EvidenceSpan | null = null;
    if (deployment.status === null && (deployment.statusIn != null || deployment.statusQuote != null))
      c.problem([...path, 'status'], 'is null, but statusIn or statusQuote says when or where the article gives it: give the status', UserErrorCode.BLANK);
    if (deployment.statusQuote != null) {
      const span = locateQuote(body, deployment.statusQuote, null, [], 'repeats');
      if (isQuoteProblem(span)) c.problem([...path, 'statusQuote'], span.message, span.code);
      else quote = span;
    }
    statusQuotes.push(quote);
    return deployment;
  });
  const operators = deployments.map((d, i) => (d.operator === null ? null : declared.actorRef(d.operator, ['deployments', i, 'operator'])));
  // The host first, then the others, once each.
  const deploymentHosts = deployments.map((d, i) =>
    [...new Set([d.host, ...(d.hosts ?? [])].filter((key): key is string => key !== null))].map((key, j) =>
      declared.countryRef(key, j === 0 && d.host !== null ? ['deployments', i, 'host'] : ['deployments', i, 'hosts', (d.hosts ?? []).indexOf(key)]),
    ),
  );
  const deploymentHost = deploymentHosts.map((hosts, i) => (deployments[i]!.host === null ? null : (hosts[0] ?? null)));
  c.unique(deployments, (x) => x.key || null, 'deployment key', 'deployments');
  c.unique(deployments, (d) => describeDeploymentIdentity(deploymentIdentity(d)), 'deployment', 'deployments');
  const deploymentKeys = new Set(deployments.map((x) => x.key));

  return { deployments, operators, deploymentHost, deploymentHosts, statusQuotes, deploymentKeys };
}

/**
 * Positions: their fields, the position rules (models/position.ts: a target, holders, speakers who
 * speak for a holder, no twin), references declared, and evidence located in the body.
 */
/** The values of the fields a model's definition marks for the import (format.ts importedFieldsOf), checked by kind; left out is not stated. */
function readImportedFields(c: Checker, o: Json, path: Path, model: ModelDefinition, now: Date): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(model.fields)) {
    if (!definition.import) continue;
    if (!(name in o)) values[name] = definition.default ?? (definition.kind === 'names' ? [] : null);
    else if (definition.kind === 'day') values[name] = c.day(o, name, path, { past: definition.notInFuture ?? false, now });
    else if (definition.kind === 'reportedDate') values[name] = c.reportedDate(o, name, path, { past: definition.notInFuture ?? false, now });
    else if (definition.kind === 'enum')
      values[name] = c.oneOf(o, name, path, definition.enum?.values ? Object.fromEntries(Object.keys(definition.enum.values).map((v) => [v, v])) : {});
    else if (definition.kind === 'names') values[name] = c.strings(o, name, path);
    else if (definition.kind === 'number') values[name] = c.number(o, name, path, definition.range);
    else values[name] = definition.nullable ? c.nullableString(o, name, path) : c.string(o, name, path);
  }
  return values;
}

function readPositions(d: Declared, root: Json, body: string, officials: Officials, meetingKeys: Set<string>, deploymentKeys: Set<string>) {
  const { c, now } = d;
  const { officialIndex, officialCountry, officialOrganization, officialRefs } = officials;
  const positions: ImportPosition[] = [];
  const prepared: PreparedPosition[] = [];
  c.array(root, 'positions', []).forEach((value, i) => {
    const path = ['positions', i];
    const o = c.object(value, path, fieldsOf('Position')) ?? {};
    const position: ImportPosition = {
      stance: c.oneOf(o, 'stance', path, Stance),
      summary: c.string(o, 'summary', path),
      holders: c.strings(o, 'holders', path),
      speakers: c.strings(o, 'speakers', path),
      addressees: c.strings(o, 'addressees', path),
      deployment: c.nullableString(o, 'deployment', path),
      deployments: 'deployments' in o ? c.strings(o, 'deployments', path) : [],
      topic: c.nullableString(o, 'topic', path),
      topics: 'topics' in o ? c.strings(o, 'topics', path) : [],
      meeting: c.nullableString(o, 'meeting', path),
      statedOn: c.day(o, 'statedOn', path, { past: true, now }),
      ...readImportedFields(c, o, path, positionModel, now),
      evidence: [],
    };
    const targetDeployments = [...new Set([position.deployment, ...(position.deployments ?? [])].filter((key): key is string => key !== null))];
    const targetTopics = [...new Set([position.topic, ...(position.topics ?? [])].filter((name): name is string => name !== null))];
    if (position.holders.length === 0 && Array.isArray(o.holders))
      c.problem([...path, 'holders'], 'must name at least one holder', UserErrorCode.HOLDER_REQUIRED);
    const holders = position.holders.map((ref, j) => d.actorRef(ref, [...path, 'holders', j])).filter((x) => x !== null);
    const addressees = position.addressees.map((ref, j) => d.actorRef(ref, [...path, 'addressees', j])).filter((x) => x !== null);
    officialRefs(position.speakers, [...path, 'speakers']);
    position.speakers.forEach((name, j) => {
      const index = officialIndex.get(name);
      if (index === undefined) return;
      const speaksFor: (ActorRef | null)[] = [
        officialCountry[index] != null ? { kind: 'country', index: officialCountry[index] } : null,
        officialOrganization[index] != null ? { kind: 'organization', index: officialOrganization[index] } : null,
      ];
      if (!speaksForAHolder(speaksFor, (s) => holders.some((h) => h.kind === s.kind && h.index === s.index))) {
        const official = officials.officials[index] as ImportOfficial;
        c.problem(
          [...path, 'speakers', j],
          `"${name}" (${[official.country, official.organization].filter((x) => x !== null).join(', ')}) speaks for none of the holders ${position.holders.join(', ')}`,
          UserErrorCode.SPEAKER_NOT_HOLDER,
        );
      }
    });
    const target = positionTargetProblem(targetDeployments.length, targetTopics.length);
    if (target) c.problem(path, 'must be about a deployment or a topic: it has neither', target);
    if (position.deployment !== null && !deploymentKeys.has(position.deployment)) {
      c.problem([...path, 'deployment'], `unknown deployment key "${position.deployment}"`, UserErrorCode.UNKNOWN_REFERENCE);
    }
    (position.deployments ?? []).forEach((key, j) => {
      if (!deploymentKeys.has(key)) c.problem([...path, 'deployments', j], `unknown deployment key "${key}"`, UserErrorCode.UNKNOWN_REFERENCE);
    });
    if (position.meeting !== null && !meetingKeys.has(position.meeting))
      c.problem([...path, 'meeting'], `unknown meeting key "${position.meeting}"`, UserErrorCode.UNKNOWN_REFERENCE);

    const evidence: EvidenceSpan[] = [];
    const items = c.array(o, 'evidence', path);
    if (items.length === 0 && Array.isArray(o.evidence))
      c.problem([...path, 'evidence'], 'must cite at least one quote from the article body', UserErrorCode.EVIDENCE_REQUIRED);
    items.forEach((item, j) => {
      const epath = [...path, 'evidence', j];
      const e = c.object(item, epath, fieldsOf('Evidence')) ?? {};
      const quote = typeof e.quote === 'string' ? e.quote : '';
      if (typeof e.quote !== 'string') {
        c.problem([...epath, 'quote'], 'must be the exact text of the body');
        return;
      }
      const start = e.start ?? null;
      if (start !== null && typeof start !== 'number') {
        c.problem([...epath, 'start'], 'must be a number, null or absent');
        return;
      }
      const span = locateQuote(body, quote, start, evidence, 'repeats an earlier quote of this position');
      if (isQuoteProblem(span)) c.problem(span.part === 'quote' ? epath : [...epath, span.part === 'text' ? 'quote' : 'start'], span.message, span.code);
      else evidence.push(span);
      position.evidence.push(start === null ? { quote } : { quote, start });
    });
    positions.push(position);
    const imported = position as Record<string, unknown>;
    // MANUAL is what positionCreate records; a confidence is the extraction's, and only its.
    if (imported.provenance === 'MANUAL')
      c.problem([...path, 'provenance'], 'must be IMPORTED or EXTRACTED (MANUAL is for positions recorded by hand with positionCreate)');
    if (imported.confidence != null && imported.provenance !== 'EXTRACTED')
      c.problem([...path, 'confidence'], 'is given only with provenance EXTRACTED (how sure the extraction was)');
    const statedIn = typeof imported.statedIn === 'string' ? parseReportedDate(imported.statedIn) : null;
    const dates = statementDate(position.statedOn === null ? null : parseDay(position.statedOn), typeof statedIn === 'string' ? null : statedIn);
    if (typeof dates === 'string') c.problem([...path, 'statedIn'], dates, UserErrorCode.CONFLICT);
    const stated = typeof dates === 'object' ? dates.date : null;
    prepared.push({
      ...position,
      modality: imported.modality as Modality,
      provenance: imported.provenance === 'EXTRACTED' ? 'EXTRACTED' : 'IMPORTED',
      stated,
      targetDeployments,
      targetTopics,
      holders,
      addressees,
      evidence,
    });
  });
  // Two positions of one identity in one article are one statement, unless their days or their
  // speakers set them apart (sameOccasion).
  const declared = new Map<string, number[]>();
  prepared.forEach((p, i) => {
    const identity = describePositionIdentity({ ...p, deployments: p.targetDeployments, topics: p.targetTopics, holders: positions[i]!.holders });
    const earlier = declared.get(identity) ?? [];
    const occasion = (x: PreparedPosition) => ({ meeting: x.meeting, statedIn: x.stated, speakers: x.speakers });
    const twin = earlier.find((j) => sameOccasion(occasion(prepared[j]!), occasion(p), true));
    if (twin !== undefined)
      c.problem(['positions', i], `the same statement (${identity}, on the same occasion) is already declared at positions[${twin}]`, UserErrorCode.DUPLICATE);
    else declared.set(identity, [...earlier, i]);
  });

  return { positions, prepared };
}

/**
 * Checks a document without a database: shape, enums, dates (statements, publication and
 * announcements not in the future), ISO codes, duplicate keys, that every reference resolves to
 * something declared in the document, that each position has exactly one of deployment and
 * topic, at least one holder and one piece of evidence, that its speakers speak for one of its
 * holders, and that every quote is found in the body (exactly once, or at its given start).
 * Throws ArticleDocumentError listing every problem.
 */
export function prepareDocument(input: unknown, { now = new Date() }: PrepareOptions = {}): PreparedDocument {
  const c = new Checker();
  checkTexts(c, input, []);
  const root = c.object(input, [], fieldsOf('')) ?? {};
  if (root.format !== ARTICLE_FORMAT) c.problem(['format'], `must be "${ARTICLE_FORMAT}", got ${JSON.stringify(root.format)}`);
  const article = readArticle(c, root, now);
  const actors = readActors(c, root, now);
  const officials = readOfficials(actors, root);
  const { meetings, meetingCountry, meetingKeys } = readMeetings(actors, root, officials);
  const { deployments, operators, deploymentHost, deploymentHosts, statusQuotes, deploymentKeys } = readDeployments(actors, root, article.body);
  const { positions, prepared } = readPositions(actors, root, article.body, officials, meetingKeys, deploymentKeys);
  if (c.problems.length > 0) throw new ArticleDocumentError(c.problems);
  const { countries, organizations, members } = actors;
  const document: ArticleDocument = {
    format: ARTICLE_FORMAT,
    article,
    countries,
    organizations,
    officials: officials.officials,
    meetings,
    deployments,
    positions,
  };
  return {
    document,
    bodySha256: sha256Hex(article.body),
    positions: prepared,
    operators,
    officialCountry: officials.officialCountry,
    officialOrganization: officials.officialOrganization,
    members,
    meetingCountry,
    deploymentHost,
    deploymentHosts,
    statusQuotes,
  };
}
