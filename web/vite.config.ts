/**
 * Vite builds the web app (web/src/) into web/dist/, which the API server serves at `/`
 * (src/http/web-app.ts). `npm run web:build` runs it, on install after the Prisma client.
 * No plugin: Vite's own transform compiles the TSX (React's automatic JSX runtime).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets', sourcemap: false },
  // In development (`npx vite web`), the API runs beside it on port 4000.
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } } },
});
