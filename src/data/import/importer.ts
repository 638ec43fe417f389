/**
 * Loads an article document (src/import/document.ts) into the database, in one write transaction
 * per article (src/db/write.ts: the global write lock makes concurrent imports of the same
 * document run one after the other, so the second finds what the first created).
 *
 * Every entity is matched before it is created:
 * - countries by ISO code; one given without a code, by name or alias (never created without one);
 * - organizations by acronym, else by name or alias (among those without another acronym);
 * - officials by name or alias within their country (or organization, when they have no country);
 * - the article by URL, else by the SHA-256 of its body;
 * - meetings by name and date, or by series and ordinal;
 * - deployments by system and host country (by name and host when the system is unknown);
 * - positions by stance, deployment or topic, the set of holders and the meeting: a position
 *   already known gains the new article's quotes as evidence instead of being duplicated.
 * A matched record keeps its values; what it lacks (a null field, a new alias or name) is filled
 * in, and a value the document states differently is reported as a warning. Importing the same
 * document twice creates nothing the second time.
 */
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { UserErrorCode } from '../user-errors.ts';
import { changedBy, ChangeAction, createdBy, write, type ChangeActor, type Write } from '../write.ts';
import { cleanAliases, formatDay, normalizeText, parseDay } from '../rules.ts';
import { insertArticle } from '../models/article.ts';
import { findCountryByIsoCode, findNamedCountries, insertCountry } from '../models/country.ts';
import { findSameDeployment, insertDeployment, recordStatusChange } from '../models/deployment.ts';
import { insertMeeting, meetingModel } from '../models/meeting.ts';
import { aliasesWith } from '../models/names.ts';
import { findNamedOfficial, insertOfficial } from '../models/official.ts';
import { findNamedOrganizations, findOrganizationByAcronym, insertOrganization } from '../models/organization.ts';
import { findSamePosition, insertPosition, positionModel, targetColumns } from '../models/position.ts';
import { topicsIn, topicsNamed } from '../models/topic.ts';
import { encodeGlobalId } from '../global-id.ts';
import { columnValuesOf, storedReportedDate, type ModelDefinition } from '../model.ts';
import { exactDayOf, overlaps, parseReportedDate, refines, type ReportedDate } from '../reported-date.ts';
import {
  ArticleDocumentError,
  meetingHeld,
  prepareDocument,
  type ActorRef,
  type DocumentProblem,
  type PreparedDocument,
  type PreparedPosition,
} from './document.ts';
import type * as Format from './format.ts';

/**
 * Per entity type: `created` (new rows), `matched` (found, nothing to change) and `updated`
 * (found, and something it lacked was filled in). The three are exclusive. `links` counts join
 * rows (participants, holders, speakers, addressees, memberships, the article's meetings).
 */
/** The column values of the fields a model's definition marks for the import, from a checked document object. */
function importedValuesOf(model: ModelDefinition, input: object): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(model.fields)) {
    if (!definition.import) continue;
    const value = (input as Record<string, unknown>)[name] as string | null;
    if (definition.kind === 'day') values[name] = dayOrNull(value);
    else if (definition.kind === 'reportedDate') values[name] = reportedDateOrNull(value);
    else values[name] = value;
  }
  return columnValuesOf(model, values);
}

export interface ImportCounts {
  created: number;
  matched: number;
  updated: number;
}

export const reportKinds = ['countries', 'organizations', 'officials', 'articles', 'meetings', 'deployments', 'positions', 'evidence', 'links'] as const;
export type ReportKind = (typeof reportKinds)[number];

/** The node type of each kind of record the report counts (links are rows of no type of their own). */
type RecordKind = Exclude<ReportKind, 'links'>;
const entityTypes: Record<RecordKind, string> = {
  countries: 'Country',
  organizations: 'Organization',
  officials: 'Official',
  articles: 'Article',
  meetings: 'Meeting',
  deployments: 'Deployment',
  positions: 'Position',
  evidence: 'Evidence',
};

