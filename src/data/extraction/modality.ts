/**
 * How a statement was made (DESIGN.md, "Statements as reported"): asserted, denied, hypothetical,
 * conditional or an intention, read from the words of the cue's clause. Where the words make the
 * statement uncertain in a way the vocabulary has no value for ("could", "may", a question), the
 * answer is null: the extractor proposes nothing rather than an ASSERTED it cannot vouch for.
 */
import type { CueMatch } from './cues.ts';
import type { Sentence, Token } from './nlp.ts';

export type Modality = 'ASSERTED' | 'NEGATED' | 'HYPOTHETICAL' | 'CONDITIONAL' | 'INTENDED';

const NEGATORS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'without']);
const CLAUSE_BOUNDARY = new Set([',', ';', ':', '--', '—', '–', '“', '”', '"', 'that', 'but', 'while', 'and']);
/** Words that deny what follows them in the sentence: "It is not true that", "denied that", "refused to". */
const DENIAL = /\b(?:not\s+true|untrue|den(?:y|ies|ied)|refus(?:e|es|ed)|declin(?:e|es|ed)\s+to|rul(?:e|es|ed)\s+out)\b/i;
const UNCERTAIN = new Set(['could', 'may', 'might', 'considering', 'consider', 'considers', 'perhaps', 'possibly']);
const FUTURE = new Set(['will', "'ll", 'shall', 'would', 'plans', 'plan', 'planned', 'intends', 'intend', 'going']);
// "even if" concedes rather than conditions.
const PREPOSED_CONDITION = /^\W*(?:if|unless|once|in case|as long as|so long as|provided that)(?![\p{L}])/iu;
const CONDITION = /(?<![\p{L}])(?<!even )(?:if|unless|once|in case|so long as|as long as|provided that|on condition that)(?![\p{L}])/iu;

/** The tokens of the cue's clause before it: back to a comma, a quotation mark, "that" or "but". */
function clauseBefore(sentence: Sentence, cue: CueMatch): Token[] {
  const before = sentence.tokens.filter((t) => t.end <= cue.start);
  let i = before.length - 1;
  while (i >= 0 && !CLAUSE_BOUNDARY.has((before[i] as Token).text.toLowerCase())) i--;
  return before.slice(i + 1);
}

export function modalityOf(sentence: Sentence, cue: CueMatch): Modality | null {
  if (sentence.text.trimEnd().endsWith('?')) return null;
  const clause = clauseBefore(sentence, cue);
  const words = clause.map((t) => t.text.toLowerCase());
  const cueTokens = sentence.tokens.filter((t) => t.start >= cue.start && t.end <= cue.end);
  const cueWords = cueTokens.map((t) => t.text.toLowerCase());
  if (words.some((w) => UNCERTAIN.has(w))) return null;
  // "no longer", "not", "never" close before the cue deny it; wink's flag on the cue's own verb
  // confirms a negation whose word is further back in its clause; "denied that", "refused to"
  // deny all that follows. Wrongly denying an assertion costs less than asserting a denial.
  const near = words.slice(-4);
  const negatedByWord = near.some((w) => NEGATORS.has(w)) || (!cue.cue.negationInside && cueWords.some((w) => NEGATORS.has(w)));
  const negatedByFlag = !cue.cue.negationInside && cueTokens[0]?.negated === true && words.some((w) => NEGATORS.has(w));
  const denied = DENIAL.test(sentence.text.slice(0, cue.start - sentence.start));
  if (negatedByWord || negatedByFlag || denied) return 'NEGATED';
  if (cue.cue.hypothetical === true) return 'HYPOTHETICAL';
  const future = words.some((w) => FUTURE.has(w)) || cueWords.some((w) => FUTURE.has(w)) || cue.cue.intended === true;
  // A condition set before the statement ("If Japan does not rethink ..., Russia will") or right after
  // its cue ("will take countermeasures if"), not one of another clause ("and would impose sanctions if").
  const following = sentence.text.slice(cue.end - sentence.start).split(/;|,\s|\s(?:and|but|while)\s/u)[0] ?? '';
  if (PREPOSED_CONDITION.test(sentence.text) || CONDITION.test(following))
    return future && (words.includes('would') || cueWords.includes('would')) ? 'HYPOTHETICAL' : 'CONDITIONAL';
  return future ? 'INTENDED' : 'ASSERTED';
}
