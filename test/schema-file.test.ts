// @module-tag any-database
/**
 * Teams generate typed clients from the committed schema.graphql: it must be exactly the schema
 * the server builds and serves (printed by the same function as `npm run schema:emit`), from the
 * sources and from the bundle `npm start` runs, whose resolver modules are named when it is built
 * (scripts/compiled-build.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSchemaFile } from '../src/graphql/schema.ts';
import { createTestDatabaseTarget } from './support/database.ts';
import { graphql, projectRoot, startServer } from './support/server.ts';

const committed = () => readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8');

describe('schema.graphql', () => {
  it('is the schema the server builds (not stale)', async () => {
    const built = await printSchemaFile();
    expect(built).toMatch(/^type Query \{/m);
    expect(committed(), 'schema.graphql is stale: run `npm run schema:emit` and commit the result').toBe(built);
  }, 60_000);

  it('is the schema the bundled server serves', async () => {
    const database = await createTestDatabaseTarget();
    // The whole schema's introspection holds more objects than the default cost limit allows.
    const server = await startServer({ ...database.env, GRAPHQL_MAX_COST: '100000' });
    let served: string;
    let exitCode: number | null;
    try {
      const introspection = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true });
      const result = await graphql<IntrospectionQuery>(server.url, introspection);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      served = `${printSchema(lexicographicSortSchema(buildClientSchema(result.data!)))}\n`;
    } finally {
      exitCode = await server.stop();
      await database.dispose();
    }
    expect(served).toBe(committed());
    expect(exitCode, 'the exit code on SIGTERM').toBe(0);
  }, 90_000);
});
