import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql module for all: Vite would resolve the tests' and src/'s `graphql` to its ES module
  // build while type-graphql and Apollo (loaded by Node) get the CommonJS one, and graphql refuses
  // a schema built by one used with the other — which an app started in the test process does.
  resolve: { alias: [{ find: /^graphql$/, replacement: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts'],
    // Migrates and seeds one template database per run (PGlite, or the server of DATABASE_URL);
    // test/support/database.ts hands each test file a copy of it.
    globalSetup: ['test/support/global-setup.ts'],
    // A fresh PGlite spends ~5 s in initdb, and API tests start a server process.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
