/**
 * API keys and roles.
 *
 * A key is `sgk_` followed by 43 random base64url characters (256 bits), shown once when it is
 * created; the database keeps only its SHA-256 (a key has far too much entropy for the fast hash
 * to be guessable, so no slow password hash is needed) and its first characters, to tell keys
 * apart in lists. Clients send it as `Authorization: Bearer <key>`.
 *
 * Roles are ordered: READER < EDITOR < ADMIN. Reading needs no key unless REQUIRE_AUTH_FOR_READ
 * is set; every mutation needs EDITOR; key management and the change log need ADMIN. A key that
 * is sent but is malformed, unknown or revoked is refused (UNAUTHENTICATED) even where no key is
 * needed, so that a client never silently works with less access than it thinks it has.
 *
 * Keys never appear in messages or logs: errors say what is wrong with a key, never the key.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { ApiKeyRole } from '../generated/prisma/enums.ts';
import { hashApiKey, isWellFormedApiKey } from '../data/api-keys.ts';

export { ApiKeyRole };

/** Who sends the request. */
export type Caller = { kind: 'anonymous' } | { kind: 'apiKey'; keyId: number; name: string; role: ApiKeyRole };

export const anonymous: Caller = { kind: 'anonymous' };

const rank: Record<ApiKeyRole, number> = { READER: 1, EDITOR: 2, ADMIN: 3 };

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } },
  });
}

/**
 * The caller of a request, from its Authorization header. Throws UNAUTHENTICATED (HTTP 401) when
 * a key is sent but is not a valid one, or when none is sent and reading needs one.
 */
export async function authenticate(
  prisma: PrismaClient,
  headers: IncomingHttpHeaders,
  { requireAuthForRead }: { requireAuthForRead: boolean },
): Promise<Caller> {
  const header = headers.authorization;
  if (header === undefined || header.trim() === '') {
    if (requireAuthForRead) throw unauthenticated('This API needs an API key: send it as "Authorization: Bearer <key>"');
    return anonymous;
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <key>"');
  const key = match[1] as string;
  if (!isWellFormedApiKey(key)) throw unauthenticated('The API key is not valid');
  const found = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(key) }, select: { id: true, name: true, role: true, revokedAt: true } });
  if (!found || found.revokedAt !== null) throw unauthenticated('The API key is not valid (unknown or revoked)');
  return { kind: 'apiKey', keyId: found.id, name: found.name, role: found.role };
}

const article = (role: ApiKeyRole) => (/^[AEIOU]/.test(role) ? 'an' : 'a');

/** Throws UNAUTHENTICATED without a key, FORBIDDEN with a key whose role is below `role`. */
export function requireRole(caller: Caller, role: ApiKeyRole): Extract<Caller, { kind: 'apiKey' }> {
  if (caller.kind === 'anonymous') {
    throw new GraphQLError(`This needs an API key with the ${role} role: send it as "Authorization: Bearer <key>"`, {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  if (rank[caller.role] < rank[role]) {
    throw new GraphQLError(`This needs ${article(role)} ${role} key; the key "${caller.name}" is ${article(caller.role)} ${caller.role} key`, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return caller;
}

/** The label recorded as createdBy/updatedBy and in the change log for what the caller changes. */
export function callerLabel(caller: Caller): string | null {
  return caller.kind === 'apiKey' ? caller.name : null;
}
