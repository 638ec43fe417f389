/**
 * With TRUSTED_DOCUMENTS=persisted-documents.json (the file GraphQL Code Generator's client preset
 * writes: document hash → document), only the operations of that file run. Clients name them by
 * hash, as `documentId` or as Apollo's `persistedQuery` extension, or send their exact text.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useSeededServer } from '../support/api.ts';
import { postGraphQL, request } from '../support/http.ts';
import { connect, subscribe, subscriptionsRegistered } from '../support/subscriptions.ts';

const countryByCode = 'query CountryByCode($code: String!) { country(isoCode: $code) { name isoCode } }';
const deployments = 'query Deployments { deployments(first: 5) { nodes { name system } } }';
const recorded = 'subscription Recorded { positionRecorded { id } }';
const hash = (text: string) => createHash('sha256').update(text).digest('hex');

const dir = mkdtempSync(path.join(tmpdir(), 'stancegraph-trusted-'));
const manifest = path.join(dir, 'persisted-documents.json');
writeFileSync(manifest, JSON.stringify({ [hash(countryByCode)]: countryByCode, [hash(deployments)]: deployments, [hash(recorded)]: recorded }, null, 2));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const api = useSeededServer({ env: { TRUSTED_DOCUMENTS: manifest } });

describe('TRUSTED_DOCUMENTS', () => {
  it('runs a registered document named by its hash (documentId, with or without "sha256:")', async () => {
    for (const documentId of [hash(countryByCode), `sha256:${hash(countryByCode)}`]) {
      const response = await postGraphQL(api.url(), { documentId, variables: { code: 'RU' } });
      expect(response.status, response.text).toBe(200);
      expect(response.json.data.country).toEqual({ name: 'Russia', isoCode: 'RU' });
    }
  });

  it("runs one named as Apollo Client's persisted query link does, by POST and by GET", async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash(deployments) } };
    const posted = await postGraphQL(api.url(), { extensions, operationName: 'Deployments' });
    expect(posted.status, posted.text).toBe(200);
    expect(JSON.stringify(posted.json.data)).toContain('THAAD');

    const url = new URL(api.url());
    url.searchParams.set('operationName', 'Deployments');
    url.searchParams.set('extensions', JSON.stringify(extensions));
    const got = await request(url.toString(), { headers: { 'apollo-require-preflight': 'true' } });
    expect(got.status, got.text).toBe(200);
    expect(JSON.stringify(got.json.data)).toContain('THAAD');
  });

  it('runs the exact text of a registered document', async () => {
    const response = await postGraphQL(api.url(), { query: deployments });
    expect(response.status, response.text).toBe(200);
  });

  it('refuses any other operation before parsing it, with QUERY_NOT_IN_SAFELIST', async () => {
    for (const query of ['{ deployments { nodes { name } } }', `${deployments} `]) {
      const response = await postGraphQL(api.url(), { query });
      expect(response.status).toBe(400);
      expect(response.json.errors[0].extensions.code).toBe('QUERY_NOT_IN_SAFELIST');
      expect(response.json.data).toBeUndefined();
    }
    const url = new URL(api.url());
    url.searchParams.set('query', '{ __typename }');
    const got = await request(url.toString(), { headers: { 'apollo-require-preflight': 'true' } });
    expect(got.status).toBe(400);
    expect(got.json.errors[0].extensions.code).toBe('QUERY_NOT_IN_SAFELIST');
  });

  it('refuses an unknown id with PERSISTED_QUERY_NOT_IN_LIST, and a text that differs from its id', async () => {
    const unknown = await postGraphQL(api.url(), { documentId: hash('{ __typename }') });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    const mismatch = await postGraphQL(api.url(), {
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: hash(deployments) } },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.errors[0].extensions.code).toBe('QUERY_NOT_IN_SAFELIST');
  });

  it('over WebSocket too: a subscription named by its hash runs, any other text is refused', async () => {
    const connection = connect(api.url());
    const { client } = connection;
    try {
      // graphql-ws requires a query string: a client naming a document by hash sends "".
      const byHash = client.subscribe(
        { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: hash(recorded) } } },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
      await subscriptionsRegistered(api.url(), 1);
      byHash();
      const other = subscribe(client, 'subscription { positionRecorded { id stance } }');
      await other.ended;
      expect(other.error).toEqual([expect.objectContaining({ extensions: { code: 'QUERY_NOT_IN_SAFELIST' } })]);
    } finally {
      await connection.dispose();
    }
  });
});
