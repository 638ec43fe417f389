/**
 * What `npm run bench:limits` (bench/limits.ts) and test/api/cost-bounds.test.ts run: a database
 * whose lists are filled to their bounds, the most expensive operations the default limits accept
 * (and some they refuse), and a measure of how long `/healthz` waits while one runs.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { seedDatabase } from '../src/data/import/seed.ts';
import type { DatabaseTarget } from '../src/db/database.ts';
import { defaultOperationLimits } from '../src/config.ts';
import { encodeGlobalId } from '../src/data/global-id.ts';

export const largeArticles = 12;
const largeBodyBytes = 1024 * 1024;

export interface Prepared {
  positionId: number;
  articleIds: number[];
}

/** Fills one record's plain lists to their bounds and adds the large articles (plain SQL: the API would take long). */
export async function fillToBounds(target: DatabaseTarget): Promise<Prepared> {
  const db = await openDatabase(target);
  try {
    await applyMigrations(db);
    const { prisma } = db;
    if ((await prisma.article.count()) === 0) await seedDatabase(prisma);
    const existing = await prisma.article.findMany({ where: { source: 'bench-limits' }, select: { id: true }, orderBy: { id: 'asc' } });
    const position = await prisma.position.findFirstOrThrow({ orderBy: { id: 'asc' }, select: { id: true } });
    if (existing.length >= largeArticles) return { positionId: position.id, articleIds: existing.map((a) => a.id) };

    // 250 countries (ISO codes a digit then a letter, which no real country has), 250 officials, an
    // organization of all of them and a meeting of all the officials.
    const ids = async (sql: string) => (await prisma.$queryRawUnsafe<{ id: number }[]>(sql)).map((row) => row.id);
    const countryIds = await ids(`INSERT INTO "Actor" (kind, name, aliases, "updatedAt", "createdBy")
      SELECT 'COUNTRY', 'Bench country ' || g, ARRAY['Bench ' || g, 'Country ' || g], now(), 'bench' FROM generate_series(0, 249) AS g RETURNING id`);
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Country" (id, "isoCode")
      SELECT id, chr(48 + (row_number() OVER (ORDER BY id) - 1)::int % 10) || chr(65 + (row_number() OVER (ORDER BY id) - 1)::int / 10) FROM "Actor" WHERE id = ANY($1::int[])`,
      countryIds,
    );
    const officialIds = await ids(`INSERT INTO "Official" (name, title, aliases, "updatedAt", "createdBy")
      SELECT 'Bench official ' || g, 'Spokesperson', ARRAY['Official ' || g], now(), 'bench' FROM generate_series(0, 249) AS g RETURNING id`);
    const organizationActor = await prisma.actor.create({ data: { kind: 'ORGANIZATION', name: 'Bench organization', createdBy: 'bench' } });
    const organization = await prisma.organization.create({ data: { id: organizationActor.id, acronym: 'BENCH' } });
    await prisma.organizationMembership.createMany({ data: countryIds.map((countryId) => ({ organizationId: organization.id, countryId })) });
    const meeting = await prisma.meeting.create({ data: { name: 'Bench meeting', createdBy: 'bench' } });
    await prisma.meetingParticipant.createMany({ data: officialIds.map((officialId) => ({ meetingId: meeting.id, officialId })) });
    await prisma.positionHolder.createMany({ data: countryIds.slice(0, 50).map((actorId) => ({ positionId: position.id, actorId })), skipDuplicates: true });
    await prisma.positionAddressee.createMany({
      data: countryIds.slice(50, 100).map((actorId) => ({ positionId: position.id, actorId })),
      skipDuplicates: true,
    });
    await prisma.positionSpeaker.createMany({
      data: officialIds.slice(0, 50).map((officialId) => ({ positionId: position.id, officialId })),
      skipDuplicates: true,
    });

    const articleIds: number[] = [];
    const sentence = 'The deployment was discussed at length by officials who declined to be named. ';
    for (let i = 0; i < largeArticles; i++) {
      const body = `Bench article ${i}. ${sentence.repeat(Math.ceil(largeBodyBytes / sentence.length))}`.slice(0, largeBodyBytes);
      const article = await prisma.article.create({
        data: { source: 'bench-limits', headline: `Bench article ${i}`, body, bodySha256: createHash('sha256').update(body).digest('hex'), createdBy: 'bench' },
      });
      articleIds.push(article.id);
    }
    await prisma.evidence.createMany({
      data: Array.from({ length: 100 }, (_, i) => ({
        positionId: position.id,
        articleId: articleIds[0]!,
        text: sentence,
        start: 20 + i * sentence.length,
        end: 20 + (i + 1) * sentence.length,
        createdBy: 'bench',
      })),
    });
    return { positionId: position.id, articleIds };
  } finally {
    await db.close();
  }
}

export interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

export function operations({ positionId, articleIds }: Prepared): Operation[] {
  const maxCost = defaultOperationLimits.maxCost;
  const aliases = defaultOperationLimits.maxAliases;
  const position = encodeGlobalId('Position', positionId);
  const articles = articleIds.map((id) => encodeGlobalId('Article', id));
  // A position with every list full: 1 + 50 holders + 50 addressees + 50 speakers + 100 evidence.
  const fullPosition = `fragment Full on Position { id stance summary topic statedOn createdAt updatedAt createdBy version
      holders(first: 50) { id name aliases } addressees(first: 50) { id name aliases } speakers(first: 50) { id name title aliases }
      evidence(first: 100) { id text start end } }`;
  const perPosition = 1 + 50 + 50 + 50 + 100;
  const spread = (count: number, field: (i: number) => string) => Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join('\n');
  const bodiesUnderLimit = Math.floor((defaultOperationLimits.maxResponseBytes - 10_000) / largeBodyBytes);
  return [
    {
      name: 'max-cost: the same full position, as many times as the cost allows',
      query: `query($ids: [ID!]!) { nodes(ids: $ids) { ...Full } } ${fullPosition}`,
      variables: { ids: Array.from({ length: Math.min(100, Math.floor(maxCost / perPosition)) }, () => position) },
    },
    {
      name: 'max-cost over aliases: 15 x nodes of the full position',
      query: `query($ids: [ID!]!) { ${spread(aliases, () => `nodes(ids: $ids) { ...Full }`)} } ${fullPosition}`,
      variables: { ids: Array.from({ length: Math.floor(maxCost / perPosition / aliases) || 1 }, () => position) },
    },
    {
      name: 'organization members: 250-member organizations, every one of them',
      query: `{ organizations(first: ${Math.floor((maxCost - 1) / 252)}) { nodes { name members(first: 250) { id name isoCode aliases } } } }`,
    },
    {
      name: `large bodies under RESPONSE_MAX_BYTES: ${bodiesUnderLimit} distinct 1 MB articles`,
      query: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Article { id body } } }`,
      variables: { ids: articles.slice(0, bodiesUnderLimit) },
    },
    {
      name: 'large bodies over RESPONSE_MAX_BYTES: 15 x 100 x one 1 MB article',
      query: `query($ids: [ID!]!) { ${spread(aliases, () => `nodes(ids: $ids) { ... on Article { body } }`)} }`,
      variables: { ids: Array.from({ length: 100 }, () => articles[0]) },
    },
    {
      name: 'large bodies over RESPONSE_MAX_BYTES: every large article, 15 times over',
      query: `{ ${spread(aliases, (i) => `articles(first: 100, orderBy: { field: ${i % 2 ? 'PUBLISHED_AT' : 'RECORDED_AT'}, direction: ${i % 3 ? 'ASC' : 'DESC'} }) { nodes { body } }`)} }`,
    },
    {
      name: 'search: 15 x 100 hits with snippets',
      query: `{ ${spread(aliases, (i) => `search(query: "${['deployment', 'officials', 'missile', 'talks', 'security'][i % 5]}", first: 100) { totalCount edges { rank snippet node { __typename } } }`)} }`,
    },
    {
      name: 'stance summaries: 5 x 100 groups by holder, deployment and topic',
      query: `{ ${spread(5, () => `stanceSummary { totalCount byHolder(first: 100) { totalCount byStance { stance count } } byDeployment(first: 20) { totalCount } byTopic(first: 20) { totalCount } }`)} }`,
    },
    {
      name: "introspection: the IDE's introspection query",
      query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }),
    },
  ];
}

