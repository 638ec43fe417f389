/**
 * Sentences and tokens of an article body with their exact offsets, from wink-nlp's English
 * model. The model is read once, when this module loads: building it takes tens of milliseconds,
 * reading a document afterwards a few.
 */
import winkNLP, { type ItemSentence } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

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

const nlp = winkNLP(model);
// wink's out() knows its property functions by identity, so they are passed as they are, unbound.
/* eslint-disable @typescript-eslint/unbound-method */
const VALUE = nlp.its.value;
const POS = nlp.its.pos;
const NEGATION = nlp.its.negationFlag;
/* eslint-enable @typescript-eslint/unbound-method */

/**
 * The body's sentences. wink gives token values as they are written, so each token is found by
 * scanning the body from the end of the previous one; a sentence is also cut where a line ends
 * (paragraphs without final punctuation, such as a dateline or a photo caption, are sentences).
 */
export function sentencesOf(body: string): Sentence[] {
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
