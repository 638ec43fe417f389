/**
 * npm run eval:extract: runs the extractor over the labelled import documents and compares its
 * proposals with their positions. Prints one JSON line per article and one summary per split
 * (seed, dev, test) on stdout. A position is identified by its triple: the set of holders, the
 * stance and one target (a deployment's system, or name, with its hosts; or a topic's name).
 * EXTRACT_VERBOSE=1 prints the proposed and missed triples of the seed and dev articles on stderr.
 *
 * `--graph fixtures` (the default): the gazetteer is what a graph of this domain would hold (see
 * below). `--graph seed`: the graph of a fresh clone, which holds the seed article only; a
 * deployment the seed does not know cannot be proposed then. Every line says which (`graph`).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ArticleDocument } from '../src/data/import/format.ts';
import { prepareDocument } from '../src/data/import/document.ts';
import { extractArticle, gazetteerFromDocuments } from '../src/data/extraction/extract.ts';

type Split = 'seed' | 'dev' | 'test';
const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as ArticleDocument;
const folder = (split: 'dev' | 'test') => {
  const dir = path.join(root, 'test/fixtures/extraction', split);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ split, file: path.join('test/fixtures/extraction', split, f), document: read(path.join(dir, f)) }));
};
const articles: Array<{ split: Split; file: string; document: ArticleDocument }> = [
  { split: 'seed', file: 'prisma/seed/xinhua-thaad-2016-07-28.json', document: read(path.join(root, 'prisma/seed/xinhua-thaad-2016-07-28.json')) },
  ...folder('dev'),
  ...folder('test'),
];
const graph = process.argv.includes('--graph') ? process.argv[process.argv.indexOf('--graph') + 1] : 'fixtures';
if (graph !== 'fixtures' && graph !== 'seed') {
  console.error(`eval:extract: --graph is fixtures or seed, not ${String(graph)}`);
  process.exit(2);
}
const seedOnly = articles.filter((a) => a.split === 'seed').map((a) => a.document);
const gazetteer =
  graph === 'seed'
    ? gazetteerFromDocuments(seedOnly)
    : gazetteerFromDocuments(
        articles.map((a) => a.document),
        articles.filter((a) => a.split !== 'test').map((a) => a.document),
      );

interface Labelled {
  triple: string;
  modality: string;
  speakers: string[];
}

/** Each position once per target: "CN,RU|CONCERN|THAAD@KR". */
function labelled(document: ArticleDocument): Labelled[] {
  const deployments = new Map(
    document.deployments.map((d) => [d.key, `${d.system ?? d.name}@${[d.host, ...(d.hosts ?? [])].filter(Boolean).sort().join(',')}`]),
  );
  return document.positions.flatMap((p) => {
    const holders = [...p.holders].sort().join(',');
    const targets = [
      ...[p.deployment, ...(p.deployments ?? [])].flatMap((k) => (k ? [deployments.get(k) ?? k] : [])),
      ...[p.topic, ...(p.topics ?? [])].flatMap((t) => (t ? [`topic:${t.toLowerCase()}`] : [])),
    ];
    return targets.map((target) => ({
      triple: `${holders}|${p.stance}|${target}`,
      modality: (p as { modality?: string }).modality ?? 'ASSERTED',
      speakers: p.speakers,
    }));
  });
}

const prf = (tp: number, proposed: number, gold: number) => {
  const precision = proposed === 0 ? 1 : tp / proposed;
  const recall = gold === 0 ? 1 : tp / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
};
const round = (x: number) => Math.round(x * 1000) / 1000;

const inputOf = ({ article: a }: ArticleDocument) => ({ body: a.body, source: a.source, url: a.url, headline: a.headline, publishedAt: a.publishedAt });
// Times are of a warm process (a server extracting article after article): every article is read
// once before anything is timed, so that the JIT compiling the regular expressions is not counted.
for (const { document } of articles) extractArticle(inputOf(document), gazetteer);

const totals = new Map<
  Split,
  {
    articles: number;
    positions: number;
    tp: number;
    proposed: number;
    gold: number;
    stp: number;
    sproposed: number;
    sgold: number;
    modalityRight: number;
    matched: number;
    evidence: number;
    exact: number;
    negatedAsAsserted: number;
    invalid: number;
    ms: number;
    chars: number;
  }
