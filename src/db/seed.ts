/**
 * The seed data set and its loader.
 *
 * A seed document (`prisma/seed/*.json`) is one article with the entities and positions it
 * reports, every entity referred to by a natural key: countries by ISO 3166-1 alpha-2 code,
 * organizations by acronym, officials by name, meetings and deployments by a `key` local to the
 * document. Evidence is given as exact quotes; their offsets in the body are computed here.
 *
 * Loading is idempotent: every record is matched before it is created, so loading the same
 * document twice creates nothing the second time, and a later article that reports an existing
 * position adds evidence to it instead of a new position.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeploymentStatus, Stance, type Prisma, type PrismaClient } from '../generated/prisma/client.ts';

// ---------------------------------------------------------------------------------------------
// The document format
// ---------------------------------------------------------------------------------------------

export const SEED_DOCUMENT_FORMAT = 'stancegraph.article/1';

/** The seed data set shipped with the project (relative to the project root). */
export const DEFAULT_SEED_DOCUMENT = 'prisma/seed/xinhua-thaad-2016-07-28.json';

export interface SeedArticle {
  source: string;
  headline: string | null;
  url: string | null;
  /** ISO 8601 date or date-time, or null when the article does not state it. */
  publishedAt: string | null;
  photoCredit: string | null;
  /** The full text, exactly; evidence quotes are located in it. */
  body: string;
}

export interface SeedCountry {
  /** ISO 3166-1 alpha-2 code: the country's key in the document and in the database. */
  isoCode: string;
  name: string;
  /** Other names the article uses for the country (metonyms, abbreviations). */
  aliases: string[];
}

export interface SeedOrganization {
  /** The organization's key in the document and in the database. */
  acronym: string;
  name: string;
  aliases: string[];
  /** ISO codes of member countries declared in the document. */
  members: string[];
}

export interface SeedOfficial {
  /** Full name: the official's key in the document; matched by name within country. */
  name: string;
  /** The title as the source states it. */
  title: string | null;
  aliases: string[];
  /** ISO code of a country declared in the document. */
  country: string | null;
  /** Acronym of an organization declared in the document. */
  organization: string | null;
}

export interface SeedMeeting {
  key: string;
  name: string;
  series: string | null;
  ordinal: number | null;
  city: string | null;
  /** ISO code of the host country. */
  country: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  /** Names of officials declared in the document. */
  participants: string[];
}

export interface SeedDeployment {
  key: string;
  name: string;
  system: string | null;
  systemName: string | null;
  status: DeploymentStatus;
  location: string | null;
  /** ISO code or organization acronym. */
  operator: string | null;
  /** ISO code. */
  host: string | null;
  /** YYYY-MM-DD */
  announcedOn: string | null;
}

export interface SeedEvidence {
  /** Exact text of the body. */
  quote: string;
  /** Where the quote starts in the body; required only when the quote occurs more than once. */
  start?: number | null;
}

export interface SeedPosition {
  stance: Stance;
  summary: string;
  /** ISO codes or organization acronyms: who holds the position (at least one). */
  holders: string[];
  /** Names of the officials the article says voiced it. */
  speakers: string[];
  /** ISO codes or acronyms of the actors the position calls on or is directed at. */
  addressees: string[];
  /** Key of a deployment in the document; exactly one of deployment and topic is set. */
  deployment: string | null;
  topic: string | null;
  /** Key of the meeting where it was stated. */
  meeting: string | null;
  /** YYYY-MM-DD */
  statedOn: string | null;
  evidence: SeedEvidence[];
}

export interface SeedDocument {
  format: typeof SEED_DOCUMENT_FORMAT;
  article: SeedArticle;
  countries: SeedCountry[];
  organizations: SeedOrganization[];
  officials: SeedOfficial[];
  meetings: SeedMeeting[];
  deployments: SeedDeployment[];
  positions: SeedPosition[];
}

/** A seed document that does not hold together; `problems` lists every problem found. */
export class SeedDocumentError extends Error {
  override name = 'SeedDocumentError';
  constructor(readonly problems: string[]) {
    super(`invalid seed document (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`);
  }
}

/** The loader met data in the database that contradicts the document. */
export class SeedConflictError extends Error {
  override name = 'SeedConflictError';
}

