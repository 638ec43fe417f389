// @module-tag any-database
/**
 * The extractor (src/data/extraction/): each stance cue, modality, joint statements, new and
 * unresolved mentions, exact evidence, and the seed article against its labels.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle, gazetteerFromDocuments, type ExtractedPosition, type Extraction, type Gazetteer } from '../../src/data/extraction/extract.ts';
import type { ArticleDocument } from '../../src/data/import/format.ts';
import { prepareDocument } from '../../src/data/import/document.ts';

const seed = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../prisma/seed/xinhua-thaad-2016-07-28.json'), 'utf8')) as ArticleDocument;

const deployment = (name: string, system: string, host: string) => ({
  name,
  system,
  systemName: null,
  location: null,
  host,
  hosts: [],
  operator: 'US',
  aliases: [],
});
const gazetteer: Gazetteer = {
  countries: [
    { isoCode: 'CN', name: 'China', aliases: [] },
    { isoCode: 'RU', name: 'Russia', aliases: [] },
    { isoCode: 'US', name: 'United States', aliases: ['U.S.', 'Washington'] },
    { isoCode: 'KR', name: 'South Korea', aliases: ['Seoul'] },
    { isoCode: 'JP', name: 'Japan', aliases: [] },
    { isoCode: 'PH', name: 'Philippines', aliases: [] },
  ],
  organizations: [],
  officials: [{ name: 'Maria Zakharova', title: 'Foreign Ministry spokeswoman', aliases: ['Zakharova'], country: 'RU', organization: null }],
  deployments: [
    deployment('THAAD battery in Seongju', 'THAAD', 'KR'),
    deployment('Typhon in Japan', 'Typhon', 'JP'),
    deployment('Typhon in the Philippines', 'Typhon', 'PH'),
  ],
  topics: [{ name: 'Six Party Talks', aliases: [] }],
};

/** Extracts a test article's proposals with a graph of the test's own. */
const extractWith =
  (graph: Gazetteer) =>
  (body: string, publishedAt: string | null = '2017-09-06') =>
    extractArticle({ body, source: 'Test', url: null, headline: null, publishedAt }, graph);
const extract = extractWith(gazetteer);
const only = (x: Extraction): ExtractedPosition => {
  expect(x.document.positions).toHaveLength(1);
  return x.document.positions[0] as ExtractedPosition;
};
/** Every quote is the body's text at its offset, and the document is one the import accepts. */
const checked = (x: Extraction): Extraction => {
  for (const p of x.document.positions) {
    for (const e of p.evidence) expect(x.document.article.body.slice(e.start ?? -1, (e.start ?? 0) + e.quote.length)).toBe(e.quote);
  }
  prepareDocument(x.document);
  return x;
};

describe('stance cues', () => {
  it.each([
    ['CONCERN', 'China voiced serious concern over the THAAD deployment in South Korea.'],
    ['OPPOSE', 'China firmly opposes the deployment of THAAD in South Korea.'],
    ['URGE', 'China urged the United States to withdraw THAAD from South Korea.'],
    ['COMMIT', 'China vowed to safeguard its interests against the THAAD deployment in South Korea.'],
    ['THREATEN', 'China warned of countermeasures against the THAAD deployment in South Korea.'],
    ['CRITICIZE', 'China slammed the THAAD deployment in South Korea.'],
    ['SUPPORT', 'Japan welcomed the THAAD deployment in South Korea.'],
  ])('%s', (stance, body) => {
    const p = only(checked(extract(body)));
    expect(p.stance).toBe(stance);
    expect(p.deployment).not.toBeNull();
    expect(p.provenance).toBe('EXTRACTED');
    expect(p.confidence).toBeGreaterThan(0);
    expect(p.confidence).toBeLessThanOrEqual(1);
    expect(p.modality).toBe('ASSERTED');
    expect(p.attribution).toBe('PARAPHRASE');
  });

  it.each([
    ['URGE', 'ASSERTED', 'China warned South Korea against deploying THAAD in South Korea.'],
    ['URGE', 'ASSERTED', 'China warned South Korea against the THAAD deployment in South Korea.'],
    ['THREATEN', 'ASSERTED', 'The United States warned Japan of new sanctions over the Typhon deployment in Japan.'],
    ['SUPPORT', 'HYPOTHETICAL', 'Japan is considering deploying Typhon in Japan.'],
    ['COMMIT', 'NEGATED', 'The Philippines will not participate in the Typhon deployment in the Philippines.'],
    ['SUPPORT', 'ASSERTED', 'Japan said the Typhon deployment in Japan is purely for defensive purposes.'],
    ['THREATEN', 'ASSERTED', 'China is ready to take resolute action against the THAAD deployment in South Korea.'],
  ])('%s (%s): %s', (stance, modality, body) => {
    expect(only(checked(extract(body)))).toMatchObject({ stance, modality });
  });

  it('declares the deployment as the gazetteer knows it', () => {
    const x = checked(extract('China firmly opposes the THAAD deployment in South Korea.'));
    expect(x.document.deployments).toEqual([expect.objectContaining({ system: 'THAAD', host: 'KR', operator: 'US' })]);
    expect(x.document.countries.map((c) => c.isoCode).sort()).toEqual(['CN', 'KR', 'US']);
  });
});

