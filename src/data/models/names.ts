/**
 * How countries, organizations and officials are known by name, for every write that matches or
 * merges them (the import, countryMerge, organizationMerge, officialMerge):
 * - a record is designated by a name (with aliases) when the name is its name or one of its
 *   aliases, or when its name is one of the aliases given;
 * - the other names a record is known by (a document's name for it, a merged duplicate's name
 *   and aliases) become its aliases, without duplicates and without its own name.
 */
import type { Prisma } from '../../generated/prisma/client.ts';
import { cleanAliases, mergeAliases } from '../rules.ts';

/** Where-clauses (OR) of the records a name with aliases designates. */
export function namedWhere(name: string, aliases: readonly string[]): Array<Prisma.ActorWhereInput & Prisma.OfficialWhereInput> {
  return [{ name }, { aliases: { has: name } }, ...(aliases.length > 0 ? [{ name: { in: [...aliases] } }] : [])];
}

/** A record's aliases once `other`'s name and aliases are added; null when nothing is new. */
export function aliasesWith(record: { name: string; aliases: string[] }, other: { name: string; aliases: readonly string[] }): string[] | null {
  return mergeAliases(record.aliases, cleanAliases([other.name, ...other.aliases], record.name), record.name);
}