/** Finds the project root (the folder holding `prisma/seed/`) from this file, in src/ or dist/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, DEFAULT_SEED_DOCUMENT)) && existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${DEFAULT_SEED_DOCUMENT} above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Reads a seed document (JSON); a relative path is taken from the project root. */
export function readSeedDocument(path: string = DEFAULT_SEED_DOCUMENT): unknown {
  const file = resolve(projectRoot(), path);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read seed document ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Validation: check the whole document, resolve references and evidence offsets, no database
// ---------------------------------------------------------------------------------------------

/** A reference to an actor declared in the document. */
export type ActorRef = { kind: 'country'; isoCode: string } | { kind: 'organization'; acronym: string };

/** Where a quote lies in the body: `body.slice(start, end) === text` (UTF-16 offsets, as JavaScript strings). */
export interface EvidenceSpan {
  text: string;
  start: number;
  end: number;
}

export interface PreparedPosition extends Omit<SeedPosition, 'holders' | 'addressees' | 'evidence'> {
  holders: ActorRef[];
  addressees: ActorRef[];
  evidence: EvidenceSpan[];
}

/** A validated document: references resolved, evidence located, the body's hash computed. */
export interface PreparedSeed {
  document: SeedDocument;
  bodySha256: string;
  positions: PreparedPosition[];
  operators: Map<string, ActorRef | null>;
}

/**
 * Locates a quote in the body. Returns the span, or a problem: not found, found more than once
 * without `start`, or not at the given `start`.
 */
export function locateQuote(body: string, quote: string, start?: number | null): EvidenceSpan | string {
  if (quote.length === 0) return 'quote is empty';
  const shown = quote.length > 60 ? `"${quote.slice(0, 57)}..."` : `"${quote}"`;
  const occurrences: number[] = [];
  for (let at = body.indexOf(quote); at >= 0; at = body.indexOf(quote, at + 1)) occurrences.push(at);
  if (start != null) {
    if (!Number.isInteger(start) || start < 0) return `start must be a non-negative integer, got ${start}`;
    if (body.slice(start, start + quote.length) !== quote) {
      const where = occurrences.length ? `it occurs at ${occurrences.join(', ')}` : 'it does not occur in the body';
      return `quote ${shown} is not at start ${start} (${where})`;
    }
    return { text: quote, start, end: start + quote.length };
  }
  if (occurrences.length === 0) return `quote ${shown} does not occur in the article body`;
  if (occurrences.length > 1) return `quote ${shown} occurs ${occurrences.length} times in the body (at ${occurrences.join(', ')}): give its start`;
  const at = occurrences[0] as number;
  return { text: quote, start: at, end: at + quote.length };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' as midnight UTC (how a PostgreSQL `date` comes back), or null when not a real date. */
export function parseDay(value: string): Date | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

type Json = Record<string, unknown>;

class Checker {
  readonly problems: string[] = [];
  problem(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }
  object(value: unknown, path: string): Json | null {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Json;
    this.problem(path, 'must be an object');
    return null;
  }
  array(obj: Json, key: string, path: string): unknown[] {
    const value = obj[key];
    if (Array.isArray(value)) return value;
    this.problem(`${path}.${key}`, 'must be an array');
    return [];
  }
  string(obj: Json, key: string, path: string): string {
    const value = obj[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.problem(`${path}.${key}`, 'must be a non-empty string');
    return '';
  }
  /** Nullable fields must be present (null when the source does not state them): nothing is left implicit. */
  nullableString(obj: Json, key: string, path: string): string | null {
    const value = obj[key];
    if (value === null) return null;
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.problem(`${path}.${key}`, value === undefined ? 'is missing (use null when the source does not state it)' : 'must be a non-empty string or null');
    return null;
  }
  strings(obj: Json, key: string, path: string): string[] {
    const out: string[] = [];
    this.array(obj, key, path).forEach((value, i) => {
      if (typeof value === 'string' && value.trim() !== '') out.push(value);
      else this.problem(`${path}.${key}[${i}]`, 'must be a non-empty string');
    });
    const dupes = out.filter((v, i) => out.indexOf(v) !== i);
    if (dupes.length) this.problem(`${path}.${key}`, `lists ${[...new Set(dupes)].map((d) => `"${d}"`).join(', ')} more than once`);
    return out;
  }
  day(obj: Json, key: string, path: string): string | null {
    const value = this.nullableString(obj, key, path);
    if (value !== null && !parseDay(value)) this.problem(`${path}.${key}`, `must be a date YYYY-MM-DD, got "${value}"`);
    return value;
  }
  oneOf<T extends string>(obj: Json, key: string, path: string, allowed: Record<string, T>): T {
    const value = obj[key];
    if (typeof value === 'string' && Object.values(allowed).includes(value as T)) return value as T;
    this.problem(`${path}.${key}`, `must be one of ${Object.values(allowed).join(', ')}, got ${JSON.stringify(value)}`);
    return Object.values(allowed)[0] as T;
  }
  unique<T>(items: T[], keyOf: (item: T) => string | null, what: string, path: string): void {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const key = keyOf(item);
      if (key === null) return;
      const first = seen.get(key);
      if (first !== undefined) this.problem(`${path}[${i}]`, `${what} ${key} is already declared at ${path}[${first}]`);
      else seen.set(key, i);
    });
  }
}

/**
 * Checks a seed document without a database: shape, enums, dates, duplicate keys, that every
 * reference resolves to something declared in the document, that each position has exactly one
 * of deployment and topic and at least one holder and one piece of evidence, and that every
 * quote is found in the body (exactly once, or at its given start). Throws SeedDocumentError
 * listing every problem.
 */
export function prepareSeedDocument(input: unknown): PreparedSeed {
  const c = new Checker();
  const root = c.object(input, 'document') ?? {};
  if (root.format !== SEED_DOCUMENT_FORMAT) c.problem('document.format', `must be "${SEED_DOCUMENT_FORMAT}", got ${JSON.stringify(root.format)}`);

  const a = c.object(root.article, 'article');
  const body = typeof a?.body === 'string' ? a.body : '';
  if (a && body.length === 0) c.problem('article.body', 'must be the full, non-empty text of the article');
  const article: SeedArticle = a
    ? {
        source: c.string(a, 'source', 'article'),
        headline: c.nullableString(a, 'headline', 'article'),
        url: c.nullableString(a, 'url', 'article'),
        publishedAt: c.nullableString(a, 'publishedAt', 'article'),
        photoCredit: c.nullableString(a, 'photoCredit', 'article'),
        body,
      }
    : { source: '', headline: null, url: null, publishedAt: null, photoCredit: null, body };
  if (article.publishedAt !== null && Number.isNaN(new Date(article.publishedAt).getTime())) {
    c.problem('article.publishedAt', `must be an ISO 8601 date or date-time, got "${article.publishedAt}"`);
  }
  if (article.url !== null && !URL.canParse(article.url)) c.problem('article.url', `must be an absolute URL, got "${article.url}"`);

  const countries: SeedCountry[] = c.array(root, 'countries', 'document').map((value, i) => {
    const path = `countries[${i}]`;
    const o = c.object(value, path) ?? {};
    const isoCode = c.string(o, 'isoCode', path);
    if (isoCode && !/^[A-Z]{2}$/.test(isoCode)) c.problem(`${path}.isoCode`, `must be an ISO 3166-1 alpha-2 code (two capital letters), got "${isoCode}"`);
    return { isoCode, name: c.string(o, 'name', path), aliases: c.strings(o, 'aliases', path) };
  });
  c.unique(countries, (x) => x.isoCode || null, 'country', 'countries');
  const countryCodes = new Set(countries.map((x) => x.isoCode));

  const organizations: SeedOrganization[] = c.array(root, 'organizations', 'document').map((value, i) => {
    const path = `organizations[${i}]`;
    const o = c.object(value, path) ?? {};
    const org = { acronym: c.string(o, 'acronym', path), name: c.string(o, 'name', path), aliases: c.strings(o, 'aliases', path), members: c.strings(o, 'members', path) };
    org.members.forEach((m, j) => {
      if (!countryCodes.has(m)) c.problem(`${path}.members[${j}]`, `unknown country "${m}" (declare it in countries)`);
    });
    if (countryCodes.has(org.acronym)) c.problem(`${path}.acronym`, `"${org.acronym}" is also a country's ISO code: actor references would be ambiguous`);
    return org;
  });
  c.unique(organizations, (x) => x.acronym || null, 'organization', 'organizations');
  const acronyms = new Set(organizations.map((x) => x.acronym));

  const actorRef = (ref: string, path: string): ActorRef | null => {
    if (countryCodes.has(ref)) return { kind: 'country', isoCode: ref };
    if (acronyms.has(ref)) return { kind: 'organization', acronym: ref };
    c.problem(path, `unknown actor "${ref}" (not the ISO code of a declared country nor the acronym of a declared organization)`);
    return null;
  };
  const countryRef = (ref: string | null, path: string): void => {
    if (ref !== null && !countryCodes.has(ref)) c.problem(path, `unknown country "${ref}" (declare it in countries)`);
  };

  const officials: SeedOfficial[] = c.array(root, 'officials', 'document').map((value, i) => {
    const path = `officials[${i}]`;
    const o = c.object(value, path) ?? {};
    const official = {
      name: c.string(o, 'name', path),
      title: c.nullableString(o, 'title', path),
      aliases: c.strings(o, 'aliases', path),
      country: c.nullableString(o, 'country', path),
      organization: c.nullableString(o, 'organization', path),
    };
    countryRef(official.country, `${path}.country`);
    if (official.organization !== null && !acronyms.has(official.organization)) {
      c.problem(`${path}.organization`, `unknown organization "${official.organization}" (declare it in organizations)`);
    }
    return official;
  });
  c.unique(officials, (x) => x.name || null, 'official', 'officials');
  const officialByName = new Map(officials.map((x) => [x.name, x]));
  const officialRefs = (names: string[], path: string): void => {
    names.forEach((name, i) => {
      if (!officialByName.has(name)) c.problem(`${path}[${i}]`, `unknown official "${name}" (declare them in officials)`);
    });
  };

  const meetings: SeedMeeting[] = c.array(root, 'meetings', 'document').map((value, i) => {
    const path = `meetings[${i}]`;
    const o = c.object(value, path) ?? {};
    const ordinal = o.ordinal ?? null;
    if (ordinal !== null && !(Number.isInteger(ordinal) && (ordinal as number) > 0)) c.problem(`${path}.ordinal`, 'must be a positive integer or null');
    const meeting: SeedMeeting = {
      key: c.string(o, 'key', path),
      name: c.string(o, 'name', path),
      series: c.nullableString(o, 'series', path),
      ordinal: ordinal as number | null,
      city: c.nullableString(o, 'city', path),
      country: c.nullableString(o, 'country', path),
      date: c.day(o, 'date', path),
      participants: c.strings(o, 'participants', path),
    };
    countryRef(meeting.country, `${path}.country`);
    officialRefs(meeting.participants, `${path}.participants`);
    return meeting;
  });
  c.unique(meetings, (x) => x.key || null, 'meeting key', 'meetings');
  c.unique(meetings, (x) => `"${x.name}" on ${x.date ?? 'an unknown date'}`, 'meeting', 'meetings');
  const meetingKeys = new Set(meetings.map((x) => x.key));

  const operators = new Map<string, ActorRef | null>();
  const deployments: SeedDeployment[] = c.array(root, 'deployments', 'document').map((value, i) => {
    const path = `deployments[${i}]`;
    const o = c.object(value, path) ?? {};
    const deployment: SeedDeployment = {
      key: c.string(o, 'key', path),
      name: c.string(o, 'name', path),
      system: c.nullableString(o, 'system', path),
      systemName: c.nullableString(o, 'systemName', path),
      status: c.oneOf(o, 'status', path, DeploymentStatus),
      location: c.nullableString(o, 'location', path),
      operator: c.nullableString(o, 'operator', path),
      host: c.nullableString(o, 'host', path),
      announcedOn: c.day(o, 'announcedOn', path),
    };
    operators.set(deployment.key, deployment.operator === null ? null : actorRef(deployment.operator, `${path}.operator`));
    countryRef(deployment.host, `${path}.host`);
    return deployment;
  });
  c.unique(deployments, (x) => x.key || null, 'deployment key', 'deployments');
  c.unique(deployments, deploymentIdentity, 'deployment', 'deployments');
  const deploymentKeys = new Set(deployments.map((x) => x.key));

  const positions: SeedPosition[] = [];
  const prepared: PreparedPosition[] = [];
  c.array(root, 'positions', 'document').forEach((value, i) => {
    const path = `positions[${i}]`;
    const o = c.object(value, path) ?? {};
    const position: SeedPosition = {
      stance: c.oneOf(o, 'stance', path, Stance),
      summary: c.string(o, 'summary', path),
      holders: c.strings(o, 'holders', path),
      speakers: c.strings(o, 'speakers', path),
      addressees: c.strings(o, 'addressees', path),
      deployment: c.nullableString(o, 'deployment', path),
      topic: c.nullableString(o, 'topic', path),
      meeting: c.nullableString(o, 'meeting', path),
      statedOn: c.day(o, 'statedOn', path),
      evidence: [],
    };
    if (position.holders.length === 0) c.problem(`${path}.holders`, 'must name at least one holder');
    const holders = position.holders.map((ref, j) => actorRef(ref, `${path}.holders[${j}]`)).filter((x) => x !== null);
    const addressees = position.addressees.map((ref, j) => actorRef(ref, `${path}.addressees[${j}]`)).filter((x) => x !== null);
    officialRefs(position.speakers, `${path}.speakers`);
    position.speakers.forEach((name, j) => {
      const official = officialByName.get(name);
      if (!official) return;
      const speaksFor = [official.country, official.organization].filter((x) => x !== null);
      if (speaksFor.length > 0 && !speaksFor.some((x) => position.holders.includes(x))) {
        c.problem(`${path}.speakers[${j}]`, `"${name}" (${speaksFor.join(', ')}) speaks for none of the holders ${position.holders.join(', ')}`);
      }
    });
    if ((position.deployment === null) === (position.topic === null)) c.problem(path, 'must have exactly one of deployment and topic');
    if (position.deployment !== null && !deploymentKeys.has(position.deployment)) c.problem(`${path}.deployment`, `unknown deployment key "${position.deployment}"`);
    if (position.meeting !== null && !meetingKeys.has(position.meeting)) c.problem(`${path}.meeting`, `unknown meeting key "${position.meeting}"`);

    const evidence: EvidenceSpan[] = [];
    const items = c.array(o, 'evidence', path);
    if (items.length === 0) c.problem(`${path}.evidence`, 'must cite at least one quote from the article body');
    items.forEach((item, j) => {
      const epath = `${path}.evidence[${j}]`;
      const e = c.object(item, epath) ?? {};
      const quote = typeof e.quote === 'string' ? e.quote : '';
      const start = e.start ?? null;
      if (start !== null && typeof start !== 'number') {
        c.problem(`${epath}.start`, 'must be a number or absent');
        return;
      }
      const span = locateQuote(body, quote, start);
      if (typeof span === 'string') c.problem(`${epath}.quote`, span);
      else if (evidence.some((x) => x.start === span.start && x.end === span.end)) c.problem(epath, 'repeats an earlier quote of this position');
      else evidence.push(span);
      position.evidence.push(start === null ? { quote } : { quote, start });
    });
    positions.push(position);
    prepared.push({ ...position, holders, addressees, evidence });
  });
  c.unique(positions, positionIdentity, 'a position with the same stance, target, holders and meeting', 'positions');

  if (c.problems.length > 0) throw new SeedDocumentError(c.problems);
  const document: SeedDocument = { format: SEED_DOCUMENT_FORMAT, article, countries, organizations, officials, meetings, deployments, positions };
  return { document, bodySha256: sha256Hex(body), positions: prepared, operators };
}

/** What identifies a deployment: its system in its host country, or its name there when the system is unknown. */
function deploymentIdentity(d: SeedDeployment): string {
  return d.system !== null ? `${d.system} in ${d.host ?? 'an unknown country'}` : `"${d.name}" in ${d.host ?? 'an unknown country'}`;
}

/** What identifies a position: stance, deployment or topic, the set of holders, and the meeting. */
function positionIdentity(p: SeedPosition): string {
  const target = p.deployment !== null ? `deployment ${p.deployment}` : `topic "${p.topic}"`;
  return `${p.stance} on ${target} by ${[...p.holders].sort().join('+')} at ${p.meeting ?? 'no meeting'}`;
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/**
 * Per entity type: `created` (new rows), `matched` (found, nothing to change) and `updated`
 * (found, and a missing field or alias was filled in). The three are exclusive.
 * `links` counts join rows (participants, holders, speakers, addressees, memberships, the
 * article's meetings): created or already present.
 */
export interface SeedCounts {
  created: number;
  matched: number;
  updated: number;
}

export interface SeedReport {
  countries: SeedCounts;
  organizations: SeedCounts;
  officials: SeedCounts;
  articles: SeedCounts;
  meetings: SeedCounts;
  deployments: SeedCounts;
  positions: SeedCounts;
  evidence: SeedCounts;
  links: SeedCounts;
  /** Values in the database that differ from the document and were kept as they are. */
  warnings: string[];
}

type Tx = Prisma.TransactionClient;
type Outcome = 'created' | 'matched' | 'updated';

function emptyReport(): SeedReport {
  const counts = () => ({ created: 0, matched: 0, updated: 0 });
  return {
    countries: counts(),
    organizations: counts(),
    officials: counts(),
    articles: counts(),
    meetings: counts(),
    deployments: counts(),
    positions: counts(),
    evidence: counts(),
    links: counts(),
    warnings: [],
  };
}

/** Serializes concurrent loaders, so two of them cannot both create the same record. */
const SEED_LOCK_KEY = 7_368_290_154_112;

/**
 * Loads a seed document (by default the project's seed data set) into the database in one
 * transaction, matching every record before creating it. Throws SeedDocumentError before
 * touching the database when the document is invalid, and SeedConflictError (rolling back)
 * when the database holds an article with the same URL but a different body.
 */
export async function seedDatabase(
  prisma: PrismaClient,
  document: unknown = readSeedDocument(),
  options: { timeoutMs?: number } = {},
): Promise<SeedReport> {
  const seed = prepareSeedDocument(document);
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      return new SeedLoader(tx, seed).load();
    },
    { timeout: options.timeoutMs ?? 30_000, maxWait: 10_000 },
  );
}

