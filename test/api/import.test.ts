/**
 * An analyst adds an article and everything it reports in one step (articleImport, or
 * `npm run import` for files): what is already known is matched, not duplicated; a report of
 * the same stance on another occasion is a position of its own (test/api/statements.test.ts
 * has the rule's cases); importing again creates nothing; an invalid article is rejected whole
 * while the valid ones around it are kept.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codesOf, expectOk, useCurationServer, userErrorFields } from '../support/curation.ts';
import { japanSupportsThaad } from '../support/import-documents.ts';
import { runScript } from '../support/process.ts';
import { readSeed } from '../support/seed-data.ts';

const api = useCurationServer();
const seed = readSeed();
const workDir = mkdtempSync(path.join(tmpdir(), 'stancegraph-import-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const counts = ['countries', 'organizations', 'officials', 'articles', 'meetings', 'deployments', 'positions', 'evidence', 'links'];
const importMutation = `mutation($input: ArticleImportInput!) { articleImport(input: $input) {
  article { id url source }
  report { ${counts.map((k) => `${k} { created matched updated }`).join(' ')} warnings }
  ${userErrorFields} } }`;
const totals = async () => {
  const data = await api.data(
    'READER',
    '{ countries(first: 1) { totalCount } officials(first: 1) { totalCount } articles(first: 1) { totalCount } positions(first: 1) { totalCount } deployments(first: 1) { totalCount } }',
  );
  return Object.fromEntries(Object.entries(data).map(([k, v]: [string, any]) => [k, v.totalCount]));
};

/** The seed document as articleImport's input (the JSON format without `format`). */
function seedInput() {
  const { format: _format, ...rest } = structuredClone(seed) as any;
  return rest;
}

const reuters = {
  article: {
    source: 'Reuters',
    url: 'https://www.reuters.com/article/thaad-china-2016-08-03',
    publishedAt: '2016-08-03T09:30:00Z',
    headline: 'China repeats opposition to THAAD',
    body: "BEIJING (Reuters) - China on Wednesday again expressed resolute opposition to the THAAD deployment in South Korea. Foreign ministry spokesman Lu Kang said Seoul should consider China's security concerns. Russia's Morgulov said Moscow shared those concerns. At talks in Moscow last week, China and Russia voiced serious concern over the deployment.",
  },
  countries: [
    { isoCode: 'CN', name: 'China', aliases: ['Beijing'] },
    { isoCode: null, name: 'Seoul' }, // no code: matched by alias
    { isoCode: 'RU', name: 'Russian Federation', aliases: ['Moscow'] },
  ],
  officials: [
    { name: 'Lu Kang', title: 'Foreign ministry spokesman', country: 'CN' },
    { name: 'Morgulov', country: 'RU' }, // an alias of Igor Morgulov
  ],
  meetings: [{ key: 'moscow', name: 'fourth meeting on Northeast Asia security', date: '2016-07-28' }],
  deployments: [{ key: 'thaad', name: 'THAAD battery in Seongju', system: 'THAAD', status: 'ANNOUNCED', host: 'Seoul' }],
  positions: [
    // The seed's "China opposes THAAD" (OPPOSE, THAAD, China alone, no meeting, no day, no
    // speaker) is another statement: this one was made "on Wednesday", by Lu Kang.
    {
      stance: 'OPPOSE',
      summary: 'China opposes the THAAD deployment.',
      holders: ['CN'],
      speakers: ['Lu Kang'],
      deployment: 'thaad',
      evidence: [{ quote: 'China on Wednesday again expressed resolute opposition to the THAAD deployment in South Korea.' }],
    },
    {
      stance: 'URGE',
      summary: 'China urged Seoul to consider its security concerns.',
      holders: ['CN'],
      speakers: ['Lu Kang'],
      addressees: ['Seoul'],
      deployment: 'thaad',
      statedOn: '2016-08-03',
      evidence: [{ quote: "Seoul should consider China's security concerns" }],
    },
    {
      stance: 'CONCERN',
      summary: 'Russia shares the concerns.',
      holders: ['RU'],
      speakers: ['Morgulov'],
      deployment: 'thaad',
      evidence: [{ quote: 'Moscow shared those concerns' }],
    },
    // The seed's statement at that meeting (same stance, target, holders and meeting): corroborated.
    {
      stance: 'CONCERN',
      summary: 'China and Russia are concerned about THAAD.',
      holders: ['CN', 'RU'],
      deployment: 'thaad',
      meeting: 'moscow',
      evidence: [{ quote: 'China and Russia voiced serious concern over the deployment.' }],
    },
  ],
};