describe('modality', () => {
  it.each([
    'China does not oppose the THAAD deployment in South Korea.',
    'Russia no longer supports the Typhon deployment in Japan.',
    'Japan has never welcomed the Typhon deployment in Japan.',
    'It is not true that China opposes the THAAD deployment in South Korea.',
    'Japan refused to support the Typhon deployment in Japan.',
    'Neither China nor Russia opposes the THAAD deployment in South Korea.',
  ])('a negated statement is never ASSERTED: %s', (body) => {
    expect(only(checked(extract(body))).modality).toBe('NEGATED');
  });

  it('"would ... if" is hypothetical', () => {
    expect(only(checked(extract('China would take countermeasures if the THAAD deployment in South Korea goes ahead.'))).modality).toBe('HYPOTHETICAL');
  });

  it('"if" with "will" is conditional', () => {
    expect(only(checked(extract('Russia will take appropriate measures if Japan keeps the Typhon deployment.'))).modality).toBe('CONDITIONAL');
  });

  it('"will" is an intention', () => {
    expect(only(checked(extract('China will continue to take necessary measures against the THAAD deployment in South Korea.'))).modality).toBe('INTENDED');
  });

  it('proposes nothing when the words make it uncertain', () => {
    expect(extract('China may oppose the THAAD deployment in South Korea.').document.positions).toEqual([]);
    expect(extract('Does China oppose the THAAD deployment in South Korea?').document.positions).toEqual([]);
  });
});

