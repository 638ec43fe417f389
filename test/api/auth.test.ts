/**
 * Who may do what: reading is open (REQUIRE_AUTH_FOR_READ is unset here; see auth-read.test.ts);
 * every mutation needs an EDITOR key, key management and the change log an ADMIN key. A missing
 * or wrong key is UNAUTHENTICATED, too weak a role FORBIDDEN. Keys are shown once, stored hashed,
 * revocable, and never appear in responses or in the server's logs.
 */
import { describe, expect, it } from 'vitest';
import { expectOk, useCurationServer, userErrorFields, type Caller } from '../support/curation.ts';
import { runScript } from '../support/process.ts';

const api = useCurationServer();
const seen: string[] = []; // every key this file sends or receives

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputField {
  name: string;
  type: TypeRef;
  defaultValue: string | null;
}

/** A syntactically valid value for an input type: the auth check comes before any validation. */
function sample(type: TypeRef, inputs: Map<string, InputField[]>, enums: Map<string, string[]>): string {
  if (type.kind === 'NON_NULL') return sample(type.ofType as TypeRef, inputs, enums);
  if (type.kind === 'LIST') return '[]';
  if (type.kind === 'ENUM') return (enums.get(type.name as string) as string[])[0] as string;
  if (type.kind === 'INPUT_OBJECT') {
    const fields = (inputs.get(type.name as string) ?? []).filter((f) => f.type.kind === 'NON_NULL' && f.defaultValue === null);
    return `{ ${fields.map((f) => `${f.name}: ${sample(f.type, inputs, enums)}`).join(', ')} }`;
  }
  switch (type.name) {
    case 'Int':
      return '1';
    case 'Boolean':
      return 'false';
    case 'Date':
      return '"2016-07-28"';
    case 'DateTime':
      return '"2016-07-28T00:00:00Z"';
    default:
      return '"Q291bnRyeTox"'; // String and ID
  }
}

async function everyMutation(): Promise<{ name: string; operation: string }[]> {
  const { __schema } = await api.data(
    'anonymous',
    `{ __schema {
    mutationType { fields { name args { name type { kind name ofType { kind name ofType { kind name } } } } } }
    types { kind name enumValues { name } inputFields { name defaultValue type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } }
  } }`,
  );
  const inputs = new Map<string, InputField[]>(__schema.types.filter((t: any) => t.kind === 'INPUT_OBJECT').map((t: any) => [t.name, t.inputFields]));
  const enums = new Map<string, string[]>(__schema.types.filter((t: any) => t.kind === 'ENUM').map((t: any) => [t.name, t.enumValues.map((v: any) => v.name)]));
  return __schema.mutationType.fields.map((f: any) => ({
    name: f.name,
    operation: `mutation { ${f.name}(${f.args.map((a: any) => `${a.name}: ${sample(a.type, inputs, enums)}`).join(', ')}) { __typename } }`,
  }));
}

describe('roles', () => {
  it('every mutation refuses a caller without a key (UNAUTHENTICATED) and a READER key (FORBIDDEN)', async () => {
    const mutations = await everyMutation();
    expect(mutations.length).toBeGreaterThanOrEqual(29);
    for (const { name, operation } of mutations) {
      for (const [caller, code] of [
        ['anonymous', 'UNAUTHENTICATED'],
        ['READER', 'FORBIDDEN'],
      ] as const) {
        const result = await api.query(caller, operation);
        expect(result.errors, `${name} as ${caller}: ${JSON.stringify(result)}`).toBeDefined();
        expect(
          result.errors!.map((e) => e.extensions?.code),
          `${name} as ${caller}`,
        ).toEqual([code]);
        expect(result.data?.[name] ?? null).toBeNull();
      }
    }
  });

  it('an EDITOR key may change the graph but not manage keys or read the change log; an ADMIN key may do everything', async () => {
    const create = `mutation { countryCreate(input: { name: "Kenya", isoCode: "KE" }) { country { createdBy } ${userErrorFields} } }`;
    expect(expectOk((await api.data('EDITOR', create)).countryCreate).country.createdBy).toBe('test-editor');
    for (const op of [
      '{ apiKeys { name } }',
      '{ changeLog(first: 1) { totalCount } }',
      'mutation { apiKeyCreate(input: { name: "x", role: READER }) { key } }',
    ]) {
      const result = await api.query('EDITOR', op);
      expect(
        result.errors?.map((e) => e.extensions?.code),
        op,
      ).toEqual(['FORBIDDEN']);
      expect(result.errors![0]!.message).toMatch(/needs an ADMIN key; the key "test-editor" is an EDITOR key/);
    }
    const admin = await api.data('ADMIN', '{ apiKeys { name role prefix revokedAt } changeLog(first: 1) { nodes { action actor } } }');
    expect(admin.apiKeys.map((k: any) => [k.name, k.role])).toEqual([
      ['test-reader', 'READER'],
      ['test-editor', 'EDITOR'],
      ['test-admin', 'ADMIN'],
    ]);
    expect(admin.changeLog.nodes[0]).toEqual({ action: 'CREATE', actor: 'test-editor' });
    const update = `mutation { countryUpdate(input: { id: "${(await api.data('READER', '{ country(isoCode: "KE") { id } }')).country.id}", aliases: ["Nairobi"] }) { country { updatedBy } ${userErrorFields} } }`;
    expect(expectOk((await api.data('ADMIN', update)).countryUpdate).country.updatedBy).toBe('test-admin');
  });

  it('reading needs no key, but a key that is sent must be valid', async () => {
    expect((await api.data('anonymous', '{ country(isoCode: "CN") { name } }')).country.name).toBe('China');
    expect((await api.data('READER', '{ country(isoCode: "CN") { name } }')).country.name).toBe('China');
    const wrong = `sgk_${'A'.repeat(43)}`;
    seen.push(wrong, 'not-a-key-at-all');
    for (const caller of [
      { bearer: wrong },
      { bearer: 'not-a-key-at-all' },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: `Token ${wrong}` },
    ] satisfies Caller[]) {
      const result = await api.query(caller, '{ country(isoCode: "CN") { name } }');
      expect(result.status, JSON.stringify(caller)).toBe(401);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(result.data).toBeUndefined();
      expect(JSON.stringify(result)).not.toContain(wrong);
    }
  });
});