/** Union of two alias lists, in order, without the name itself; null when nothing is new. */
function mergeAliases(existing: string[], incoming: string[], name: string): string[] | null {
  const merged = [...existing];
  for (const alias of incoming) if (alias !== name && !merged.includes(alias)) merged.push(alias);
  return merged.length === existing.length ? null : merged;
}

const sameDay = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());
const dayOrNull = (value: string | null) => (value === null ? null : parseDay(value));
const describeDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : 'null');

class SeedLoader {
  private readonly report = emptyReport();
  private readonly countryIds = new Map<string, number>();
  private readonly organizationIds = new Map<string, number>();
  private readonly officialIds = new Map<string, number>();
  private readonly meetingIds = new Map<string, number>();
  private readonly deploymentIds = new Map<string, number>();
  private articleId = 0;

  constructor(
    private readonly tx: Tx,
    private readonly seed: PreparedSeed,
  ) {}

  async load(): Promise<SeedReport> {
    const doc = this.seed.document;
    for (const country of doc.countries) await this.country(country);
    for (const organization of doc.organizations) await this.organization(organization);
    for (const official of doc.officials) await this.official(official);
    await this.article(doc.article);
    for (const meeting of doc.meetings) await this.meeting(meeting);
    for (const deployment of doc.deployments) await this.deployment(deployment);
    for (const position of this.seed.positions) await this.position(position);
    return this.report;
  }

