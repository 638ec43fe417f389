/**
 * A position is one statement on one occasion (docs/import-format.md, "A position is one statement
 * on one occasion"): reports of the same stance on different occasions stay apart, a report of the
 * same occasion corroborates, no report overwrites what another article established, and an editor
 * corrects the machine's choice with positionMerge and positionSplit, both in the change log.
 */
import { describe, expect, it } from 'vitest';
import { codesOf, expectOk, useCurationServer, userErrorFields } from '../support/curation.ts';

const api = useCurationServer();

const importMutation = `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
  article { id }
  report { positions { created matched updated } evidence { created } }
  ${userErrorFields} } }`;

const positionFields = 'id version stance statedOn speakers { name } evidence { id text article { url } }';

interface Report {
  url: string;
  body: string;
  quote: string;
  statedOn?: string | null;
  speakers?: string[];
  stance?: string;
}

/** One article that reports China's stance on the THAAD battery in Seongju, in the import format. */
function report({ url, body, quote, statedOn = null, speakers = [], stance = 'OPPOSE' }: Report) {
  return {
    article: { source: 'Wire', url, headline: null, publishedAt: null, body },
    countries: [
      { isoCode: 'CN', name: 'China' },
      { isoCode: 'KR', name: 'South Korea' },
    ],
    officials: [
      { name: 'Geng Shuang', title: 'Foreign Ministry spokesperson', country: 'CN' },
      { name: 'Hua Chunying', title: 'Foreign Ministry spokesperson', country: 'CN' },
    ],
    deployments: [{ key: 'thaad', name: 'THAAD battery in Seongju', system: 'THAAD', status: 'ANNOUNCED', host: 'KR' }],
    positions: [{ stance, summary: 'China opposes the THAAD deployment.', holders: ['CN'], speakers, deployment: 'thaad', statedOn, evidence: [{ quote }] }],
  };
}

async function importReport(input: ReturnType<typeof report>) {
  return expectOk((await api.data('EDITOR', importMutation, { input })).articleImport);
}

/** China's OPPOSE positions on THAAD with no meeting, oldest first, with the articles that report them. */
async function chinaOpposesThaad(): Promise<any[]> {
  const { positions } = await api.data(
    'READER',
    `{ positions(first: 100, filter: { holders: ["CN"], systems: ["THAAD"], stances: [OPPOSE] }) { nodes { meeting { id } holders { name } ${positionFields} } } }`,
  );
  return positions.nodes.filter((p: any) => p.meeting === null && p.holders.length === 1);
}

const urls = (p: any) => p.evidence.map((e: any) => e.article.url).sort();
const byUrl = (positions: any[], url: string) => positions.find((p) => urls(p).includes(url));

const march7 = {
  url: 'https://wire.example/thaad-2017-03-07',
  body: 'BEIJING - Foreign Ministry spokesperson Geng Shuang said on Tuesday that China firmly opposes the deployment of THAAD.',
  quote: 'China firmly opposes the deployment of THAAD.',
  statedOn: '2017-03-07',
  speakers: ['Geng Shuang'],
};

