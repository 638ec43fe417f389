import { defineConfig } from 'vitest/config';

export default defineConfig({
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
