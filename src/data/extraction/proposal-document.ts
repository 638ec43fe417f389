/**
 * The extractor's proposals as an import document ("stancegraph.article/1") that prepareDocument
 * accepts: every entity a position refers to is declared, as the gazetteer knows it, with null or
 * [] for what it does not know; positions carry provenance EXTRACTED and their confidence.
 */
import type { ArticleDocument, ImportCountry, ImportDeployment, ImportMeeting, ImportOfficial, ImportOrganization, ImportPosition } from '../import/format.ts';
import { ARTICLE_FORMAT } from '../import/format.ts';
import type { Gazetteer, GazetteerOfficial } from './gazetteer.ts';
import { phrasesIn, type Span } from './mentions.ts';
import type { Modality } from './modality.ts';
import type { MeetingMention } from './occasions.ts';

export interface ExtractionInput {
  body: string;
  source: string;
  url: string | null;
  headline: string | null;
  /** "2017-09-06" or an ISO instant. */
  publishedAt: string | null;
}

export type Attribution = 'DIRECT_QUOTE' | 'PARAPHRASE' | 'UNNAMED_SOURCE';

/** A proposed position: an import document's position with the fields the import reads from the model's definition, typed. */
export type ExtractedPosition = ImportPosition & {
  statedIn: string | null;
  modality: Modality;
  attribution: Attribution;
  provenance: 'EXTRACTED';
  confidence: number;
};
/** An import document whose positions are proposals (it is an ArticleDocument). */
export type ExtractedDocument = Omit<ArticleDocument, 'positions'> & { positions: ExtractedPosition[] };

export interface Extraction {
  document: ExtractedDocument;
  /** Names (officials) and keys (meetings) in the document that the gazetteer did not know. */
  newEntities: { officials: string[]; meetings: string[] };
  unresolved: Array<{ text: string; start: number; end: number; kind: 'actor' | 'official' | 'deployment' }>;
}

export type Stance = ImportPosition['stance'];

/** Who a statement is from: the actors who hold it and the officials who voiced it. */
export interface Voice {
  holders: string[];
  speakers: GazetteerOfficial[];
  /** Found through "they", "the two officials", a quote's "we": a little less sure. */
  inferred: boolean;
}

export interface Proposal {
  stance: Stance;
  voice: Voice;
  addressees: string[];
  deployments: number[];
  topics: string[];
  meeting: string | null;
  statedOn: string | null;
  /** The month, when the text gives no day ("in July 2016"). */
  statedIn: string | null;
  modality: Modality;
  attribution: Attribution;
  confidence: number;
  evidence: Span[];
  /** Reported both as asserted and as denied: proposed neither way. */
  conflicted?: boolean;
}