describe('voices', () => {
  it('a joint statement is one position with both holders', () => {
    const p = only(checked(extract('China and Russia on Thursday voiced serious concern over the THAAD deployment in South Korea.')));
    expect(p.holders).toEqual(['CN', 'RU']);
    expect(p.statedOn).toBe('2017-08-31');
  });

  it('a month with its year is statedIn; a day after the article is no statement day', () => {
    expect(only(checked(extract('Seoul and Washington agreed on the THAAD deployment in July 2016.'))).statedIn).toBe('2016-07');
    expect(only(checked(extract('China firmly opposes the THAAD deployment in South Korea, planned for December 31, 2031.'))).statedOn).toBeNull();
  });

  it('finds a new official by title, with the country and the day', () => {
    const x = checked(
      extract(
        'BEIJING, Sept. 6 (Xinhua) -- Chinese Foreign Ministry spokesman Geng Shuang said on Wednesday that China firmly opposes the THAAD deployment in South Korea. Geng spoke at a briefing.',
      ),
    );
    const p = only(x);
    expect(p.speakers).toEqual(['Geng Shuang']);
    expect(p.holders).toEqual(['CN']);
    expect(p.statedOn).toBe('2017-09-06');
    expect(x.newEntities.officials).toEqual(['Geng Shuang']);
    expect(x.document.officials).toEqual([
      // "Geng", which the article uses alone; not "Shuang", which it does not.
      { name: 'Geng Shuang', title: 'Foreign Ministry spokesman', aliases: ['Geng'], country: 'CN', organization: null },
    ]);
  });

  it('a quote is DIRECT_QUOTE, spoken by the name after it, and "we" is its speaker', () => {
    const body = '"We oppose the Typhon deployment in Japan," Zakharova said on Friday.';
    const p = only(checked(extract(body, '2025-08-30')));
    expect(p).toMatchObject({ stance: 'OPPOSE', holders: ['RU'], speakers: ['Maria Zakharova'], attribution: 'DIRECT_QUOTE', statedOn: '2025-08-29' });
    expect(p.evidence).toEqual([{ quote: body, start: 0 }]);
  });

  it('"they" speaks for the actors of the sentence before', () => {
    const x = checked(
      extract(
        'China and Russia voiced serious concern over the THAAD deployment in South Korea. They also urged the United States to halt the THAAD deployment.',
      ),
    );
    expect(x.document.positions.map((p) => [p.stance, p.holders])).toEqual([
      ['CONCERN', ['CN', 'RU']],
      ['URGE', ['CN', 'RU']],
    ]);
    expect(x.document.positions[1]?.addressees).toEqual(['US']);
  });

  it('"he" is the official named before it in the sentence, not the actor of the sentence before', () => {
    const x = checked(
      extract(
        'Japan welcomed the Typhon deployment in Japan. Chinese Foreign Minister Wang Yi warned that he would not hesitate to act against the Typhon deployment in Japan.',
      ),
    );
    expect(x.document.positions.map((p) => [p.stance, p.holders, p.speakers])).toEqual([
      ['SUPPORT', ['JP'], []],
      ['THREATEN', ['CN'], ['Wang Yi']],
    ]);
  });

  it('"the spokeswoman" and "she" carry the speaker from sentence to sentence', () => {
    const x = checked(
      extract(
        'Russian Foreign Ministry spokeswoman Maria Zakharova said on Friday that Russia opposes the Typhon deployment in Japan. Moscow has also taken note of the drills with the US, the spokeswoman said. If Japan does not withdraw the Typhon deployment, Russia “will have to take appropriate measures”, she said.',
        '2025-08-30',
      ),
    );
    expect(x.document.positions.map((p) => [p.stance, p.holders, p.speakers, p.modality, p.attribution, p.statedOn])).toEqual([
      ['OPPOSE', ['RU'], ['Maria Zakharova'], 'ASSERTED', 'PARAPHRASE', '2025-08-29'],
      ['THREATEN', ['RU'], ['Maria Zakharova'], 'CONDITIONAL', 'DIRECT_QUOTE', '2025-08-29'],
    ]);
  });

  it('the same statement in two sentences is one position with two quotes', () => {
    const body = 'China firmly opposes the THAAD deployment in South Korea. China opposes THAAD in South Korea, its foreign ministry said.';
    const p = only(checked(extract(body)));
    expect(p.evidence.map((e) => e.start)).toEqual([0, body.indexOf('China opposes')]);
  });
});

