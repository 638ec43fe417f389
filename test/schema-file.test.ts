// @module-tag any-database
/**
 * Teams generate typed clients from the committed schema.graphql: it must be exactly the schema
 * the server builds and serves (printed by the same function as `npm run schema:emit`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printSchemaFile } from '../src/graphql/schema.ts';
import { projectRoot } from './support/server.ts';

describe('schema.graphql', () => {
  it('is the schema the server builds (not stale)', async () => {
    const committed = readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8');
    const built = await printSchemaFile();
    expect(built).toMatch(/^type Query \{/m);
    expect(committed, 'schema.graphql is stale: run `npm run schema:emit` and commit the result').toBe(built);
  }, 60_000);
});