  private count(counts: SeedCounts, outcome: Outcome): void {
    counts[outcome] += 1;
  }

  /** Keeps a value the database already has; warns when the document says something else. */
  private keep<T>(what: string, stored: T, incoming: T, equal: (a: T, b: T) => boolean = (a, b) => a === b, show: (v: T) => string = (v) => JSON.stringify(v)): void {
    if (stored !== null && incoming !== null && !equal(stored, incoming)) {
      this.report.warnings.push(`${what}: kept ${show(stored)}, the document says ${show(incoming)}`);
    }
  }

  private actorId(ref: ActorRef): number {
    const id = ref.kind === 'country' ? this.countryIds.get(ref.isoCode) : this.organizationIds.get(ref.acronym);
    if (id === undefined) throw new Error(`internal: actor ${JSON.stringify(ref)} was not loaded`);
    return id;
  }

  private idOf(map: Map<string, number>, key: string | null): number | null {
    if (key === null) return null;
    const id = map.get(key);
    if (id === undefined) throw new Error(`internal: ${key} was not loaded`);
    return id;
  }

  private async country(input: SeedCountry): Promise<void> {
    const found = await this.tx.country.findUnique({ where: { isoCode: input.isoCode }, include: { actor: true } });
    if (!found) {
      const actor = await this.tx.actor.create({
        data: { kind: 'COUNTRY', name: input.name, aliases: input.aliases, country: { create: { isoCode: input.isoCode } } },
      });
      this.countryIds.set(input.isoCode, actor.id);
      this.count(this.report.countries, 'created');
      return;
    }
    this.countryIds.set(input.isoCode, found.id);
    this.keep(`country ${input.isoCode} name`, found.actor.name, input.name);
    const aliases = mergeAliases(found.actor.aliases, input.aliases, found.actor.name);
    if (aliases) await this.tx.actor.update({ where: { id: found.id }, data: { aliases } });
    this.count(this.report.countries, aliases ? 'updated' : 'matched');
  }