describe('a position is one statement on one occasion', () => {
  it('two reports of the same stance on different occasions stay two positions; the earlier keeps its day and speakers', async () => {
    const [seedStatement] = await chinaOpposesThaad();
    expect(seedStatement).toMatchObject({ statedOn: null, speakers: [] });

    // March 2017, dated and attributed: not the seed's statement of July 2016 (undated there).
    const first = await importReport(report(march7));
    expect(first.report.positions).toEqual({ created: 1, matched: 0, updated: 0 });
    // Another article, no day, no speaker: nothing places it on either occasion.
    const unplaced = await importReport(
      report({ url: 'https://wire.example/thaad-undated', body: 'China has long opposed THAAD, officials say.', quote: 'China has long opposed THAAD' }),
    );
    expect(unplaced.report.positions).toEqual({ created: 1, matched: 0, updated: 0 });

    const positions = await chinaOpposesThaad();
    expect(positions).toHaveLength(3);
    expect(positions[0]).toEqual(seedStatement);
    expect(byUrl(positions, march7.url)).toMatchObject({ statedOn: '2017-03-07', speakers: [{ name: 'Geng Shuang' }] });
    expect(byUrl(positions, 'https://wire.example/thaad-undated')).toMatchObject({ statedOn: null, speakers: [] });
    // The filter on days finds the March statement only in March.
    const { positions: in2016 } = await api.data(
      'READER',
      '{ positions(filter: { holders: ["CN"], systems: ["THAAD"], statedOn: { to: "2016-12-31" } }) { nodes { statedOn } } }',
    );
    expect(in2016.nodes.every((p: any) => p.statedOn < '2017')).toBe(true);
  });

  it('a report of the same occasion corroborates; one with other speakers on that day is another statement', async () => {
    // The same day, no speaker named: the March statement, corroborated; nothing of it changes.
    const same = await importReport(
      report({
        url: 'https://other.example/china-thaad-march-7',
        body: 'China on March 7 reiterated that it opposes THAAD.',
        quote: 'China on March 7 reiterated that it opposes THAAD.',
        statedOn: '2017-03-07',
      }),
    );
    expect(same.report).toEqual({ positions: { created: 0, matched: 0, updated: 1 }, evidence: { created: 1 } });
    // The same day, but voiced by someone else: another statement.
    const other = await importReport(
      report({
        url: 'https://other.example/hua-march-7',
        body: 'Spokeswoman Hua Chunying said China opposes THAAD.',
        quote: 'China opposes THAAD',
        statedOn: '2017-03-07',
        speakers: ['Hua Chunying'],
      }),
    );
    expect(other.report.positions).toEqual({ created: 1, matched: 0, updated: 0 });

    const positions = await chinaOpposesThaad();
    const march = byUrl(positions, march7.url);
    expect(urls(march)).toEqual([march7.url, 'https://other.example/china-thaad-march-7'].sort());
    expect(march).toMatchObject({ statedOn: '2017-03-07', speakers: [{ name: 'Geng Shuang' }] });
    expect(byUrl(positions, 'https://other.example/hua-march-7')).toMatchObject({ statedOn: '2017-03-07', speakers: [{ name: 'Hua Chunying' }] });
    // Importing the same articles again creates nothing.
    const again = await importReport(report(march7));
    expect(again.report.positions).toEqual({ created: 0, matched: 1, updated: 0 });
  });

  it('a document may not declare one statement twice, but may declare two statements of one stance', async () => {
    const body = 'China opposed THAAD on March 6. China opposed THAAD again on March 8.';
    const two = report({ url: 'https://wire.example/two-days', body, quote: 'China opposed THAAD on March 6.', statedOn: '2017-03-06' });
    const second = { ...two.positions[0]!, statedOn: '2017-03-08', evidence: [{ quote: 'China opposed THAAD again on March 8.' }] };
    const twice = { ...two, positions: [two.positions[0]!, { ...second, statedOn: '2017-03-06' }] };
    const refused = await api.data('EDITOR', importMutation, { input: twice });
    expect(codesOf(refused.articleImport)).toEqual(['DUPLICATE@input.positions.1']);
    expect(refused.articleImport.userErrors[0].message).toMatch(/already declared at positions\[0\]/);
    const accepted = await importReport({ ...two, positions: [two.positions[0]!, second] });
    expect(accepted.report.positions).toEqual({ created: 2, matched: 0, updated: 0 });
  });

  it('positionCreate refuses a twin on the same occasion and takes the same stance on another day', async () => {
    const march = byUrl(await chinaOpposesThaad(), march7.url);
    const ids = await api.data('READER', '{ country(isoCode: "CN") { id } deployments(filter: { systems: ["THAAD"] }) { nodes { id } } }');
    const article = expectOk(
      (
        await api.data('EDITOR', `mutation($input: ArticleCreateInput!) { articleCreate(input: $input) { article { id } ${userErrorFields} } }`, {
          input: { source: 'Desk', body: 'China opposes THAAD, the ministry said.' },
        })
      ).articleCreate,
    ).article;
    const create = `mutation($input: PositionCreateInput!) { positionCreate(input: $input) { position { id statedOn } ${userErrorFields} } }`;
    const input = (statedOn: string) => ({
      stance: 'OPPOSE',
      summary: 'China opposes THAAD.',
      holderIds: [ids.country.id],
      deploymentId: ids.deployments.nodes[0].id,
      statedOn,
      evidence: [{ articleId: article.id, text: 'China opposes THAAD' }],
    });
    const twin = await api.data('EDITOR', create, { input: input('2017-03-07') });
    expect(codesOf(twin.positionCreate)).toEqual(['DUPLICATE@']);
    expect(twin.positionCreate.userErrors[0].message).toContain(march.id);
    const another = expectOk((await api.data('EDITOR', create, { input: input('2017-03-09') })).positionCreate);
    expect(another.position.statedOn).toBe('2017-03-09');
    // Its change-log entry names what it links to by global ID, never by row number.
    const log = (await api.data('ADMIN', 'query($id: ID!) { changeLog(first: 1, entityId: $id) { nodes { details } } }', { id: another.position.id })).changeLog
      .nodes[0].details;
    expect(log).not.toHaveProperty('id');
    expect(log).toMatchObject({ deploymentId: ids.deployments.nodes[0].id, holders: [ids.country.id] });
    expect(log.evidence).toEqual([{ articleId: article.id, text: 'China opposes THAAD', start: 0, end: 'China opposes THAAD'.length }]);
  });
});

