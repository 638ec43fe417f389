import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root: the nearest folder above this file that holds package.json and
 * prisma/schema.prisma. Found by walking up rather than by a fixed `../..`, because this file runs
 * from src/ under tsx (in tests and the CLI commands) and from a chunk of dist/ once bundled (`npm
 * start`, docs/architecture.md); the files it locates (migrations, the seed, the web app's build)
 * stay where the repository keeps them.
 */
function findProjectRoot(): string {
  const here = fileURLToPath(import.meta.url);
  for (let dir = path.dirname(here); ;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'prisma', 'schema.prisma'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root (package.json beside prisma/schema.prisma) above ${here}`);
    dir = parent;
  }
}

export const projectRoot = findProjectRoot();
