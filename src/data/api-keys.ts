import type { ApiKey as ApiKeyRow, PrismaClient } from '../generated/prisma/client.ts';
import { ChangeAction, type Write } from './write.ts';
import { UserErrorCode } from './user-errors.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyRole } from '../generated/prisma/enums.ts';

/**
 * A key is `sgk_` followed by 43 random base64url characters (256 bits), shown once when it is
 * created; the database keeps only its SHA-256 and its first characters (src/graphql/auth.ts).
 */
export const API_KEY_PREFIX = 'sgk_';
/** How many leading characters of a key are stored and shown to tell keys apart (prefix + 8). */
const SHOWN_LENGTH = API_KEY_PREFIX.length + 8;
export const KEY_PATTERN = /^sgk_[A-Za-z0-9_-]{43}$/;

/** Whether a text has the form of an API key (a malformed one is refused before any lookup). */
export const isWellFormedApiKey = (text: string): boolean => KEY_PATTERN.test(text);

export interface NewApiKey {
  /** The key itself: shown once, never stored. */
  key: string;
  /** Its first characters, stored and shown in lists. */
  prefix: string;
  /** SHA-256 of the key, hex: what is stored and looked up. */
  keyHash: string;
}

export function generateApiKey(): NewApiKey {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, SHOWN_LENGTH), keyHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Labels the system records as createdBy itself. */
export const RESERVED_KEY_NAMES = ['seed', 'cli'];
const NAME = /^[A-Za-z0-9._@-](?:[A-Za-z0-9 ._@-]{0,62}[A-Za-z0-9._@-])?$/;

/** API key IDs look like node IDs (base64 of `ApiKey:<id>`) but keys are not nodes: `node(id:)` does not fetch them. */
export function encodeApiKeyId(rowId: number): string {
  return Buffer.from(`ApiKey:${rowId}`, 'utf8').toString('base64');
}

export function decodeApiKeyId(id: string): number | null {
  const match = /^ApiKey:([1-9][0-9]{0,9})$/.exec(Buffer.from(id, 'base64').toString('utf8'));
  const rowId = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(rowId) && rowId <= 2_147_483_647 && encodeApiKeyId(rowId) === id ? rowId : null;
}

/** An API key as the API shows it (never the key itself nor its hash). */
export type ApiKeyRecord = Omit<ApiKeyRow, 'id' | 'keyHash'> & { rowId: number; id: string };

export function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    rowId: row.id,
    id: encodeApiKeyId(row.id),
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    revokedAt: row.revokedAt,
    revokedBy: row.revokedBy,
  };
}

export async function listApiKeys(prisma: PrismaClient): Promise<ApiKeyRecord[]> {
  return (await prisma.apiKey.findMany({ orderBy: { id: 'asc' } })).map(toApiKey);
}

/** Creates a key; returns it with the key itself, which nothing stores. */
export async function createApiKey(w: Write, input: { name: string; role: ApiKeyRole }): Promise<{ apiKey: ApiKeyRecord; key: string }> {
  const name = input.name.trim();
  if (!NAME.test(name)) {
    w.abort(
      ['input', 'name'],
      name === '' ? 'must not be blank' : 'must be 1 to 64 characters: letters, digits, space and . _ @ -',
      name === '' ? UserErrorCode.BLANK : UserErrorCode.INVALID,
    );
  }
  if (RESERVED_KEY_NAMES.includes(name.toLowerCase()))
    w.abort(['input', 'name'], `"${name}" is reserved for what the system records itself`, UserErrorCode.TAKEN);
  if (await w.tx.apiKey.findUnique({ where: { name } })) w.abort(['input', 'name'], `a key named "${name}" already exists`, UserErrorCode.TAKEN);
  const generated = generateApiKey();
  const row = await w.tx.apiKey.create({ data: { name, role: input.role, prefix: generated.prefix, keyHash: generated.keyHash, createdBy: w.actor } });
  await w.log(ChangeAction.CREATE, 'ApiKey', row.id, { name, role: input.role, prefix: generated.prefix });
  return { apiKey: toApiKey(row), key: generated.key };
}

export async function revokeApiKey(w: Write, input: { id: string }): Promise<ApiKeyRecord> {
  const rowId = decodeApiKeyId(input.id);
  if (rowId === null) w.abort(['input', 'id'], `${JSON.stringify(input.id)} is not the ID of an API key`, UserErrorCode.INVALID_ID);
  const found = await w.tx.apiKey.findUnique({ where: { id: rowId } });
  if (!found) w.abort(['input', 'id'], 'no API key has this ID', UserErrorCode.NOT_FOUND);
  if (found.revokedAt !== null) return toApiKey(found);
  const row = await w.tx.apiKey.update({ where: { id: rowId }, data: { revokedAt: new Date(), revokedBy: w.actor } });
  await w.log(ChangeAction.REVOKE, 'ApiKey', row.id, { name: row.name, role: row.role, prefix: row.prefix });
  return toApiKey(row);
}