  private async organization(input: SeedOrganization): Promise<void> {
    const found = await this.tx.organization.findUnique({ where: { acronym: input.acronym }, include: { actor: true } });
    let id: number;
    if (!found) {
      const actor = await this.tx.actor.create({
        data: { kind: 'ORGANIZATION', name: input.name, aliases: input.aliases, organization: { create: { acronym: input.acronym } } },
      });
      id = actor.id;
      this.count(this.report.organizations, 'created');
    } else {
      id = found.id;
      this.keep(`organization ${input.acronym} name`, found.actor.name, input.name);
      const aliases = mergeAliases(found.actor.aliases, input.aliases, found.actor.name);
      if (aliases) await this.tx.actor.update({ where: { id }, data: { aliases } });
      this.count(this.report.organizations, aliases ? 'updated' : 'matched');
    }
    this.organizationIds.set(input.acronym, id);
    for (const member of input.members) {
      const countryId = this.idOf(this.countryIds, member) as number;
      const key = { organizationId_countryId: { organizationId: id, countryId } };
      await this.link(() => this.tx.organizationMembership.findUnique({ where: key }), () => this.tx.organizationMembership.create({ data: { organizationId: id, countryId } }));
    }
  }

  private async link(find: () => Promise<unknown>, create: () => Promise<unknown>): Promise<void> {
    if (await find()) {
      this.count(this.report.links, 'matched');
    } else {
      await create();
      this.count(this.report.links, 'created');
    }
  }