describe('articleImport', () => {
  it('importing the seed article again matches everything and creates nothing', async () => {
    const before = await totals();
    const payload = expectOk((await api.data('EDITOR', importMutation, { input: seedInput() })).articleImport);
    for (const kind of counts) expect(payload.report[kind], kind).toMatchObject({ created: 0, updated: 0 });
    expect(payload.report.positions.matched).toBe(seed.positions.length);
    expect(payload.report.evidence.matched).toBe(14);
    expect(await totals()).toEqual(before);
  });

  it('matches countries by code or alias and officials by alias; the same stance on another occasion is a position of its own', async () => {
    const before = await totals();
    const payload = expectOk((await api.data('EDITOR', importMutation, { input: reuters })).articleImport);
    expect(payload.report).toMatchObject({
      countries: { created: 0, matched: 1, updated: 2 }, // China: alias Beijing added; Russia: name and alias added; Seoul matched
      officials: { created: 1, matched: 1, updated: 0 }, // Lu Kang new; Morgulov matched as Igor Morgulov (by alias; nothing new)
      articles: { created: 1 },
      deployments: { created: 0, matched: 0, updated: 1 }, // THAAD: the article's "ANNOUNCED" joins its status history
      meetings: { created: 0, matched: 1 },
      positions: { created: 3, matched: 0, updated: 1 },
      evidence: { created: 4 },
    });
    expect(await totals()).toEqual({ ...before, officials: before.officials + 1, articles: before.articles + 1, positions: before.positions + 3 });

    const { country } = await api.data(
      'READER',
      `{ country(isoCode: "CN") { aliases positions(first: 50) { nodes { stance meeting { id } deployment { system } evidence { text article { source } } speakers { name } } } } }`,
    );
    expect(country.aliases).toContain('Beijing');
    const oppose = country.positions.nodes.filter((p: any) => p.stance === 'OPPOSE' && p.meeting === null && p.deployment?.system === 'THAAD');
    // The seed's statement keeps its own evidence and no speaker; Reuters' is recorded apart.
    expect(oppose.map((p: any) => [p.evidence.map((e: any) => e.article.source), p.speakers.map((x: any) => x.name)])).toEqual([
      [['Xinhua'], []],
      [['Reuters'], ['Lu Kang']],
    ]);
    const { country: ru } = await api.data('READER', '{ country(isoCode: "RU") { name aliases officials(first: 5) { nodes { name } } } }');
    expect(ru).toMatchObject({ name: 'Russia', aliases: expect.arrayContaining(['Russian Federation', 'Moscow']) });
    expect(ru.officials.nodes).toEqual([{ name: 'Igor Morgulov' }]);

    const again = expectOk((await api.data('EDITOR', importMutation, { input: reuters })).articleImport);
    expect(again.article.id).toBe(payload.article.id);
    for (const kind of counts) expect(again.report[kind].created, kind).toBe(0);
    const log = await api.data('ADMIN', 'query($id: ID!) { changeLog(first: 5, entityId: $id) { nodes { action actor details } } }', {
      id: payload.article.id,
    });
    expect(log.changeLog.nodes.map((e: any) => [e.action, e.actor])).toEqual([
      ['IMPORT', 'test-editor'],
      ['IMPORT', 'test-editor'],
    ]);
  });

  it('writes an IMPORT entry in the change log of every record it created or changed, and names records by global ID', async () => {
    const log = `query($id: ID!) { changeLog(first: 10, entityId: $id) { nodes { action actor details } } }`;
    const { articles } = await api.data('READER', '{ articles(first: 10, filter: { sources: ["Reuters"] }) { nodes { id } } }');
    const article = articles.nodes[0].id;
    // Newest first: the second import of the article matched it; the first created it.
    const entries = (await api.data('ADMIN', log, { id: article })).changeLog.nodes;
    expect(entries.map((e: any) => [e.action, e.details.outcome])).toEqual([
      ['IMPORT', 'matched'],
      ['IMPORT', 'created'],
    ]);
    const whole = entries[1];
    // What it created and changed, by global ID: each one is a node, and each one's log has the import.
    const { created, updated } = whole.details;
    expect(created.positions).toHaveLength(3);
    expect(updated.positions).toHaveLength(1);
    const ids = [...created.positions, ...created.officials, ...created.evidence, ...updated.positions, ...updated.countries];
    const { nodes } = await api.data('READER', 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(nodes.map((n: any) => n?.id)).toEqual(ids);
    for (const id of ids) {
      const entries = (await api.data('ADMIN', log, { id })).changeLog.nodes;
      const outcome = created.positions.includes(id) || created.officials.includes(id) || created.evidence.includes(id) ? 'created' : 'updated';
      expect(
        entries.filter((e: any) => e.action === 'IMPORT'),
        id,
      ).toContainEqual({ action: 'IMPORT', actor: 'test-editor', details: { article, outcome } });
    }
  });

  it('warns about a value it kept, naming records by name and global ID', async () => {
    const { country: ru } = await api.data('READER', '{ country(isoCode: "RU") { id } }');
    const { country: cn } = await api.data('READER', '{ country(isoCode: "CN") { id } }');
    // Another outlet places the seed's meeting in China: the meeting keeps Russia, and the report says so.
    const other = {
      article: {
        source: 'AP',
        url: 'https://apnews.example/northeast-asia-security',
        body: 'China and Russia discussed regional security at talks in Moscow.',
      },
      countries: [
        { isoCode: 'CN', name: 'China' },
        { isoCode: 'RU', name: 'Russia' },
      ],
      meetings: [{ key: 'm', name: 'fourth meeting on Northeast Asia security', date: '2016-07-28', country: 'CN' }],
      positions: [
        {
          stance: 'CONCERN',
          summary: 'China and Russia discussed regional security.',
          holders: ['CN', 'RU'],
          topic: 'regional security',
          meeting: 'm',
          evidence: [{ quote: 'China and Russia discussed regional security' }],
        },
      ],
    };
    const payload = expectOk((await api.data('EDITOR', importMutation, { input: other })).articleImport);
    expect(payload.report.warnings).toContain(
      `meeting "fourth meeting on Northeast Asia security" country: kept "Russia (${ru.id})", the document says "China (${cn.id})"`,
    );
  });

  it('rejects an invalid document whole, naming every problem by its place in the input', async () => {
    const before = await totals();
    const future = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const bad = structuredClone(reuters) as any;
    bad.article.url = 'https://example.org/other';
    bad.article.body = `${bad.article.body} (updated)`;
    bad.countries.push({ isoCode: 'ZZ', name: 'Nowhere' });
    bad.positions[0].evidence[0].quote = 'China welcomed the THAAD deployment.';
    bad.positions[1].holders = ['XX'];
    bad.positions[1].statedOn = future;
    bad.positions[2].deployment = null;
    bad.positions.push({ ...bad.positions[2], stance: 'THREATEN', topic: 'x', deployment: 'thaad', evidence: [] });
    const result = await api.data('EDITOR', importMutation, { input: bad });
    expect(result.articleImport.article).toBeNull();
    expect(codesOf(result.articleImport).sort()).toEqual(
      [
        'UNKNOWN_ISO_CODE@input.countries.3.isoCode',
        'UNKNOWN_REFERENCE@input.positions.1.holders.0',
        'FUTURE_DATE@input.positions.1.statedOn',
        'SPEAKER_NOT_HOLDER@input.positions.1.speakers.0',
        'EVIDENCE_NOT_IN_ARTICLE@input.positions.0.evidence.0.quote',
        'TARGET_REQUIRED@input.positions.2',
        'EVIDENCE_REQUIRED@input.positions.4.evidence',
      ].sort(),
    );
    expect(await totals()).toEqual(before);

    const conflict = structuredClone(reuters) as any;
    conflict.article.body = 'A different text at the same URL.';
    conflict.positions = [];
    expect(codesOf((await api.data('EDITOR', importMutation, { input: conflict })).articleImport)).toEqual(['CONFLICT@input.article.url']);
    const unknownCountry = { article: { source: 'X', body: 'Atlantis spoke.' }, countries: [{ name: 'Atlantis' }] };
    expect(codesOf((await api.data('EDITOR', importMutation, { input: unknownCountry })).articleImport)).toEqual(['NOT_FOUND@input.countries.0.isoCode']);
    expect(await totals()).toEqual(before);
  });

  it('articleDelete with deletePositions takes the positions only that article supports, and its evidence of the others', async () => {
    const { articles } = await api.data('READER', '{ articles(first: 10) { nodes { id source } } }');
    const article = articles.nodes.find((a: any) => a.source === 'Reuters');
    const before = await totals();
    const del = `mutation($id: ID!) { articleDelete(input: { id: $id, deletePositions: true }) { deletedArticleId deletedPositionIds ${userErrorFields} } }`;
    const deleted = expectOk((await api.data('EDITOR', del, { id: article.id })).articleDelete);
    expect(deleted.deletedPositionIds).toHaveLength(3);
    expect(await totals()).toEqual({ ...before, articles: before.articles - 1, positions: before.positions - 3 });
    const { country } = await api.data(
      'READER',
      '{ country(isoCode: "CN") { positions(first: 50) { nodes { stance meeting { id } deployment { system } evidence { article { source } } } } } }',
    );
    const concern = country.positions.nodes.find((p: any) => p.stance === 'CONCERN' && p.meeting !== null && p.deployment?.system === 'THAAD');
    expect(concern.evidence.map((e: any) => e.article.source)).toEqual(['Xinhua']);
  });
});

describe('npm run import', () => {
  const run = (args: string[], env: Record<string, string>, input?: string) => runScript('import.ts', args, { IMPORT_PROGRESS_MS: '0', ...env }, { input });

  it('imports a JSONL file article by article, reports each, keeps the valid ones and exits 1 for the rejected ones; again, it creates nothing', async () => {
    const article = (n: number) =>
      japanSupportsThaad({
        url: `https://wire.example/${n}`,
        publishedAt: '2017-03-0' + n,
        body: `Japan said on day ${n} that it supports the THAAD deployment.`,
        quote: `on day ${n} that it supports`,
      });
    const invalid = { ...article(2), positions: [{ ...article(2).positions[0], evidence: [{ quote: 'not in the body' }] }] };
    const file = path.join(workDir, 'articles.jsonl');
    writeFileSync(file, [article(1), invalid, '{ not json', article(3)].map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join('\n') + '\n');

    const first = await api.stopped((env) => run([file, '--as', 'import-bot'], env));
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toMatch(
      // The deployment is matched, with its host; the article's status is added to its history.
      /^line 1: imported new article \d+: created 1 countries, 1 articles, 1 positions, 1 evidence, 1 links; matched 1 countries, 1 links; updated 1 deployments$/m,
    );
    expect(first.stdout).toMatch(
      /^line 2: REJECTED \(1 problem; nothing of it was stored\):\n {2}positions\[0\]\.evidence\[0\]\.quote: text "not in the body" does not occur in the article body \[EVIDENCE_NOT_IN_ARTICLE\]/m,
    );
    expect(first.stdout).toMatch(/^line 3: REJECTED: not valid JSON/m);
    // Japan's support "on day 3" is not its statement "on day 1": a position of its own.
    expect(first.stdout).toMatch(
      /^line 4: imported new article \d+: created 1 articles, 1 positions, 1 evidence, 1 links; matched 2 countries, 1 links; updated 1 deployments$/m,
    );
    expect(first.stderr).toMatch(/\(4 articles\)/);
    expect(first.stderr).toMatch(/progress: \d\/4 articles/);
    expect(first.stderr).toMatch(/4 articles in .* 2 imported \(2 new\), 2 rejected/);

    const { articles } = await api.data('READER', '{ articles(first: 50) { nodes { url createdBy } } }');
    const wire = articles.nodes.filter((a: any) => a.url?.startsWith('https://wire.example/'));
    expect(wire).toEqual([
      { url: 'https://wire.example/1', createdBy: 'import-bot' },
      { url: 'https://wire.example/3', createdBy: 'import-bot' },
    ]);

    const valid = path.join(workDir, 'valid.jsonl');
    writeFileSync(valid, `${JSON.stringify(article(1))}\n${JSON.stringify(article(3))}\n`);
    const [again, stdin, missing] = await api.stopped(async (env) => [
      await run([valid], env),
      await run(['-'], env, JSON.stringify(article(1), null, 2)),
      await run([path.join(workDir, 'nope.json')], env),
    ]);
    expect(again.code, again.stderr).toBe(0);
    // Links: the position's holder, and the deployment's host.
    expect(again.stdout).toMatch(/^line 1: matched article \d+: matched 2 countries, 1 articles, 1 deployments, 1 positions, 1 evidence, 2 links$/m);
    expect(again.stdout).not.toMatch(/created/);
    expect(stdin.code, stdin.stderr).toBe(0);
    expect(stdin.stdout).toMatch(/^stdin: matched article/m);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: no such file/);
  });
});