describe('what is not a statement of the actor named', () => {
  it('the agent of a passive cue holds it', () => {
    expect(only(checked(extract('The THAAD deployment in South Korea was strongly criticized by China and Russia.'))).holders).toEqual(['CN', 'RU']);
  });

  it('the possessor of a noun cue holds it', () => {
    expect(only(checked(extract("Russia's plans to deploy THAAD in South Korea were reported."))).holders).toEqual(['RU']);
  });

  it('a relative clause describing an actor is not its statement', () => {
    expect(extract('Japan, which backs the THAAD deployment in South Korea, held talks.').document.positions).toEqual([]);
  });

  it("one side's account of what another plans is not the other's commitment", () => {
    const x = extract('Russia said that the United States plans to deploy THAAD in South Korea.');
    expect(x.document.positions.filter((p) => p.stance === 'COMMIT')).toEqual([]);
  });

  it('"and Russia has said that ..." after a statement is a statement of its own, not its frame', () => {
    const x = checked(extract('South Korea agreed to the THAAD deployment in South Korea, and Russia has said that it regrets the move.'));
    expect(x.document.positions.find((p) => p.stance === 'COMMIT')).toMatchObject({ holders: ['KR'] });
  });

  it('who is told a quote did not say it', () => {
    const x = checked(
      extract(
        'Japanese Defense Minister Gen Nakatani, who told his Russian counterpart Maria Zakharova that "the Typhon deployment in Japan is strictly defensive," spoke on Monday.',
      ),
    );
    expect(only(x)).toMatchObject({ stance: 'SUPPORT', holders: ['JP'], speakers: ['Gen Nakatani'] });
  });

  it('a participle after its noun is held by who is named after "in" or "by"', () => {
    const x = checked(extract('South Korea will keep the THAAD deployment in South Korea, a system strongly opposed in China.'));
    expect(x.document.positions.find((p) => p.stance === 'OPPOSE')).toMatchObject({ holders: ['CN'] });
  });

  it('"those who support it" is no statement of the speaker', () => {
    const x = extract('China said the THAAD deployment in South Korea is a dead end, and there is no future for those who support it.');
    expect(x.document.positions.filter((p) => p.stance === 'SUPPORT')).toEqual([]);
  });

  it('those called on by "should" are not who calls', () => {
    const body =
      '"Taiwan independence is a dead end," China\'s foreign ministry spokesman Wang Wenbin said when asked about the THAAD deployment in South Korea.\n\n' +
      '"The US should abide by the THAAD deployment in South Korea...and not whatever thing it concocts up itself unilaterally," he said, ' +
      'adding that the United States should cease military interactions with South Korea.';
    expect(extract(body).document.positions.filter((p) => p.holders.includes('US'))).toEqual([]);
  });

  it('what a copula judges is criticized; who judges is the frame', () => {
    expect(only(checked(extract('Russia said that U.S. plans to deploy THAAD in South Korea are dangerous.')))).toMatchObject({
      stance: 'CRITICIZE',
      holders: ['RU'],
    });
  });

  it('a question about reports is no request', () => {
    expect(extract('Asked about reports that Japan plans to deploy Typhon in Japan, China said nothing.').document.positions).toEqual([]);
  });

  it('plans cited by someone else are no commitment of whose plans they are', () => {
    expect(extract('The ministry cited U.S. plans to deploy THAAD in South Korea.').document.positions).toEqual([]);
  });

  it('a statement about a system the graph cannot place is not about a topic further on', () => {
    const withTreaty: Gazetteer = { ...gazetteer, topics: [...gazetteer.topics, { name: 'INF Treaty', aliases: [] }] };
    const body = 'Russia said the Typhon deployment in Poland is a violation of the INF Treaty.';
    const x = extractWith(withTreaty)(body);
    expect(x.document.positions).toEqual([]);
  });

  it('"it" before the cue is who speaks, not what the statement is about', () => {
    const x = checked(extract('Japan welcomed the Typhon deployment in Japan. The United States said it remains committed to its alliance with Japan.'));
    expect(only(x)).toMatchObject({ stance: 'SUPPORT', holders: ['JP'] });
  });

  it('"Zakharova, the spokeswoman," is Zakharova, whoever spoke before', () => {
    const x = checked(
      extract(
        'Japan welcomed the Typhon deployment in Japan, its defense minister said. Zakharova, the spokeswoman, said on Monday that Russia regrets the move, and it firmly opposes the Typhon deployment in Japan.',
      ),
    );
    expect(x.document.positions.find((p) => p.stance === 'OPPOSE')).toMatchObject({ holders: ['RU'], speakers: ['Maria Zakharova'] });
  });

  it('countries listed after a preposition are not the subject', () => {
    const x = checked(
      extract(
        'China said that cooperation among the United States, Japan and South Korea was raising tensions and vowed countermeasures against the THAAD deployment in South Korea.',
      ),
    );
    expect(only(x)).toMatchObject({ stance: 'THREATEN', holders: ['CN'] });
  });

  it('rejecting a demand to remove a deployment is not opposing the deployment', () => {
    const x = extract('South Korea rejected demands from China to remove the THAAD deployment in South Korea.');
    expect(x.document.positions.filter((p) => p.stance === 'OPPOSE')).toEqual([]);
  });

  it('a report by unnamed sources is UNNAMED_SOURCE', () => {
    expect(only(checked(extract('China firmly opposes the THAAD deployment in South Korea, sources said.'))).attribution).toBe('UNNAMED_SOURCE');
  });

  it('"the two officials" are the last two officials named', () => {
    const x = checked(
      extract(
        'Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in Moscow. The THAAD deployment in South Korea contradicts regional security, the two officials noted.',
      ),
    );
    expect(only(x)).toMatchObject({ stance: 'CRITICIZE', holders: ['CN', 'RU'], speakers: ['Wang Yi', 'Sergei Lavrov'] });
  });
});

