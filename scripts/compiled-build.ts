/**
 * The compiled build (`npm run build` → dist/), for the programs that start the server or a CLI
 * command as a process: `npm start`, the tests that spawn one, the soak run and the benchmarks run
 * bundled JavaScript without tsx's loader (docs/architecture.md says why).
 */
import { readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { projectRoot } from '../src/project-root.ts';
import { declaresResolvers } from '../src/graphql/resolver-files.ts';

/** Where the build puts an entry point of the repository: `src/main.ts` → `<root>/dist/src/main.js`. */
export function compiledPath(file: string): string {
  return path.join(projectRoot, 'dist', file.replace(/\.ts$/, '.js'));
}

function packageScripts(): Record<string, string> {
  return (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
}

/** The CLI commands, as package.json's scripts run them from the sources (`tsx scripts/key-create.ts`). */
function commandFiles(): string[] {
  const files = Object.values(packageScripts()).flatMap((script) => [...script.matchAll(/\btsx (scripts\/[\w-]+\.ts)\b/g)].map((match) => match[1]!));
  return [...new Set(files)].sort();
}

/**
 * src/graphql/resolver-modules.ts as the bundle needs it: a bundle has no folder to list, so the
 * modules it imports are the ones its own filter picks now, named in the source for esbuild to
 * bundle.
 */
const resolverModulesPlugin: Plugin = {
  name: 'resolver-modules',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]src[\\/]graphql[\\/]resolver-modules\.ts$/ }, async (file) => {
      const files = (await readdir(path.dirname(file.path), { recursive: true })).filter(declaresResolvers).sort();
      const imports = files.map((name) => `    import(${JSON.stringify(`./${name}`)}),`).join('\n');
      return { contents: `export async function importResolverModules() {\n  await Promise.all([\n${imports}\n  ]);\n}\n`, loader: 'ts' };
    });
  },
};

/**
 * Brings dist/ up to date with the sources: the server (src/main.ts) and the CLI commands, each an
 * entry point of one esbuild bundle (the code they share in chunks of it), with the dependencies
 * inside but a few (below). ~1 s. Emits what tsx runs (esbuild, no decorator metadata) without
 * checking types: `npm run typecheck` does.
 */
export async function buildCompiled(): Promise<void> {
  const outdir = path.join(projectRoot, 'dist');
  const { metafile } = await build({
    absWorkingDir: projectRoot,
    entryPoints: ['src/main.ts', ...commandFiles()],
    outbase: '.',
    outdir,
    entryNames: '[dir]/[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    // Left to Node: the packages that read files of their own at run time (PGlite's PostgreSQL,
    // Prisma's WebAssembly engines), pg, which Prisma's PostgreSQL adapter shares with the app
    // (one copy, not two: a pool made by one copy is handed to the other), build tools, and Apollo's
    // createHash, which hashes every request's query: it takes Node's crypto only where its module
    // has `module.require`, which a bundled CommonJS module lacks, and else a SHA-256 written in
    // JavaScript (sha.js).
    external: ['@electric-sql/pglite', '@electric-sql/pglite/*', '@prisma/*', 'pg', 'pg-*', 'esbuild', '@apollo/utils.createhash'],
    // The CommonJS packages inside call require(); type-graphql's decorators need Reflect's
    // metadata API before any of the bundle's modules declares a type (the chunks' order differs
    // from the sources' import order).
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    inject: [path.join(projectRoot, 'node_modules', 'reflect-metadata', 'Reflect.js')],
    sourcemap: 'linked',
    plugins: [resolverModulesPlugin],
    logLevel: 'warning',
    metafile: true,
  });
  // What an earlier build wrote and this one did not (tsc's files, chunks of code since changed)
  // is removed afterwards, not before: a server started from dist/ keeps the chunks it may still
  // load (an error's path, Apollo's plugins) while the code they hold has not changed.
  const written = new Set(Object.keys(metafile.outputs).map((file) => path.resolve(projectRoot, file)));
  const entries = (await readdir(outdir, { recursive: true, withFileTypes: true })).map((entry) => ({ entry, file: path.join(entry.parentPath, entry.name) }));
  for (const { entry, file } of entries) if (entry.isFile() && !written.has(file)) rmSync(file);
  // The folders left empty, the deepest first.
  const folders = entries.filter(({ entry }) => entry.isDirectory()).map(({ file }) => file);
  for (const folder of folders.sort((a, b) => b.length - a.length)) if (readdirSync(folder).length === 0) rmdirSync(folder);
}

/** The arguments `npm start` gives node (package.json's script), so that a program starts the API as its users do. */
export function npmStartArguments(): string[] {
  const script = packageScripts().start!;
  const [command, ...args] = script.trim().split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs ${JSON.stringify(script)}, not node: it cannot be started the same way`);
  return args;
}
