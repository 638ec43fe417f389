/**
 * Trusted documents (persisted operations as an allow-list): with TRUSTED_DOCUMENTS set, the
 * server runs only the operations of that file, the `persisted-documents.json` that GraphQL Code
 * Generator's client preset emits: `{ "sha256:<hash of the document>": "<document>" }` (the
 * `sha256:` prefix is optional).
 *
 * A client names a document by its hash, in either of the usual ways:
 * - `{ "documentId": "<hash>" }` (or `"sha256:<hash>"`), the GraphQL-over-HTTP persisted
 *   documents proposal;
 * - `{ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": "<hash>" } } }`, what
 *   Apollo Client's persisted query link sends;
 * or sends the full text of a registered document. Anything else is refused before it is parsed.
 *
 * The web app the server serves (web/) names its own documents by hash when the server runs
 * TRUSTED_DOCUMENTS: its build's persisted-documents.json is read beside the operator's file.
 */
import { RequestError } from './request-io.ts';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse, validate, type GraphQLSchema } from 'graphql';

export interface TrustedDocuments {
  /** The manifests read, the operator's first. */
  readonly files: readonly string[];
  readonly byHash: ReadonlyMap<string, string>;
  readonly texts: ReadonlySet<string>;
}

/** The file named by TRUSTED_DOCUMENTS is unusable; the message is one line. */
export class TrustedDocumentsError extends Error {
  override name = 'TrustedDocumentsError';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A document id as clients and the client preset write it: `<hex>` or `sha256:<hex>`. */
const normalizeId = (id: string) => id.replace(/^sha256:/i, '').toLowerCase();

/** Reads and checks the allow-list, one or more manifests: JSON, hash → document, each document valid against `schema`. */
export async function loadTrustedDocuments(files: readonly string[], schema: GraphQLSchema): Promise<TrustedDocuments> {
  const byHash = new Map<string, string>();
  for (const file of files) await readManifest(file, schema, byHash);
  return { files, byHash, texts: new Set(byHash.values()) };
}

async function readManifest(file: string, schema: GraphQLSchema, byHash: Map<string, string>): Promise<void> {
  const fail = (why: string): never => {
    throw new TrustedDocumentsError(`TRUSTED_DOCUMENTS ${file}: ${why}`);
  };
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    fail(`cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    fail('is not JSON');
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    fail('must be a JSON object of document hash to document text, as the client preset writes to persisted-documents.json');
  }
  for (const [hash, document] of Object.entries(manifest as Record<string, unknown>)) {
    if (typeof document !== 'string') fail(`the entry ${JSON.stringify(hash)} is not a document text`);
    let errors: readonly Error[];
    try {
      errors = validate(schema, parse(document as string));
    } catch (error) {
      errors = [error as Error];
    }
    if (errors.length > 0) fail(`the document ${JSON.stringify(hash)} does not fit the schema: ${errors[0]!.message.split('\n')[0]}`);
    byHash.set(normalizeId(hash), document as string);
  }
}

/** The GraphQL-over-HTTP request parameters this module looks at. */
export interface OperationParams {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
  [other: string]: unknown;
}

export type TrustedResolution =
  { ok: true; params: OperationParams } | { ok: false; code: 'PERSISTED_QUERY_NOT_IN_LIST' | 'QUERY_NOT_IN_SAFELIST'; message: string };

function persistedQueryHash(extensions: unknown): unknown {
  if (extensions === null || typeof extensions !== 'object') return undefined;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (persisted === null || typeof persisted !== 'object') return undefined;
  return (persisted as { sha256Hash?: unknown }).sha256Hash;
}

/**
 * Turns a request for a trusted document into a plain one (`query` = the document text, no
 * `documentId` and no `persistedQuery` extension), or refuses it.
 */
export function resolveTrustedDocument(params: OperationParams, trusted: TrustedDocuments): TrustedResolution {
  const rawId = params.documentId ?? persistedQueryHash(params.extensions);
  if (rawId !== undefined && rawId !== null) {
    const id = typeof rawId === 'string' ? normalizeId(rawId) : '';
    const document = trusted.byHash.get(id);
    if (document === undefined) {
      return { ok: false, code: 'PERSISTED_QUERY_NOT_IN_LIST', message: `No trusted document has the id ${JSON.stringify(rawId)}.` };
    }
    if (typeof params.query === 'string' && params.query !== document) {
      return { ok: false, code: 'QUERY_NOT_IN_SAFELIST', message: 'The query sent differs from the trusted document of that id.' };
    }
    const { documentId: _documentId, extensions, ...rest } = params;
    const { persistedQuery: _persistedQuery, ...otherExtensions } = (extensions ?? {}) as Record<string, unknown>;
    return {
      ok: true,
      params: { ...rest, query: document, ...(Object.keys(otherExtensions).length > 0 ? { extensions: otherExtensions } : {}) },
    };
  }
  if (typeof params.query === 'string' && (trusted.texts.has(params.query) || trusted.byHash.has(sha256(params.query)))) {
    return { ok: true, params };
  }
  return {
    ok: false,
    code: 'QUERY_NOT_IN_SAFELIST',
    message: 'This server runs trusted documents only: send the id of a registered operation (documentId or the persistedQuery extension).',
  };
}

/** The operation a request's parameters name among the trusted documents; 400 when it names none. */
export function trustedParams(params: OperationParams, documents: TrustedDocuments): OperationParams {
  const resolution = resolveTrustedDocument(params, documents);
  if (!resolution.ok) throw new RequestError(400, resolution.code, resolution.message);
  return resolution.params;
}

/** A GET request's query string with the trusted document it names in place of its id. */
export function trustedSearch(searchParams: URLSearchParams, documents: TrustedDocuments): string {
  let extensions: unknown;
  try {
    extensions = searchParams.has('extensions') ? JSON.parse(searchParams.get('extensions')!) : undefined;
  } catch {
    throw new RequestError(400, 'BAD_REQUEST', 'The extensions parameter is not valid JSON.');
  }
  const params = trustedParams(
    { query: searchParams.get('query') ?? undefined, documentId: searchParams.get('documentId') ?? undefined, extensions },
    documents,
  );
  const rewritten = new URLSearchParams(searchParams);
  rewritten.delete('documentId');
  rewritten.set('query', params.query as string);
  if (params.extensions) rewritten.set('extensions', JSON.stringify(params.extensions));
  else rewritten.delete('extensions');
  return `?${rewritten.toString()}`;
}