export type ImportReport = Record<ReportKind, ImportCounts> & {
  /** Values in the database that differ from the document and were kept as they are. */
  warnings: string[];
};

export type ImportOutcome = { status: 'imported'; articleId: number; report: ImportReport } | { status: 'rejected'; problems: DocumentProblem[] };

export interface ImportOptions {
  /** Recorded as createdBy/updatedBy and in the change log. */
  actor: ChangeActor;
  /** The present, for the future-date rule. */
  now?: Date;
  timeoutMs?: number;
}

function emptyReport(): ImportReport {
  const report = { warnings: [] as string[] } as ImportReport;
  for (const kind of reportKinds) report[kind] = { created: 0, matched: 0, updated: 0 };
  return report;
}

/**
 * Validates and imports one article document. An invalid document, or one the database
 * contradicts, is rejected whole: nothing of it is stored.
 */
export async function importArticle(prisma: PrismaClient, input: unknown, options: ImportOptions): Promise<ImportOutcome> {
  let prepared: PreparedDocument;
  try {
    prepared = prepareDocument(input, { now: options.now });
  } catch (error) {
    if (error instanceof ArticleDocumentError) return { status: 'rejected', problems: error.problems };
    throw error;
  }
  const result = await write(prisma, options.actor, (w) => loadDocument(w, prepared), {
    // A long article with many positions is one transaction; allow it time on a busy server.
    timeoutMs: options.timeoutMs ?? 120_000,
    maxWaitMs: 120_000,
  });
  if (result.ok) return { status: 'imported', ...result.value };
  return {
    status: 'rejected',
    problems: result.userErrors.map((e) => ({ path: (e.field ?? []).map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: e.message, code: e.code })),
  };
}

/** Loads a prepared document within a write transaction (the API's articleImport runs it in its own). */
export function loadDocument(w: Write, prepared: PreparedDocument): Promise<{ articleId: number; report: ImportReport }> {
  return new ArticleImporter(w, prepared).load();
}

const sameDay = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());
const dayOrNull = (value: string | null) => (value === null ? null : parseDay(value));
/** A reported date the document check has accepted. */
const reportedDateOrNull = (value: string | null | undefined): ReportedDate | null => {
  if (value == null) return null;
  const date = parseReportedDate(value);
  if (typeof date === 'string') throw new Error(`internal: the document check let "${value}" through: ${date}`);
  return date;
};
const describeDay = (d: Date | null) => (d ? formatDay(d) : 'null');

/**
 * What a document's values fill in on a record it matched: each value it gives where the record
 * has none (an import fills in what is missing, never overwrites).
 */
function filledIn<TValues extends Record<string, unknown>>(found: Record<string, unknown>, given: TValues): Partial<TValues> {
  return Object.fromEntries(Object.entries(given).filter(([key, value]) => value !== null && found[key] === null)) as Partial<TValues>;
}

class ArticleImporter {
  private readonly report = emptyReport();
  /** The records the import created or changed, for the change log. */
  private readonly changed: Record<'created' | 'updated', Array<{ kind: RecordKind; id: number }>> = { created: [], updated: [] };
  private readonly countryIds: number[] = [];
  private readonly organizationIds: number[] = [];
  private readonly officialIds = new Map<string, number>();
  private readonly meetingIds = new Map<string, number>();
  private readonly deploymentIds = new Map<string, number>();
  private articleId = 0;
  private topics = new Map<string, { id: number; name: string }>();
  private readonly tx: Prisma.TransactionClient;

  constructor(
    private readonly w: Write,
    private readonly doc: PreparedDocument,
  ) {
    this.tx = w.tx;
  }

