import DataLoader from 'dataloader';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { queryRows } from '../db/direct-reads.ts';
import { storableIds } from '../db/pages.ts';
import { InvalidArgument } from './invalid-argument.ts';
import { parseGlobalId, type NodeTypeName } from './global-id.ts';

/**
 * Kinds of natural keys that filters accept: codes (ISO 3166-1 alpha-2, acronyms), weapon-system
 * names, and the names and aliases of actors and officials.
 */
type KeyKind = 'iso' | 'acronym' | 'system' | 'actorName' | 'officialName' | 'topicName';

interface Found {
  kind: KeyKind;
  key: string;
  id: number | null;
  /**
   * For systems: the spelling recorded (a system may be written "THAAD" or "Thaad"); for actors
   * found by name: their kind (COUNTRY, ORGANIZATION) and name, as `COUNTRY:China`; for officials:
   * their name.
   */
  name: string | null;
}

/** What a lookup accepts: global IDs of these types, these kinds of key, and for actor names, these kinds of actor. */
interface Accepted {
  types: NodeTypeName[];
  keys: KeyKind[];
  actorKinds?: Array<'COUNTRY' | 'ORGANIZATION'>;
}

/** Codes name one record each; names and aliases are looked up only when no code matches. */
const codeKinds: KeyKind[] = ['iso', 'acronym', 'system'];

/** For each kind of code that names an actor: the condition that the value `w.key` names none. */
const notAnActorCode: Partial<Record<KeyKind, Prisma.Sql>> = {
  iso: Prisma.sql`NOT EXISTS (SELECT 1 FROM "Country" AS c WHERE c."isoCode" = CAST(w.key AS bpchar))`,
  acronym: Prisma.sql`NOT EXISTS (SELECT 1 FROM "Organization" AS o WHERE upper(o.acronym) = w.key)`,
};

/** A value looked up, and the keys it is looked up under (one per kind of key it may be). */
interface Lookup {
  value: string;
  keys: string[];
}

/** A resolution whose lookup a statement runs itself (`deferred`), checked on that statement's rows. */
interface PendingResolution {
  lookups: Lookup[];
  argumentName: string;
  accept: Accepted;
  what: string;
}

/** The table of a statement's deferred lookups (`References.lookupCte`). */
const lookupTable = Prisma.raw('"_lookup"');

/** Whether a row `r` of the deferred lookups was found under one of `keys` (as `rowsByKey` files it). */
const foundUnder = (keys: readonly string[]) => Prisma.sql`r.kind || ':' || r.key = ANY(${keys}::text[])`;

/** Row ids, or (deferred) an SQL subquery that gives them as an int[]. */
export type Ids = number[] | Prisma.Sql;

