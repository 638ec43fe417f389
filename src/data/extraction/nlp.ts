/**
 * Sentences and tokens of an article body with their exact offsets, from wink-nlp's English
 * model. The model is read once, by the first extraction of the process, not when this module
 * loads: building it takes ~150 ms of CPU and ~27 MB, which every start of the server and of each
 * command paid although most never extract (reading a document afterwards takes a few ms).
 */
import { createRequire } from 'node:module';
import winkNLP, { type ItemSentence, type Model } from 'wink-nlp';

export interface Token {
  text: string;
  /** Offsets in the body (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
  /** Universal part of speech (VERB, NOUN, PROPN, AUX, PART...). */
  pos: string;
  /** wink's negation flag: the token is in the scope of a "not", "never", "n't"... */
  negated: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  tokens: Token[];
}

const require = createRequire(import.meta.url);

function readEnglish() {
  const nlp = winkNLP(require('wink-eng-lite-web-model') as Model);
  // wink's out() knows its property functions by identity, so they are passed as they are, unbound.
  /* eslint-disable @typescript-eslint/unbound-method */
  return { nlp, VALUE: nlp.its.value, POS: nlp.its.pos, NEGATION: nlp.its.negationFlag };
  /* eslint-enable @typescript-eslint/unbound-method */
}

let english: ReturnType<typeof readEnglish> | undefined;

/**
 * The body's sentences. wink gives token values as they are written, so each token is found by
 * scanning the body from the end of the previous one; a sentence is also cut where a line ends
 * (paragraphs without final punctuation, such as a dateline or a photo caption, are sentences).
 */
export function sentencesOf(body: string): Sentence[] {
  english ??= readEnglish();
  const { nlp, VALUE, POS, NEGATION } = english;
  const sentences: Sentence[] = [];
  let cursor = 0;
  nlp
    .readDoc(body)
    .sentences()
    .each((s: ItemSentence) => {
      const values = s.tokens().out<string>(VALUE);
      const tags = s.tokens().out<string>(POS);
      const flags = s.tokens().out<boolean>(NEGATION);
      let group: Token[] = [];
      const flush = () => {
        const first = group[0];
        const last = group[group.length - 1];
        if (first && last) sentences.push({ start: first.start, end: last.end, text: body.slice(first.start, last.end), tokens: group });
        group = [];
      };
      values.forEach((value, i) => {
        // wink keeps line breaks as tokens: they end a sentence and are not part of one.
        if (value.trim().length === 0) {
          if (value.includes('\n')) flush();
          return;
        }
        const start = body.indexOf(value, cursor);
        if (start < 0) return;
        if (group.length > 0 && body.slice(cursor, start).includes('\n')) flush();
        group.push({ text: value, start, end: start + value.length, pos: tags[i] ?? 'X', negated: flags[i] === true });
        cursor = start + value.length;
      });
      flush();
    });
  return sentences;
}