  async load(): Promise<{ articleId: number; report: ImportReport }> {
    const d = this.doc.document;
    for (const [i, country] of d.countries.entries()) await this.country(country, i);
    for (const [i, organization] of d.organizations.entries()) await this.organization(organization, i);
    this.w.check();
    for (const [i, official] of d.officials.entries()) await this.official(official, i);
    this.w.check();
    await this.article(d.article);
    for (const [i, meeting] of d.meetings.entries()) await this.meeting(meeting, i);
    for (const [i, deployment] of d.deployments.entries()) await this.deployment(deployment, i);
    // Every topic the article names, found or recorded in two statements rather than two per position.
    this.topics = await topicsNamed(
      this.w,
      this.doc.positions.flatMap((p) => p.targetTopics),
    );
    for (const position of this.doc.positions) await this.position(position);
    await this.logChanges();
    return { articleId: this.articleId, report: this.report };
  }

  private count(kind: ReportKind, outcome: keyof ImportCounts, id?: number): void {
    this.report[kind][outcome] += 1;
    if (outcome !== 'matched' && kind !== 'links' && id !== undefined) this.changed[outcome].push({ kind, id });
  }

  /**
   * The change log: the import as a whole on the article (counts, the global IDs of what it
   * created and changed, the warnings), and an IMPORT entry on every record it created or changed,
   * naming the article, so that each record's own history shows it.
   */
  private async logChanges(): Promise<void> {
    const article = encodeGlobalId('Article', this.articleId);
    const { warnings, ...counts } = this.report;
    const ids = (outcome: 'created' | 'updated') => {
      const byKind: Partial<Record<RecordKind, string[]>> = {};
      for (const { kind, id } of this.changed[outcome]) (byKind[kind] ??= []).push(encodeGlobalId(entityTypes[kind], id));
      return byKind;
    };
    const isArticle = ({ kind, id }: { kind: RecordKind; id: number }) => kind === 'articles' && id === this.articleId;
    const outcome = this.changed.created.some(isArticle) ? 'created' : this.changed.updated.some(isArticle) ? 'updated' : 'matched';
    await this.w.log(ChangeAction.IMPORT, 'Article', this.articleId, { outcome, counts, created: ids('created'), updated: ids('updated'), warnings });
    const entries = (['created', 'updated'] as const).flatMap((outcome) =>
      this.changed[outcome]
        .filter((record) => !isArticle(record))
        .map(({ kind, id }) => ({ entityType: entityTypes[kind], entityId: id, details: { article, outcome } })),
    );
    await this.w.logMany(ChangeAction.IMPORT, entries);
  }

  /** Keeps a value the database already has; warns when the document says something else. */
  private keep<T>(
    what: string,
    stored: T,
    incoming: T,
    equal: (a: T, b: T) => boolean = (a, b) => a === b,
    show: (v: T) => string = (v) => JSON.stringify(v),
  ): void {
    if (stored !== null && incoming !== null && !equal(stored, incoming)) {
      this.report.warnings.push(`${what}: kept ${show(stored)}, the document says ${show(incoming)}`);
    }
  }

  /** A country or organization as a warning names it: its name and its global ID (no API call takes a row number). */
  private async actorLabel(id: number | null): Promise<string | null> {
    if (id === null) return null;
    const actor = await this.tx.actor.findUnique({ where: { id }, select: { kind: true, name: true } });
    if (!actor) return null;
    return `${actor.name} (${encodeGlobalId(actor.kind === 'COUNTRY' ? 'Country' : 'Organization', id)})`;
  }

  private actorId(ref: ActorRef): number {
    const id = ref.kind === 'country' ? this.countryIds[ref.index] : this.organizationIds[ref.index];
    if (id === undefined) throw new Error(`internal: actor ${JSON.stringify(ref)} was not loaded`);
    return id;
  }

  private idOf(map: Map<string, number>, key: string | null): number | null {
    if (key === null) return null;
    const id = map.get(key);
    if (id === undefined) throw new Error(`internal: ${key} was not loaded`);
    return id;
  }

  private indexed(ids: number[], index: number | null): number | null {
    if (index === null) return null;
    const id = ids[index];
    if (id === undefined) throw new Error(`internal: entity ${index} was not loaded`);
    return id;
  }

