/**
 * A front end on another origin can call the API when the operator lists its origin in
 * CORS_ORIGINS: its browser's preflight is answered, and answers carry the CORS headers. Other
 * origins get none, so their pages cannot read the API's answers. (test/browser/ does the same in
 * a real browser.)
 */
import { describe, expect, it } from 'vitest';
import { useSeededServer } from '../support/api.ts';
import { postGraphQL, request } from '../support/http.ts';

const allowed = 'http://localhost:5173';
const alsoAllowed = 'https://app.example.org';
const stranger = 'https://evil.example.com';
const api = useSeededServer({ env: { CORS_ORIGINS: `${allowed}, ${alsoAllowed}` } });
const defaults = useSeededServer();

const preflight = (url: string, origin: string) =>
  request(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
  });

describe('CORS_ORIGINS', () => {
  it('answers the preflight of a listed origin', async () => {
    for (const origin of [allowed, alsoAllowed]) {
      const response = await preflight(api.url(), origin);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
      expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
      expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
      expect(response.headers.get('vary')).toMatch(/Origin/);
    }
  });

  it("lets a listed origin's page read the answer", async () => {
    const response = await postGraphQL(api.url(), { query: '{ __typename }' }, { origin: allowed });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('refuses the preflight of any other origin, and gives its requests no CORS header', async () => {
    const refused = await preflight(api.url(), stranger);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const response = await postGraphQL(api.url(), { query: '{ __typename }' }, { origin: stranger });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('by default, allows no other origin at all (same-origin pages such as the IDE need no CORS)', async () => {
    const refused = await preflight(defaults.url(), allowed);
    expect(refused.status).toBe(403);
    const response = await postGraphQL(defaults.url(), { query: '{ __typename }' }, { origin: allowed });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