describe('an editor corrects the choice', () => {
  const merge = `mutation($input: PositionMergeInput!) { positionMerge(input: $input) { position { ${positionFields} } deletedPositionId ${userErrorFields} } }`;
  const split = `mutation($input: PositionSplitInput!) { positionSplit(input: $input) { position { ${positionFields} } newPosition { ${positionFields} } ${userErrorFields} } }`;
  const log = `query($id: ID!) { changeLog(first: 10, entityId: $id) { nodes { action actor details } } }`;

  it('positionMerge joins two positions that are one statement, and says so in the change log of both', async () => {
    const positions = await chinaOpposesThaad();
    const march = byUrl(positions, march7.url);
    const undated = byUrl(positions, 'https://wire.example/thaad-undated');
    const merged = expectOk((await api.data('EDITOR', merge, { input: { keepId: march.id, duplicateId: undated.id } })).positionMerge);
    expect(merged.deletedPositionId).toBe(undated.id);
    expect(urls(merged.position)).toEqual([...urls(march), ...urls(undated)].sort());
    expect(merged.position).toMatchObject({ statedOn: '2017-03-07', speakers: [{ name: 'Geng Shuang' }], version: march.version + 1 });
    const { node } = await api.data('READER', 'query($id: ID!) { node(id: $id) { id } }', { id: undated.id });
    expect(node).toBeNull();

    const kept = (await api.data('ADMIN', log, { id: march.id })).changeLog.nodes;
    expect(kept[0]).toMatchObject({ action: 'MERGE', actor: 'test-editor', details: { mergedFrom: undated.id } });
    expect(kept[0].details.moved.evidence).toEqual(undated.evidence.map((e: any) => e.id));
    // References in the details are global IDs, as the API takes them.
    const { deployments } = await api.data('READER', '{ deployments(filter: { systems: ["THAAD"] }) { nodes { id } } }');
    expect(kept[0].details.duplicate.deploymentId).toBe(deployments.nodes[0].id);
    const { country } = await api.data('READER', '{ country(isoCode: "CN") { id } }');
    expect(kept[0].details.duplicate.holders).toEqual([country.id]);
    const gone = (await api.data('ADMIN', log, { id: undated.id })).changeLog.nodes;
    expect(gone[0]).toMatchObject({ action: 'MERGE', details: { mergedInto: march.id } });
  });

  it('positionMerge refuses positions that cannot be one statement, and changes nothing', async () => {
    const positions = await chinaOpposesThaad();
    const march = byUrl(positions, march7.url);
    const otherDay = byUrl(positions, 'https://wire.example/two-days');
    const refused = await api.data('EDITOR', merge, { input: { keepId: march.id, duplicateId: otherDay.id } });
    expect(codesOf(refused.positionMerge)).toEqual(['CONFLICT@input.duplicateId']);
    expect(refused.positionMerge.userErrors[0].message).toMatch(/another day \(2017-03-0[68], not 2017-03-07\)/);
    const { positions: concern } = await api.data('READER', '{ positions(first: 1, filter: { stances: [CONCERN] }) { nodes { id } } }');
    const stance = await api.data('EDITOR', merge, { input: { keepId: march.id, duplicateId: concern.nodes[0].id } });
    expect(stance.positionMerge.userErrors.map((e: any) => e.message.replace(/:.*/, ''))).toEqual([
      'the duplicate takes another stance (CONCERN, not OPPOSE)',
      'the duplicate has other holders',
      'the duplicate was stated on another day (2016-07-28, not 2017-03-07)',
    ]);
    const itself = await api.data('EDITOR', merge, { input: { keepId: march.id, duplicateId: march.id } });
    expect(codesOf(itself.positionMerge)).toEqual(['SAME_RECORD@input.duplicateId']);
    expect(await chinaOpposesThaad()).toEqual(positions);
  });

  it('positionSplit moves quotes to a position of their own, with what the editor says of it, and logs both', async () => {
    const march = byUrl(await chinaOpposesThaad(), march7.url);
    const moving = march.evidence.filter((e: any) => e.article.url === 'https://wire.example/thaad-undated');
    expect(moving).toHaveLength(1);

    const all = await api.data('EDITOR', split, { input: { id: march.id, evidenceIds: march.evidence.map((e: any) => e.id) } });
    expect(codesOf(all.positionSplit)).toEqual(['EVIDENCE_REQUIRED@input.evidenceIds']);
    const { positions: others } = await api.data('READER', '{ positions(first: 1) { nodes { evidence { id } } } }');
    const foreign = await api.data('EDITOR', split, { input: { id: march.id, evidenceIds: [others.nodes[0].evidence[0].id] } });
    expect(codesOf(foreign.positionSplit)).toEqual(['NOT_FOUND@input.evidenceIds.0']);
    const future = await api.data('EDITOR', split, { input: { id: march.id, evidenceIds: [moving[0].id], statedOn: '2999-01-01' } });
    expect(codesOf(future.positionSplit)).toEqual(['FUTURE_DATE@input.statedOn']);

    const done = expectOk(
      (
        await api.data('EDITOR', split, {
          input: { id: march.id, expectedVersion: march.version, evidenceIds: [moving[0].id], summary: 'China has long opposed THAAD.' },
        })
      ).positionSplit,
    );
    expect(done.position.evidence.map((e: any) => e.id)).toEqual(march.evidence.filter((e: any) => e.id !== moving[0].id).map((e: any) => e.id));
    expect(done.position).toMatchObject({ statedOn: '2017-03-07', speakers: [{ name: 'Geng Shuang' }], version: march.version + 1 });
    expect(done.newPosition).toMatchObject({ stance: 'OPPOSE', statedOn: null, speakers: [], evidence: [{ id: moving[0].id }] });

    const original = (await api.data('ADMIN', log, { id: march.id })).changeLog.nodes;
    expect(original[0]).toMatchObject({ action: 'UPDATE', details: { evidenceMovedTo: done.newPosition.id, evidence: [moving[0].id] } });
    const created = (await api.data('ADMIN', log, { id: done.newPosition.id })).changeLog.nodes;
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ action: 'CREATE', actor: 'test-editor', details: { splitFrom: march.id, summary: 'China has long opposed THAAD.' } });
  });
});

