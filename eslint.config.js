/**
 * ESLint (flat config): ESLint's recommended rules everywhere, and typescript-eslint's
 * type-checked recommended rules on the TypeScript. Types come from the TypeScript project
 * service: each file is checked with the tsconfig.json nearest to it (the root one, or
 * examples/apollo-client/tsconfig.json for the example client, whose typed documents
 * `npm run codegen` must have generated first). `npm run lint` allows no warning.
 *
 * Each rule turned off or narrowed below says why; the rules that catch real bugs
 * (no-floating-promises, no-misused-promises, await-thenable, no-unsafe-* outside the tests, ...)
 * stay on as typescript-eslint sets them.
 */
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'node_modules/',
    'dist/',
    'web/dist/',
    'coverage/',
    'test-results/',
    '.scratch/',
    // databases and other data written at run time
    'data/',
    // generated: the Prisma client (`npm run generate`) and the typed documents of the example and
    // the web app (`npm run codegen`)
    'src/generated/',
    'examples/apollo-client/src/gql/',
    'web/src/gql/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    // The web app's TSX too; its types come from web/tsconfig.json (the DOM, React's JSX).
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // An `async` function without `await` is deliberate here: Apollo Server's plugin hooks and
      // the filter builders must return a promise, and `async` also turns a synchronous throw into
      // a rejection. The bugs this rule is after (a forgotten `await`) are caught by
      // no-floating-promises, no-misused-promises and await-thenable, which stay on.
      '@typescript-eslint/require-await': 'off',
      // Promise.all over conditions of which some are computed at once and some looked up
      // (src/graphql/listing.ts's conditionsOf) is deliberate and well-defined. An iterable that
      // can never hold a thenable is still reported.
      '@typescript-eslint/await-thenable': ['error', { allowMixedPromiseArrays: true }],
      // A leading underscore names what is left unused on purpose (a property dropped from an
      // object by destructuring, a parameter a signature requires); so does a rest sibling.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // A `let` that a closure reads before its one assignment (src/main.ts's `app`, read by the
    // signal handler installed before the server has started) cannot be a `const`: the closure
    // would hit the temporal dead zone.
    rules: { 'prefer-const': ['error', { ignoreReadBeforeAssign: true }] },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // The tests read GraphQL answers as parsed JSON typed `any` on purpose (test/support's
      // `query<T = any>` and `data<T = any>`): an answer's shape is what the test asserts, and a
      // wrong guess fails the test at run time. So `any`, and the rules that follow an `any`
      // value through member access, calls, assignments, arguments and returns, are allowed in
      // the tests only; src/, scripts/, bench/ and examples/ keep all of them.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
