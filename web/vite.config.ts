/**
 * Vite builds the web app (web/src/) into web/dist/, which the API server serves at `/`
 * (src/http/web-app.ts). `npm run web:build` runs it, on install after the Prisma client.
 * Vite's own transform compiles the TSX (React's automatic JSX runtime); one plugin of ours adds
 * the app's persisted documents to the build.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * The app's operations by hash (GraphQL Code Generator's persisted-documents.json, written to
 * web/src/gql/ before each build) go into the build beside index.html: a server running
 * TRUSTED_DOCUMENTS trusts the documents of the app it serves (src/http/web-app.ts).
 */
function persistedDocuments(): Plugin {
  const manifest = fileURLToPath(new URL('src/gql/persisted-documents.json', import.meta.url));
  return {
    name: 'stancegraph-persisted-documents',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'persisted-documents.json', source: readFileSync(manifest, 'utf8') });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [persistedDocuments()],
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets', sourcemap: false },
  // In development (`npx vite web`), the API runs beside it on port 4000.
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } } },
});