export async function startBenchServer(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const match = /serves (http:\/\/\S+)\/graphql/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before serving:\n${output}`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls `/healthz` every 20 ms until `done` settles; how long each answer took, in ms, in order. */
export async function pollHealth(url: string, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => (finished = true));
  const answers: number[] = [];
  while (!finished) {
    const started = performance.now();
    await fetch(`${url}/healthz`).then((r) => r.arrayBuffer());
    answers.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return answers;
}

export async function measure(url: string, operation: Operation) {
  const started = performance.now();
  const answer = fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: operation.query, variables: operation.variables }),
  }).then(async (response) => ({ status: response.status, text: await response.text(), at: performance.now() }));
  const [result, health] = await Promise.all([answer, pollHealth(url, answer)]);
  type Body = { errors?: { extensions?: { code?: string } }[]; extensions?: { cost?: unknown } };
  let body: Body = {};
  try {
    body = JSON.parse(result.text) as Body;
  } catch {
    // reported as is: responseBytes still says how much came back
  }
  return {
    operation: operation.name,
    status: result.status,
    code: body.errors?.[0]?.extensions?.code ?? null,
    cost: body.extensions?.cost ?? null,
    responseBytes: Buffer.byteLength(result.text),
    serverMs: Math.round(result.at - started),
    healthzWorstMs: Math.round(Math.max(0, ...health)),
    healthzPolls: health.length,
  };
}
