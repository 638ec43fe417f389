/**
 * A front end is told what changed: subscriptions over a real WebSocket (graphql-ws's client)
 * to the app started in the test process, on PGlite or on the PostgreSQL server, with the same
 * rules as HTTP (keys, limits, trusted documents, origins) and bounds of their own.
 */
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, useCurationServer, userErrorFields } from '../support/curation.ts';
import { connect, liveUpdatesOf, subscribe, subscriptionsRegistered, wsUrlOf, type Connection } from '../support/subscriptions.ts';

const api = useCurationServer({
  SUBSCRIPTIONS_PER_CONNECTION_MAX: '3',
  WEBSOCKET_MAX_CONNECTIONS: '6',
  // Above what the other tests' subscribers can fall behind (three writes), below one import's six positions.
  SUBSCRIPTION_QUEUE_MAX: '5',
  CORS_ORIGINS: 'https://app.example.org',
  WEBSOCKET_IDLE_TIMEOUT_MS: '2000',
});

const open: Connection[] = [];
const connected = (...args: Parameters<typeof connect>) => {
  const connection = connect(...args);
  open.push(connection);
  return connection;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((connection) => connection.dispose()));
  // The server has let go of them before the next test counts its subscriptions.
  await subscriptionsRegistered(api.url(), 0, { exactly: true });
});

const create = `mutation($input: PositionCreateInput!) { positionCreate(input: $input) { position { id } ${userErrorFields} } }`;

async function ids() {
  const data = await api.data(
    'READER',
    `{ cn: country(isoCode: "CN") { id } us: country(isoCode: "US") { id }
       deployments(filter: { systems: ["THAAD"] }) { nodes { id } } articles(first: 1) { nodes { id body } } }`,
  );
  return { cn: data.cn.id as string, us: data.us.id as string, thaad: data.deployments.nodes[0].id as string, article: data.articles.nodes[0] };
}

let articleCount = 0;
/** A new article saying `text`, and a position of `holder` quoting it. */
async function recordPosition(holder: string, text: string, stance = 'OPPOSE'): Promise<string> {
  const { thaad } = await ids();
  articleCount += 1;
  const body = `${text} (report ${articleCount})`;
  const article = expectOk(
    (
      await api.data('EDITOR', `mutation($input: ArticleCreateInput!) { articleCreate(input: $input) { article { id } ${userErrorFields} } }`, {
        input: { source: 'Desk', body },
      })
    ).articleCreate,
  ).article;
  const created = await api.data('EDITOR', create, {
    input: { stance, summary: text, holderIds: [holder], deploymentId: thaad, evidence: [{ articleId: article.id, text }] },
  });
  return expectOk(created.positionCreate).position.id as string;
}