  /**
   * Creates the link rows that do not exist yet, in one statement (`ON CONFLICT DO NOTHING` on
   * the link's primary key), and counts created and matched ones. True when any was created.
   */
  private async links(rows: readonly object[], createMany: (data: never[]) => Promise<{ count: number }>): Promise<boolean> {
    if (rows.length === 0) return false;
    const { count } = await createMany(rows as never[]);
    this.report.links.created += count;
    this.report.links.matched += rows.length - count;
    return count > 0;
  }

  /** Adds the document's name and aliases to a matched actor's aliases. */
  private async actorAliases(
    kind: 'countries' | 'organizations',
    found: { id: number; name: string; aliases: string[] },
    name: string,
    aliases: string[],
    extra: Prisma.ActorUpdateInput = {},
  ): Promise<void> {
    const merged = aliasesWith(found, { name, aliases });
    const data: Prisma.ActorUpdateInput = { ...extra, ...(merged ? { aliases: merged } : {}) };
    const changed = Object.keys(data).length > 0;
    if (changed) await this.tx.actor.update({ where: { id: found.id }, data: { ...data, ...changedBy(this.w.actor) } });
    this.count(kind, changed ? 'updated' : 'matched', found.id);
  }

  private async country(input: Format.ImportCountry, i: number): Promise<void> {
    const name = normalizeText(input.name);
    if (input.isoCode !== null) {
      const found = await findCountryByIsoCode(this.w, input.isoCode);
      if (!found) {
        const actor = await insertCountry(this.w, { name, isoCode: input.isoCode, aliases: cleanAliases(input.aliases, name) });
        this.countryIds[i] = actor.id;
        this.count('countries', 'created', actor.id);
        return;
      }
      this.countryIds[i] = found.id;
      await this.actorAliases('countries', found.actor, name, input.aliases);
      return;
    }
    const candidates = await findNamedCountries(this.w, name, input.aliases);
    if (candidates.length === 0) {
      this.w.fail(
        ['countries', i, 'isoCode'],
        `country "${name}" has no ISO code and matches no recorded country by name or alias: give its isoCode`,
        UserErrorCode.NOT_FOUND,
      );
      return;
    }
    if (candidates.length > 1) {
      const which = candidates.map((c) => `${c.name} (${c.country?.isoCode})`).join(', ');
      this.w.fail(['countries', i, 'name'], `country "${name}" matches several recorded countries (${which}): give its isoCode`, UserErrorCode.AMBIGUOUS_MATCH);
      return;
    }
    const found = candidates[0]!;
    this.countryIds[i] = found.id;
    await this.actorAliases('countries', found, name, input.aliases);
  }

  private async organization(input: Format.ImportOrganization, i: number): Promise<void> {
    const name = normalizeText(input.name);
    let found: { id: number; name: string; aliases: string[]; acronym: string | null } | null = null;
    if (input.acronym !== null) {
      const byAcronym = await findOrganizationByAcronym(this.w, input.acronym);
      if (byAcronym) found = { ...byAcronym.actor, acronym: byAcronym.acronym };
    }
    if (!found) {
      const candidates = await findNamedOrganizations(this.w, name, input.aliases, input.acronym);
      if (candidates.length > 1) {
        const which = candidates.map((c) => c.organization?.acronym ?? c.name).join(', ');
        this.w.fail(['organizations', i, 'name'], `organization "${name}" matches several recorded organizations (${which})`, UserErrorCode.AMBIGUOUS_MATCH);
        return;
      }
      const only = candidates[0];
      if (only) found = { ...only, acronym: only.organization?.acronym ?? null };
    }
    let id: number;
    if (!found) {
      const actor = await insertOrganization(this.w, { name, acronym: input.acronym, aliases: cleanAliases(input.aliases, name), memberIds: [] });
      id = actor.id;
      this.count('organizations', 'created', id);
    } else {
      id = found.id;
      const fillAcronym = found.acronym === null && input.acronym !== null;
      await this.actorAliases('organizations', found, name, input.aliases, fillAcronym ? { organization: { update: { acronym: input.acronym } } } : {});
    }
    this.organizationIds[i] = id;
    const members = (this.doc.members[i] ?? []).map((countryIndex) => ({
      organizationId: id,
      countryId: this.indexed(this.countryIds, countryIndex) as number,
    }));
    await this.links(members, (data) => this.tx.organizationMembership.createMany({ data, skipDuplicates: true }));
  }

