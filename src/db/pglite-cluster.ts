/**
 * A new embedded database starts from a copy of an empty PGlite cluster instead of running initdb.
 *
 * PGlite makes a new database by starting a second WebAssembly PostgreSQL, running initdb in it,
 * dumping the result as a tarball and loading that into the data directory: ~5.5 s and ~8 s of CPU
 * here. Loading a kept tarball instead (PGlite's `loadDataDir`, the way its docs give for skipping
 * initdb) takes ~2 s and ~2.5 s of CPU. That is paid by every first start of the server, every
 * command run on a new data directory, and, many times over, by the tests.
 *
 * The tarball is PGlite's own: an empty database made by initdb in memory and dumped by
 * `dumpDataDir` (as PGlite's `clone()` does), kept per PGlite version under
 * node_modules/.cache/stancegraph/. It is made in memory, never dumped from a data directory,
 * because a dump holds every file of its directory: a lock file there (src/db/database.ts) would
 * be written into every later database, over the lock of the process opening it. The first new
 * database of a machine makes it (~3 s more than initdb alone, once); the later ones load it.
 * (`@electric-sql/pglite-prepopulatedfs` ships such a tarball, but only for PGlite 0.5:
 * docs/architecture.md.) Where that directory cannot be written, every new database runs initdb,
 * as without it.
 */
import { PGlite } from '@electric-sql/pglite';
import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../project-root.ts';

const require = createRequire(import.meta.url);

/** The bundled PGlite's version: a tarball is only good for the version that made it. */
function pgliteVersion(): string {
  // The package's entry point is <package>/dist/index.cjs; its package.json is not exported.
  const packageJson = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  return (require(packageJson) as { version: string }).version;
}

/** Where the tarball of an empty cluster of this PGlite version is kept. */
function keptClusterPath(): string {
  return path.join(projectRoot, 'node_modules', '.cache', 'stancegraph', `pglite-${pgliteVersion()}-empty-cluster.tar`);
}

/** The offset of a tar header's magic (POSIX ustar), and the size of a tar block. */
const TAR_MAGIC_OFFSET = 257;
const TAR_BLOCK = 512;

/**
 * Whether `file` can be a plain tarball as `dumpDataDir('none')` writes it. PGlite takes anything
 * else for a gzipped one and fails in its decompression stream, out of reach of any catch: the
 * process would end on a damaged cache file, so such a file is left unused (and replaced).
 */
function isTarball(file: Buffer): boolean {
  return file.length >= 2 * TAR_BLOCK && file.length % TAR_BLOCK === 0 && file.toString('latin1', TAR_MAGIC_OFFSET, TAR_MAGIC_OFFSET + 5) === 'ustar';
}

/** Whether a file can be written beside `keptAt` (its folder made if need be): not in a read-only install. */
async function canKeep(keptAt: string): Promise<boolean> {
  try {
    await mkdir(path.dirname(keptAt), { recursive: true });
    await access(path.dirname(keptAt), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes the empty cluster and keeps it at `keptAt` (whose folder canKeep has made). Processes that
 * make it at the same time each write a file of their own and rename it into place, so that no
 * reader ever sees half of one. A failure to write only means the next new database makes it again.
 */
async function makeEmptyCluster(keptAt: string): Promise<Buffer> {
  const pglite = new PGlite();
  let tarball: Buffer;
  try {
    await pglite.waitReady;
    tarball = Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
  } finally {
    await pglite.close();
  }
  const partial = `${keptAt}.${process.pid}.partial`;
  try {
    await writeFile(partial, tarball);
    await rename(partial, keptAt);
  } catch {
    await rm(partial, { force: true }).catch(() => undefined);
  }
  return tarball;
}

/**
 * PGlite on a new database at `dataDir` (a directory without one, or `memory://`), ready: a copy
 * of the kept empty cluster, made first when there is none yet (or it is damaged), or PGlite's own
 * initdb where none can be kept. `keptAt` is for tests; the cluster is kept at keptClusterPath().
 */
export async function createPglite(dataDir: string, { keptAt = keptClusterPath() }: { keptAt?: string } = {}): Promise<PGlite> {
  const file = await readFile(keptAt).catch(() => null);
  let tarball: Buffer | null = file && isTarball(file) ? file : null;
  // Made only where it can be kept: making it and then loading it costs ~3 s more than PGlite's
  // own initdb, which a read-only install is left with for every new database.
  if (!tarball && (await canKeep(keptAt))) tarball = await makeEmptyCluster(keptAt);
  const pglite = new PGlite(dataDir, tarball ? { loadDataDir: new Blob([tarball]) } : {});
  try {
    await pglite.waitReady;
  } catch (error) {
    void pglite.close().catch(() => undefined);
    throw error;
  }
  return pglite;
}
