/**
 * The compiled build (tsconfig.build.json → dist/), for the programs that start the server or a
 * CLI command as a process: the tests that spawn one, the soak run and the benchmarks run what
 * `npm start` runs, JavaScript without tsx's loader (docs/architecture.md).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../src/project-root.ts';

/** Where the build puts a source file of the repository: `src/main.ts` → `<root>/dist/src/main.js`. */
export function compiledPath(file: string): string {
  return path.join(projectRoot, 'dist', file.replace(/\.ts$/, '.js'));
}

/**
 * Brings dist/ up to date with the sources: `npm run build` (tsc, incremental: ~2.5 s when nothing
 * changed). Throws, after tsc's report, on a type error.
 */
export function buildCompiled(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** The arguments `npm start` gives node (package.json's script), so that a program starts the API as its users do. */
export function npmStartArguments(): string[] {
  const script = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const [command, ...args] = script.trim().split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs ${JSON.stringify(script)}, not node: it cannot be started the same way`);
  return args;
}
