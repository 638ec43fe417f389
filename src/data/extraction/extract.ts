/**
 * Proposes positions from an article's text, offline and rule-based, precision first: a position
 * is proposed only when a stance cue, the actors who hold it and what it is about are all found;
 * when the words make the statement uncertain, nothing is proposed. Every proposal is a complete
 * import document ("stancegraph.article/1") with provenance EXTRACTED and a confidence.
 *
 * The article is read sentence by sentence (nlp.ts), each with its mentions (mentions.ts) and
 * cues (cues.ts). For each cue: its modality (modality.ts); who holds it (the passive's agent, a
 * possessor, the subject before it, the reporting frame ", Geng said", the quote's speaker, or
 * the voice the sentence before set for "they"); what it is about (a deployment or topic after
 * it, else before it in the same statement, else the one "the system" refers to); when and where
 * (occasions.ts). The same statement found again adds its sentence as evidence.
 */
import { cuesIn, type CueMatch } from './cues.ts';
import { withKnownCountries, type Gazetteer, type GazetteerOfficial } from './gazetteer.ts';
import { addLaterMentions, indexOf, mentionsIn, type ActorLikeMention, type Index, type SentenceMentions, type Span } from './mentions.ts';
import { modalityOf } from './modality.ts';
import { sentencesOf, type Sentence } from './nlp.ts';
import { dayIn, meetingIn, monthIn, referenceDayOf, type MeetingMention } from './occasions.ts';
import { documentOf, type Attribution, type Extraction, type ExtractionInput, type FoundMeeting, type Proposal, type Voice } from './proposal-document.ts';

export type { Gazetteer } from './gazetteer.ts';
export { gazetteerFromDocuments } from './gazetteer.ts';
export type { Extraction, ExtractedDocument, ExtractedPosition, ExtractionInput } from './proposal-document.ts';

const REPORTING =
  /^(?:said|says|say|added|adds|noted|notes|stated|states|told|stressed|emphasized|emphasised|insisted|declared|explained|believes|announced|warned|according|reaffirmed|reiterated|underlined|underscored|asserted|argued|affirmed)$/i;
const PREPOSITIONS = new Set(
  'in on to of from with by for against toward towards near over at between among amid following into including about than alongside across under within like upon during after before without via'.split(
    ' ',
  ),
);
const BOUNDARY = new Set([',', ';', ':', '--', '—', '–', '“', '”', '"', 'that', 'but', 'while', 'which', 'who', 'as', 'because', 'whereas']);
/** What refers to a deployment named before: a noun phrase ("such a move", "this issue", "the missile-defense system"); a bare "this" is too vague. */
const ANAPHORIC_TARGET =
  /\b(?:such|the|this|these|that|those)\s+(?:[\w-]+\s+){0,2}(?:move|moves|step|deployment|system|decision|issue|matter|plan|battery|missiles|weapons|ships|vessels|launchers|base|agreement|deal|contract|process)\b/i;
/** "it" after the cue ("opposes it"); before the cue, "it" is who speaks ("it remains committed to"), not what about. */
const ANAPHORIC_OBJECT = /\bit\b/i;
const UNNAMED =
  /\b(?:sources?|insiders?|people familiar)\b[^.]{0,40}\b(?:said|say|says|told)\b|\baccording to (?:the )?(?:sources?|insiders)\b|\b(?:an? )?(?:unnamed|anonymous)\b/i;
const REFERRING_SUBJECT = /\b(?:the|this|that|such an?)\s+(?:[\w-]+\s+){0,2}(?:deployment|system|move|decision|plan|battery|missiles|weapons)\b/i;
const SPEAKERS_OF_A_PLACE = /^(?:leaders?|officials?|governments?|authorities|spokes(?:man|woman|person)|ministry|embassy|diplomats?)$/i;
/** "the two officials": two people, who must have been named; "the two countries" and "both sides" may be any pair of actors. */
const PERSON_PRONOUN = /^(?:he|she|the spokes(?:person|man|woman)|the (?:foreign |defen[cs]e )?minister)$/;
const PAIR = /^(?:the two|both) (officials|ministers|leaders|presidents|diplomats)$/;

/** Quoted stretches of the body: pairs of curly quotes, or straight quotes taken two by two. */
function quoteSpans(body: string): Span[] {
  const spans: Span[] = [];
  let open: number | null = null;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '“') open = i;
    else if (ch === '”' && open !== null) {
      spans.push({ start: open, end: i + 1 });
      open = null;
    } else if (ch === '"') {
      if (open === null) open = i;
      else {
        spans.push({ start: open, end: i + 1 });
        open = null;
      }
    }
  }
  return spans;
}

const inside = (span: Span, x: Span) => x.start >= span.start && x.end <= span.end;

class ArticleExtractor {
  private readonly index: Index;
  private readonly sentences: Sentence[];
  private readonly mentions: SentenceMentions[];
  private readonly quotes: Span[];
  private readonly reference: string | null;
  private readonly datelineCountry: string | null;
  private readonly hostCounts = new Map<string, number>();
  private readonly proposals: Proposal[] = [];
  private readonly newOfficials = new Map<string, GazetteerOfficial>();
  private readonly meetings = new Map<string, FoundMeeting>();
  readonly unresolved: Extraction['unresolved'] = [];
  /** The last statement's voice, for "they", "the two officials", "the spokeswoman". */
  private context: Voice | null = null;
  /** The sentence that set the context: a pronoun further than CONTEXT_REACH sentences on names no one. */
  private contextSentence = -1;
  /** The day each official was last placed on. */
  private readonly speakerDays = new Map<string, string>();
  private recentDeployments: Array<{ sentence: number; deployments: number[] }> = [];
  /** Where the article names a system it cannot place (offsets of the mentions). */
  private readonly unplaced = new Set<number>();
  /** The deployments the article names by system, name or alias (not only by where they are). */
  private readonly namedDeployments: Set<number>;
  /** What each quote is about so far: a quote's later sentences keep its target ("We are ready to take measures"). */
  private readonly quoteTargets = new Map<number, number[]>();
  /** Officials in the order they were last named, for "the two officials", "the two ministers". */
  private recentOfficials: GazetteerOfficial[] = [];

