/**
 * The endpoint follows the GraphQL-over-HTTP specification, as graphql-http's audit suite checks
 * it against a started server: every MUST passes; the SHOULDs that do not are the ones the README
 * explains ("GraphQL over HTTP"), no more.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serverAudits, type AuditResult } from 'graphql-http';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededServer } from '../support/api.ts';
import { projectRoot } from '../support/server.ts';

const api = useSeededServer();

/**
 * The SHOULD audits this server fails on purpose. Apollo Server answers every request error
 * (parse, validation, variable coercion) with 400, whatever the Accept header; the spec would
 * have 200 for a client that accepts only application/json. A 400 for a rejected operation is what
 * the operation limits promise, and a client that sends the spec's
 * `Accept: application/graphql-response+json` (Apollo Client does) gets what the spec recommends.
 */
const knownShouldFailures = ['572B', 'FDE2', '7B9B'];

let results: Array<AuditResult & { id: string }>;

beforeAll(async () => {
  results = [];
  for (const audit of serverAudits({ url: () => api.url() })) {
    results.push({ ...(await audit.fn()), id: audit.id });
  }
  const count = (level: string, passed: boolean) => results.filter((r) => r.name.startsWith(`${level} `) && (r.status === 'ok') === passed).length;
  console.log(
    `graphql-http audit: MUST ${count('MUST', true)} passed, ${count('MUST', false)} failed; ` +
      `SHOULD ${count('SHOULD', true)} passed, ${count('SHOULD', false)} failed; ` +
      `MAY ${count('MAY', true)} passed, ${count('MAY', false)} not taken up`,
  );
}, 120_000);

describe('graphql-http audit', () => {
  it('runs the whole suite', () => {
    expect(results.length).toBeGreaterThan(40);
  });

  it('passes every MUST', () => {
    const must = results.filter((r) => r.name.startsWith('MUST '));
    expect(must.length).toBeGreaterThan(10);
    const failed = must.filter((r) => r.status !== 'ok').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(failed).toEqual([]);
  });

  it('fails no SHOULD but those the README explains', () => {
    const failed = results.filter((r) => r.name.startsWith('SHOULD ') && r.status !== 'ok').map((r) => r.id);
    expect(failed.sort()).toEqual([...knownShouldFailures].sort());
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    for (const id of knownShouldFailures) expect(readme, `README explains ${id}`).toContain(id);
  });
});