describe('positionRecorded', () => {
  it('delivers a position recorded by a mutation, with its holders and evidence, once committed', async () => {
    const { client } = connected(api.url());
    const sub = subscribe(client, 'subscription { positionRecorded { id stance summary holders { name } evidence { text article { id source } } } }');
    await subscriptionsRegistered(api.url(), 1);
    const { cn } = await ids();
    const id = await recordPosition(cn, 'China firmly opposes the deployment of THAAD in Seongju.');
    const { data } = await sub.result(0);
    expect(data.positionRecorded).toMatchObject({
      id,
      stance: 'OPPOSE',
      holders: [{ name: expect.stringContaining('China') }],
      evidence: [{ text: 'China firmly opposes the deployment of THAAD in Seongju.', article: { source: 'Desk' } }],
    });
    expect(sub.results).toHaveLength(1);
  });

  it('delivers the positions of an import, and articleImported says what it recorded', async () => {
    const { client } = connected(api.url(), { connectionParams: { authorization: `Bearer ${api.keys.READER}` } });
    const recorded = subscribe(client, 'subscription { positionRecorded(filter: { holders: ["RU"] }) { id summary evidence { text } } }');
    const imported = subscribe(client, 'subscription { articleImported { outcome article { source } recordedPositions { id } corroboratedPositions { id } } }');
    await subscriptionsRegistered(api.url(), 2);
    const body = 'MOSCOW - Russia opposes the THAAD deployment in South Korea, the deputy foreign minister said on Friday.';
    const result = await api.data('EDITOR', `mutation($input: ArticleImportInput!) { articleImport(input: $input) { article { id } ${userErrorFields} } }`, {
      input: {
        article: { source: 'TASS', url: 'https://tass.example/thaad-ru', publishedAt: '2016-08-05T10:00:00Z', body },
        countries: [
          { isoCode: 'RU', name: 'Russia' },
          { isoCode: 'KR', name: 'South Korea' },
        ],
        deployments: [{ key: 'thaad', name: 'THAAD battery in Seongju', system: 'THAAD', host: 'KR' }],
        positions: [
          {
            stance: 'OPPOSE',
            summary: 'Russia opposes THAAD in South Korea.',
            holders: ['RU'],
            deployment: 'thaad',
            evidence: [{ quote: 'Russia opposes the THAAD deployment in South Korea' }],
          },
        ],
      },
    });
    expectOk(result.articleImport);
    const position = (await recorded.result(0)).data.positionRecorded;
    expect(position).toMatchObject({
      summary: 'Russia opposes THAAD in South Korea.',
      evidence: [{ text: 'Russia opposes the THAAD deployment in South Korea' }],
    });
    const event = (await imported.result(0)).data.articleImported;
    expect(event).toEqual({ outcome: 'CREATED', article: { source: 'TASS' }, recordedPositions: [{ id: position.id }], corroboratedPositions: [] });
  });

  it('holds to its filter: a position of another holder is not delivered', async () => {
    const { client } = connected(api.url());
    const sub = subscribe(client, 'subscription { positionRecorded(filter: { holders: ["US"], stances: [SUPPORT] }) { id holders { name } } }');
    await subscriptionsRegistered(api.url(), 1);
    const { cn, us } = await ids();
    await recordPosition(cn, 'China supports nothing of the kind.', 'SUPPORT');
    await recordPosition(us, 'The United States opposes delays.', 'OPPOSE');
    const wanted = await recordPosition(us, 'The United States supports the deployment.', 'SUPPORT');
    expect((await sub.result(0)).data.positionRecorded.id).toBe(wanted);
    expect(sub.results).toHaveLength(1);
  });

  it('delivers nothing for a write that was rolled back, and events in commit order', async () => {
    const { client } = connected(api.url());
    const sub = subscribe(client, 'subscription { positionRecorded { id } }');
    await subscriptionsRegistered(api.url(), 1);
    const { cn, thaad, article } = await ids();
    // Refused: the quote is not in the article; nothing of it may reach a subscriber.
    const refused = await api.data('EDITOR', create, {
      input: {
        stance: 'OPPOSE',
        summary: 'x',
        holderIds: [cn],
        deploymentId: thaad,
        evidence: [{ articleId: article.id, text: 'words the article never says' }],
      },
    });
    expect(refused.positionCreate.userErrors).not.toEqual([]);
    const first = await recordPosition(cn, 'China voices concern over the radar.', 'CONCERN');
    const second = await recordPosition(cn, 'China urges restraint on the peninsula.', 'URGE');
    const third = await recordPosition(cn, 'China warns of countermeasures.', 'THREATEN');
    await sub.result(2);
    expect(sub.results.map((r) => r.data.positionRecorded.id)).toEqual([first, second, third]);
  });
});

describe('positionChanged and deploymentChanged', () => {
  it('say what happened: updated, deleted (whatever the filter), and to which deployment', async () => {
    const { cn, thaad } = await ids();
    const id = await recordPosition(cn, 'China objects to the X-band radar.');
    const { client } = connected(api.url());
    const changes = subscribe(client, 'subscription { positionChanged(filter: { holders: ["CN"] }) { kind positionId position { id summary } mergedIntoId } }');
    const deployments = subscribe(client, 'subscription { deploymentChanged { kind deploymentId deployment { id name } } }');
    await subscriptionsRegistered(api.url(), 2);
    expectOk(
      (
        await api.data('EDITOR', `mutation($input: PositionUpdateInput!) { positionUpdate(input: $input) { position { id } ${userErrorFields} } }`, {
          input: { id, summary: 'China objects to the radar of THAAD.' },
        })
      ).positionUpdate,
    );
    expect((await changes.result(0)).data.positionChanged).toEqual({
      kind: 'UPDATED',
      positionId: id,
      position: { id, summary: 'China objects to the radar of THAAD.' },
      mergedIntoId: null,
    });
    expectOk(
      (
        await api.data('EDITOR', `mutation($input: PositionDeleteInput!) { positionDelete(input: $input) { deletedPositionId ${userErrorFields} } }`, {
          input: { id },
        })
      ).positionDelete,
    );
    expect((await changes.result(1)).data.positionChanged).toEqual({ kind: 'DELETED', positionId: id, position: null, mergedIntoId: null });
    expectOk(
      (
        await api.data('EDITOR', `mutation($input: DeploymentUpdateInput!) { deploymentUpdate(input: $input) { deployment { id } ${userErrorFields} } }`, {
          input: { id: thaad, aliases: ['Seongju battery'] },
        })
      ).deploymentUpdate,
    );
    expect((await deployments.result(0)).data.deploymentChanged).toMatchObject({ kind: 'UPDATED', deploymentId: thaad, deployment: { id: thaad } });
  });
});