function rowsByKey(rows: readonly Found[]): Map<string, Found[]> {
  const byKey = new Map<string, Found[]>();
  for (const row of rows) {
    const key = `${row.kind}:${row.key}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return byKey;
}

/**
 * The records each value names, by the rows found under its keys: its code matches, else its one
 * match by name; a value that names nothing, or the name of several records, is refused.
 */
function chosen(answers: Array<{ value: string; rows: ReadonlyArray<Found | Error> }>, argumentName: string, accept: Accepted, what: string): Found[] {
  const found: Found[] = [];
  for (const { value, rows } of answers) {
    const matches = rows.filter((row): row is Found => !(row instanceof Error));
    const byCode = matches.filter((row) => codeKinds.includes(row.kind));
    if (byCode.length > 0) {
      found.push(...byCode);
      continue;
    }
    const byName = [
      ...new Map(
        matches
          .filter((row) => accept.actorKinds === undefined || accept.actorKinds.some((kind) => row.name?.startsWith(`${kind}:`)))
          .map((row) => [row.id, row]),
      ).values(),
    ].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
    if (byName.length === 0) {
      throw new InvalidArgument(`Argument "${argumentName}" has ${JSON.stringify(value)}, which names no recorded ${what}`, argumentName);
    }
    if (byName.length > 1) {
      const named = byName.map((row) => (row.name ?? '').replace(/^[A-Z]+:/, '')).join('; ');
      throw new InvalidArgument(
        `Argument "${argumentName}" has ${JSON.stringify(value)}, which is the name or an alias of ${byName.length} records (${named}): give a code or an ID instead`,
        argumentName,
      );
    }
    found.push(...byName);
  }
  return found;
}

/**
 * Resolves the domain's natural keys in filters (ISO codes, organization acronyms, weapon-system
 * names; the names and aliases of countries, organizations and officials) to rows, for one
 * request: every lookup of a tick is one SQL statement. A code wins over a name ("US" is the
 * United States even if an organization were called "US"). A key that names nothing recorded is
 * a client mistake (a typo), and so is a name that is the name or alias of several records:
 * both are reported as BAD_USER_INPUT naming the argument.
 * Global IDs are accepted wherever an entity is named and are not looked up: like `node(id:)`,
 * a well-formed ID of nothing simply matches nothing.
 */
export class References {
  private readonly loader: DataLoader<string, Found[]>;
  /** The resolutions left to the statement that uses them (`deferred`), to be checked on its rows. */
  private readonly pending: PendingResolution[] | null;

  /**
   * With `deferred`, no lookup statement is sent: the ids (or systems) come back as a subquery that
   * the statement using them runs itself, from the lookup it starts with (`lookupCte`), and that
   * statement reads the lookup's rows too (`lookupRowsSql`), which `checkLookupRows` then holds to
   * the same rules. One statement fewer for a root list's page (the benchmark's filtered page: one
   * statement instead of two).
   * Only for a statement that is sent at once and checked before anything else uses its answer.
   */
  constructor(
    private readonly prisma: PrismaClient,
    { deferred = false }: { deferred?: boolean } = {},
  ) {
    this.loader = new DataLoader((keys) => this.lookUp(keys));
    this.pending = deferred ? [] : null;
  }

  /** The lookup of `keys` as one statement (branches joined by UNION ALL) of rows shaped as `Found`. */
  private lookupSql(keys: readonly string[]): Prisma.Sql {
    const wanted: Record<KeyKind, string[]> = { iso: [], acronym: [], system: [], actorName: [], officialName: [], topicName: [] };
    for (const key of new Set(keys)) {
      const colon = key.indexOf(':');
      wanted[key.slice(0, colon) as KeyKind].push(key.slice(colon + 1));
    }
    const branches: Prisma.Sql[] = [];
    if (wanted.iso.length > 0) {
      branches.push(
        Prisma.sql`SELECT 'iso' AS kind, c."isoCode"::text AS key, c.id, NULL::text AS name FROM "Country" AS c WHERE c."isoCode" = ANY(${wanted.iso}::bpchar[])`,
      );
    }
    if (wanted.acronym.length > 0) {
      branches.push(
        Prisma.sql`SELECT 'acronym' AS kind, upper(o.acronym) AS key, o.id, NULL::text AS name FROM "Organization" AS o WHERE upper(o.acronym) = ANY(${wanted.acronym}::text[])`,
      );
    }
    if (wanted.system.length > 0) {
      branches.push(
        Prisma.sql`SELECT DISTINCT 'system' AS kind, upper(d.system) AS key, NULL::int AS id, d.system AS name FROM "Deployment" AS d WHERE upper(d.system) = ANY(${wanted.system}::text[])`,
      );
    }
    // Matching names compares every value with every actor's name and aliases: the lookup's most
    // costly part (0.47 of 0.83 ms for "RU" and "CN" on the benchmark's graph). A value is matched
    // by name only where none of the codes its key lists (`iso+acronym/RU`) names a record, since
    // `resolve` takes a value's code matches over its names.
    const actorNamesByCodes = new Map<string, string[]>();
    for (const request of wanted.actorName) {
      const slash = request.indexOf('/');
      const codes = request.slice(0, slash);
      actorNamesByCodes.set(codes, [...(actorNamesByCodes.get(codes) ?? []), request.slice(slash + 1)]);
    }
    for (const [codes, values] of actorNamesByCodes) {
      const noCode = Prisma.join([Prisma.sql`TRUE`, ...codes.split('+').flatMap((kind) => notAnActorCode[kind as KeyKind] ?? [])], ' AND ');
      branches.push(
        Prisma.sql`SELECT 'actorName' AS kind, ${`${codes}/`} || w.key AS key, a.id, a.kind::text || ':' || a.name AS name
          FROM (SELECT w.key FROM unnest(${values}::text[]) AS w(key) WHERE ${noCode}) AS w
          JOIN "Actor" AS a ON upper(a.name) = w.key OR w.key = ANY(SELECT upper(alias) FROM unnest(a.aliases) AS alias)`,
      );
    }
    if (wanted.officialName.length > 0) {
      branches.push(
        Prisma.sql`SELECT 'officialName' AS kind, w.key, o.id, o.name FROM unnest(${wanted.officialName}::text[]) AS w(key)
          JOIN "Official" AS o ON upper(o.name) = w.key OR w.key = ANY(SELECT upper(alias) FROM unnest(o.aliases) AS alias)`,
      );
    }
    if (wanted.topicName.length > 0) {
      branches.push(
        Prisma.sql`SELECT 'topicName' AS kind, w.key, t.id, t.name FROM unnest(${wanted.topicName}::text[]) AS w(key)
          JOIN "Topic" AS t ON upper(t.name) = w.key OR w.key = ANY(SELECT upper(alias) FROM unnest(t.aliases) AS alias)`,
      );
    }
    return Prisma.join(branches, ' UNION ALL ');
  }

  private async lookUp(keys: readonly string[]): Promise<Found[][]> {
    const byKey = rowsByKey(await queryRows<Found>(this.prisma, this.lookupSql(keys)));
    return keys.map((key) => byKey.get(key) ?? []);
  }

  /** The values given by global ID (found without a lookup), and the keys under which each other value is looked up. */
  private keysOf(values: string[], argumentName: string, accept: Accepted, what: string): { found: Found[]; lookups: Lookup[] } {
    const found: Found[] = [];
    const lookups: Lookup[] = [];
    for (const value of values) {
      const decoded = accept.types.length > 0 ? parseGlobalId(value) : null;
      if (decoded) {
        if (!accept.types.includes(decoded.typeName)) {
          throw new InvalidArgument(`Argument "${argumentName}" takes ${what}; ${JSON.stringify(value)} is the ID of a ${decoded.typeName}`, argumentName);
        }
        found.push({ kind: 'iso', key: value, id: decoded.rowId, name: null });
        continue;
      }
      const upper = value.trim().replace(/\s+/g, ' ').toUpperCase();
      const kinds = accept.keys.filter((kind) => kind !== 'iso' || /^[A-Z]{2}$/.test(upper));
      // An actor's name key lists the codes looked up beside it: its names are matched only where they find nothing.
      const codes = kinds.filter((kind) => codeKinds.includes(kind)).join('+');
      const keys = kinds.map((kind) => (kind === 'actorName' ? `actorName:${codes}/${upper}` : `${kind}:${upper}`));
      lookups.push({ value, keys });
    }
    return { found, lookups };
  }

  private async resolve(values: string[], argumentName: string, accept: Accepted, what: string): Promise<Found[]> {
    const { found, lookups } = this.keysOf(values, argumentName, accept, what);
    const answers = await Promise.all(lookups.map(async ({ value, keys }) => ({ value, rows: (await this.loader.loadMany(keys)).flat() })));
    return [...found, ...chosen(answers, argumentName, accept, what)];
  }

  /**
   * Leaves the lookup of these values to the statement that uses what it finds: the ids of the
   * values given by global ID, and the keys the others are looked up under (in `lookupCte`'s rows;
   * none when there are none).
   */
  private defer(pending: PendingResolution[], values: string[], argumentName: string, accept: Accepted, what: string): { known: number[]; keys: string[] } {
    const { found, lookups } = this.keysOf(values, argumentName, accept, what);
    const known = storableIds(found.map((row) => row.id ?? 0));
    if (lookups.length > 0) pending.push({ lookups, argumentName, accept, what });
    return { known, keys: lookups.flatMap((lookup) => lookup.keys) };
  }

  /**
   * The ids of the records these values name; deferred, a subquery that gives them from the lookup's
   * rows. It picks what the rules pick whenever `checkLookupRows` accepts those rows: a value's code
   * matches (the lookup reads its names only where no code matches), else its one match by name.
   */
  private async ids(values: string[], argumentName: string, accept: Accepted, what: string): Promise<Ids> {
    if (!this.pending) return storableIds((await this.resolve(values, argumentName, accept, what)).map((row) => row.id ?? 0));
    const { known, keys } = this.defer(this.pending, values, argumentName, accept, what);
    if (keys.length === 0) return known;
    const ofKind = accept.actorKinds ? Prisma.sql`r.kind <> 'actorName' OR split_part(r.name, ':', 1) = ANY(${accept.actorKinds}::text[])` : Prisma.sql`TRUE`;
    return Prisma.sql`(SELECT ${known}::int[] || coalesce(array_agg(r.id), '{}') FROM ${lookupTable} AS r WHERE ${foundUnder(keys)} AND (${ofKind}))`;
  }

  /**
   * The common table expression of every deferred lookup, `WITH "_lookup" AS MATERIALIZED (…)`,
   * which the statements using the ids start with (null when nothing was deferred): the lookup is
   * planned and run once, where a subquery of its own in each place that reads it (the ids, the
   * rows checked) was planned and run in each. Planning it is most of its cost: the benchmark's
   * filtered page cost PostgreSQL 2.5–2.6 ms of CPU with it, 2.7–3.0 ms without
   * (docs/benchmarks.md).
   */
  lookupCte(): Prisma.Sql | null {
    if (!this.pending || this.pending.length === 0) return null;
    const keys = this.pending.flatMap(({ lookups }) => lookups.flatMap((lookup) => lookup.keys));
    return Prisma.sql`WITH ${lookupTable} AS MATERIALIZED (${this.lookupSql(keys)})`;
  }

  /** The rows of every deferred lookup, as the JSON text of one array, read from `lookupCte`'s table; null when nothing was deferred. */
  lookupRowsSql(): Prisma.Sql | null {
    if (!this.pending || this.pending.length === 0) return null;
    return Prisma.sql`(SELECT coalesce(json_agg(r), '[]')::text FROM ${lookupTable} AS r)`;
  }

  /** Holds the rows `lookupRowsSql` read to the rules of a lookup: throws the InvalidArgument the lookup would have. */
  checkLookupRows(rowsJson: string | null): void {
    if (!this.pending || this.pending.length === 0) return;
    const byKey = rowsByKey(JSON.parse(rowsJson ?? '[]') as Found[]);
    for (const { lookups, argumentName, accept, what } of this.pending) {
      chosen(
        lookups.map(({ value, keys }) => ({ value, rows: keys.flatMap((key) => byKey.get(key) ?? []) })),
        argumentName,
        accept,
        what,
      );
    }
  }

  /** Countries and organizations: ISO 3166-1 alpha-2 codes, organization acronyms, names, aliases, or IDs. */
  actorIds(values: string[], argumentName: string): Promise<Ids> {
    return this.ids(
      values,
      argumentName,
      { types: ['Country', 'Organization'], keys: ['iso', 'acronym', 'actorName'] },
      'country or organization (an ISO 3166-1 alpha-2 code, an acronym, a name, an alias, or an ID)',
    );
  }

  /** Countries: ISO 3166-1 alpha-2 codes, names, aliases or Country IDs. */
  countryIds(values: string[], argumentName: string): Promise<Ids> {
    return this.ids(
      values,
      argumentName,
      { types: ['Country'], keys: ['iso', 'actorName'], actorKinds: ['COUNTRY'] },
      'country (an ISO 3166-1 alpha-2 code, a name, an alias, or a Country ID)',
    );
  }

  /** Organizations: acronyms, names, aliases or Organization IDs. */
  organizationIds(values: string[], argumentName: string): Promise<Ids> {
    return this.ids(
      values,
      argumentName,
      { types: ['Organization'], keys: ['acronym', 'actorName'], actorKinds: ['ORGANIZATION'] },
      'organization (an acronym, a name, an alias, or an Organization ID)',
    );
  }

  /** Officials: names, aliases or Official IDs. */
  officialIds(values: string[], argumentName: string): Promise<Ids> {
    return this.ids(values, argumentName, { types: ['Official'], keys: ['officialName'] }, 'official (a name, an alias, or an Official ID)');
  }

  /** Topics: names or aliases in any case, or Topic IDs. */
  topicIds(values: string[], argumentName: string): Promise<Ids> {
    return this.ids(values, argumentName, { types: ['Topic'], keys: ['topicName'] }, 'topic (a name, an alias, or a Topic ID)');
  }

  /** Weapon systems by short name, any case: the spellings recorded on deployments (deferred, a subquery that gives them). */
  async systems(values: string[], argumentName: string): Promise<string[] | Prisma.Sql> {
    const accept: Accepted = { types: [], keys: ['system'] };
    const what = 'weapon system of a deployment (a short name such as "THAAD")';
    if (!this.pending) {
      const found = await this.resolve(values, argumentName, accept, what);
      return [...new Set(found.map((row) => row.name).filter((name): name is string => name !== null))];
    }
    const { keys } = this.defer(this.pending, values, argumentName, accept, what);
    return keys.length > 0 ? Prisma.sql`(SELECT coalesce(array_agg(DISTINCT r.name), '{}') FROM ${lookupTable} AS r WHERE ${foundUnder(keys)})` : [];
  }
}