  private async official(input: SeedOfficial): Promise<void> {
    const countryId = this.idOf(this.countryIds, input.country);
    const organizationId = this.idOf(this.organizationIds, input.organization);
    // By name within the country; an official of no country, within the organization.
    const where: Prisma.OfficialWhereInput =
      countryId !== null ? { name: input.name, countryId } : organizationId !== null ? { name: input.name, organizationId } : { name: input.name, countryId: null, organizationId: null };
    const found = await this.tx.official.findFirst({ where, orderBy: { id: 'asc' } });
    if (!found) {
      const created = await this.tx.official.create({ data: { name: input.name, title: input.title, aliases: input.aliases, countryId, organizationId } });
      this.officialIds.set(input.name, created.id);
      this.count(this.report.officials, 'created');
      return;
    }
    this.officialIds.set(input.name, found.id);
    const data: Prisma.OfficialUncheckedUpdateInput = {};
    if (found.title === null && input.title !== null) data.title = input.title;
    this.keep(`official "${input.name}" title`, found.title, input.title);
    if (found.organizationId === null && organizationId !== null) data.organizationId = organizationId;
    const aliases = mergeAliases(found.aliases, input.aliases, found.name);
    if (aliases) data.aliases = aliases;
    const changed = Object.keys(data).length > 0;
    if (changed) await this.tx.official.update({ where: { id: found.id }, data });
    this.count(this.report.officials, changed ? 'updated' : 'matched');
  }

