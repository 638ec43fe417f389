/**
 * Names for the SQL statements a PostgreSQL server should keep prepared on each connection.
 *
 * An unnamed statement is parsed, analysed and planned on every execution. A named one is parsed
 * and analysed once per connection; one without parameters (a read sent again with the same
 * values, which carries them in its text: src/db/direct-reads.ts) is planned once per connection
 * too, its plan kept, where one with parameters is planned for each execution's values
 * (`plan_cache_mode` in src/db/database.ts). The API sends the same statements over and over: the
 * same shapes always, often with the same values (the first page of a list an app shows).
 *
 * A name stays prepared on a connection until it is dropped, in the server's memory (about 0.3 MB
 * for a filtered page's statement with its plan) and in pg's, so names are rationed: a text gets
 * one when it is seen for the second time, and a process keeps at most `limit` of them, the most
 * recently used. The least recently used is given up for a new one; each connection drops the
 * statements of names given up (DEALLOCATE) before it runs its next query (`dropGivenUp`). A name
 * is never used for another text, so a connection never meets one name with two texts.
 */
import pg from 'pg';

export interface StatementNames {
  /** The name to prepare `sql` under, or undefined to run it unnamed. */
  nameFor(sql: string): string | undefined;
  /**
   * Queues on `client`, ahead of the query it was taken for, the DEALLOCATE of each statement it
   * holds under a name given up since; nothing when no name was given up since its last call.
   */
  dropGivenUp(client: pg.ClientBase): void;
}

/** What pg records of the statements a connection has prepared (`Connection.parsedStatements`, name to text). */
function preparedOn(client: pg.ClientBase): Record<string, string> | undefined {
  return (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements;
}

export function statementNames(limit: number): StatementNames {
  // By text, the least recently used first: Map keeps insertion order, and a use moves it last.
  const names = new Map<string, string>();
  const inUse = new Set<string>();
  let named = 0;
  let givenUp = 0;
  const givenUpWhenDropped = new WeakMap<pg.ClientBase, number>();
  // Texts seen once, bounded: a flood of one-off texts (every distinct value a request can carry)
  // must not grow it for ever; forgetting them only delays a name.
  let seenOnce = new Set<string>();
  return {
    nameFor(sql) {
      const name = names.get(sql);
      if (name !== undefined) {
        names.delete(sql);
        names.set(sql, name);
        return name;
      }
      if (limit <= 0) return undefined;
      if (!seenOnce.has(sql)) {
        if (seenOnce.size >= limit * 10) seenOnce = new Set();
        seenOnce.add(sql);
        return undefined;
      }
      seenOnce.delete(sql);
      if (names.size >= limit) {
        const [leastRecent, itsName] = names.entries().next().value!;
        names.delete(leastRecent);
        inUse.delete(itsName);
        givenUp++;
      }
      const given = `stancegraph_${++named}`;
      names.set(sql, given);
      inUse.add(given);
      return given;
    },
    dropGivenUp(client) {
      if ((givenUpWhenDropped.get(client) ?? 0) === givenUp) return;
      givenUpWhenDropped.set(client, givenUp);
      const prepared = preparedOn(client);
      if (!prepared) return;
      const stale = Object.keys(prepared).filter((name) => !inUse.has(name));
      if (stale.length === 0) return;
      for (const name of stale) delete prepared[name];
      // A failure here (the connection breaking) fails the query taken for it as well; the pool
      // then closes the connection, and its statements with it.
      client.query(stale.map((name) => `DEALLOCATE ${pg.escapeIdentifier(name)}`).join('; ')).catch(() => undefined);
    },
  };
}
