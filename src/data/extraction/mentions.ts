/**
 * Mentions of what the gazetteer knows, found in one sentence: actors (countries, organizations,
 * ministries), officials (known ones by name or alias, new ones by the title before their name),
 * anaphors that stand for the previous sentence's speakers, deployments and topics.
 */
import { COUNTRY_FORMS, type Gazetteer, type GazetteerOfficial } from './gazetteer.ts';

export interface Span {
  start: number;
  end: number;
}
/** A country or organization; `role` says whether it can hold a position where it stands. */
export interface ActorMention extends Span {
  kind: 'actor';
  key: string;
  role: 'agent' | 'possessive' | 'modifier';
}
export interface OfficialMention extends Span {
  kind: 'official';
  official: GazetteerOfficial;
  /** Not in the gazetteer: found by the title before (or after) the name. */
  isNew: boolean;
}
/** "they", "the two officials", "the spokeswoman", "the Foreign Ministry": someone named before. */
export interface AnaphorMention extends Span {
  kind: 'anaphor';
  text: string;
  /** "we" speaks for the quote's speaker; the others for the previous sentence's. */
  firstPerson: boolean;
}
export type ActorLikeMention = ActorMention | OfficialMention | AnaphorMention;

export interface DeploymentMention extends Span {
  kind: 'deployment';
  /** Indexes of the gazetteer's deployments the words may name (one system in several hosts). */
  candidates: number[];
  /** The words are only where the deployments are ("the Korean Peninsula"), not what they are. */
  place: boolean;
}
export interface TopicMention extends Span {
  kind: 'topic';
  name: string;
}

/** Words after a demonym or a possessive country that make it an actor ("Chinese government", "Russia's Foreign Ministry"). */
const AGENT_HEAD =
  /^(?:’s|'s|’|')?\s+(?:(?:[A-Z][\w-]*|foreign|defen[cs]e|military|national|arms|control|state|top|senior|chief|deputy|vice|assistant)\s+){0,4}(?:government|side|ministry|ministries|spokes(?:man|woman|person)|officials?|minister|president|leader|leadership|diplomats?|embassy|envoy|ambassador|military|army|authorities|administration|premier|chancellor|secretary|defen[cs]e ministry|foreign ministry)\b/iu;

const TITLE_HEAD = String.raw`(?:[Ss]pokes(?:man|woman|person)|[Mm]inister|[Ss]ecretary(?:-[Gg]eneral)?|[Oo]fficial|[Aa]mbassador|[Ee]nvoy|[Pp]resident|[Pp]remier|[Cc]hancellor|[Dd]irector|[Cc]ommander|[Aa]dviser|[Aa]dvisor|[Cc]olonel|[Gg]eneral|[Aa]dmiral|[Cc]ouncilor|[Cc]hief)`;
const TITLE_WORD = String.raw`(?:[A-Z][\w.’'-]*|of|for|the|on|arms|control|foreign|affairs|defen[cs]e|national|ministry|military|deputy|assistant|vice|state|senior|top|chief)`;
/** A capitalized word that can be part of a name: not one of the words of titles and institutions. */
const NAME_WORD = String.raw`(?!(?:Ministry|Foreign|Affairs|Defen[cs]e|National|Forces|Security|Council|Office|State|Department)\b)\p{Lu}\p{Ll}+(?:-\p{Ll}+)?`;
/** A name of two or three words. */
const PERSON = String.raw`${NAME_WORD}(?:\s${NAME_WORD}){1,2}`;
/** After a title, a surname alone is a name too ("Russian Foreign Minister Lavrov"). */
const TITLED_PERSON = String.raw`${NAME_WORD}(?:\s${NAME_WORD}){0,2}`;
/** A rank between a title and a name ("Pentagon spokesman Capt. Jeff Davis"). */
const RANK = String.raw`(?:(?:Capt|Col|Gen|Lt|Maj|Adm|Dr|Mr|Ms|Mrs)\.\s+)?`;
/** Title then name: "Foreign Ministry spokesman Geng Shuang", "Defense Secretary Mark Esper". */
const TITLED_NAME = new RegExp(
  String.raw`(?:${TITLE_WORD}\s+){0,6}${TITLE_HEAD}(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+(?:of\s+(?:the\s+)?)?){0,3}?[A-Z][\w-]*)?\s+${RANK}(${TITLED_PERSON})(?![\p{L}\p{N}-])`,
  'gu',
);
/** Name then title: "Zhang Xiaogang, spokesperson for the Ministry of National Defense". */
const NAME_TITLE = new RegExp(
  String.raw`(${PERSON}),\s+((?:the\s+)?(?:${TITLE_WORD}\s+){0,4}${TITLE_HEAD}(?:\s+(?:for|of)\s+the\s+(?:[A-Z][\w-]*\s?)+)?)`,
  'gu',
);
/** Words that are never part of a person's name. */
const NOT_A_NAME = new Set(
  [
    'Ministry Foreign Affairs Defense Defence National Forces Korea The Said',
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday',
    'January February March April May June July August September October November December',
    // Institutions: "a spokesman for the National Peace Committee", "the official Korean Central News Agency".
    'Committee Agency News Council Office Department Party Assembly Army Navy Command Corps Union Organization',
    'Association Institute Center Centre Service Times Post Press Radio Television Group Company Corporation',
    'University Government Embassy Parliament Congress Senate Commission Bureau Administration Alliance',
  ]
    .join(' ')
    .split(' '),
);

