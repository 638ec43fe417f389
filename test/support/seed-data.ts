import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './server.ts';

/**
 * The seed document as the repository holds it (prisma/seed/xinhua-thaad-2016-07-28.json), read
 * as plain JSON so that the API tests compare the server's answers with the source of truth,
 * not with the server's own code.
 */
export interface SeedJson {
  article: { source: string; headline: string | null; url: string | null; publishedAt: string | null; photoCredit: string | null; body: string };
  countries: Array<{ isoCode: string; name: string; aliases: string[] }>;
  organizations: Array<{ name: string; acronym: string | null; aliases: string[]; members?: string[] }>;
  officials: Array<{ name: string; title: string | null; aliases: string[]; country: string | null; organization: string | null }>;
  meetings: Array<{
    key: string;
    name: string;
    series: string | null;
    ordinal: number | null;
    city: string | null;
    country: string | null;
    date: string | null;
    participants: string[];
  }>;
  deployments: Array<{
    key: string;
    name: string;
    system: string | null;
    systemName: string | null;
    status: string;
    statusQuote: string;
    location: string | null;
    operator: string | null;
    host: string | null;
    announcedOn: string | null;
  }>;
  positions: Array<{
    stance: string;
    summary: string;
    holders: string[];
    speakers: string[];
    addressees: string[];
    deployment: string | null;
    topic: string | null;
    meeting: string | null;
    statedOn: string | null;
    modality: string;
    attribution: string | null;
    evidence: Array<{ quote: string; start?: number | null }>;
  }>;
}

export const seedPath = path.join(projectRoot, 'prisma/seed/xinhua-thaad-2016-07-28.json');

let cached: SeedJson | undefined;
export function readSeed(): SeedJson {
  cached ??= JSON.parse(readFileSync(seedPath, 'utf8')) as SeedJson;
  return cached;
}

/** An actor reference as the seed writes it: a country's ISO code or an organization's acronym. */
export type ActorRef = string;

/**
 * A position in one canonical shape, comparable between the seed and the API: references by
 * natural key (ISO code, official name, deployment and meeting name), lists sorted, evidence as
 * offsets into the article body.
 */
export interface CanonicalPosition {
  stance: string;
  summary: string;
  holders: ActorRef[];
  speakers: string[];
  addressees: ActorRef[];
  deployment: string | null;
  topic: string | null;
  meeting: string | null;
  statedOn: string | null;
  modality: string;
  attribution: string | null;
  provenance: string;
  evidence: Array<{ text: string; start: number; end: number }>;
}

const sorted = <T>(items: T[]): T[] => [...items].sort();
const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;

/** Where a seed quote lies in the body: at its given start, or at its only occurrence. */
export function locate(body: string, quote: string, start?: number | null): { text: string; start: number; end: number } {
  const at = start ?? body.indexOf(quote);
  if (at < 0 || body.slice(at, at + quote.length) !== quote) throw new Error(`seed quote not found in the body: ${quote}`);
  if (start == null && body.indexOf(quote, at + 1) >= 0) throw new Error(`seed quote occurs more than once and has no start: ${quote}`);
  return { text: quote, start: at, end: at + quote.length };
}

export function seedPositions(seed: SeedJson = readSeed()): CanonicalPosition[] {
  const deploymentName = new Map(seed.deployments.map((d) => [d.key, d.name]));
  const meetingName = new Map(seed.meetings.map((m) => [m.key, m.name]));
  return seed.positions.map((p) => ({
    stance: p.stance,
    summary: p.summary,
    holders: sorted(p.holders),
    speakers: sorted(p.speakers),
    addressees: sorted(p.addressees),
    deployment: p.deployment ? deploymentName.get(p.deployment)! : null,
    topic: p.topic,
    meeting: p.meeting ? meetingName.get(p.meeting)! : null,
    statedOn: p.statedOn,
    modality: p.modality,
    attribution: p.attribution,
    provenance: 'IMPORTED',
    evidence: p.evidence.map((e) => locate(seed.article.body, e.quote, e.start)).sort(byStart),
  }));
}

/** Selection set that `canonicalPosition` reads from a Position. */
export const positionFields = /* GraphQL */ `
  id
  stance
  summary
  holders { __typename ... on Country { isoCode } ... on Organization { acronym name } }
  speakers { name }
  addressees { __typename ... on Country { isoCode } ... on Organization { acronym name } }
  deployment { name }
  topic
  meeting { name }
  statedOn
  modality
  attribution
  provenance
  evidence { text start end }
`;

interface ApiActor {
  __typename: string;
  isoCode?: string;
  acronym?: string | null;
  name?: string;
}

export function actorRef(actor: ApiActor): ActorRef {
  if (actor.__typename === 'Country') return actor.isoCode!;
  return actor.acronym ?? actor.name!;
}

export function canonicalPosition(p: any): CanonicalPosition {
  return {
    stance: p.stance,
    summary: p.summary,
    holders: sorted(p.holders.map(actorRef)),
    speakers: sorted(p.speakers.map((s: { name: string }) => s.name)),
    addressees: sorted(p.addressees.map(actorRef)),
    deployment: p.deployment?.name ?? null,
    topic: p.topic,
    meeting: p.meeting?.name ?? null,
    statedOn: p.statedOn,
    modality: p.modality,
    attribution: p.attribution,
    provenance: p.provenance,
    evidence: p.evidence.map((e: any) => ({ text: e.text, start: e.start, end: e.end })).sort(byStart),
  };
}

/** Sorts canonical positions so that two multisets compare with `toEqual`. */
export function asMultiset<T>(items: T[]): T[] {
  return [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));
}
