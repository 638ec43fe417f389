import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const require = createRequire(import.meta.url);

/**
 * The order files are handed to the workers in (each takes the next when it is free). The fuzz
 * run's parts are by far the longest files: started first, one in each of two workers, they run
 * beside all the others instead of after them. The cost bounds start at once in the third worker:
 * they time the event loop of a server they start, which a busy machine slows (a /healthz wait
 * reached 1,044 ms, against 1 s, with Chromium beside it). The browser's files (Chromium takes a
 * core while it renders) start last, when the cost bounds (~10 s, at the start of a run of over a
 * minute) are long done. Vitest orders the rest by their last durations, or by size on a first run.
 */
class RunOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      if (/\/test\/fuzz\/fuzz-part-\d+\.test\.ts$/.test(file.moduleId)) return 0;
      if (file.moduleId.endsWith('/test/api/cost-bounds.test.ts')) return 1;
      if (file.moduleId.includes('/test/browser/')) return 3;
      return 2;
    };
    // Array.prototype.sort is stable: within a rank, the files keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

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
    // Names one template database per run (PGlite, or the server of DATABASE_URL); the first test
    // file that needs a database builds it, and test/support/database.ts hands each a copy.
    globalSetup: ['test/support/global-setup.ts'],
    // Vitest's default is one worker per core but one: a single worker on a 2-core machine. Three
    // on two cores: many files spend part of their time waiting (on a spawned process's start, a
    // grace period, a timeout under test), and the third worker's files fill those waits (the PGlite
    // run: 249 s with two workers, 226 s with three, on one 2-core machine). It also keeps a worker
    // for the other files while the fuzz run's two parts hold the first two. Not more: the
    // cost-bounds tests time the event loop of a server they spawn, which needs its share of a core.
    maxWorkers: 3,
    sequence: { sequencer: RunOrder },
    tags: [
      {
        name: 'any-database',
        description:
          'Runs the same whatever DATABASE_URL names: uses no database, or picks its own (PGlite in memory or in a ' +
          'directory of its own, the PostgreSQL server at 127.0.0.1). .ci/run runs it once, in its PGlite run, and ' +
          "leaves it out of the PostgreSQL server's run (--tags-filter='!any-database').",
      },
    ],
    // Files that run in the same worker share its modules: the app (its ~700 modules, Prisma's
    // client, PGlite's WebAssembly) is loaded once per worker, not once per file (~2.5 s of CPU
    // each). Every file starts its own app on its own database copy, so they share no state.
    isolate: false,
    // A fresh PGlite spends ~5 s in initdb, and some tests start a server process.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