/** A meeting the article reports, with what the extractor learned of it. */
export interface FoundMeeting extends MeetingMention {
  date: string | null;
  participants: GazetteerOfficial[];
  country: string | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Whether the body calls the official by `alias` alone ("Kishida"), not only within the full name:
 * the names the extractor matches by are not all names the article gives, and the document
 * declares only what the article states. (At each place the longer phrase wins, as in mentions.)
 */
function usedAlone(body: string, alias: string, name: string): boolean {
  return phrasesIn(body, new Set([name, alias])).some((found) => found.text === alias);
}

/** The document of `proposals`, and what in it the gazetteer did not know. */
export function documentOf(
  input: ExtractionInput,
  gazetteer: Gazetteer,
  proposals: Proposal[],
  meetings: FoundMeeting[],
  unresolved: Extraction['unresolved'],
): Extraction {
  const body = input.body;

  const countryKeys = new Set<string>();
  const organizationKeys = new Set<string>();
  const actorKey = (key: string | null) => {
    if (key === null) return;
    if (gazetteer.organizations.some((o) => (o.acronym ?? o.name) === key)) organizationKeys.add(key);
    else countryKeys.add(key);
  };
  const officials = new Map<string, GazetteerOfficial>();
  const deploymentKeys = new Map<number, string>();
  const usedMeetings = new Set(proposals.flatMap((p) => (p.meeting === null ? [] : [p.meeting])));

  const positions: ExtractedPosition[] = proposals.map((p) => {
    p.voice.holders.forEach(actorKey);
    p.addressees.forEach(actorKey);
    for (const s of p.voice.speakers) {
      officials.set(s.name, s);
      actorKey(s.country);
      actorKey(s.organization);
    }
    const keys = p.deployments.map((i) => {
      const d = gazetteer.deployments[i];
      if (!d) throw new Error(`deployment ${i} is not in the gazetteer`);
      let key = deploymentKeys.get(i) ?? slug(`${d.system ?? d.name} ${d.host ?? ''}`);
      if (!deploymentKeys.has(i))
        for (let n = 2; [...deploymentKeys.values()].includes(key); n++) key = `${slug(`${d.system ?? d.name} ${d.host ?? ''}`)}-${n}`;
      deploymentKeys.set(i, key);
      actorKey(d.host);
      d.hosts.forEach(actorKey);
      actorKey(d.operator);
      return key;
    });
    const summary = body.slice(p.evidence[0]?.start ?? 0, p.evidence[0]?.end ?? 0).trim();
    return {
      stance: p.stance,
      summary,
      holders: p.voice.holders,
      speakers: p.voice.speakers.map((s) => s.name),
      addressees: p.addressees,
      deployment: keys[0] ?? null,
      deployments: keys.slice(1),
      topic: p.topics[0] ?? null,
      topics: p.topics.slice(1),
      meeting: p.meeting,
      statedOn: p.statedOn,
      statedIn: p.statedOn === null ? p.statedIn : null,
      modality: p.modality,
      attribution: p.attribution,
      provenance: 'EXTRACTED',
      confidence: round2(p.confidence),
      evidence: p.evidence.map((e) => ({ quote: body.slice(e.start, e.end), start: e.start })),
    };
  });

  const meetingList: ImportMeeting[] = meetings
    .filter((m) => usedMeetings.has(m.key))
    .map((m) => {
      for (const o of m.participants) {
        officials.set(o.name, o);
        actorKey(o.country);
      }
      actorKey(m.country);
      return {
        key: m.key,
        name: m.name,
        series: m.series,
        ordinal: m.ordinal,
        city: m.city,
        country: m.country,
        date: m.date,
        participants: m.participants.map((o) => o.name),
      };
    });
  const officialList: ImportOfficial[] = [...officials.values()].map((o) => ({
    name: o.name,
    title: o.title,
    aliases: o.aliases.filter((alias) => usedAlone(body, alias, o.name)),
    country: o.country,
    organization: o.organization,
  }));
  const deploymentList: ImportDeployment[] = [...deploymentKeys].map(([i, key]) => {
    const d = gazetteer.deployments[i] as Gazetteer['deployments'][number];
    return {
      key,
      name: d.name,
      system: d.system,
      systemName: d.systemName,
      status: null,
      location: d.location,
      operator: d.operator,
      host: d.host,
      hosts: d.hosts,
      announcedOn: null,
    };
  });
  const countries: ImportCountry[] = gazetteer.countries
    .filter((c) => countryKeys.has(c.isoCode ?? c.name))
    .map((c) => ({ isoCode: c.isoCode, name: c.name, aliases: c.aliases }));
  const organizations: ImportOrganization[] = gazetteer.organizations
    .filter((o) => organizationKeys.has(o.acronym ?? o.name))
    .map((o) => ({ acronym: o.acronym, name: o.name, aliases: o.aliases, members: o.members.filter((m) => countryKeys.has(m)) }));

  const document: ExtractedDocument = {
    format: ARTICLE_FORMAT,
    article: { source: input.source, headline: input.headline, url: input.url, publishedAt: input.publishedAt, photoCredit: null, body },
    countries,
    organizations,
    officials: officialList,
    meetings: meetingList,
    deployments: deploymentList,
    positions,
  };
  const known = new Set(gazetteer.officials.map((o) => o.name));
  return {
    document,
    newEntities: { officials: officialList.filter((o) => !known.has(o.name)).map((o) => o.name), meetings: meetingList.map((m) => m.key) },
    unresolved: dedupeSpans(unresolved),
  };
}

function dedupeSpans(list: Extraction['unresolved']): Extraction['unresolved'] {
  return list.filter((x, k) => list.findIndex((y) => y.start === x.start && y.end === x.end && y.kind === x.kind) === k);
}