describe('how a statement was made', () => {
  const seoul = (statement: { stance?: string; modality?: string; attribution?: string | null }, quote: string, body: string) => ({
    article: { source: 'Wire', url: `https://wire.example/seoul/${encodeURIComponent(quote)}`, headline: null, publishedAt: null, body },
    countries: [{ isoCode: 'KR', name: 'South Korea' }],
    deployments: [{ key: 'thaad', name: 'THAAD battery in Seongju', system: 'THAAD', status: 'ANNOUNCED', host: 'KR' }],
    positions: [
      {
        stance: 'OPPOSE',
        summary: 'South Korea and the deployment.',
        holders: ['KR'],
        deployment: 'thaad',
        statedOn: '2017-04-02',
        evidence: [{ quote }],
        ...statement,
      },
    ],
  });
  const oppose = `{ positions(first: 50, filter: { holders: ["KR"], stances: [OPPOSE] }) { nodes { id modality attribution provenance } } }`;

  it('a denial attributed to unnamed sources imports as written, and is not its assertion', async () => {
    const denial = seoul(
      { modality: 'NEGATED', attribution: 'UNNAMED_SOURCE' },
      'South Korea does not oppose the deployment',
      'Sources in Seoul said South Korea does not oppose the deployment of THAAD.',
    );
    expect((await importReport(denial as any)).report.positions).toEqual({ created: 1, matched: 0, updated: 0 });
    // The same day, the same stance asserted (a paraphrase, the modality left out): another statement.
    const assertion = seoul({ attribution: 'PARAPHRASE' }, 'South Korea opposes it', 'A lawmaker claimed on Sunday that South Korea opposes it.');
    expect((await importReport(assertion as any)).report.positions).toEqual({ created: 1, matched: 0, updated: 0 });
    const { positions } = await api.data('READER', oppose);
    expect(positions.nodes.map((p: any) => [p.modality, p.attribution, p.provenance])).toEqual([
      ['NEGATED', 'UNNAMED_SOURCE', 'IMPORTED'],
      ['ASSERTED', 'PARAPHRASE', 'IMPORTED'],
    ]);
  });

  it('filters and summaries take the modality, the attribution and the provenance', async () => {
    const count = async (filter: string) =>
      (await api.data('READER', `{ positions(filter: { holders: ["KR"], ${filter} }) { totalCount } }`)).positions.totalCount;
    expect(await count('modalities: [NEGATED]')).toBe(1);
    expect(await count('attributions: [UNNAMED_SOURCE]')).toBe(1);
    expect(await count('modalities: [ASSERTED], attributions: [PARAPHRASE]')).toBe(2); // the seed's COMMIT with the U.S., and the lawmaker's claim
    expect(await count('provenances: [MANUAL]')).toBe(0);
    const { all, asserted } = await api.data(
      'READER',
      `{ all: stanceSummary(filter: { holders: ["KR"] }) { byStance { stance count } } asserted: stanceSummary(filter: { holders: ["KR"], modalities: [ASSERTED] }) { byStance { stance count } } }`,
    );
    const opposeCount = (summary: any) => summary.byStance.find((s: any) => s.stance === 'OPPOSE').count;
    expect([opposeCount(all), opposeCount(asserted)]).toEqual([2, 1]);
  });

  it('positionCreate records MANUAL positions, ASSERTED unless told; positionUpdate corrects the modality', async () => {
    const ids = await api.data(
      'READER',
      '{ country(isoCode: "KR") { id } deployments(filter: { systems: ["THAAD"] }) { nodes { id } } articles(first: 1) { nodes { id } } }',
    );
    const create = `mutation($input: PositionCreateInput!) { positionCreate(input: $input) { position { id version modality attribution provenance } ${userErrorFields} } }`;
    const created = expectOk(
      (
        await api.data('EDITOR', create, {
          input: {
            stance: 'SUPPORT',
            summary: 'South Korea supports it.',
            holderIds: [ids.country.id],
            deploymentId: ids.deployments.nodes[0].id,
            evidence: [{ articleId: ids.articles.nodes[0].id, text: 'Seoul and Washington announced the agreement' }],
          },
        })
      ).positionCreate,
    ).position;
    expect(created).toMatchObject({ modality: 'ASSERTED', attribution: null, provenance: 'MANUAL' });
    const update = `mutation($input: PositionUpdateInput!) { positionUpdate(input: $input) { position { modality attribution } ${userErrorFields} } }`;
    const updated = expectOk(
      (await api.data('EDITOR', update, { input: { id: created.id, expectedVersion: created.version, modality: 'HYPOTHETICAL', attribution: 'PARAPHRASE' } }))
        .positionUpdate,
    );
    expect(updated.position).toEqual({ modality: 'HYPOTHETICAL', attribution: 'PARAPHRASE' });
    const refused = await api.data('EDITOR', update, { input: { id: created.id, modality: null } });
    expect(codesOf(refused.positionUpdate)).toEqual(['BLANK@input.modality']);
  });
});