  private async official(input: Format.ImportOfficial, i: number): Promise<void> {
    const countryId = this.indexed(this.countryIds, this.doc.officialCountry[i] ?? null);
    const organizationId = this.indexed(this.organizationIds, this.doc.officialOrganization[i] ?? null);
    const name = normalizeText(input.name);
    const match = await findNamedOfficial(this.w, { name, aliases: input.aliases, countryId, organizationId });
    if (match && 'ambiguous' in match) {
      this.w.fail(
        ['officials', i, 'name'],
        `official "${name}" matches several recorded officials by alias (${match.ambiguous.map((c) => c.name).join(', ')})`,
        UserErrorCode.AMBIGUOUS_MATCH,
      );
      return;
    }
    const found = match?.found ?? null;
    if (!found) {
      const created = await insertOfficial(this.w, { name, title: input.title, aliases: cleanAliases(input.aliases, name), countryId, organizationId });
      this.officialIds.set(input.name, created.id);
      this.count('officials', 'created', created.id);
      return;
    }
    this.officialIds.set(input.name, found.id);
    const data: Prisma.OfficialUncheckedUpdateInput = filledIn(found, { title: input.title, organizationId, countryId });
    this.keep(`official "${found.name}" title`, found.title, input.title);
    const aliases = aliasesWith(found, { name, aliases: input.aliases });
    if (aliases) data.aliases = aliases;
    const changed = Object.keys(data).length > 0;
    if (changed) await this.tx.official.update({ where: { id: found.id }, data: { ...data, ...changedBy(this.w.actor) } });
    this.count('officials', changed ? 'updated' : 'matched', found.id);
  }

  private async article(input: Format.ImportArticle): Promise<void> {
    const sha = this.doc.bodySha256;
    const byUrl = input.url !== null ? await this.tx.article.findUnique({ where: { url: input.url } }) : null;
    if (byUrl && byUrl.bodySha256 !== sha) {
      this.w.abort(
        ['article', 'url'],
        `an article at ${input.url} is already recorded with a different body (sha256 ${byUrl.bodySha256.slice(0, 12)}…, this one's is ${sha.slice(0, 12)}…)`,
        UserErrorCode.CONFLICT,
      );
    }
    const found = byUrl ?? (await this.tx.article.findUnique({ where: { bodySha256: sha } }));
    // A day alone is a day, not midnight UTC; a time keeps the day it gives (the publisher's).
    const publishedAt = input.publishedAt === null || input.publishedAt.length === 10 ? null : new Date(input.publishedAt);
    const publishedOn = input.publishedAt === null ? null : parseDay(input.publishedAt.slice(0, 10));
    if (!found) {
      const created = await insertArticle(this.w, {
        headline: input.headline,
        source: input.source,
        url: input.url,
        publishedAt,
        publishedOn,
        body: input.body,
        bodySha256: sha,
        photoCredit: input.photoCredit,
      });
      this.articleId = created.id;
      this.count('articles', 'created', created.id);
      return;
    }
    this.articleId = found.id;
    const data: Prisma.ArticleUpdateInput = filledIn(found, { headline: input.headline, publishedOn, photoCredit: input.photoCredit });
    if (found.url === null && input.url !== null) {
      const taken = await this.tx.article.findUnique({ where: { url: input.url }, select: { id: true } });
      if (!taken) data.url = input.url;
    }
    // A day recorded, then the exact time of that day: the time is added. Another day is kept.
    const sameDayOf = found.publishedOn === null || publishedOn === null || sameDay(found.publishedOn, publishedOn);
    if (found.publishedAt === null && publishedAt !== null && sameDayOf) data.publishedAt = publishedAt;
    const what = `article ${found.url ?? sha.slice(0, 12)}`;
    this.keep(`${what} source`, found.source, input.source);
    this.keep(`${what} headline`, found.headline, input.headline);
    this.keep(`${what} url`, found.url, input.url);
    this.keep(`${what} publishedOn`, found.publishedOn, publishedOn, sameDay, describeDay);
    if (sameDayOf) this.keep(`${what} publishedAt`, found.publishedAt, publishedAt, sameDay, (d) => d?.toISOString() ?? 'null');
    this.keep(`${what} photoCredit`, found.photoCredit, input.photoCredit);
    const changed = Object.keys(data).length > 0;
    if (changed) await this.tx.article.update({ where: { id: found.id }, data: { ...data, ...changedBy(this.w.actor) } });
    this.count('articles', changed ? 'updated' : 'matched', found.id);
  }