>();
for (const { split, file, document } of articles) {
  const a = document.article;
  const started = performance.now();
  const extraction = extractArticle(inputOf(document), gazetteer);
  const ms = performance.now() - started;
  let invalid = 0;
  try {
    prepareDocument(extraction.document);
  } catch (error) {
    invalid = 1;
    console.error(file, error instanceof Error ? error.message : error);
  }
  const gold = labelled(document);
  const proposed = labelled(extraction.document);
  const goldTriples = new Set(gold.map((g) => g.triple));
  const proposedTriples = new Set(proposed.map((p) => p.triple));
  const matched = [...proposedTriples].filter((t) => goldTriples.has(t));
  const pairs = (list: Labelled[]) => new Set(list.flatMap((x) => x.speakers.map((s) => `${x.triple}#${s}`)));
  const goldPairs = pairs(gold);
  const proposedPairs = pairs(proposed);
  const speakerTp = [...proposedPairs].filter((p) => goldPairs.has(p)).length;
  const speakerScores = prf(speakerTp, proposedPairs.size, goldPairs.size);
  const modalityRight = matched.filter((t) => gold.find((g) => g.triple === t)?.modality === proposed.find((p) => p.triple === t)?.modality).length;
  const negatedAsAsserted = proposed.filter((p) => p.modality === 'ASSERTED' && gold.some((g) => g.triple === p.triple && g.modality === 'NEGATED')).length;
  const evidence = extraction.document.positions.flatMap((p) => p.evidence);
  const exact = evidence.filter((e) => e.start != null && a.body.slice(e.start, e.start + e.quote.length) === e.quote).length;
  console.log(
    JSON.stringify({
      graph,
      split,
      file,
      url: a.url,
      gold: goldTriples.size,
      proposed: proposedTriples.size,
      tp: matched.length,
      fp: proposedTriples.size - matched.length,
      fn: goldTriples.size - matched.length,
      ...prf(matched.length, proposedTriples.size, goldTriples.size),
      speakerPrecision: speakerScores.precision,
      speakerRecall: speakerScores.recall,
      speakerF1: speakerScores.f1,
      modalityCorrect: modalityRight,
      evidenceExact: evidence.length === 0 ? 1 : round(exact / evidence.length),
      negatedAsAsserted,
      documentValid: invalid === 0,
      ms: round(ms),
    }),
  );
  if (process.env.EXTRACT_VERBOSE === '1' && split !== 'test') {
    for (const t of proposedTriples) console.error(goldTriples.has(t) ? '  ok  ' : '  FP  ', t);
    for (const t of goldTriples) if (!proposedTriples.has(t)) console.error('  FN  ', t);
  }
  const s = totals.get(split) ?? {
    articles: 0,
    positions: 0,
    tp: 0,
    proposed: 0,
    gold: 0,
    stp: 0,
    sproposed: 0,
    sgold: 0,
    modalityRight: 0,
    matched: 0,
    evidence: 0,
    exact: 0,
    negatedAsAsserted: 0,
    invalid: 0,
    ms: 0,
    chars: 0,
  };
  s.articles += 1;
  s.positions += document.positions.length;
  s.tp += matched.length;
  s.proposed += proposedTriples.size;
  s.gold += goldTriples.size;
  s.stp += speakerTp;
  s.sproposed += proposedPairs.size;
  s.sgold += goldPairs.size;
  s.modalityRight += modalityRight;
  s.matched += matched.length;
  s.evidence += evidence.length;
  s.exact += exact;
  s.negatedAsAsserted += negatedAsAsserted;
  s.invalid += invalid;
  s.ms += ms;
  s.chars += a.body.length;
  totals.set(split, s);
}
for (const [split, s] of totals) {
  const triple = prf(s.tp, s.proposed, s.gold);
  const speakers = prf(s.stp, s.sproposed, s.sgold);
  console.log(
    JSON.stringify({
      graph,
      split,
      articles: s.articles,
      positions: s.positions,
      goldTriples: s.gold,
      proposedTriples: s.proposed,
      triplePrecision: triple.precision,
      tripleRecall: triple.recall,
      tripleF1: triple.f1,
      speakerPrecision: speakers.precision,
      speakerRecall: speakers.recall,
      speakerF1: speakers.f1,
      modalityAccuracy: s.matched === 0 ? null : round(s.modalityRight / s.matched),
      evidenceExact: s.evidence === 0 ? 1 : round(s.exact / s.evidence),
      negatedProposedAsAsserted: s.negatedAsAsserted,
      invalidDocuments: s.invalid,
      msPerArticle: round(s.ms / s.articles),
      msPer3000Chars: round((s.ms / s.chars) * 3000),
    }),
  );
}