  constructor(
    private readonly input: ExtractionInput,
    gazetteer: Gazetteer,
  ) {
    this.index = indexOf(gazetteer);
    this.sentences = sentencesOf(input.body);
    this.mentions = this.sentences.map((s) => mentionsIn(s.text, s.start, this.index));
    addLaterMentions(this.mentions, this.sentences);
    this.namedDeployments = new Set(this.mentions.flatMap((m) => m.deployments.flatMap((d) => (d.place ? [] : d.candidates))));
    this.quotes = quoteSpans(input.body);
    this.reference = referenceDayOf(input.body, input.publishedAt);
    const city = /^([A-Z][A-Z .'-]+?)\s*[,(]/.exec(input.body)?.[1];
    const cityName = city?.replace(/\B[A-Z]+/g, (rest) => rest.toLowerCase());
    this.datelineCountry = cityName === undefined ? null : (this.index.countryForms.get(cityName) ?? null);
    for (const m of this.mentions) for (const a of m.actors) if (a.kind === 'actor') this.hostCounts.set(a.key, (this.hostCounts.get(a.key) ?? 0) + 1);
  }

  run(): Proposal[] {
    this.sentences.forEach((sentence, i) => this.readSentence(sentence, i));
    return this.proposals.filter((p) => !p.conflicted);
  }

  get meetingsFound(): FoundMeeting[] {
    return [...this.meetings.values()];
  }

  /** A date a sentence gives, if it can be when something was said: not after the article's day, nor today. */
  private past(date: string | null): string | null {
    const limit = [this.reference, new Date().toISOString().slice(0, 10)].filter((d): d is string => d !== null).sort()[0] as string;
    return date !== null && date.slice(0, limit.length) <= limit.slice(0, date.length) ? date : null;
  }

  private text(span: Span) {
    return this.input.body.slice(span.start, span.end);
  }

  /** The holders and speakers an actor-like mention stands for. */
  private voiceOf(mentions: ActorLikeMention[], quote: Span | null): Voice | null {
    const holders: string[] = [];
    const speakers: GazetteerOfficial[] = [];
    let inferred = false;
    for (const m of mentions) {
      if (m.kind === 'actor') {
        if (m.role === 'agent') holders.push(m.key);
      } else if (m.kind === 'official') {
        const official = this.officialOf(m.official, m);
        const actor = official.country ?? official.organization;
        if (actor !== null) {
          holders.push(actor);
          speakers.push(official);
        }
      } else {
        const referent =
          m.firstPerson && quote
            ? this.quoteVoice(quote)
            : PAIR.test(m.text)
              ? this.namedPair(m.text)
              : PERSON_PRONOUN.test(m.text)
                ? this.personOfContext()
                : (this.context ?? this.datelineVoice(m.text));
        if (referent) {
          holders.push(...referent.holders);
          speakers.push(...referent.speakers);
          inferred = true;
        } else {
          this.unresolved.push({ text: this.text(m), start: m.start, end: m.end, kind: 'actor' });
        }
      }
    }
    if (holders.length === 0) return null;
    return { holders: [...new Set(holders)], speakers: [...new Map(speakers.map((s) => [s.name, s])).values()], inferred };
  }

  /** "he", "she", "the spokeswoman": one person, so the last statement's only speaker, if it had one. */
  private personOfContext(): Voice | null {
    const [speaker, other] = this.context?.speakers ?? [];
    const actor = speaker?.country ?? speaker?.organization;
    return speaker && !other && actor ? { holders: [actor], speakers: [speaker], inferred: true } : null;
  }

  /** "the Foreign Ministry" with no one named before: the ministry of the dateline's country. */
  private datelineVoice(text: string): Voice | null {
    return /ministry$/.test(text) && this.datelineCountry !== null ? { holders: [this.datelineCountry], speakers: [], inferred: true } : null;
  }

  /** "the two officials", "the two ministers": the last two officials named (ministers for "ministers"). */
  private namedPair(text: string): Voice | null {
    const noun = PAIR.exec(text)?.[1];
    if (noun === undefined) return null;
    const fitting = this.recentOfficials.filter((o) => noun !== 'ministers' || /\bminister\b/i.test(o.title ?? ''));
    const pair = fitting.slice(-2);
    if (pair.length < 2) return null;
    const holders = [...new Set(pair.flatMap((o) => [o.country ?? o.organization ?? []].flat()))];
    return holders.length === 0 ? null : { holders, speakers: pair, inferred: true };
  }

  /** A known official, or a new one: a title without a country takes the country of the statement before. */
  private officialOf(official: GazetteerOfficial, span: Span): GazetteerOfficial {
    const known = this.newOfficials.get(official.name);
    if (known) return known;
    if (!this.index.officialsByName.has(official.name)) {
      let resolved = official;
      if (official.country === null && official.organization === null) {
        // A spokesperson without a country speaks for the dateline's ("SEOUL, Feb. 4 (Yonhap) --"),
        // else for the one country of the statement before.
        const contextCountries = this.context?.holders ?? [];
        const country = this.datelineCountry ?? (contextCountries.length === 1 ? (contextCountries[0] as string) : null);
        if (country !== null) resolved = { ...official, country };
        else this.unresolved.push({ text: this.text(span), start: span.start, end: span.end, kind: 'official' });
      }
      if (resolved.country !== null || resolved.organization !== null) this.newOfficials.set(official.name, resolved);
      return resolved;
    }
    return official;
  }

  /** Who speaks a quote: the frame after its closing mark (", Geng said"), else the one before its opening. */
  private quoteVoice(quote: Span): Voice | null {
    const after = this.sentenceIndexAt(quote.end - 1);
    const sentence = this.sentences[after];
    const mentions = this.mentions[after];
    if (sentence && mentions) {
      const frameEnd = sentence.end;
      const frame = mentions.actors.filter((a) => a.start >= quote.end && a.end <= frameEnd && a.kind !== 'anaphor' && isAgent(a));
      const pronouns = mentions.actors.filter((a) => a.start >= quote.end && a.end <= frameEnd && a.kind === 'anaphor' && !a.firstPerson);
      const chosen = frame.length > 0 ? frame.slice(0, 1) : pronouns.slice(0, 1);
      if (
        chosen.length > 0 &&
        /\b(?:said|says|added|noted|stated|told|stressed|emphasized|insisted|declared)\b/i.test(this.input.body.slice(quote.end, frameEnd))
      ) {
        return this.voiceOf(chosen, null);
      }
    }
    const before = this.sentenceIndexAt(quote.start);
    const opening = this.sentences[before];
    const openingMentions = this.mentions[before];
    if (opening && openingMentions) {
      // The speaker comes before the verb: in "Iwaya told his counterpart Shoigu that the system was
      // "purely for defensive purposes"", Shoigu is who heard it.
      const verb = /\b(?:said|says|added|noted|stated|told|stressed|urged|warned)\b(?=[^"“]*$)/i.exec(this.input.body.slice(opening.start, quote.start));
      const lead = openingMentions.actors.filter(
        (a) => verb && a.end <= opening.start + verb.index && !(a.kind === 'anaphor' && a.firstPerson) && this.isSubject(a, opening),
      );
      if (lead.length > 0) return this.voiceOf(lead.slice(-1), null);
    }
    return null;
  }

  private sentenceIndexAt(offset: number): number {
    const i = this.sentences.findIndex((s) => offset >= s.start && offset < s.end);
    return i < 0 ? this.sentences.length - 1 : i;
  }

  /** Whether a mention can be a subject where it stands: not after a preposition, not a possessive or a bare demonym. */
  private isSubject(m: ActorLikeMention, sentence: Sentence, mentions: SentenceMentions = this.mentionsOf(sentence)): boolean {
    if (m.kind === 'actor' && m.role !== 'agent') return false;
    const before = sentence.tokens.filter((t) => t.end <= m.start);
    let i = before.length - 1;
    let joined = false;
    while (i >= 0 && /^(?:the|both|and|or|nor|,|also|its|a)$/i.test((before[i] as { text: string }).text)) {
      joined ||= /^(?:and|or|nor)$/i.test((before[i] as { text: string }).text);
      i--;
    }
    const previous = before[i];
    if (previous === undefined) return true;
    // "China and Russia": a mention coordinated with another is a subject when that one is, and
    // "to the U.S. and South Korea" is not; after a comma alone ("with the US, the spokeswoman
    // said") a new phrase starts.
    const coordinated = mentions.actors.find((a) => a !== m && a.end === previous.end);
    if (coordinated && joined) return this.isSubject(coordinated, sentence, mentions);
    // "among the United States, Japan and South Korea": inside a list that goes on, a comma joins
    // the mention to the one before it.
    const listGoesOn = mentions.actors.some((a) => a.start > m.end && /^,?\s*(?:and|or)?\s*(?:the\s+)?$/i.test(this.input.body.slice(m.end, a.start)));
    if (coordinated && listGoesOn) return this.isSubject(coordinated, sentence, mentions);
    if (coordinated || previous.text === ',') return true;
    const word = previous.text.toLowerCase();
    if (!PREPOSITIONS.has(word)) return true;
    // "the leaders in Moscow", "a foreign ministry spokesman in Warsaw": those there speak.
    return (word === 'in' || word === 'of') && SPEAKERS_OF_A_PLACE.test(before[i - 1]?.text ?? '');
  }

  /** Where the clause of `at` starts: after the last comma, quotation mark, "that", "which"... before it. */
  private clauseStart(sentence: Sentence, at: number): number {
    const boundary = sentence.tokens.filter((t) => t.end <= at && BOUNDARY.has(t.text.toLowerCase())).pop();
    return boundary?.end ?? sentence.start;
  }

  /** "Belarus, which supports Russian aggression": a relative clause describes an actor; it is not that actor's statement. */
  private describesAnActor(sentence: Sentence, mentions: SentenceMentions, at: number): boolean {
    const before = sentence.tokens.filter((t) => t.end <= at);
    const k = before.findLastIndex((t) => /^(?:which|who|that|;|"|“|”)$/i.test(t.text));
    const boundary = before[k];
    if (!boundary || !/^(?:which|who)$/i.test(boundary.text)) return false;
    const antecedent = this.input.body.slice(sentence.start, boundary.start).replace(/[\s,]+$/, '').length + sentence.start;
    // "those who support it": with no subject of its own, a "who" clause's cue is its antecedent's.
    const ownSubject = mentions.actors.some((a) => a.start >= boundary.end && a.end <= at);
    return mentions.actors.some((a) => a.end === antecedent) || (/^who$/i.test(boundary.text) && !ownSubject);
  }

  private mentionsOf(sentence: Sentence): SentenceMentions {
    return this.mentions[this.sentences.indexOf(sentence)] as SentenceMentions;
  }

  /**
   * The actor-like mentions in the clause before `at`: back to a comma, "that", a quotation mark
   * (a comma before a verbless stretch, such as "Earlier this month,", does not end it).
   */
  private subjectBefore(sentence: Sentence, mentions: SentenceMentions, at: number): ActorLikeMention[] {
    const tokens = sentence.tokens.filter((t) => t.end <= at);
    let from = sentence.start;
    for (let i = tokens.length - 1; i >= 0; i--) {
      const t = tokens[i] as Sentence['tokens'][number];
      if (REPORTING.test(t.text) && t.pos === 'VERB') {
        from = t.end;
        break;
      }
      if (BOUNDARY.has(t.text.toLowerCase())) {
        const segment = tokens.slice(i + 1);
        const hasMention = mentions.actors.some((a) => a.start >= t.end && a.end <= at);
        const nextIsAnd = tokens[i + 1]?.text.toLowerCase() === 'and' && mentions.actors.some((a) => a.end <= t.start && a.end >= (tokens[i - 1]?.start ?? 0));
        if (nextIsAnd) continue;
        if (t.text === ',' && !hasMention && !segment.some((s) => s.pos === 'VERB' || s.pos === 'AUX')) continue;
        from = t.end;
        break;
      }
    }
    const eligible = mentions.actors.filter((a) => a.start >= from && a.end <= at && this.isSubject(a, sentence)).map((a) => this.appositiveOf(a, mentions));
    // The subject is the group nearest the cue: mentions joined by "and" or commas, not every actor of the clause.
    const group = eligible.slice(-1);
    for (let k = eligible.length - 2; k >= 0; k--) {
      const left = eligible[k] as ActorLikeMention;
      if (!/^[\s,]*(?:and|as well as|or|nor)?[\s,]*(?:both\s+|the\s+)?$/i.test(this.input.body.slice(left.end, (group[0] as ActorLikeMention).start))) break;
      group.unshift(left);
    }
    return group;
  }

  /** "Hua, the spokeswoman, said": a title set off by a comma after a name is that person. */
  private appositiveOf(m: ActorLikeMention, mentions: SentenceMentions): ActorLikeMention {
    if (m.kind !== 'anaphor' || !PERSON_PRONOUN.test(m.text)) return m;
    const named = mentions.actors.find((a) => a.kind === 'official' && a.end < m.start && /^\s*,\s*$/.test(this.input.body.slice(a.end, m.start)));
    return named ?? m;
  }

  /** The reporting frame of a sentence: ", X said." at its end, "X said (that)" before `at`, or "according to X". */
  private frameOf(sentence: Sentence, mentions: SentenceMentions, at: number): ActorLikeMention[] {
    const verbs = sentence.tokens.filter((t) => REPORTING.test(t.text) && t.pos === 'VERB');
    const trailing = verbs.filter((t) => t.start >= at);
    for (const verb of trailing) {
      // ", and Russia has said that delivery is on track" reports a statement of its own.
      if (/^\s+(?:\S+\s+){0,2}that\b/i.test(this.input.body.slice(verb.end, sentence.end))) continue;
      const lead = this.input.body.slice(sentence.start, verb.start);
      const cut = Math.max(lead.lastIndexOf(','), lead.lastIndexOf('”'), lead.lastIndexOf('"'));
      if (cut < 0) continue;
      // After the comma that opens ", Geng said", every agent is the frame's subject.
      const found = mentions.actors.filter((a) => a.start > sentence.start + cut && a.end <= verb.start && isAgent(a));
      if (found.length > 0) return found;
    }
    const leading = verbs.filter((t) => t.end <= at);
    for (const verb of leading.reverse()) {
      if (verb.text.toLowerCase() === 'according') {
        const found = mentions.actors.filter((a) => a.start > verb.end && a.end <= at);
        if (found.length > 0) return found.slice(0, 1);
        continue;
      }
      const found = this.subjectBefore(sentence, mentions, verb.start);
      if (found.length > 0) return found;
    }
    return [];
  }

  /**
   * Which of the deployments a system names ("Typhon" is in Japan and in the Philippines): the one
   * whose host the sentence names, else the one whose host the article names most; none when tied.
   */
  private resolveDeployment(matched: number[], mentions: SentenceMentions): number | null {
    const deployments = this.index.gazetteer.deployments;
    // The words may be one deployment's own ("S-400 Triumf"): the system is still the system, and
    // which of its deployments is meant is decided by the hosts named, as for any system name.
    const systems = new Set(matched.flatMap((c) => deployments[c]?.system ?? []));
    const all = [...new Set([...matched, ...deployments.flatMap((d, i) => (d.system !== null && systems.has(d.system) ? [i] : []))])];
    const hostsOf = (i: number) => {
      const d = deployments[i];
      return d && d.host !== null ? [d.host, ...d.hosts] : [];
    };
    // A system the sentence places in other countries is not its deployment in a country the article
    // never names: "Aegis ... in Poland and Romania" is not the Aegis ships of Japan the graph knows.
    const placedIn = new Set(
      mentions.actors.flatMap((a) =>
        a.kind === 'actor' && /\b(?:in|to|on|into)\s+(?:the\s+)?$/i.test(this.input.body.slice(Math.max(0, a.start - 10), a.start)) ? [a.key] : [],
      ),
    );
    const elsewhere = (c: number) =>
      placedIn.size > 0 && !hostsOf(c).some((h) => placedIn.has(h)) && !hostsOf(c).some((h) => (this.hostCounts.get(h) ?? 0) > 0);
    const candidates = all.filter((c) => hostsOf(c).length === 0 || !elsewhere(c));
    if (candidates.length === 1) return candidates[0] as number;
    if (candidates.length === 0) return null;
    const named = new Set(mentions.actors.flatMap((a) => (a.kind === 'actor' ? [a.key] : [])));
    const inSentence = candidates.filter((c) => hostsOf(c).some((h) => named.has(h)));
    if (inSentence.length === 1) return inSentence[0] as number;
    const pool = inSentence.length > 0 ? inSentence : candidates;
    const scored = pool.map((c) => ({ c, n: Math.max(0, ...hostsOf(c).map((h) => this.hostCounts.get(h) ?? 0)) })).sort((a, b) => b.n - a.n);
    const [best, second] = scored;
    if (best && best.n > 0 && (!second || second.n < best.n)) return best.c;
    return null;
  }

  /**
   * Deployments the sentence names: by system, name or location. Not "a missile system in <host>"
   * for the one deployment the graph knows there: with a graph of one deployment per country, every
   * weapon a report mentions there became that one (precision 0.89 against 1.00 on the dev reports
   * with the seed's graph, for no statement found that would otherwise be missed).
   */
  private deploymentsIn(sentence: Sentence, mentions: SentenceMentions): Array<{ deployment: number; start: number }> {
    const found: Array<{ deployment: number; start: number }> = [];
    // Where says which, not what: "THAAD on the Korean Peninsula" is THAAD, not whatever else the
    // graph places there; in an article that names deployments by what they are, a place stands
    // only for one of those.
    const named = mentions.deployments.some((m) => !m.place);
    for (const mention of mentions.deployments) {
      if (named && mention.place) continue;
      const placed = this.namedDeployments.size === 0 ? mention.candidates : mention.candidates.filter((c) => this.namedDeployments.has(c));
      const m = mention.place ? { ...mention, candidates: placed } : mention;
      if (m.candidates.length === 0) continue;
      // "by deploying a missile unit": the means of a response, not what it responds to.
      if (/\bby\s+(?:deploying|placing|stationing)\s+(?:\S+\s+){0,2}$/i.test(this.input.body.slice(Math.max(sentence.start, m.start - 40), m.start))) continue;
      const d = this.resolveDeployment(m.candidates, mentions);
      if (d === null) {
        this.unresolved.push({ text: this.text(m), start: m.start, end: m.end, kind: 'deployment' });
        this.unplaced.add(m.start);
      } else if (!found.some((f) => f.deployment === d)) found.push({ deployment: d, start: m.start });
    }
    return found;
  }

  /** One sentence: its day, meeting, deployments and cues, the proposals they make, then who spoke (for the next sentence's "they"). */
  private readSentence(sentence: Sentence, i: number) {
    if (i - this.contextSentence > CONTEXT_REACH) this.context = null;
    const mentions = this.mentions[i] as SentenceMentions;
    const day = this.past(dayIn(sentence.text, this.reference));
    const meeting = meetingIn(sentence.text);
    if (meeting) this.noteMeeting(meeting, mentions, day);
    const deployments = this.deploymentsIn(sentence, mentions);
    if (deployments.length > 0) this.recentDeployments.push({ sentence: i, deployments: deployments.map((d) => d.deployment) });
    const cues = cuesIn(sentence.text, sentence.start);
    const hasUrge = cues.some((c) => c.cue.stance === 'URGE');
    let spoke: Voice | null = null;
    for (const cue of this.withPurposeClauses(sentence, cues)) {
      for (const proposal of this.propose(sentence, i, mentions, cue, deployments, day, hasUrge, spoke)) {
        this.add(proposal);
        spoke ??= proposal.voice;
        const quote = this.quotes.find((q) => inside(q, cue));
        if (quote && proposal.deployments.length > 0) this.quoteTargets.set(quote.start, proposal.deployments);
      }
    }
    const named = mentions.actors.flatMap((a) => (a.kind === 'official' ? [this.officialOf(a.official, a)] : []));
    for (const o of named) this.recentOfficials = [...this.recentOfficials.filter((r) => r.name !== o.name), o];
    const quote = this.quoteAt(sentence);
    const frame = spoke ?? this.voiceOf(this.frameOf(sentence, mentions, sentence.end), quote);
    // The subject of a quoted sentence ("“The United States has deployed ...") is who the speaker
    // talks about, not a speaker "the ministry" or "they" could stand for.
    const subject =
      frame ??
      (quote ? null : this.voiceOf(this.subjectBefore(sentence, mentions, sentence.tokens.find((t) => t.pos === 'VERB')?.start ?? sentence.start), null));
    if (subject) {
      this.context = subject;
      this.contextSentence = i;
      if (day !== null) for (const s of subject.speakers) this.speakerDays.set(s.name, day);
    }
  }

  /** "To realize X, it is necessary to Y": support for X, a call for Y. The cue's scope is kept in `scope`. */
  private withPurposeClauses(sentence: Sentence, cues: CueMatch[]): Array<CueMatch & { scope?: Span }> {
    const purpose = /^To\s+(?:realize|realise|achieve|ensure|maintain|safeguard)\s+([^,]+),\s+it\s+is\s+(?:necessary|imperative|important)\s+to\b/u.exec(
      sentence.text,
    );
    if (!purpose) return cues;
    const goal = { start: sentence.start, end: sentence.start + 3 + (purpose[0].indexOf(',') - 3) };
    const support = { cue: { stance: 'SUPPORT' as const, pattern: /$^/u, weight: 0.6 }, start: sentence.start, end: sentence.start + 2, scope: goal };
    return [support, ...cues.map((c) => (c.cue.stance === 'URGE' ? { ...c, scope: { start: c.start, end: sentence.end } } : c))];
  }

  /** The quote a sentence opens in or lies in. */
  private quoteAt(span: Span): Span | null {
    return this.quotes.find((q) => inside(q, { start: span.start, end: Math.min(span.end, span.start + 1) }) || inside(q, span)) ?? null;
  }

  /** The positions a cue states (one; one per holder when they spoke "separately"; none when unsure). */
  private propose(
    sentence: Sentence,
    i: number,
    mentions: SentenceMentions,
    cue: CueMatch & { scope?: Span },
    deployments: Array<{ deployment: number; start: number }>,
    day: string | null,
    hasUrge: boolean,
    sentenceVoice: Voice | null,
  ): Proposal[] {
    const modality = modalityOf(sentence, cue);
    if (modality === null) return [];
    // "should contribute to peace and not undermine it": the negated words belong to the call.
    if (modality === 'NEGATED' && hasUrge && cue.cue.stance !== 'URGE') return [];
    if (this.describesAnActor(sentence, mentions, cue.start)) return [];
    const quote = this.quotes.find((q) => inside(q, cue)) ?? null;
    let confidence = cue.cue.weight;

    // Who: the cue's own subject, else the sentence's reporting frame, else the quote's speaker.
    const own = cue.cue.subjectIsAddressee
      ? []
      : (this.agentOfPassive(mentions, cue) ?? this.possessorOf(mentions, cue) ?? this.subjectBefore(sentence, mentions, cue.start));
    const frame = this.frameOf(sentence, mentions, cue.end);
    let voice = this.voiceOf(withinSentence(own.length > 0 ? own : frame, mentions), quote);
    if (!voice && quote) voice = this.quoteVoice(quote);
    if (!voice && own.length === 0 && /^\w+ing\b/u.test(sentence.text)) {
      // "Expressing the firm opposition to ..., both sides agreed": the participle's subject is the main clause's.
      const comma = sentence.text.indexOf(',');
      if (comma > 0 && sentence.start + comma > cue.start) {
        const main = mentions.actors.filter((a) => a.start > sentence.start + comma && this.isSubject(a, sentence)).slice(0, 2);
        const verb = sentence.tokens.find((t) => t.start > sentence.start + comma && t.pos === 'VERB');
        voice = this.voiceOf(
          main.filter((a) => verb === undefined || a.end <= verb.start),
          quote,
        );
      }
    }
    if (!voice && sentenceVoice && own.length === 0) {
      // "China has expressed opposition to THAAD as it damaged China's security interests": a
      // subordinate clause without its own subject is the same actor's.
      voice = sentenceVoice;
      confidence -= 0.1;
    }
    if (!voice) return [];
    const calledOn = this.addresseesOf(sentence, mentions, cue);
    // "The US should abide by ...": those called on are not who calls.
    if (cue.cue.subjectIsAddressee && voice.holders.every((h) => calledOn.includes(h))) return [];
    // A speaker speaks for one of the holders: "Geng said China opposes" keeps Geng; "X said Russia opposes" does not keep X.
    const frameVoice = own.length > 0 ? (this.voiceOf(frame, quote) ?? (quote ? this.quoteVoice(quote) : null)) : null;
    // "Russia's ministry said that the US plans to deploy ...": one side's account of what another
    // does is not a commitment the other stated.
    if (cue.cue.stance === 'COMMIT' && frameVoice && !frameVoice.holders.some((h) => voice.holders.includes(h))) return [];
    if (cue.cue.stance === 'COMMIT') {
      const lead = this.input.body.slice(sentence.start, cue.start);
      // "asked about reports that Japan plans to deploy": what the press reports is no statement.
      if (/\breport(?:s|ed)?\s+that\b|\baccording\s+to\s+(?:media\s+)?reports\b/i.test(lead)) return [];
      // "It cited U.S. plans to deploy": whose plans come after the sentence's verb, and no one of
      // theirs says so, is what the sentence is about, not who speaks.
      const [whose] = own;
      if (
        own.length === 1 &&
        whose?.kind === 'actor' &&
        /^(?:’s|'s)?\s*$/u.test(this.input.body.slice(whose.end, cue.start)) &&
        /^(?:plans?|decision|intention)\b/i.test(this.text(cue))
      ) {
        const afterVerb = sentence.tokens.some((t) => t.end <= whose.start && t.pos === 'VERB');
        const ownSide = mentions.actors.some((a) => a !== whose && a.end <= whose.start && a.kind === 'actor' && a.key === whose.key);
        if (afterVerb && !ownSide) return [];
      }
    }
    const speakers = [...voice.speakers, ...(frameVoice?.speakers ?? [])].filter(
      (s, k, all) => all.findIndex((o) => o.name === s.name) === k && voice.holders.includes(s.country ?? s.organization ?? ''),
    );
    if (voice.inferred) confidence -= 0.1;
    if (own.length === 0) confidence -= 0.05;

    // What about: deployments, then topics, after the cue first; else what a "such a move" refers to.
    const scope = cue.scope ?? { start: sentence.start, end: sentence.end };
    // A target before the cue counts unless a quote or a new reported statement ("adding that") lies between them.
    const lead = this.input.body.slice(sentence.start, cue.start);
    const endOfLast = (pattern: RegExp) => sentence.start + Math.max(0, ...[...lead.matchAll(pattern)].map((m) => m.index + m[0].length));
    const statementStart = endOfLast(/[”"]|\b(?:adding|saying|stressing|noting)\b/g);
    // A quote opened in the middle of a statement ("the system "aims to ..."") does not start a new one.
    const anaphorStart = endOfLast(/\b(?:adding|saying|stressing|noting)\b/g);
    const inScope = (x: { start: number }) => x.start >= scope.start && x.start < scope.end && (x.start >= cue.start || x.start >= statementStart);
    const after = (x: { start: number }) => x.start >= cue.start;
    const scopedDeployments = deployments.filter(inScope);
    const scopedTopics = mentions.topics.filter(inScope);
    const referred = () => {
      // "the system", "such a move": the deployment of the last two sentences, or the only one the article has named so far.
      const recent = this.recentDeployments.filter((r) => r.sentence < i && r.sentence >= i - 2).pop();
      const named = new Set(this.recentDeployments.filter((r) => r.sentence < i).flatMap((r) => r.deployments));
      if (recent && recent.deployments.length === 1) return recent.deployments;
      return named.size === 1 ? [...named] : [];
    };
    const clauseLead = this.input.body.slice(this.clauseStart(sentence, cue.start), cue.start);
    let targetDeployments = scopedDeployments.filter(after).map((d) => d.deployment);
    let targetTopics: string[] = [];
    // "China said that the deployment undermines ...": the subject names the target before any topic after the cue.
    if (targetDeployments.length === 0 && scopedDeployments.length === 0 && !cue.scope && REFERRING_SUBJECT.test(clauseLead)) {
      targetDeployments = referred();
      if (targetDeployments.length > 0) confidence -= 0.1;
    }
    // A system the sentence names but the graph cannot place ("Aegis ... in Poland and Romania"):
    // the statement is about it, not about a topic further on.
    const unplaced = mentions.deployments.some((m) => this.unplaced.has(m.start) && inScope(m));
    if (targetDeployments.length === 0 && unplaced) return [];
    if (targetDeployments.length === 0) targetTopics = scopedTopics.filter(after).map((t) => t.name);
    if (targetDeployments.length === 0 && targetTopics.length === 0) targetDeployments = scopedDeployments.map((d) => d.deployment);
    if (targetDeployments.length === 0 && targetTopics.length === 0) targetTopics = scopedTopics.map((t) => t.name);
    const quoted = quote ? this.quoteTargets.get(quote.start) : undefined;
    if (targetDeployments.length === 0 && targetTopics.length === 0 && quoted) {
      targetDeployments = quoted;
      confidence -= 0.1;
    }
    if (
      targetDeployments.length === 0 &&
      targetTopics.length === 0 &&
      !cue.scope &&
      (ANAPHORIC_TARGET.test(this.input.body.slice(anaphorStart, sentence.end)) || ANAPHORIC_OBJECT.test(this.input.body.slice(cue.end, sentence.end)))
    ) {
      targetDeployments = referred();
      if (targetDeployments.length > 0) confidence -= 0.15;
    }
    if (targetDeployments.length === 0 && targetTopics.length === 0) return [];
    if (targetTopics.length > 1) {
      targetTopics = targetTopics.slice(0, 1);
      confidence -= 0.1;
    }

    const addressees = calledOn.filter((a) => !voice.holders.includes(a));
    // A statement of the meeting's participants, or of their countries on its day or right after
    // another statement there ("China and Russia would further strengthen ..."), was made there.
    const meeting = [...this.meetings.values()].find(
      (m) =>
        (speakers.length > 0 && speakers.every((s) => m.participants.some((p) => p.name === s.name))) ||
        (speakers.length === 0 &&
          sameSet(voice.holders, countriesOf(m.participants)) &&
          ((day !== null && day === m.date) || (day === null && this.proposals[this.proposals.length - 1]?.meeting === m.key))),
    );
    const meetingSpeakers = meeting && speakers.length === 0 ? meeting.participants : speakers;
    const statedOn = day ?? meetingSpeakers.map((s) => this.speakerDays.get(s.name)).find((d) => d !== undefined) ?? (meeting?.date || null);
    const attribution: Attribution = quote ? 'DIRECT_QUOTE' : UNNAMED.test(sentence.text) ? 'UNNAMED_SOURCE' : 'PARAPHRASE';
    const proposal: Proposal = {
      stance: cue.cue.stance,
      voice: { ...voice, speakers: meetingSpeakers },
      addressees,
      deployments: targetDeployments,
      topics: targetTopics,
      meeting: meeting?.key ?? null,
      statedOn,
      statedIn: statedOn === null ? this.past(monthIn(sentence.text)) : null,
      modality,
      attribution,
      confidence: Math.max(0.05, Math.min(1, confidence)),
      evidence: [{ start: sentence.start, end: sentence.end }],
    };
    // "Russia and China have separately warned Japan": one statement each.
    const lastOwn = own[own.length - 1];
    if (lastOwn && voice.holders.length > 1 && /\bseparately\b/i.test(this.input.body.slice(lastOwn.end, cue.end))) {
      return voice.holders.map((holder) => ({
        ...proposal,
        voice: { ...proposal.voice, holders: [holder], speakers: proposal.voice.speakers.filter((s) => (s.country ?? s.organization) === holder) },
      }));
    }
    return [proposal];
  }

  /** "The deployment was criticized by China and Russia": the agent of a passive cue holds it. */
  private agentOfPassive(mentions: SentenceMentions, cue: CueMatch): ActorLikeMention[] | null {
    const body = this.input.body;
    const auxiliary = /\b(?:is|are|was|were|been|be|being)\s+(?:\w+ly\s+)?$/i.test(body.slice(Math.max(0, cue.start - 30), cue.start));
    // "the missile defense system strongly opposed in China": a participle after its noun, with those
    // who hold it after "in".
    const participle = !auxiliary && /ed$/i.test(this.text(cue)) && /\p{L}\s+(?:\w+ly\s+)?$/u.test(body.slice(Math.max(0, cue.start - 30), cue.start));
    if (!auxiliary && !participle) return null;
    const by = (participle ? /^\s+(?:by|in)\s+(?:the\s+)?/ : /^\s+by\s+(?:the\s+)?/).exec(body.slice(cue.end, cue.end + 14));
    if (!by) return null;
    const first = mentions.actors.find((a) => a.start === cue.end + by[0].length && isAgent(a));
    if (!first) return null;
    const group = [first];
    for (const a of mentions.actors.filter((x) => x.start > first.start && isAgent(x))) {
      const last = group[group.length - 1] as ActorLikeMention;
      if (!/^[\s,]*(?:and|as well as)?[\s,]*(?:the\s+)?$/i.test(body.slice(last.end, a.start))) break;
      group.push(a);
    }
    return group;
  }

  /** "China's strong opposition to", "Russia's plans to deploy": the possessor of a cue that is a noun holds it. */
  private possessorOf(mentions: SentenceMentions, cue: CueMatch): ActorLikeMention[] | null {
    const possessive = mentions.actors.find(
      (a) =>
        a.kind === 'actor' &&
        a.role === 'possessive' &&
        /^(?:’s|'s)\s+(?:(?:firm|strong|resolute|clear|serious|deep|grave)\s+)?$/u.test(this.input.body.slice(a.end, cue.start)),
    );
    return possessive ? [{ ...possessive, role: 'agent' } as ActorLikeMention] : null;
  }

  /** Those a call or a criticism is directed at: the actors right after the cue ("urged Japan to"), or before a "should". */
  private addresseesOf(sentence: Sentence, mentions: SentenceMentions, cue: CueMatch): string[] {
    if (cue.cue.stance !== 'URGE' && cue.cue.stance !== 'CRITICIZE') return [];
    if (cue.cue.subjectIsAddressee) {
      const before = this.subjectBefore(sentence, mentions, cue.start);
      return before.flatMap((a) => (a.kind === 'actor' ? [a.key] : []));
    }
    const window = sentence.tokens.filter((t) => t.start >= cue.start).slice(0, 12);
    const stop = window.find((t, k) => k > 0 && /^(?:to|over|for|against|,|\.)$/i.test(t.text) && t.start > cue.end);
    // A cue that takes in its object ("warned neighboring countries not to") names no one after it.
    const ownObject = /\bto(?:\s+\w+)?$/i.test(this.text(cue));
    const end = ownObject ? cue.end : (stop?.start ?? window[window.length - 1]?.end ?? cue.end);
    return [...new Set(mentions.actors.flatMap((a) => (a.kind === 'actor' && a.role === 'agent' && a.start >= cue.start && a.end <= end ? [a.key] : [])))];
  }

  private noteMeeting(meeting: MeetingMention, mentions: SentenceMentions, day: string | null) {
    const participants = mentions.actors.flatMap((a) => (a.kind === 'official' ? [this.officialOf(a.official, a)] : []));
    const known = this.meetings.get(meeting.key);
    const country = meeting.city === null ? null : (this.index.countryForms.get(meeting.city) ?? null);
    if (known) {
      known.date ??= day;
      for (const p of participants) if (!known.participants.some((o) => o.name === p.name)) known.participants.push(p);
      return;
    }
    this.meetings.set(meeting.key, { ...meeting, date: day, participants, country });
  }

  /** One statement reported in several sentences is one position with several quotes. */
  private add(p: Proposal) {
    const same = this.proposals.find((q) => sameStatement(q, p));
    if (!same) {
      this.proposals.push(p);
      return;
    }
    same.statedOn ??= p.statedOn;
    same.statedIn = same.statedOn === null ? (same.statedIn ?? p.statedIn) : null;
    if (same.modality !== p.modality && (same.modality === 'NEGATED' || p.modality === 'NEGATED')) same.conflicted = true;
    for (const e of p.evidence) if (!same.evidence.some((x) => x.start === e.start)) same.evidence.push(e);
    for (const s of p.voice.speakers) if (!same.voice.speakers.some((o) => o.name === s.name)) same.voice.speakers.push(s);
    same.addressees = [...new Set([...same.addressees, ...p.addressees])];
    same.confidence = Math.min(1, Math.max(same.confidence, p.confidence) + 0.05);
    if (same.attribution !== 'DIRECT_QUOTE' && p.attribution === 'DIRECT_QUOTE') same.attribution = p.attribution;
  }
}

/** "Lukashenko warned that he would not hesitate": "he" and "she" are the official named just before in the sentence. */
const withinSentence = (subject: ActorLikeMention[], mentions: SentenceMentions): ActorLikeMention[] =>
  subject.map((m) => {
    if (m.kind !== 'anaphor' || !/^(?:he|she)$/.test(m.text)) return m;
    const named = mentions.actors.filter((a) => a.kind === 'official' && a.end <= m.start).pop();
    return named ?? m;
  });
/** How many sentences on "they" or "the spokeswoman" may still refer to the last named speaker (a quote may run over several). */
const CONTEXT_REACH = 4;
const isAgent = (a: ActorLikeMention) => a.kind !== 'actor' || a.role === 'agent';
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
const countriesOf = (officials: GazetteerOfficial[]) => [...new Set(officials.flatMap((o) => (o.country === null ? [] : [o.country])))];
const names = (officials: GazetteerOfficial[]) => officials.map((o) => o.name);
const nested = (a: string[], b: string[]) => a.every((x) => b.includes(x)) || b.every((x) => a.includes(x));
/**
 * The rule of the import (one statement per stance, target, holders and occasion): two proposals
 * are one statement unless their days differ or each has a speaker the other lacks.
 */
const sameStatement = (a: Proposal, b: Proposal) =>
  a.stance === b.stance &&
  sameSet(a.voice.holders, b.voice.holders) &&
  sameSet(a.deployments.map(String), b.deployments.map(String)) &&
  sameSet(a.topics, b.topics) &&
  a.meeting === b.meeting &&
  (a.statedOn === null || b.statedOn === null || a.statedOn === b.statedOn) &&
  (a.statedIn === null || b.statedIn === null || a.statedIn === b.statedIn) &&
  nested(names(a.voice.speakers), names(b.voice.speakers));

/** Proposes the positions `input` reports, as an import document, with what the gazetteer did not know. */
export function extractArticle(input: ExtractionInput, graph: Gazetteer): Extraction {
  const gazetteer = withKnownCountries(graph);
  const extractor = new ArticleExtractor(input, gazetteer);
  const proposals = extractor.run();
  return documentOf(input, gazetteer, proposals, extractor.meetingsFound, extractor.unresolved);
}