  private async article(input: SeedArticle): Promise<void> {
    const sha = this.seed.bodySha256;
    const byUrl = input.url !== null ? await this.tx.article.findUnique({ where: { url: input.url } }) : null;
    if (byUrl && byUrl.bodySha256 !== sha) {
      throw new SeedConflictError(`the database already holds an article at ${input.url} with a different body (sha256 ${byUrl.bodySha256}, the document's is ${sha})`);
    }
    const found = byUrl ?? (await this.tx.article.findUnique({ where: { bodySha256: sha } }));
    const publishedAt = input.publishedAt === null ? null : new Date(input.publishedAt);
    if (!found) {
      const created = await this.tx.article.create({
        data: { headline: input.headline, source: input.source, url: input.url, publishedAt, body: input.body, bodySha256: sha, photoCredit: input.photoCredit },
      });
      this.articleId = created.id;
      this.count(this.report.articles, 'created');
      return;
    }
    this.articleId = found.id;
    const data: Prisma.ArticleUpdateInput = {};
    if (found.headline === null && input.headline !== null) data.headline = input.headline;
    if (found.url === null && input.url !== null) data.url = input.url;
    if (found.publishedAt === null && publishedAt !== null) data.publishedAt = publishedAt;
    if (found.photoCredit === null && input.photoCredit !== null) data.photoCredit = input.photoCredit;
    const what = `article ${found.url ?? sha.slice(0, 12)}`;
    this.keep(`${what} source`, found.source, input.source);
    this.keep(`${what} headline`, found.headline, input.headline);
    this.keep(`${what} url`, found.url, input.url);
    this.keep(`${what} publishedAt`, found.publishedAt, publishedAt, sameDay, (d) => d?.toISOString() ?? 'null');
    this.keep(`${what} photoCredit`, found.photoCredit, input.photoCredit);
    const changed = Object.keys(data).length > 0;
    if (changed) await this.tx.article.update({ where: { id: found.id }, data });
    this.count(this.report.articles, changed ? 'updated' : 'matched');
  }

  private async meeting(input: SeedMeeting): Promise<void> {
    const date = dayOrNull(input.date);
    const countryId = this.idOf(this.countryIds, input.country);
    const found = await this.tx.meeting.findFirst({ where: { name: input.name, date }, orderBy: { id: 'asc' } });
    let id: number;
    if (!found) {
      const created = await this.tx.meeting.create({ data: { name: input.name, series: input.series, ordinal: input.ordinal, city: input.city, countryId, date } });
      id = created.id;
      this.count(this.report.meetings, 'created');
    } else {
      id = found.id;
      const data: Prisma.MeetingUncheckedUpdateInput = {};
      if (found.series === null && input.series !== null) data.series = input.series;
      if (found.ordinal === null && input.ordinal !== null) data.ordinal = input.ordinal;
      if (found.city === null && input.city !== null) data.city = input.city;
      if (found.countryId === null && countryId !== null) data.countryId = countryId;
      const what = `meeting "${input.name}"`;
      this.keep(`${what} series`, found.series, input.series);
      this.keep(`${what} ordinal`, found.ordinal, input.ordinal);
      this.keep(`${what} city`, found.city, input.city);
      this.keep(`${what} country`, found.countryId, countryId);
      const changed = Object.keys(data).length > 0;
      if (changed) await this.tx.meeting.update({ where: { id }, data });
      this.count(this.report.meetings, changed ? 'updated' : 'matched');
    }
    this.meetingIds.set(input.key, id);
    for (const name of input.participants) {
      const officialId = this.idOf(this.officialIds, name) as number;
      const key = { meetingId_officialId: { meetingId: id, officialId } };
      await this.link(() => this.tx.meetingParticipant.findUnique({ where: key }), () => this.tx.meetingParticipant.create({ data: { meetingId: id, officialId } }));
    }
    const articleKey = { articleId_meetingId: { articleId: this.articleId, meetingId: id } };
    await this.link(() => this.tx.articleMeeting.findUnique({ where: articleKey }), () => this.tx.articleMeeting.create({ data: { articleId: this.articleId, meetingId: id } }));
  }