describe('API keys', () => {
  it('apiKeyCreate shows a new key once; it works with its role; apiKeyRevoke stops it at once', async () => {
    const created = expectOk(
      (
        await api.data(
          'ADMIN',
          `mutation { apiKeyCreate(input: { name: "newsroom", role: EDITOR }) { key apiKey { id name role prefix createdBy revokedAt } ${userErrorFields} } }`,
        )
      ).apiKeyCreate,
    );
    seen.push(created.key);
    expect(created.key).toMatch(/^sgk_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({ name: 'newsroom', role: 'EDITOR', prefix: created.key.slice(0, 12), createdBy: 'test-admin', revokedAt: null });
    const listed = await api.data('ADMIN', '{ apiKeys { name prefix } }');
    expect(JSON.stringify(listed)).not.toContain(created.key);

    const made = await api.data(
      { bearer: created.key },
      `mutation { countryCreate(input: { name: "Chile", isoCode: "CL" }) { country { createdBy } ${userErrorFields} } }`,
    );
    expect(expectOk(made.countryCreate).country.createdBy).toBe('newsroom');

    const taken = await api.data('ADMIN', `mutation { apiKeyCreate(input: { name: "newsroom", role: READER }) { key ${userErrorFields} } }`);
    expect(taken.apiKeyCreate).toMatchObject({ key: null, userErrors: [{ field: ['input', 'name'], code: 'TAKEN' }] });
    const reserved = await api.data('ADMIN', `mutation { apiKeyCreate(input: { name: "seed", role: READER }) { key ${userErrorFields} } }`);
    expect(reserved.apiKeyCreate.userErrors[0].code).toBe('TAKEN');
    const blank = await api.data('ADMIN', `mutation { apiKeyCreate(input: { name: " ", role: READER }) { key ${userErrorFields} } }`);
    expect(blank.apiKeyCreate.userErrors[0].code).toBe('BLANK');

    const revoked = await api.data('ADMIN', `mutation($id: ID!) { apiKeyRevoke(input: { id: $id }) { apiKey { revokedAt revokedBy } ${userErrorFields} } }`, {
      id: created.apiKey.id,
    });
    expect(expectOk(revoked.apiKeyRevoke).apiKey.revokedBy).toBe('test-admin');
    const refused = await api.query({ bearer: created.key }, '{ country(isoCode: "CL") { name } }');
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const badId = await api.data('ADMIN', `mutation { apiKeyRevoke(input: { id: "Q291bnRyeTox" }) { ${userErrorFields} } }`);
    expect(badId.apiKeyRevoke.userErrors[0].code).toBe('INVALID_ID');
  });

  it('npm run key:create makes a key of the given role and prints it once, on stdout only', async () => {
    const run = (args: string[], env: Record<string, string>) => runScript('key-create.ts', args, env);
    const result = await api.stopped(async (env) => {
      const usage = await run(['--role', 'owner', '--name', 'x'], env);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/--role must be reader, editor or admin/);
      return run(['--role', 'admin', '--name', 'ops-admin'], env);
    });
    expect(result.code, result.stderr).toBe(0);
    const key = result.stdout.trim();
    seen.push(key);
    expect(key).toMatch(/^sgk_[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).toMatch(/created the ADMIN key "ops-admin" \(sgk_[A-Za-z0-9_-]{8}…\)/);
    expect(result.stderr).not.toContain(key);
    const { apiKeys } = await api.data({ bearer: key }, '{ apiKeys { name role createdBy } }');
    expect(apiKeys).toContainEqual({ name: 'ops-admin', role: 'ADMIN', createdBy: 'cli' });
  });

  it("no key ever appears in the server's output (its logs)", () => {
    const output = api.output();
    expect(output.length).toBeGreaterThan(0);
    for (const key of [...seen, ...Object.values(api.keys)]) expect(output).not.toContain(key);
    expect(output).not.toMatch(/sgk_[A-Za-z0-9_-]{20,}/);
  });
});
