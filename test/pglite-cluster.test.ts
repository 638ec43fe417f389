/**
 * A new embedded database made from the kept empty cluster (src/db/pglite-cluster.ts): the cluster
 * is made once, by initdb, and holds nothing of the directory it was first needed for (a lock file
 * there must not be written into every later database); the next databases are copies of it,
 * independent of each other; a damaged kept file is neither loaded nor left in place; where none
 * can be kept, a new database is still made. On a scratch cache file, not the one the app and
 * the other tests use.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { createPglite } from '../src/db/pglite-cluster.ts';

const scratch = await mkdtemp(path.join(os.tmpdir(), 'stancegraph-cluster-'));
const keptAt = path.join(scratch, 'cache', 'empty-cluster.tar');
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A data directory holding only a lock file, as src/db/database.ts leaves it before PGlite opens it. */
async function lockedDir(name: string, owner: string): Promise<string> {
  const dataDir = path.join(scratch, name);
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, 'owner.lock'), owner);
  return dataDir;
}

// PGlite only, whatever database the run's other tests use: once per CI, in its PGlite run.
describe.skipIf(process.env.DATABASE_URL)('a new PGlite database', () => {
  it('is made by initdb when the kept cluster is missing or damaged; the cluster is then kept whole, without the files of that directory', async () => {
    await mkdir(path.dirname(keptAt));
    await writeFile(keptAt, 'not a tarball: a file overwritten or damaged on disk');
    const pglite = await createPglite(await lockedDir('first', 'process A'), { keptAt });
    expect((await pglite.query<{ answer: number }>('select 6 * 7 as answer')).rows).toEqual([{ answer: 42 }]);
    await pglite.close();
    const kept = await readFile(keptAt);
    expect(kept.toString('latin1', 257, 262)).toBe('ustar');
    expect(kept.length % 512).toBe(0);
    expect(kept.length).toBeGreaterThan(1_000_000);
    expect(kept.includes('owner.lock')).toBe(false);
  });

  it('is otherwise a copy of the kept cluster, on disk or in memory, which leaves the files of its directory alone; each copy is a database of its own', async () => {
    const dataDir = await lockedDir('second', 'process B');
    const onDisk = await createPglite(dataDir, { keptAt });
    expect(await readFile(path.join(dataDir, 'owner.lock'), 'utf8')).toBe('process B');
    await onDisk.exec(`CREATE TABLE note (text text); INSERT INTO note VALUES ('only here')`);
    await onDisk.close();

    const inMemory = await createPglite('memory://', { keptAt });
    expect((await inMemory.query(`SELECT to_regclass('note') AS note`)).rows).toEqual([{ note: null }]);
    await inMemory.close();

    const reopened = new PGlite(dataDir);
    expect((await reopened.query('SELECT text FROM note')).rows).toEqual([{ text: 'only here' }]);
    await reopened.close();
  });

  it('is still made, and nothing is kept, where the cluster cannot be kept (a read-only install)', async () => {
    const notAFolder = path.join(scratch, 'a-file');
    await writeFile(notAFolder, 'a file where the cache folder would go');
    const unkeepable = path.join(notAFolder, 'empty-cluster.tar');
    const pglite = await createPglite('memory://', { keptAt: unkeepable });
    expect((await pglite.query<{ answer: number }>('select 6 * 7 as answer')).rows).toEqual([{ answer: 42 }]);
    await pglite.close();
    expect(await readFile(notAFolder, 'utf8')).toBe('a file where the cache folder would go');
  });
});
