import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    alias: [
      // Vite would load graphql's ESM build (its "module" field) for the project's files, while
      // type-graphql and Apollo Server, loaded by Node, get its CommonJS build: two copies of
      // graphql-js, whose schema objects cannot meet ("from another module or realm"). One copy
      // for all lets tests run the app in the test process.
      { find: /^graphql$/, replacement: require.resolve('graphql') },
    ],
  },
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
