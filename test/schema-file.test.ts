/**
 * Teams generate typed clients from the committed schema.graphql: it must be exactly the schema
 * the server builds and serves.
 *
 * The schema is printed by `printSchemaFile()` from src/graphql/schema.ts in a child process run
 * by tsx, as `npm run schema:emit` and the server run it. (Built inside vitest, the schema would
 * mix two copies of graphql: type-graphql, loaded by Node, gets graphql's CommonJS entry, while
 * vite resolves the project's own `import 'graphql'` to its ES module entry, and graphql refuses
 * types "from another module or realm".)
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './support/server.ts';

const printSchemaScript = `
const { printSchemaFile } = await import('./src/graphql/schema.ts');
process.stdout.write(await printSchemaFile());
`;

async function builtSchema(): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', printSchemaScript], {
    cwd: projectRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

describe('schema.graphql', () => {
  it('is the schema the server builds (not stale)', async () => {
    const committed = readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8');
    const built = await builtSchema();
    expect(built).toMatch(/^type Query \{/m);
    expect(committed, 'schema.graphql is stale: run `npm run schema:emit` and commit the result').toBe(built);
  }, 60_000);
});