  private async meeting(input: Format.ImportMeeting, i: number): Promise<void> {
    const held = meetingHeld(input);
    if (typeof held === 'string') throw new Error(`internal: the document check let a meeting through: ${held}`);
    const date = exactDayOf(held);
    const countryId = this.indexed(this.countryIds, this.doc.meetingCountry[i] ?? null);
    const bySeries = input.series !== null && input.ordinal !== null ? [{ series: input.series, ordinal: input.ordinal }] : [];
    const candidates = await this.tx.meeting.findMany({ where: { OR: [{ name: input.name }, ...bySeries] }, orderBy: { id: 'asc' } });
    // The same name on dates that may be the same (a day within a two-day meeting), or none on
    // either side; else the same series and ordinal.
    const sameDates = (recorded: ReportedDate | null) => (recorded === null ? held === null : held !== null && overlaps(recorded, held));
    const found =
      candidates.find((m) => m.name === input.name && sameDates(storedReportedDate(m, 'held'))) ??
      candidates.find((m) => input.series !== null && m.series === input.series && m.ordinal === input.ordinal) ??
      null;
    let id: number;
    if (!found) {
      const created = await insertMeeting(this.w, {
        name: input.name,
        series: input.series,
        ordinal: input.ordinal,
        city: input.city,
        countryId,
        ...columnValuesOf(meetingModel, { date, heldIn: held }),
      });
      id = created.id;
      this.count('meetings', 'created', id);
    } else {
      id = found.id;
      const data: Prisma.MeetingUncheckedUpdateInput = filledIn(found, { series: input.series, ordinal: input.ordinal, city: input.city, countryId });
      // A date it lacked, or a finer one within its own, is filled in.
      const recorded = storedReportedDate(found, 'held');
      const finer = held !== null && recorded !== null && refines(recorded, held);
      if (held !== null && (recorded === null || finer)) Object.assign(data, columnValuesOf(meetingModel, { date, heldIn: held }));
      const what = `meeting "${found.name}"`;
      this.keep(`${what} name`, found.name, input.name);
      this.keep(`${what} series`, found.series, input.series);
      this.keep(`${what} ordinal`, found.ordinal, input.ordinal);
      this.keep(`${what} city`, found.city, input.city);
      if (found.countryId !== countryId) this.keep(`${what} country`, await this.actorLabel(found.countryId), await this.actorLabel(countryId));
      if (!finer) this.keep(`${what} date`, recorded?.text ?? null, held?.text ?? null);
      const changed = Object.keys(data).length > 0;
      if (changed) await this.tx.meeting.update({ where: { id }, data: { ...data, ...changedBy(this.w.actor) } });
      this.count('meetings', changed ? 'updated' : 'matched', id);
    }
    this.meetingIds.set(input.key, id);
    const participants = input.participants.map((name) => ({ meetingId: id, officialId: this.idOf(this.officialIds, name) as number }));
    await this.links(participants, (data) => this.tx.meetingParticipant.createMany({ data, skipDuplicates: true }));
    await this.links([{ articleId: this.articleId, meetingId: id }], (data) => this.tx.articleMeeting.createMany({ data, skipDuplicates: true }));
  }

