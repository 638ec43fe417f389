/**
 * GraphQL Code Generator: typed documents for the example client (examples/apollo-client/) and for
 * the web app (web/, its operations in web/src/gql/, generated before each build) from the
 * committed `schema.graphql`, with the client preset. `npm run codegen` writes
 * examples/apollo-client/src/gql/ (not committed), including `persisted-documents.json`, the
 * allow-list a server runs with TRUSTED_DOCUMENTS, and `possible-types.ts`, the interfaces and
 * unions with their member types that Apollo Client's cache needs (`possibleTypes`). Copy this
 * file into your own app and point `schema` at this project's schema.graphql (or at a running
 * server) and `documents` at your code.
 */
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    'examples/apollo-client/src/gql/': {
      documents: ['examples/apollo-client/src/**/*.ts', '!examples/apollo-client/src/gql/**'],
      preset: 'client',
      presetConfig: {
        // Each document gets its sha256 (`document.__meta__.hash`), and persisted-documents.json lists them.
        persistedDocuments: { hashAlgorithm: 'sha256' },
        fragmentMasking: false,
      },
      // Apollo Client's cache needs __typename everywhere; put it in the registered documents
      // themselves, since only their hash is sent.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        importExtension: '.js',
        scalars: { Date: 'string', DateTime: 'string' },
      },
    },
    // Which types implement each interface (Node, Actor, Audited) and make up each union
    // (SearchResult): without it, the cache cannot tell that a Country is an Actor, and fields
    // selected in a fragment on an interface or union come back missing. Regenerated with the
    // schema, so a new member type is never forgotten. (`apolloClientVersion: 3` is also the
    // shape Apollo Client 4 takes.)
    'examples/apollo-client/src/gql/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3, deterministic: true },
    },
    // The web app's operations, typed like the example's. The app sends their text, or only their
    // hash when the server runs TRUSTED_DOCUMENTS: the server that serves the app then trusts the
    // app's own documents too (web/dist/persisted-documents.json, copied there by the build).
    'web/src/gql/': {
      documents: ['web/src/**/*.tsx', 'web/src/**/*.ts', '!web/src/gql/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { Date: 'string', DateTime: 'string', ReportedDate: 'string' } },
    },
    'web/src/gql/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3, deterministic: true },
    },
  },
};

export default config;