describe('the rules of HTTP', () => {
  it('a bad key closes the connection with 4401; no key is fine unless reading needs one', async () => {
    const bad = connected(api.url(), { connectionParams: { authorization: 'Bearer sgk_not-a-key' } });
    const closed = await bad.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/^Unauthorized: The API key is not valid/);
  });

  it('a revoked key loses its subscriptions: the connection closes with 4403', async () => {
    const created = await api.data('ADMIN', `mutation { apiKeyCreate(input: { name: "live-reader", role: READER }) { key apiKey { id } ${userErrorFields} } }`);
    const { key, apiKey } = expectOk(created.apiKeyCreate);
    const connection = connected(api.url(), { connectionParams: { headers: { Authorization: `Bearer ${key}` } } });
    subscribe(connection.client, 'subscription { positionRecorded { id } }');
    await subscriptionsRegistered(api.url(), 1);
    expectOk(
      (await api.data('ADMIN', `mutation($input: ApiKeyRevokeInput!) { apiKeyRevoke(input: $input) { ${userErrorFields} } }`, { input: { id: apiKey.id } }))
        .apiKeyRevoke,
    );
    expect(await connection.closed).toEqual({ code: 4403, reason: 'Forbidden: the API key was revoked' });
  });

  it('applies the operation limits to subscription documents and serves only subscriptions', async () => {
    const { client } = connected(api.url());
    const refused = async (query: string) => {
      const sub = subscribe(client, query);
      await sub.ended;
      const [error] = sub.error as Array<{ message: string; extensions: { code: string } }>;
      if (!error) throw new Error(`${query}: no error`);
      return error;
    };
    const deep = await refused(
      'subscription { positionRecorded { deployment { positions { nodes { deployment { positions { nodes { deployment { name } } } } } } } } }',
    );
    expect(deep.extensions.code).toBe('DEPTH_LIMIT_EXCEEDED');
    const costly = await refused(
      'subscription { positionRecorded { deployment { positions(first: 100) { nodes { holders { positions(first: 100) { nodes { id } } } } } } } }',
    );
    expect(costly.extensions.code).toBe('COST_LIMIT_EXCEEDED');
    const aliased = await refused(`subscription { positionRecorded { ${Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ')} } }`);
    expect(aliased.extensions.code).toBe('ALIAS_LIMIT_EXCEEDED');
    const long = await refused(`subscription { positionRecorded { ${'id '.repeat(1_000)} } }`);
    expect(long.extensions.code).toBe('TOKEN_LIMIT_EXCEEDED');
    const query = await refused('{ positions(first: 1) { nodes { id } } }');
    expect(query.message).toBe('Only subscriptions are served over WebSocket: send queries over HTTP (POST /graphql).');
    // A filter naming nothing recorded fails the subscription at its start, as graphql-js reports it: one result with the error.
    const badFilter = subscribe(client, 'subscription { positionRecorded(filter: { holders: ["XX"] }) { id } }');
    await badFilter.ended;
    expect(badFilter.completed).toBe(true);
    expect(badFilter.results[0]?.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter.holders' } });
  });

  it('refuses a subscription beyond the per-connection maximum, and a connection beyond the per-process maximum', async () => {
    const { client } = connected(api.url());
    const subs = [1, 2, 3].map(() => subscribe(client, 'subscription { positionRecorded { id } }'));
    await subscriptionsRegistered(api.url(), 3);
    const fourth = subscribe(client, 'subscription { positionRecorded { id } }');
    await fourth.ended;
    expect(fourth.error).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^A connection may hold at most 3 subscriptions/),
        extensions: { code: 'SUBSCRIPTION_LIMIT_EXCEEDED', limit: 3 },
      }),
    ]);
    expect(subs.every((sub) => sub.error === undefined)).toBe(true);
    // Five more connections reach the maximum of 6; the seventh is refused before it opens.
    const more = [1, 2, 3, 4, 5].map(() => connected(api.url()));
    await Promise.all(more.map(({ client: c }) => new Promise((resolve) => c.on('connected', resolve))));
    const refused = await upgradeStatus(api.url());
    expect(refused).toBe(503);
  });

  it('accepts a browser only from an allowed origin or its own', async () => {
    expect(await upgradeStatus(api.url(), { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(api.url(), { origin: 'null' })).toBe(403);
    expect(await upgradeStatus(api.url(), { origin: 'https://app.example.org' })).toBe(101);
    expect(await upgradeStatus(api.url(), { origin: new URL(api.url()).origin })).toBe(101);
  });

  it('a subscription sent over HTTP is told where to go', async () => {
    const result = await api.query('anonymous', 'subscription { positionRecorded { id } }');
    expect(result.errors?.[0]?.message).toMatch(/Subscriptions are served over WebSocket/);
  });
});