describe('unresolved mentions', () => {
  it('reports a system it cannot place, and proposes nothing about it', () => {
    const body = 'China opposes the Typhon deployment.';
    const x = extract(body);
    expect(x.document.positions).toEqual([]);
    expect(x.unresolved).toEqual([{ text: 'Typhon', start: body.indexOf('Typhon'), end: body.indexOf('Typhon') + 6, kind: 'deployment' }]);
  });

  it('reports "they" with no one named before', () => {
    const body = 'They firmly oppose the THAAD deployment in South Korea.';
    const x = extract(body);
    expect(x.document.positions).toEqual([]);
    expect(x.unresolved).toEqual([{ text: 'They', start: 0, end: 4, kind: 'actor' }]);
  });

  it('an institution after a title is no new official', () => {
    const x = checked(
      extract(
        'A spokesman for the National Peace Committee of Korea condemned the THAAD deployment in South Korea, the official Korean Central News Agency said.',
      ),
    );
    expect(x.document.officials).toEqual([]);
    expect(x.unresolved.filter((u) => u.kind === 'official')).toEqual([]);
  });

  it('a spokesperson without a country speaks for the dateline', () => {
    const x = checked(extract('BEIJING, Sept. 6 (Xinhua) -- Spokesperson Geng Shuang said China firmly opposes the THAAD deployment in South Korea.'));
    expect(x.document.officials).toEqual([expect.objectContaining({ name: 'Geng Shuang', title: 'Spokesperson', country: 'CN' })]);
  });

  it('a system known only in a country the article never names is not placed there', () => {
    const body = 'China opposes the deployment of THAAD in Japan.';
    expect(extract(body).document.positions).toEqual([]);
    expect(extract(body).unresolved).toContainEqual({ text: 'THAAD', start: body.indexOf('THAAD'), end: body.indexOf('THAAD') + 5, kind: 'deployment' });
  });

  it('a place names no deployment the article does not name by what it is', () => {
    const bomber = { ...deployment('B-52 bombers over the Korean Peninsula', 'B-52', 'KR'), location: 'Korean Peninsula' };
    const withBomber: Gazetteer = { ...gazetteer, deployments: [...gazetteer.deployments, bomber] };
    const body =
      'China opposes the THAAD deployment on the Korean Peninsula. The deployment of the missile system on the Korean Peninsula undermines regional security, China said.';
    const x = checked(extractWith(withBomber)(body));
    expect(x.document.positions.map((p) => [p.stance, p.deployment, p.deployments ?? []])).toEqual([
      ['OPPOSE', 'thaad-kr', []],
      ['CRITICIZE', 'thaad-kr', []],
    ]);
  });

  it("a deployment's own name for its system names the system, placed by the hosts named", () => {
    const [thaad, typhonJapan, typhonPhilippines] = gazetteer.deployments as [
      Gazetteer['deployments'][number],
      Gazetteer['deployments'][number],
      Gazetteer['deployments'][number],
    ];
    const named: Gazetteer = { ...gazetteer, deployments: [thaad, { ...typhonJapan, systemName: 'Strategic Mid-range Fires' }, typhonPhilippines] };
    const body = 'Russia criticized the Strategic Mid-range Fires system in the Philippines.';
    const x = checked(extractWith(named)(body));
    expect(only(x).deployment).toBe('typhon-ph');
  });

  it('weapons in a country are not the one deployment the graph knows there', () => {
    expect(extract('Russia criticized the sale of fighter jets and missiles to South Korea.').document.positions).toEqual([]);
  });

  it('places a system by the host the sentence names', () => {
    expect(only(extract('China opposes the Typhon deployment in the Philippines.')).deployment).toBe('typhon-ph');
  });
});