  private async deployment(input: Format.ImportDeployment, i: number): Promise<void> {
    const hostId = this.indexed(this.countryIds, this.doc.deploymentHost[i] ?? null);
    const hostIds = [
      ...new Set((this.doc.deploymentHosts[i] ?? []).map((ref) => this.indexed(this.countryIds, ref)).filter((id): id is number => id !== null)),
    ];
    const operatorRef = this.doc.operators[i] ?? null;
    const operatorId = operatorRef === null ? null : this.actorId(operatorRef);
    const announcedOn = dayOrNull(input.announcedOn);
    const aliases = input.aliases ?? [];
    const found = await findSameDeployment(this.w, { name: input.name, aliases, system: input.system, location: input.location, hostIds });
    let id: number;
    let changed = false;
    if (!found) {
      const created = await insertDeployment(this.w, {
        name: input.name,
        system: input.system,
        systemName: input.systemName,
        // Its status comes from its history, below.
        status: 'UNKNOWN',
        aliases: cleanAliases(aliases, input.name),
        location: input.location,
        operatorId,
        hostId: hostId ?? hostIds[0] ?? null,
        announcedOn,
        hosts: { create: hostIds.map((countryId) => ({ countryId })) },
      });
      id = created.id;
    } else {
      id = found.id;
      const data: Prisma.DeploymentUncheckedUpdateInput = filledIn(found, {
        systemName: input.systemName,
        system: input.system,
        location: input.location,
        operatorId,
        hostId: hostIds[0] ?? null,
        announcedOn,
      });
      // The document's name for it, when another, becomes an alias; so do its aliases.
      const names = aliasesWith(found, { name: input.name, aliases });
      if (names) data.aliases = names;
      const what = `deployment "${found.name}"`;
      this.keep(`${what} systemName`, found.systemName, input.systemName);
      this.keep(`${what} location`, found.location, input.location);
      if (found.operatorId !== operatorId) this.keep(`${what} operator`, await this.actorLabel(found.operatorId), await this.actorLabel(operatorId));
      this.keep(`${what} announcedOn`, found.announcedOn, announcedOn, sameDay, describeDay);
      changed = Object.keys(data).length > 0;
      if (changed) await this.tx.deployment.update({ where: { id }, data: { ...data, ...changedBy(this.w.actor) } });
      changed =
        (await this.links(
          hostIds.map((countryId) => ({ deploymentId: id, countryId })),
          (rows) => this.tx.deploymentHostCountry.createMany({ data: rows, skipDuplicates: true }),
        )) || changed;
    }
    // What the article says of its status is added to its history, not compared with what others said.
    if (input.status !== null) {
      const quote = this.doc.statusQuotes[i] ?? null;
      const evidence = { articleId: this.articleId, ...(quote ? { text: quote.text, start: quote.start, end: quote.end } : {}) };
      const added = await recordStatusChange(this.w, id, { status: input.status, on: reportedDateOrNull(input.statusIn), evidence });
      changed = added || changed;
    }
    this.deploymentIds.set(input.key, id);
    if (!found) this.count('deployments', 'created', id);
    else this.count('deployments', changed ? 'updated' : 'matched', id);
  }

