import DataLoader from 'dataloader';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { maxRowId } from '../db/pages.ts';
import { InvalidArgument } from './invalid-argument.ts';
import { decodeGlobalId, type DecodedGlobalId, type NodeTypeName } from './global-id.ts';

/** Kinds of natural keys that filters accept. */
type KeyKind = 'iso' | 'acronym' | 'system';

interface Found {
  kind: KeyKind;
  key: string;
  id: number | null;
  /** For systems: the spelling recorded (a system may be written "THAAD" or "Thaad"). */
  name: string | null;
}

function tryDecodeGlobalId(value: string): DecodedGlobalId | null {
  try {
    return decodeGlobalId(value);
  } catch {
    return null;
  }
}

/** Ids beyond PostgreSQL's integer name nothing; leave them out of SQL parameters. */
export function storableIds(ids: number[]): number[] {
  return ids.filter((id) => id <= maxRowId);
}

/**
 * Resolves the domain's natural keys in filters (ISO codes, organization acronyms, weapon-system
 * names) to rows, for one request: every lookup of a tick is one SQL statement. A key that names
 * nothing recorded is a client mistake (a typo), reported as BAD_USER_INPUT naming the argument.
 * Global IDs are accepted wherever an entity is named and are not looked up: like `node(id:)`,
 * a well-formed ID of nothing simply matches nothing.
 */
export class References {
  private readonly loader: DataLoader<string, Found[]>;

  constructor(private readonly prisma: PrismaClient) {
    this.loader = new DataLoader((keys) => this.lookUp(keys));
  }

  private async lookUp(keys: readonly string[]): Promise<Found[][]> {
    const wanted: Record<KeyKind, string[]> = { iso: [], acronym: [], system: [] };
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
    const rows = await this.prisma.$queryRaw<Found[]>`${Prisma.join(branches, ' UNION ALL ')}`;
    const byKey = new Map<string, Found[]>();
    for (const row of rows) {
      const key = `${row.kind}:${row.key}`;
      byKey.set(key, [...(byKey.get(key) ?? []), row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  }

  private async resolve(values: string[], argumentName: string, accept: { types: NodeTypeName[]; keys: KeyKind[] }, what: string): Promise<Found[]> {
    const found: Found[] = [];
    const lookups: Array<{ value: string; keys: string[] }> = [];
    for (const value of values) {
      const decoded = accept.types.length > 0 ? tryDecodeGlobalId(value) : null;
      if (decoded) {
        if (!accept.types.includes(decoded.typeName)) {
          throw new InvalidArgument(`Argument "${argumentName}" takes ${what}; ${JSON.stringify(value)} is the ID of a ${decoded.typeName}`, argumentName);
        }
        found.push({ kind: 'iso', key: value, id: decoded.rowId, name: null });
        continue;
      }
      const upper = value.trim().toUpperCase();
      const keys = accept.keys.filter((kind) => kind !== 'iso' || /^[A-Z]{2}$/.test(upper)).map((kind) => `${kind}:${upper}`);
      lookups.push({ value, keys });
    }
    const answers = await Promise.all(lookups.map(async ({ value, keys }) => ({ value, rows: (await this.loader.loadMany(keys)).flat() })));
    for (const { value, rows } of answers) {
      const matches = rows.filter((row): row is Found => !(row instanceof Error));
      if (matches.length === 0) {
        throw new InvalidArgument(`Argument "${argumentName}" has ${JSON.stringify(value)}, which names no recorded ${what}`, argumentName);
      }
      found.push(...matches);
    }
    return found;
  }

  /** Countries and organizations: ISO 3166-1 alpha-2 codes, organization acronyms, or their IDs. */
  async actorIds(values: string[], argumentName: string): Promise<number[]> {
    const found = await this.resolve(
      values,
      argumentName,
      { types: ['Country', 'Organization'], keys: ['iso', 'acronym'] },
      'country or organization (an ISO 3166-1 alpha-2 code, an acronym, or an ID)',
    );
    return storableIds(found.map((row) => row.id ?? 0));
  }

  /** Countries: ISO 3166-1 alpha-2 codes or Country IDs. */
  async countryIds(values: string[], argumentName: string): Promise<number[]> {
    const found = await this.resolve(values, argumentName, { types: ['Country'], keys: ['iso'] }, 'country (an ISO 3166-1 alpha-2 code or a Country ID)');
    return storableIds(found.map((row) => row.id ?? 0));
  }

  /** Organizations: acronyms or Organization IDs. */
  async organizationIds(values: string[], argumentName: string): Promise<number[]> {
    const found = await this.resolve(values, argumentName, { types: ['Organization'], keys: ['acronym'] }, 'organization (an acronym or an Organization ID)');
    return storableIds(found.map((row) => row.id ?? 0));
  }

  /** Weapon systems by short name, any case; returns the spellings recorded on deployments. */
  async systems(values: string[], argumentName: string): Promise<string[]> {
    const found = await this.resolve(values, argumentName, { types: [], keys: ['system'] }, 'weapon system of a deployment (a short name such as "THAAD")');
    return [...new Set(found.map((row) => row.name).filter((name): name is string => name !== null))];
  }
}