const ANAPHOR =
  /(?<![\p{L}\p{N}])(?:they|he|she|we|the two (?:officials|ministers|countries|sides|leaders|presidents|diplomats)|both sides|both countries|both ministers|the (?:spokes(?:person|man|woman)|minister|foreign minister|defen[cs]e minister|(?:foreign |defen[cs]e )?ministry))(?![\p{L}\p{N}])/giu;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const STOP = new Set('the a an of in on to for and or with by at from its their his her this that these those such as is are be'.split(' '));
/** A crude stem, enough to meet "dialogues" with "dialogue" and "drills" with "drill". */
export const stemOf = (word: string) =>
  word
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/ies$/, 'y')
    .replace(/(?<![su])s$/, '');

const contentStems = (text: string) =>
  text
    .split(/[^\p{L}\p{N}'’-]+/u)
    .filter((w) => w && !STOP.has(w.toLowerCase()))
    .map(stemOf);

interface Phrase {
  kind: 'country' | 'demonym' | 'organization' | 'official' | 'deployment';
  key: string;
  official?: GazetteerOfficial;
  deployment?: number;
  /** A deployment's location, not its name. */
  place?: boolean;
}

/** The gazetteer compiled for matching: one alternation of every literal name, longest first. */
export interface Index {
  gazetteer: Gazetteer;
  phrases: Map<string, Phrase[]>;
  officialsByName: Map<string, GazetteerOfficial>;
  topics: Array<{ name: string; stems: string[]; exact: RegExp }>;
  /** Deployments without a system, by the content words of their names ("tactical nuclear weapons in Belarus"). */
  describedDeployments: Array<{ deployment: number; stems: string[]; hosts: string[] }>;
  /** Country forms (for titles such as "Chinese Foreign Ministry spokesman"): text → key. */
  countryForms: Map<string, string>;
}

/** The longest name looked for, in characters: no name of an actor, official, deployment or topic is longer. */
const maxPhraseLength = 120;

const isWordCharacter = (character: string | undefined) => character !== undefined && /[\p{L}\p{N}]/u.test(character);

/**
 * The phrases of `phrases` in `text`, left to right, the longest at each place, none overlapping,
 * each whole (no letter or digit just before or after it). What one regular expression of every
 * name would match, by lookups instead: such an alternation of a large graph's names (20,000
 * officials) is too large to compile, and a name the graph was given need not be reasonable.
 */
export function phrasesIn(text: string, phrases: ReadonlySet<string> | ReadonlyMap<string, unknown>): Array<{ index: number; text: string }> {
  const ends: number[] = [];
  for (let end = 1; end <= text.length; end++) if (!isWordCharacter(text[end])) ends.push(end);
  const found: Array<{ index: number; text: string }> = [];
  let first = 0; // the first of `ends` after the current start
  for (let start = 0; start < text.length; start++) {
    while (first < ends.length && (ends[first] as number) <= start) first++;
    if (isWordCharacter(text[start - 1]) || /\s/u.test(text[start] as string)) continue;
    let last = first;
    while (last < ends.length && (ends[last] as number) - start <= maxPhraseLength) last++;
    for (let e = last - 1; e >= first; e--) {
      const candidate = text.slice(start, ends[e]);
      if (!phrases.has(candidate)) continue;
      found.push({ index: start, text: candidate });
      start = (ends[e] as number) - 1;
      break;
    }
  }
  return found;
}

const indexes = new WeakMap<Gazetteer, Index>();

export function indexOf(gazetteer: Gazetteer): Index {
  const known = indexes.get(gazetteer);
  if (known) return known;
  const phrases = new Map<string, Phrase[]>();
  const add = (text: string, phrase: Phrase) => {
    if (text.trim().length < 2) return;
    const list = phrases.get(text) ?? [];
    if (!list.some((p) => p.kind === phrase.kind && p.key === phrase.key)) list.push(phrase);
    phrases.set(text, list);
  };
  const countryForms = new Map<string, string>();
  for (const c of gazetteer.countries) {
    const key = c.isoCode ?? c.name;
    const forms = (c.isoCode && COUNTRY_FORMS[c.isoCode]) || { demonyms: [], names: [] };
    for (const name of [c.name, ...c.aliases, ...forms.names]) {
      add(name, { kind: 'country', key });
      countryForms.set(name, key);
    }
    for (const demonym of forms.demonyms) {
      add(demonym, { kind: 'demonym', key });
      countryForms.set(demonym, key);
    }
  }
  for (const o of gazetteer.organizations) {
    const key = o.acronym ?? o.name;
    for (const name of [o.name, ...o.aliases, ...(o.acronym ? [o.acronym] : [])]) add(name, { kind: 'organization', key });
  }
  const officialsByName = new Map<string, GazetteerOfficial>();
  for (const o of gazetteer.officials) {
    officialsByName.set(o.name, o);
    for (const name of [o.name, ...o.aliases]) if (/^\p{Lu}/u.test(name)) add(name, { kind: 'official', key: o.name, official: o });
  }
  gazetteer.deployments.forEach((d, i) => {
    // "S-400" is also written "S400" and "S 400".
    const spellings = d.system?.includes('-') ? [d.system.replace(/-/g, ''), d.system.replace(/-/g, ' ')] : [];
    for (const name of [d.system, d.systemName, d.name, ...d.aliases, ...spellings]) if (name) add(name, { kind: 'deployment', key: String(i), deployment: i });
    if (d.location) add(d.location, { kind: 'deployment', key: String(i), deployment: i, place: true });
  });
  // A topic named like an actor ("NATO") would turn every mention of the actor into a target.
  const topics = gazetteer.topics
    .filter((t) => !phrases.has(t.name))
    .flatMap((t) =>
      [t.name, ...t.aliases]
        .filter((form) => form.length <= maxPhraseLength)
        .map((form) => ({
          name: t.name,
          stems: contentStems(form),
          exact: new RegExp(`(?<![\\p{L}\\p{N}])${escape(form)}(?![\\p{L}\\p{N}])`, 'iu'),
        })),
    );
  // A country in a deployment's name ("Russian", "Belarus") is said in many ways; its other words must all be there.
  const countryStems = new Set([...countryForms.keys()].map(stemOf));
  const describedDeployments = gazetteer.deployments.flatMap((d, deployment) => {
    const stems = contentStems(d.name).filter((w) => w.length > 2 && !countryStems.has(w));
    return d.system === null && stems.length >= 2 ? [{ deployment, stems, hosts: d.host === null ? [] : [d.host, ...d.hosts] }] : [];
  });
  // The most specific description first: "tactical nuclear weapons in Belarus" before "nuclear weapons in Belarus".
  describedDeployments.sort((a, b) => b.stems.length - a.stems.length);
  const index = { gazetteer, phrases, officialsByName, topics, countryForms, describedDeployments };
  indexes.set(gazetteer, index);
  return index;
}

export interface SentenceMentions {
  actors: ActorLikeMention[];
  deployments: DeploymentMention[];
  topics: TopicMention[];
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * Whom a title speaks for ("Chinese Foreign Ministry spokesman", "NATO Secretary-General"), when it
 * names one country or one organization, and the title without that name at its start.
 */
function readTitle(title: string, index: Index): { country: string | null; organization: string | null; title: string } {
  const countries = new Set<string>();
  const organizations = new Set<string>();
  let rest = title.replace(/^the\s+/i, '');
  for (const m of phrasesIn(title, index.phrases)) {
    for (const p of index.phrases.get(m.text) ?? []) {
      if (p.kind === 'country' || p.kind === 'demonym') countries.add(p.key);
      else if (p.kind === 'organization') organizations.add(p.key);
      else continue;
      if (rest.startsWith(m.text)) rest = rest.slice(m.text.length).replace(/^(?:’s|'s)?\s+/u, '');
    }
  }
  const only = (set: Set<string>) => (set.size === 1 ? ([...set][0] as string) : null);
  return { country: only(countries), organization: countries.size === 0 ? only(organizations) : null, title: rest.trim() };
}

/** Mentions in `text` (a sentence starting at `offset` in the body), offsets in the body. */
export function mentionsIn(text: string, offset: number, index: Index): SentenceMentions {
  const actors: ActorLikeMention[] = [];
  const titled = (name: string, title: string, start: number, end: number) => {
    const words = name.split(/\s+/);
    const known = index.officialsByName.get(name) ?? (words.length === 1 ? index.phrases.get(name)?.find((p) => p.kind === 'official')?.official : undefined);
    if (known) return actors.push({ kind: 'official', official: known, isNew: false, start, end });
    if (words.some((w) => NOT_A_NAME.has(w) || index.countryForms.has(w) || index.phrases.has(w))) return;
    const read = readTitle(title, index);
    // A single word is taken for a new official's name only when the title says whom they speak for.
    if (words.length === 1 && read.country === null && read.organization === null) return;
    const first = words[0] as string;
    const last = words[words.length - 1] as string;
    const official: GazetteerOfficial = {
      name,
      title: read.title || null,
      aliases: [...new Set([first, last])],
      country: read.country,
      organization: read.organization,
    };
    const mention: OfficialMention = { kind: 'official', official, isNew: true, start, end };
    actors.push(mention);
  };
  for (const m of text.matchAll(TITLED_NAME)) {
    const name = m[1] as string;
    const title = m[0].slice(0, m[0].length - name.length).trim();
    titled(name, title, offset + m.index, offset + m.index + m[0].length);
  }
  for (const m of text.matchAll(NAME_TITLE)) {
    const start = offset + m.index;
    if (actors.some((a) => overlaps(a, { start, end: start + m[0].length }))) continue;
    titled(m[1] as string, m[2] as string, start, start + m[0].length);
  }

  const deployments: DeploymentMention[] = [];
  for (const m of phrasesIn(text, index.phrases)) {
    const span = { start: offset + m.index, end: offset + m.index + m.text.length };
    const phrases = index.phrases.get(m.text) ?? [];
    const named = phrases.filter((p) => p.deployment !== undefined);
    const candidates = named.map((p) => p.deployment as number);
    if (candidates.length > 0) {
      deployments.push({ kind: 'deployment', candidates, place: named.every((p) => p.place === true), ...span });
      continue;
    }
    if (actors.some((a) => overlaps(a, span))) continue;
    const phrase = phrases[0];
    if (!phrase) continue;
    if (phrase.kind === 'official' && phrase.official) {
      actors.push({ kind: 'official', official: phrase.official, isNew: false, ...span });
      continue;
    }
    const after = text.slice(m.index + m.text.length);
    const agentive = AGENT_HEAD.test(after);
    // "Belarus’ president": a name ending in s takes the apostrophe alone.
    const possessive = /^(?:’s|'s|[’'](?=\s))/u.test(after);
    const role = phrase.kind === 'demonym' ? (agentive ? 'agent' : 'modifier') : possessive && !agentive ? 'possessive' : 'agent';
    actors.push({ kind: 'actor', key: phrase.key, role, ...span });
  }
  for (const m of text.matchAll(ANAPHOR)) {
    const span = { start: offset + m.index, end: offset + m.index + m[0].length };
    if (actors.some((a) => overlaps(a, span))) continue;
    actors.push({ kind: 'anaphor', text: m[0].toLowerCase(), firstPerson: m[0].toLowerCase() === 'we', ...span });
  }
  actors.sort((a, b) => a.start - b.start);
  const words = contentWordsOf(text);
  const named = new Set(actors.flatMap((a) => (a.kind === 'actor' ? [a.key] : [])));
  for (const described of index.describedDeployments) {
    // Two words ("nuclear weapons") name a deployment only with its host in the sentence.
    if (described.stems.length < 3 && !described.hosts.some((h) => named.has(h))) continue;
    const span = findStems(described.stems, words, offset);
    if (span && !deployments.some((d) => overlaps(d, span)))
      deployments.push({ kind: 'deployment', candidates: [described.deployment], place: false, ...span });
  }
  return { actors, deployments, topics: topicsIn(text, offset, index, words) };
}

interface ContentWords {
  words: RegExpExecArray[];
  stems: string[];
}

function contentWordsOf(text: string): ContentWords {
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)].filter((w) => !STOP.has(w[0].toLowerCase()));
  return { words, stems: words.map((w) => stemOf(w[0])) };
}

/** Where all of `wanted` occur together, in any order, with at most one other content word among them. */
function findStems(wanted: string[], { words, stems }: ContentWords, offset: number): Span | null {
  const window = wanted.length + 1;
  for (let i = 0; i + wanted.length <= stems.length; i++) {
    const slice = stems.slice(i, i + window);
    if (!wanted.includes(stems[i] as string) || !wanted.every((s) => slice.includes(s))) continue;
    const last = Math.max(...wanted.map((s) => i + slice.indexOf(s)));
    const first = words[i] as RegExpExecArray;
    const end = words[last] as RegExpExecArray;
    return { start: offset + first.index, end: offset + end.index + end[0].length };
  }
  return null;
}

/**
 * Topics: the name as written, or its content words close together in any order ("resume
 * dialogues to achieve inter-Korean reconciliation" names "inter-Korean dialogue"), with at most
 * one other content word among them.
 */
function topicsIn(text: string, offset: number, index: Index, words: ContentWords): TopicMention[] {
  const found: TopicMention[] = [];
  for (const topic of index.topics) {
    if (found.some((f) => f.name === topic.name)) continue;
    const exact = topic.exact.exec(text);
    if (exact) {
      found.push({ kind: 'topic', name: topic.name, start: offset + exact.index, end: offset + exact.index + exact[0].length });
      continue;
    }
    if (topic.stems.length < 2) continue;
    const span = findStems(topic.stems, words, offset);
    if (span) found.push({ kind: 'topic', name: topic.name, ...span });
  }
  return found;
}

/**
 * An official found by title is named again by surname ("Geng said", "Zakharova added"): adds
 * those mentions, in every sentence, of the officials the article introduced.
 */
export function addLaterMentions(all: SentenceMentions[], sentences: Array<{ text: string; start: number }>): void {
  const introduced = new Map<string, GazetteerOfficial>();
  for (const m of all) for (const a of m.actors) if (a.kind === 'official' && a.isNew) introduced.set(a.official.name, a.official);
  const forms = new Map<string, GazetteerOfficial>();
  for (const o of introduced.values()) for (const form of [o.name, ...o.aliases]) forms.set(form, o);
  if (forms.size === 0) return;
  all.forEach((mentions, i) => {
    const sentence = sentences[i];
    if (!sentence) return;
    for (const m of phrasesIn(sentence.text, forms)) {
      const span = { start: sentence.start + m.index, end: sentence.start + m.index + m.text.length };
      const official = forms.get(m.text);
      if (!official || mentions.actors.some((a) => overlaps(a, span))) continue;
      mentions.actors.push({ kind: 'official', official, isNew: true, ...span });
    }
    mentions.actors.sort((a, b) => a.start - b.start);
  });
}