  private async position(input: PreparedPosition): Promise<void> {
    const deploymentIds = [...new Set(input.targetDeployments.map((key) => this.idOf(this.deploymentIds, key) as number))];
    const meetingId = this.idOf(this.meetingIds, input.meeting);
    const holderIds = [...new Set(input.holders.map((ref) => this.actorId(ref)))].sort((a, b) => a - b);
    const stated = input.stated;
    const speakerIds = [...new Set(input.speakers.map((name) => this.idOf(this.officialIds, name) as number))];
    // Topics by their names or aliases ("full denuclearization…" once merged into "denuclearization…").
    const topics = topicsIn(this.topics, input.targetTopics);
    // Another article's report corroborates a recorded position only when it reports the same
    // statement (sameOccasion): otherwise it is recorded as a position of its own.
    // A proposal of extraction is compared with every position: it corroborates another proposal,
    // and adds nothing to a statement an editor has already accepted or rejected.
    const extracted = input.provenance === 'EXTRACTED';
    const found = await findSamePosition(
      this.w,
      { stance: input.stance, modality: input.modality, deployments: deploymentIds, topics: topics.map((t) => t.name), meeting: meetingId, holders: holderIds },
      { statedIn: stated, speakers: speakerIds, articleIds: [this.articleId] },
      undefined,
      extracted ? ['PROPOSED', 'ACCEPTED', 'REJECTED'] : ['ACCEPTED'],
    );
    if (found && extracted && found.reviewStatus !== 'PROPOSED') {
      this.report.links.matched += holderIds.length;
      this.count('positions', 'matched', found.id);
      return;
    }
    let id: number;
    let changed = false;
    if (!found) {
      const created = await insertPosition(this.w, {
        stance: input.stance,
        summary: input.summary,
        ...targetColumns(deploymentIds, topics),
        meetingId,
        ...importedValuesOf(positionModel, input),
        ...columnValuesOf(positionModel, { statedOn: exactDayOf(stated), statedIn: stated }),
        provenance: extracted ? 'EXTRACTED' : 'IMPORTED',
        reviewStatus: extracted ? 'PROPOSED' : 'ACCEPTED',
        holders: { create: holderIds.map((actorId) => ({ actorId })) },
      });
      id = created.id;
      this.report.links.created += holderIds.length;
    } else {
      id = found.id;
      this.report.links.matched += holderIds.length;
      // The same statement (never another date: sameOccasion): a date it lacked, or a finer one
      // within its own ("2017-03-07" for "2017-03"), is filled in; nothing else of it changes.
      const recorded = storedReportedDate(found, 'stated');
      if (stated !== null && (recorded === null || refines(recorded, stated))) {
        await this.tx.position.update({ where: { id }, data: columnValuesOf(positionModel, { statedOn: exactDayOf(stated), statedIn: stated }) });
        changed = true;
      }
    }
    const speakers = speakerIds.map((officialId) => ({ positionId: id, officialId }));
    changed = (await this.links(speakers, (data) => this.tx.positionSpeaker.createMany({ data, skipDuplicates: true }))) || changed;
    const addressees = [...new Set(input.addressees.map((ref) => this.actorId(ref)))].map((actorId) => ({ positionId: id, actorId }));
    changed = (await this.links(addressees, (data) => this.tx.positionAddressee.createMany({ data, skipDuplicates: true }))) || changed;
    // Evidence already recorded (same position, article and offsets) is skipped by its unique key.
    const evidence = await this.tx.evidence.createManyAndReturn({
      data: input.evidence.map((span) => ({
        positionId: id,
        articleId: this.articleId,
        text: span.text,
        start: span.start,
        end: span.end,
        ...createdBy(this.w.actor),
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    for (const row of evidence) this.count('evidence', 'created', row.id);
    this.report.evidence.matched += input.evidence.length - evidence.length;
    changed = evidence.length > 0 || changed;
    if (!found) {
      this.count('positions', 'created', id);
    } else {
      if (changed) await this.tx.position.update({ where: { id }, data: changedBy(this.w.actor) });
      this.count('positions', changed ? 'updated' : 'matched', id);
    }
  }
}

/** The report as a few lines for a terminal. */
export function formatImportReport(report: ImportReport): string {
  const width = Math.max(...reportKinds.map((k) => k.length));
  const lines = reportKinds.map((kind) => {
    const c = report[kind];
    return `${kind.padEnd(width)}  ${String(c.created).padStart(3)} created  ${String(c.matched).padStart(3)} matched  ${String(c.updated).padStart(3)} updated`;
  });
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}
