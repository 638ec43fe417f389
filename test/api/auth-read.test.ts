/**
 * With REQUIRE_AUTH_FOR_READ set, reading needs a key too: any role may read, nobody without one.
 */
import { describe, expect, it } from 'vitest';
import { useCurationServer } from '../support/curation.ts';
import { connect, subscribe, subscriptionsRegistered } from '../support/subscriptions.ts';

const api = useCurationServer({ REQUIRE_AUTH_FOR_READ: 'true' });

describe('REQUIRE_AUTH_FOR_READ=true', () => {
  it('refuses a query without a key (401 UNAUTHENTICATED), even introspection', async () => {
    for (const query of ['{ countries(first: 1) { totalCount } }', '{ __schema { queryType { name } } }']) {
      const result = await api.query('anonymous', query);
      expect(result.status).toBe(401);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(result.errors![0]!.message).toMatch(/Authorization: Bearer/);
    }
  });

  it('answers a READER, EDITOR or ADMIN key; a READER still may not write', async () => {
    for (const role of ['READER', 'EDITOR', 'ADMIN'] as const) {
      expect((await api.data(role, '{ country(isoCode: "RU") { name } }')).country.name).toBe('Russia');
    }
    const write = await api.query('READER', 'mutation { countryCreate(input: { name: "Peru", isoCode: "PE" }) { country { id } } }');
    expect(write.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('closes a WebSocket connection without a key (4401), and serves subscriptions to one with a key', async () => {
    const anonymous = connect(api.url());
    expect(await anonymous.closed).toEqual({ code: 4401, reason: expect.stringMatching(/^Unauthorized: This API needs an API key/) });
    const reader = connect(api.url(), { connectionParams: { Authorization: `Bearer ${api.keys.READER}` } });
    try {
      const sub = subscribe(reader.client, 'subscription { deploymentChanged { kind } }');
      await subscriptionsRegistered(api.url(), 1);
      expect(sub.error).toBeUndefined();
    } finally {
      await reader.dispose();
    }
  });
});
