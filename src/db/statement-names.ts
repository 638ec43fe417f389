/**
 * Names for the SQL statements a PostgreSQL server should keep prepared on each connection.
 *
 * An unnamed statement is parsed, analysed and planned on every execution; a named one is parsed
 * and analysed once per connection (the API's connections still plan each execution for its
 * values: `plan_cache_mode` in src/db/database.ts). The API sends the same few statements over and
 * over (a statement's text depends on the operation's shape, its values are parameters), so the
 * parsing was repeated for nothing.
 *
 * A name stays prepared on a connection until the connection closes, in the server's memory and
 * in pg's, so names are rationed: a text gets one when it is seen for the second time, and a
 * process hands out at most `limit` of them (the rest run unnamed, as before). A text's name never
 * changes, so a connection never meets one name with two texts.
 */
export interface StatementNames {
  /** The name to prepare `sql` under, or undefined to run it unnamed. */
  nameFor(sql: string): string | undefined;
}

export function statementNames(limit: number): StatementNames {
  const names = new Map<string, string>();
  // Texts seen once, bounded: a flood of one-off texts (every distinct shape an operation can
  // have) must not grow it for ever; forgetting them only delays a name.
  let seenOnce = new Set<string>();
  return {
    nameFor(sql) {
      const name = names.get(sql);
      if (name !== undefined || names.size >= limit) return name;
      if (!seenOnce.has(sql)) {
        if (seenOnce.size >= limit * 10) seenOnce = new Set();
        seenOnce.add(sql);
        return undefined;
      }
      seenOnce.delete(sql);
      const given = `stancegraph_${names.size + 1}`;
      names.set(sql, given);
      return given;
    },
  };
}