  private async deployment(input: SeedDeployment): Promise<void> {
    const hostId = this.idOf(this.countryIds, input.host);
    const operatorRef = this.seed.operators.get(input.key) ?? null;
    const operatorId = operatorRef === null ? null : this.actorId(operatorRef);
    const announcedOn = dayOrNull(input.announcedOn);
    const where: Prisma.DeploymentWhereInput = input.system !== null ? { system: input.system, hostId } : { system: null, name: input.name, hostId };
    const found = await this.tx.deployment.findFirst({ where, orderBy: { id: 'asc' } });
    if (!found) {
      const created = await this.tx.deployment.create({
        data: { name: input.name, system: input.system, systemName: input.systemName, status: input.status, location: input.location, operatorId, hostId, announcedOn },
      });
      this.deploymentIds.set(input.key, created.id);
      this.count(this.report.deployments, 'created');
      return;
    }
    this.deploymentIds.set(input.key, found.id);
    const data: Prisma.DeploymentUncheckedUpdateInput = {};
    if (found.systemName === null && input.systemName !== null) data.systemName = input.systemName;
    if (found.location === null && input.location !== null) data.location = input.location;
    if (found.operatorId === null && operatorId !== null) data.operatorId = operatorId;
    if (found.announcedOn === null && announcedOn !== null) data.announcedOn = announcedOn;
    const what = `deployment "${found.name}"`;
    this.keep(`${what} name`, found.name, input.name);
    this.keep(`${what} systemName`, found.systemName, input.systemName);
    this.keep(`${what} status`, found.status, input.status);
    this.keep(`${what} location`, found.location, input.location);
    this.keep(`${what} operator`, found.operatorId, operatorId);
    this.keep(`${what} announcedOn`, found.announcedOn, announcedOn, sameDay, describeDay);
    const changed = Object.keys(data).length > 0;
    if (changed) await this.tx.deployment.update({ where: { id: found.id }, data });
    this.count(this.report.deployments, changed ? 'updated' : 'matched');
  }

  private async position(input: PreparedPosition): Promise<void> {
    const deploymentId = this.idOf(this.deploymentIds, input.deployment);
    const meetingId = this.idOf(this.meetingIds, input.meeting);
    const holderIds = [...new Set(input.holders.map((ref) => this.actorId(ref)))].sort((a, b) => a - b);
    const statedOn = dayOrNull(input.statedOn);
    const candidates = await this.tx.position.findMany({
      where: { stance: input.stance, deploymentId, topic: input.topic, meetingId, holders: { every: { actorId: { in: holderIds } } } },
      include: { holders: true },
      orderBy: { id: 'asc' },
    });
    const found = candidates.find((p) => p.holders.length === holderIds.length && holderIds.every((id) => p.holders.some((h) => h.actorId === id)));
    let id: number;
    if (!found) {
      const created = await this.tx.position.create({
        data: { stance: input.stance, summary: input.summary, deploymentId, topic: input.topic, meetingId, statedOn, holders: { create: holderIds.map((actorId) => ({ actorId })) } },
      });
      id = created.id;
      this.report.links.created += holderIds.length;
      this.count(this.report.positions, 'created');
    } else {
      id = found.id;
      this.report.links.matched += holderIds.length;
      const changed = found.statedOn === null && statedOn !== null;
      if (changed) await this.tx.position.update({ where: { id }, data: { statedOn } });
      this.keep(`position ${id} (${input.stance}) statedOn`, found.statedOn, statedOn, sameDay, describeDay);
      this.count(this.report.positions, changed ? 'updated' : 'matched');
    }
    for (const name of input.speakers) {
      const officialId = this.idOf(this.officialIds, name) as number;
      const key = { positionId_officialId: { positionId: id, officialId } };
      await this.link(() => this.tx.positionSpeaker.findUnique({ where: key }), () => this.tx.positionSpeaker.create({ data: { positionId: id, officialId } }));
    }
    for (const actorId of new Set(input.addressees.map((ref) => this.actorId(ref)))) {
      const key = { positionId_actorId: { positionId: id, actorId } };
      await this.link(() => this.tx.positionAddressee.findUnique({ where: key }), () => this.tx.positionAddressee.create({ data: { positionId: id, actorId } }));
    }
    for (const span of input.evidence) {
      const key = { positionId_articleId_start_end: { positionId: id, articleId: this.articleId, start: span.start, end: span.end } };
      const existing = await this.tx.evidence.findUnique({ where: key });
      if (existing) {
        this.count(this.report.evidence, 'matched');
      } else {
        await this.tx.evidence.create({ data: { positionId: id, articleId: this.articleId, text: span.text, start: span.start, end: span.end } });
        this.count(this.report.evidence, 'created');
      }
    }
  }
}

/** The report as a few lines for a terminal. */
export function formatSeedReport(report: SeedReport): string {
  const kinds = ['countries', 'organizations', 'officials', 'articles', 'meetings', 'deployments', 'positions', 'evidence', 'links'] as const;
  const width = Math.max(...kinds.map((k) => k.length));
  const lines = kinds.map((kind) => {
    const c = report[kind];
    return `${kind.padEnd(width)}  ${String(c.created).padStart(3)} created  ${String(c.matched).padStart(3)} matched  ${String(c.updated).padStart(3)} updated`;
  });
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}