describe('bounds', () => {
  it('drops a consumer that falls more events behind than SUBSCRIPTION_QUEUE_MAX, with 4009', async () => {
    const connection = connected(api.url());
    subscribe(connection.client, 'subscription { positionRecorded { id } }');
    await subscriptionsRegistered(api.url(), 1);
    // One import of six positions: one read of the change log, six events at once for a queue of five.
    const backers = [
      ['JP', 'Japan'],
      ['AU', 'Australia'],
      ['CA', 'Canada'],
      ['DE', 'Germany'],
      ['FR', 'France'],
      ['GB', 'The United Kingdom'],
    ] as const;
    const body = backers.map(([, name]) => `${name} backs the deployment.`).join(' ');
    expectOk(
      (
        await api.data('EDITOR', `mutation($input: ArticleImportInput!) { articleImport(input: $input) { article { id } ${userErrorFields} } }`, {
          input: {
            article: { source: 'Wire', url: 'https://wire.example/backers', publishedAt: '2016-09-01T00:00:00Z', body },
            countries: [...backers.map(([isoCode, name]) => ({ isoCode, name })), { isoCode: 'KR', name: 'South Korea' }],
            deployments: [{ key: 'thaad', name: 'THAAD battery in Seongju', system: 'THAAD', host: 'KR' }],
            positions: backers.map(([isoCode, name]) => ({
              stance: 'SUPPORT',
              summary: `${name} backs THAAD.`,
              holders: [isoCode],
              deployment: 'thaad',
              evidence: [{ quote: `${name} backs the deployment.` }],
            })),
          },
        })
      ).articleImport,
    );
    expect(await connection.closed).toEqual({ code: 4009, reason: 'Slow consumer: more than 5 events behind' });
  });

  it('closes a connection that holds no subscription for WEBSOCKET_IDLE_TIMEOUT_MS, with 4008', async () => {
    const connection = connected(api.url());
    const sub = subscribe(connection.client, 'subscription { positionRecorded { id } }');
    await subscriptionsRegistered(api.url(), 1);
    sub.unsubscribe();
    const startedIdling = Date.now();
    expect(await connection.closed).toEqual({ code: 4008, reason: 'Idle: no subscription for 2000 ms' });
    expect(Date.now() - startedIdling).toBeGreaterThanOrEqual(1_500);
  });

  it('reports its connections and subscriptions in /readyz', async () => {
    const { client } = connected(api.url());
    subscribe(client, 'subscription { deploymentChanged { kind } }');
    await subscriptionsRegistered(api.url(), 1);
    expect(await liveUpdatesOf(api.url())).toMatchObject({ status: 'up', connections: 1, subscriptions: 1 });
  });
});

/** The HTTP status an upgrade to the GraphQL WebSocket gets (101: switched). */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrlOf(url), 'graphql-transport-ws', { headers });
    socket.on('upgrade', (response) => {
      resolve(response.statusCode ?? 0);
      socket.close();
    });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', reject);
  });
}