describe('the seed article', () => {
  const triples = (d: ArticleDocument) => {
    const keys = new Map(d.deployments.map((x) => [x.key, `${x.system ?? x.name}@${x.host ?? ''}`]));
    return d.positions.map((p) => `${[...p.holders].sort().join(',')}|${p.stance}|${p.deployment ? keys.get(p.deployment) : p.topic?.toLowerCase()}`);
  };
  const x = extractArticle(
    { body: seed.article.body, source: seed.article.source, url: null, headline: null, publishedAt: null },
    gazetteerFromDocuments([seed]),
  );

  it('yields at least 11 of its 13 positions, and none that it does not state', () => {
    const gold = new Set(triples(seed));
    const proposed = triples(x.document);
    expect(proposed.filter((t) => gold.has(t)).length).toBeGreaterThanOrEqual(11);
    expect(proposed.filter((t) => !gold.has(t))).toEqual([]);
  });

  it('gives each position found the labelled meeting, day, modality, attribution and speakers', () => {
    // The seed's positions as labelled, with the fields the import reads from the model's definition.
    const labelled = seed.positions as Array<ArticleDocument['positions'][number] & { modality: string; attribution: string }>;
    const gold = new Map(triples(seed).map((t, k) => [t, labelled[k]]));
    const found = triples(x.document).map((t, k) => [gold.get(t), x.document.positions[k]] as const);
    for (const [g, p] of found) {
      expect(p).toMatchObject({ meeting: g?.meeting, statedOn: g?.statedOn, modality: g?.modality, attribution: g?.attribution });
      expect([...(p?.speakers ?? [])].sort()).toEqual([...(g?.speakers ?? [])].sort());
    }
  });

  it('is a document the import accepts, with the meeting it found', () => {
    checked(x);
    expect(x.newEntities.meetings).toEqual(['northeast-asia-security-4']);
    expect(x.document.meetings[0]).toMatchObject({
      city: 'Moscow',
      country: 'RU',
      ordinal: 4,
      date: '2016-07-28',
      participants: ['Kong Xuanyou', 'Igor Morgulov'],
    });
  });
});

describe('a graph of any size and any names', () => {
  it('reads with 20,000 officials and names no article would hold (100,000 letters, regular-expression characters)', () => {
    const large: Gazetteer = {
      ...gazetteer,
      officials: [
        ...gazetteer.officials,
        ...Array.from({ length: 20_000 }, (_, i) => ({ name: `Official Number${i}`, title: null, aliases: [`Number${i}`], country: 'CN', organization: null })),
        { name: 'Geng Shuang', title: null, aliases: ['b'.repeat(100_000)], country: 'CN', organization: null },
      ],
      organizations: [
        { acronym: 'a'.repeat(100_000), name: '(a|b)*[', aliases: ['\\', '$^', 'a'.repeat(200)], members: [] },
        { acronym: null, name: 'Ünïcødé 组织', aliases: [], members: [] },
      ],
      topics: [...gazetteer.topics, { name: '.*'.repeat(500), aliases: ['?', 'c'.repeat(100_000)] }],
    };
    const x = checked(
      extractArticle(
        {
          body: 'BEIJING, Sept. 6 (Xinhua) -- China firmly opposes the THAAD deployment in South Korea, Official Number19999 said on Wednesday. (a|b)*[ $^',
          source: 'Test',
          url: null,
          headline: null,
          publishedAt: '2017-09-06',
        },
        large,
      ),
    );
    expect(only(x)).toMatchObject({ stance: 'OPPOSE', holders: ['CN'], speakers: ['Official Number19999'] });
  });
});