describe('names in filters', () => {
  it('a name or alias of two records is an error that names both; a code still names one', async () => {
    const create = `mutation($input: OrganizationCreateInput!) { organizationCreate(input: $input) { organization { id } ${userErrorFields} } }`;
    expectOk((await api.data('EDITOR', create, { input: { name: 'Seoul Forum', acronym: 'SF', aliases: ['Seoul'] } })).organizationCreate);
    const ambiguous = await api.query('READER', '{ positions(filter: { holders: ["Seoul"] }) { totalCount } }');
    expect(ambiguous.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(ambiguous.errors?.[0]?.message).toBe(
      'Argument "filter.holders" has "Seoul", which is the name or an alias of 2 records (South Korea; Seoul Forum): give a code or an ID instead',
    );
    // Among countries only, "Seoul" is South Korea alone.
    const hosts = await api.data('READER', '{ deployments(filter: { hosts: ["Seoul"] }) { totalCount } }');
    expect(hosts.deployments.totalCount).toBeGreaterThan(0);
    expect((await api.data('READER', '{ positions(filter: { holders: ["KR", "SF"] }) { totalCount } }')).positions.totalCount).toBeGreaterThan(0);
  });
});

describe('dates at the precision the report gives', () => {
  const russia = (url: string, body: string, quote: string, statedIn: string | null, extra: Record<string, unknown> = {}) => ({
    article: { source: 'Wire', url, headline: null, publishedAt: null, body },
    countries: [
      { isoCode: 'RU', name: 'Russia' },
      { isoCode: 'KR', name: 'South Korea' },
    ],
    deployments: [{ key: 'thaad', name: 'THAAD battery in Seongju', system: 'THAAD', status: 'ANNOUNCED', host: 'KR' }],
    positions: [
      { stance: 'CONCERN', summary: 'Russia is concerned about THAAD.', holders: ['RU'], deployment: 'thaad', statedIn, evidence: [{ quote }], ...extra },
    ],
  });
  const russianConcern = async () =>
    (
      await api.data(
        'READER',
        `{ positions(first: 50, filter: { holders: ["RU"], stances: [CONCERN], systems: ["THAAD"] }) { nodes { id statedOn statedIn meeting { id } evidence { article { url } } } } }`,
      )
    ).positions.nodes.filter((p: any) => p.meeting === null);

  it('a month-precise statement imports as written, and is matched by every range it overlaps', async () => {
    const march = russia('https://wire.example/ru-march', 'In March, Russia voiced concern over THAAD.', 'Russia voiced concern over THAAD', '2017-03');
    expect((await importReport(march as any)).report.positions).toEqual({ created: 1, matched: 0, updated: 0 });
    const [position] = await russianConcern();
    expect(position).toMatchObject({ statedOn: null, statedIn: '2017-03' });
    const count = async (range: string) =>
      (await api.data('READER', `{ positions(filter: { holders: ["RU"], stances: [CONCERN], statedOn: ${range} }) { totalCount } }`)).positions.totalCount;
    expect(await count('{ from: "2017-03-20", to: "2017-04-10" }')).toBe(1);
    expect(await count('{ from: "2017-01-01", to: "2017-03-01" }')).toBe(1);
    expect(await count('{ from: "2017-04-01" }')).toBe(0);
    expect(await count('{ from: "2017-01-01", to: "2017-02-28" }')).toBe(0);
  });

  it('a report of a day within it is the same statement, and makes its date precise; an approximate date places nothing', async () => {
    const day = russia(
      'https://wire.example/ru-march-20',
      'Russia on March 20 voiced concern over THAAD.',
      'Russia on March 20 voiced concern over THAAD.',
      '2017-03-20',
    );
    expect((await importReport(day as any)).report.positions).toEqual({ created: 0, matched: 0, updated: 1 });
    const around = russia('https://wire.example/ru-2017', 'Around 2017, Russia was concerned about THAAD.', 'Russia was concerned about THAAD', '2017~');
    expect((await importReport(around as any)).report.positions).toEqual({ created: 1, matched: 0, updated: 0 });
    const positions = await russianConcern();
    expect(positions.map((p: any) => [p.statedIn, p.statedOn, p.evidence.map((e: any) => e.article.url).sort()])).toEqual([
      ['2017-03-20', '2017-03-20', ['https://wire.example/ru-march', 'https://wire.example/ru-march-20']],
      ['2017~', null, ['https://wire.example/ru-2017']],
    ]);
    // Ordered by when they were stated, an approximate year comes at its first day.
    const { positions: ordered } = await api.data(
      'READER',
      '{ positions(first: 50, filter: { holders: ["RU"], stances: [CONCERN], systems: ["THAAD"], statedOn: { from: "2017-01-01" } }, orderBy: { field: STATED_ON }) { nodes { statedIn } } }',
    );
    expect(ordered.nodes.map((p: any) => p.statedIn)).toEqual(['2017~', '2017-03-20']);
  });

  it('a two-day meeting imports as a span; a report of one of its days is the same meeting, and does not shorten it', async () => {
    const talks = (url: string, body: string, meeting: Record<string, unknown>) => ({
      article: { source: 'Wire', url, headline: null, publishedAt: null, body },
      countries: [{ isoCode: 'RU', name: 'Russia' }],
      meetings: [{ key: 'talks', name: 'strategic stability consultations', city: 'Geneva', ...meeting }],
      positions: [
        {
          stance: 'SUPPORT',
          summary: 'Russia backs the talks.',
          holders: ['RU'],
          topic: 'strategic stability talks',
          meeting: 'talks',
          evidence: [{ quote: 'Russia backed the talks' }],
        },
      ],
    });
    const two = await importReport(
      talks('https://wire.example/geneva', 'In two days of talks in Geneva, Russia backed the talks.', { heldIn: '2016-09-12/2016-09-13' }) as any,
    );
    expect(two.report.positions).toEqual({ created: 1, matched: 0, updated: 0 });
    const meetings = async () =>
      (await api.data('READER', '{ meetings(first: 10, filter: { cities: ["Geneva"] }) { nodes { name date heldIn positions { totalCount } } } }')).meetings
        .nodes;
    expect(await meetings()).toEqual([
      { name: 'strategic stability consultations', date: null, heldIn: '2016-09-12/2016-09-13', positions: { totalCount: 1 } },
    ]);
    // The second day, reported by another article: the same meeting (and the same statement at it).
    const secondDay = await importReport(
      talks('https://wire.example/geneva-2', 'On Tuesday in Geneva, Russia backed the talks again.', { date: '2016-09-13' }) as any,
    );
    expect(secondDay.report.positions).toEqual({ created: 0, matched: 0, updated: 1 });
    expect(await meetings()).toEqual([
      { name: 'strategic stability consultations', date: null, heldIn: '2016-09-12/2016-09-13', positions: { totalCount: 1 } },
    ]);
    // Filtered by a range, the meeting is found on either of its days.
    const on = async (day: string) =>
      (await api.data('READER', `{ meetings(filter: { cities: ["Geneva"], date: { from: "${day}", to: "${day}" } }) { totalCount } }`)).meetings.totalCount;
    expect([await on('2016-09-11'), await on('2016-09-12'), await on('2016-09-13'), await on('2016-09-14')]).toEqual([0, 1, 1, 0]);
  });

  it('refuses a date that is not one, a date to come, and a day and a date that disagree', async () => {
    const body = 'Russia voiced concern over THAAD in 2017.';
    const quote = 'Russia voiced concern over THAAD';
    const notADate = await api.query('EDITOR', importMutation, { input: russia('https://wire.example/ru-bad', body, quote, '2017-02-30') });
    expect(notADate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(notADate.errors?.[0]?.message).toContain('there is no day 30 in 2017-02');
    const future = await api.data('EDITOR', importMutation, { input: russia('https://wire.example/ru-future', body, quote, '2999') });
    expect(codesOf(future.articleImport)).toEqual(['FUTURE_DATE@input.positions.0.statedIn']);
    const disagree = await api.data('EDITOR', importMutation, {
      input: russia('https://wire.example/ru-disagree', body, quote, '2017-03', { statedOn: '2017-04-02' }),
    });
    expect(codesOf(disagree.articleImport)).toEqual(['CONFLICT@input.positions.0.statedIn']);
    expect(disagree.articleImport.userErrors[0].message).toBe('statedOn 2017-04-02 and statedIn 2017-03 disagree: give one of them, or the same day in both');
  });

  it('positionCreate takes a coarse date; positionUpdate of the day sets the date, and the reverse', async () => {
    const ids = await api.data('READER', '{ country(isoCode: "RU") { id } articles(first: 1) { nodes { id } } }');
    const create = `mutation($input: PositionCreateInput!) { positionCreate(input: $input) { position { id version statedOn statedIn } ${userErrorFields} } }`;
    const created = expectOk(
      (
        await api.data('EDITOR', create, {
          input: {
            stance: 'SUPPORT',
            summary: 'Russia on strategic stability.',
            topic: 'strategic stability in 2016',
            holderIds: [ids.country.id],
            statedIn: '2016~',
            evidence: [{ articleId: ids.articles.nodes[0].id, text: 'the interest in strategic stability' }],
          },
        })
      ).positionCreate,
    ).position;
    expect(created).toMatchObject({ statedOn: null, statedIn: '2016~' });
    const update = `mutation($input: PositionUpdateInput!) { positionUpdate(input: $input) { position { version statedOn statedIn } ${userErrorFields} } }`;
    const day = expectOk((await api.data('EDITOR', update, { input: { id: created.id, statedOn: '2016-06-25' } })).positionUpdate).position;
    expect(day).toMatchObject({ statedOn: '2016-06-25', statedIn: '2016-06-25' });
    const month = expectOk((await api.data('EDITOR', update, { input: { id: created.id, statedIn: '2016-06' } })).positionUpdate).position;
    expect(month).toMatchObject({ statedOn: null, statedIn: '2016-06' });
    const cleared = expectOk((await api.data('EDITOR', update, { input: { id: created.id, statedIn: null } })).positionUpdate).position;
    expect(cleared).toMatchObject({ statedOn: null, statedIn: null });
  });
});

describe("an article's publication: a day, or an exact time", () => {
  const article = (publishedAt: string, body = 'Seoul said on Tuesday that the THAAD battery is ready.') => ({
    article: { source: 'Wire', url: 'https://wire.example/published', headline: null, publishedAt, body },
    countries: [{ isoCode: 'KR', name: 'South Korea' }],
    deployments: [{ key: 'thaad', name: 'THAAD battery in Seongju', system: 'THAAD', status: null, host: 'KR' }],
    positions: [
      { stance: 'SUPPORT', summary: 'Seoul backs THAAD.', holders: ['KR'], deployment: 'thaad', evidence: [{ quote: 'the THAAD battery is ready' }] },
    ],
  });
  const published = async () =>
    (await api.data('READER', '{ articles(first: 50, filter: { sources: ["Wire"] }) { nodes { url publishedOn publishedAt } } }')).articles.nodes.find(
      (a: any) => a.url === 'https://wire.example/published',
    );
  const importWithWarnings = async (input: unknown) =>
    expectOk(
      (await api.data('EDITOR', `mutation($input: ArticleImportInput!) { articleImport(input: $input) { report { warnings } ${userErrorFields} } }`, { input }))
        .articleImport,
    ).report.warnings;

  it('a day alone is recorded as a day; the exact time of that day, reported later, is added to it', async () => {
    expect(await importWithWarnings(article('2017-03-07'))).toEqual([]);
    expect(await published()).toEqual({ url: 'https://wire.example/published', publishedOn: '2017-03-07', publishedAt: null });
    // The same article again, with its time in its own time zone: the day stays, the time is added.
    expect(await importWithWarnings(article('2017-03-07T16:30:00+09:00'))).toEqual([]);
    expect(await published()).toEqual({ url: 'https://wire.example/published', publishedOn: '2017-03-07', publishedAt: '2017-03-07T07:30:00.000Z' });
    // Another day is kept, and said.
    expect(await importWithWarnings(article('2017-03-09'))).toEqual([
      'article https://wire.example/published publishedOn: kept 2017-03-07, the document says 2017-03-09',
    ]);
  });

  it('filters take plain days for the day, and instants for the time', async () => {
    const count = async (filter: string) =>
      (await api.data('READER', `{ articles(filter: { sources: ["Wire"], ${filter} }) { totalCount } }`)).articles.totalCount;
    expect(await count('publishedOn: { from: "2017-03-07", to: "2017-03-07" }')).toBe(1);
    expect(await count('publishedOn: { from: "2017-03-08" }')).toBe(0);
    expect(await count('publishedAt: { from: "2017-03-07T07:00:00Z", to: "2017-03-07T08:00:00Z" }')).toBe(1);
  });
});

describe('topics as records', () => {
  const denuclearization = (url: string, body: string, topic: string, quote: string) => ({
    article: { source: 'Wire', url, headline: null, publishedAt: null, body },
    countries: [{ isoCode: 'CN', name: 'China' }],
    positions: [{ stance: 'SUPPORT', summary: 'China supports it.', holders: ['CN'], topic, evidence: [{ quote }] }],
  });
  const topics = async () =>
    (
      await api.data(
        'READER',
        '{ topics(first: 10, filter: { name: "denuclearization" }, orderBy: { field: NAME }) { nodes { id name aliases positions { totalCount } } } }',
      )
    ).topics.nodes;

  it('two wordings are two topics until an editor merges them; then filters, summaries and imports count them as one', async () => {
    await importReport(
      denuclearization(
        'https://wire.example/full-denuclearization',
        'Beijing backs the full denuclearization of the Korean Peninsula.',
        'full denuclearization of the Korean Peninsula',
        'Beijing backs the full denuclearization',
      ) as any,
    );
    const [seed, full] = await topics();
    expect([full.name, seed.name]).toEqual(['full denuclearization of the Korean Peninsula', 'denuclearization of the Korean Peninsula']);

    const merge = `mutation($input: TopicMergeInput!) { topicMerge(input: $input) { topic { id name aliases positions { totalCount } } deletedTopicId ${userErrorFields} } }`;
    const merged = expectOk((await api.data('EDITOR', merge, { input: { keepId: seed.id, duplicateId: full.id } })).topicMerge);
    expect(merged.topic).toEqual({
      id: seed.id,
      name: 'denuclearization of the Korean Peninsula',
      aliases: ['full denuclearization of the Korean Peninsula'],
      positions: { totalCount: seed.positions.totalCount + full.positions.totalCount },
    });
    // A later report in the other wording, in another case, is about the same topic.
    await importReport(
      denuclearization(
        'https://wire.example/full-denuclearization-2',
        'China again backed Full Denuclearization of the Korean Peninsula.',
        'Full Denuclearization of the Korean Peninsula',
        'China again backed',
      ) as any,
    );
    expect((await topics()).map((t: any) => [t.name, t.positions.totalCount])).toEqual([
      ['denuclearization of the Korean Peninsula', seed.positions.totalCount + full.positions.totalCount + 1],
    ]);
    const count = async (filter: string) => (await api.data('READER', `{ positions(filter: ${filter}) { totalCount } }`)).positions.totalCount;
    const total = seed.positions.totalCount + full.positions.totalCount + 1;
    expect(await count('{ topics: ["FULL denuclearization of the Korean Peninsula"] }')).toBe(total);
    expect(await count(`{ topics: ["${seed.id}"] }`)).toBe(total);
    const { stanceSummary } = await api.data('READER', '{ stanceSummary(filter: { holders: ["CN"] }) { byTopic(first: 50) { topic totalCount } } }');
    expect(stanceSummary.byTopic.filter((t: any) => /denuclearization/i.test(t.topic))).toEqual([
      { topic: 'denuclearization of the Korean Peninsula', totalCount: expect.any(Number) },
    ]);
    const unknown = await api.query('READER', '{ positions(filter: { topics: ["world peace"] }) { totalCount } }');
    expect(unknown.errors?.[0]?.message).toMatch(/"world peace", which names no recorded topic/);
  });

  it('topicUpdate renames a topic, and its positions with it; a name another topic has is TAKEN', async () => {
    const [topic] = await topics();
    const update = `mutation($input: TopicUpdateInput!) { topicUpdate(input: $input) { topic { name } ${userErrorFields} } }`;
    const renamed = expectOk((await api.data('EDITOR', update, { input: { id: topic.id, name: 'denuclearization of the Korean peninsula' } })).topicUpdate);
    expect(renamed.topic.name).toBe('denuclearization of the Korean peninsula');
    const { positions } = await api.data('READER', `{ positions(first: 50, filter: { topics: ["${topic.id}"] }) { nodes { topic } } }`);
    expect(new Set(positions.nodes.map((p: any) => p.topic))).toEqual(new Set(['denuclearization of the Korean peninsula']));
    const { topics: six } = await api.data('READER', '{ topics(filter: { name: "Six Party" }) { nodes { id } } }');
    const taken = await api.data('EDITOR', update, { input: { id: six.nodes[0].id, name: 'Denuclearization of the Korean Peninsula' } });
    expect(codesOf(taken.topicUpdate)).toEqual(['TAKEN@input.name']);
  });
});

describe('one statement about several targets', () => {
  it('a statement about two deployments is one position, found under either, counted once', async () => {
    const body = 'Moscow condemned the U.S. missile defence sites in Romania and Poland as a threat.';
    const report = {
      article: { source: 'Wire', url: 'https://wire.example/two-sites', headline: null, publishedAt: null, body },
      countries: [
        { isoCode: 'RU', name: 'Russia' },
        { isoCode: 'RO', name: 'Romania' },
        { isoCode: 'PL', name: 'Poland' },
      ],
      deployments: [
        { key: 'ro', name: 'Aegis Ashore site in Romania', system: 'Aegis Ashore', status: null, host: 'RO', location: 'Deveselu' },
        { key: 'pl', name: 'Aegis Ashore site in Poland', system: 'Aegis Ashore', status: null, host: 'PL', location: 'Redzikowo' },
      ],
      positions: [
        {
          stance: 'CRITICIZE',
          summary: 'Russia condemns the sites in Romania and Poland.',
          holders: ['RU'],
          deployment: 'ro',
          deployments: ['pl'],
          topics: ['missile defence in Europe'],
          evidence: [{ quote: 'Moscow condemned the U.S. missile defence sites in Romania and Poland as a threat.' }],
        },
      ],
    };
    expect((await importReport(report as any)).report.positions).toEqual({ created: 1, matched: 0, updated: 0 });
    const sites = await api.data(
      'READER',
      `{ deployments(first: 5, filter: { systems: ["Aegis Ashore"], location: "e" }) { nodes { location positions { totalCount nodes { id deployments { location } topics { name } } } } } }`,
    );
    const byLocation = Object.fromEntries(sites.deployments.nodes.map((d: any) => [d.location, d.positions]));
    expect(byLocation.Deveselu.totalCount).toBe(1);
    expect(byLocation.Redzikowo.totalCount).toBe(1);
    expect(byLocation.Deveselu.nodes[0].id).toBe(byLocation.Redzikowo.nodes[0].id);
    expect(byLocation.Deveselu.nodes[0]).toMatchObject({
      deployments: [{ location: 'Deveselu' }, { location: 'Redzikowo' }],
      topics: [{ name: 'missile defence in Europe' }],
    });
    // Counted once in totals; once under each deployment.
    const { stanceSummary } = await api.data(
      'READER',
      '{ stanceSummary(filter: { holders: ["RU"], systems: ["Aegis Ashore"] }) { totalCount byDeployment(first: 5) { deployment { location } totalCount } } }',
    );
    expect(stanceSummary.totalCount).toBe(1);
    expect(stanceSummary.byDeployment.map((d: any) => [d.deployment.location, d.totalCount]).sort()).toEqual([
      ['Deveselu', 1],
      ['Redzikowo', 1],
    ]);
    // The same report again matches it: its identity is its set of targets.
    expect((await importReport(report as any)).report.positions).toEqual({ created: 0, matched: 1, updated: 0 });
  });
});
