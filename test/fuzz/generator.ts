/**
 * Generates GraphQL operations from a schema, for the fuzz test: root fields with nested
 * selections, arguments of the declared types (as variables or as literals), and edge-case values
 * (long, empty and Unicode texts, control characters, unpaired surrogates, extreme numbers,
 * impossible and out-of-range dates, forged and malformed global IDs and cursors, every enum
 * value), with now and then a value of the wrong type or a required argument left out.
 *
 * Pure and deterministic: operation `index` of seed `seed` is always the same, whatever ran
 * before it, so that one failing operation can be replayed alone.
 */
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLUnionType,
  astFromValue,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { seededRandom } from '../../scripts/seeded-random.ts';

export type FuzzCaller = 'anonymous' | 'READER' | 'EDITOR' | 'ADMIN';

export interface FuzzOperation {
  seed: number;
  index: number;
  query: string;
  variables: Record<string, unknown>;
  caller: FuzzCaller;
}

/** Real values read from the database before the run: global IDs and cursors it issued. */
export interface FuzzPools {
  ids: readonly string[];
  cursors: readonly string[];
}

export interface FuzzOptions {
  /** The share of operations that are mutations. */
  mutationShare: number;
  /** How deep selections nest below the root field. */
  maxDepth: number;
}

export const defaultFuzzOptions: FuzzOptions = { mutationShare: 0.08, maxDepth: 3 };

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

const texts = [
  '',
  ' ',
  'THAAD',
  'China',
  'CN',
  'KR',
  'NATO',
  'South Korea',
  'deploy -missile or "joint statement"',
  '한국 😀 中国 مرحبا Ελλάδα',
  '\u0000',
  'a\u0000b',
  '\u001b[31mred',
  '\u0007',
  '\u007f',
  '\u0085',
  'tab\tline\nreturn\r\n',
  '\ud800',
  'x \udfff',
  "'; DROP TABLE country; --",
  '%',
  '_',
  '\\',
  '"',
  'or',
  '-',
  '!!',
  '&|:*()',
  '<script>alert(1)</script>',
  '0',
  '-1',
  '2147483648',
  'NaN',
  'null',
  '{"a":1}',
  '\u202e\ufeff\u2028',
  'https://example.org/a?b=c#d',
  'javascript:alert(1)',
  'x'.repeat(300),
  'word '.repeat(2_000),
];
const nodeTypes = ['Country', 'Organization', 'Official', 'Article', 'Meeting', 'Deployment', 'Position', 'Evidence', 'ApiKey', 'Nope', 'country'];
const rowIds: unknown[] = [0, -1, 1, 2, 3, 7, 50, 2_147_483_647, 2_147_483_648, 999_999_999_999_999, '01', ' 1', '1\u0000', 1.5];
const orders = ['RECORDED_AT', 'STATED_ON', 'NAME', 'DATE', 'PUBLISHED_AT', 'ANNOUNCED_ON', 'ISO_CODE', 'RELEVANCE', 'BOGUS', 'name'];
const cursorKeys: unknown[] = [
  '2016-07-28',
  '2016-02-30',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '10000-01-01',
  '-infinity',
  'infinity',
  '2016-07-28 10:00:00',
  '2016-07-28 10:00:00.123',
  '2016-07-28 25:00:00',
  '0000-01-01 00:00:00',
  'Korea',
  '\u0000',
  'a\u0000',
  '\ud800',
  'KR',
  null,
  17,
  true,
  [],
  '0.5 ARTICLE',
  '1e308 POSITION',
  '1e400 POSITION',
  '-1e308 COUNTRY',
  'NaN COUNTRY',
  '0.1 NOPE',
  'x'.repeat(1_001),
];
const days = [
  '2016-07-28',
  '2016-02-29',
  '2016-02-30',
  '2017-02-29',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '2999-01-01',
  '1970-01-01',
  '2016-7-28',
  '28/07/2016',
  '',
  'x',
  '2016-13-01',
  '+10000-01-01',
  20160728,
];
const instants = [
  '2016-07-28T14:05:00Z',
  '2016-07-28T14:05:00.123+09:00',
  '0001-01-01T00:00:00Z',
  '0001-01-01T00:00:00+05:00',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59-05:00',
  '2016-02-30T00:00:00Z',
  '2016-07-28T25:00:00Z',
  '2016-07-28',
  '2999-01-01T00:00:00Z',
  'now',
  '',
  1_469_714_700_000,
];
const pageSizes = [0, 1, 2, 3, 5, 10, 20, 50, 100, 101, 1_000, -1, 2_147_483_647, -2_147_483_648];
const ints = [0, 1, -1, 2, 3, 10, 99_999, 100_000, 2_147_483_647, -2_147_483_648];
const floats = [0, -1, 1.5, 1e308, -1e308, 5e-324];

export class OperationGenerator {
  private readonly next: () => number;
  private readonly variableDefinitions: string[] = [];
  readonly variables: Record<string, unknown> = {};

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly pools: FuzzPools,
    private readonly options: FuzzOptions,
    seed: number,
    index: number,
  ) {
    // Each operation its own stream, so that operation `index` does not depend on the others.
    this.next = seededRandom(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
  }

  private chance(p: number): boolean {
    return this.next() < p;
  }

  private int(n: number): number {
    return Math.floor(this.next() * n);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  private forgedId(): unknown {
    if (this.chance(0.2)) return this.pick(['', 'x', '====', 'Q291bnRyeToxOjE', 'Q291bnRyeToxOjE=\u0000', '\u0000', 'x'.repeat(500), 42]);
    return b64(`${this.pick(nodeTypes)}:${String(this.pick(rowIds))}`);
  }

  private id(): unknown {
    return this.pools.ids.length > 0 && this.chance(0.6) ? this.pick(this.pools.ids) : this.forgedId();
  }

  private cursor(): unknown {
    if (this.pools.cursors.length > 0 && this.chance(0.25)) return this.pick(this.pools.cursors);
    if (this.chance(0.15))
      return this.pick(['', '!!', 'cursor:v1:1', b64url('cursor:v1:'), b64url('cursor:v1:2147483648'), b64url('cursor:v1:-1'), b64url('cursor:v2:[')]);
    if (this.chance(0.1)) return b64url(`cursor:v1:${String(this.pick(rowIds))}`);
    return b64url(
      `cursor:v2:${JSON.stringify([this.pick(orders), this.pick(cursorKeys), this.pick([1, 0, -1, 2_147_483_647, 2_147_483_648, 1.5, '1', null])])}`,
    );
  }

  private text(name: string): unknown {
    if (name === 'after' || name === 'before') return this.cursor();
    if (name === 'isoCode') return this.pick(['KR', 'kr', 'CN', 'US', 'ZZ', 'XK', 'K', 'KOR', '', '\u0000\u0000', 'ÄÖ']);
    if (/^(holders|systems|topics|sources|aliases|members|participants|speakers|addressees)$/.test(name) && this.chance(0.4))
      return this.pick(['CN', 'KR', 'US', 'NATO', 'THAAD', 'Ministry', 'Xinhua']);
    if (this.chance(0.01)) return 'a'.repeat(100_000);
    return this.pick(texts);
  }

  private scalar(type: GraphQLScalarType, name: string): unknown {
    switch (type.name) {
      case 'String':
        return this.text(name);
      case 'ID':
        return this.id();
      case 'Int':
        return /^(first|last)$/.test(name) ? this.pick(pageSizes) : this.chance(0.5) ? this.pick(ints) : this.int(1_000);
      case 'Float':
        return this.pick(floats);
      case 'Boolean':
        return this.chance(0.5);
      case 'Date':
        return this.pick(days);
      case 'DateTime':
        return this.pick(instants);
      default:
        return this.chance(0.5) ? {} : { a: '\u0000', b: [1, 2] };
    }
  }

  /** A value of the wrong type: what coercion must refuse. */
  private wrongValue(): unknown {
    return this.pick([42, -1.5, true, 'text', [], {}, [null], { x: 1 }, 'x'.repeat(50)]);
  }

  value(type: GraphQLInputType, name: string, depth = 0): unknown {
    if (this.chance(0.02)) return this.wrongValue();
    if (type instanceof GraphQLNonNull) return this.chance(0.01) ? null : this.value(type.ofType, name, depth);
    if (type instanceof GraphQLList) {
      const length = this.chance(0.03) ? this.pick([101, 150]) : this.int(4);
      return Array.from({ length }, () => this.value(type.ofType, name, depth + 1));
    }
    if (type instanceof GraphQLInputObjectType) {
      const out: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        const required = field.type instanceof GraphQLNonNull;
        if (required ? this.chance(0.97) : depth < 4 && this.chance(0.35)) out[field.name] = this.value(field.type, field.name, depth + 1);
      }
      return out;
    }
    if (type instanceof GraphQLEnumType) return this.chance(0.03) ? 'NOT_A_VALUE' : this.pick(type.getValues()).name;
    return this.scalar(type, name);
  }

  private argument(arg: GraphQLArgument): string | null {
    const required = arg.type instanceof GraphQLNonNull && arg.defaultValue === undefined;
    if (!(required ? this.chance(0.98) : this.chance(0.45))) return null;
    const value = this.value(arg.type, arg.name);
    if (this.chance(0.3)) {
      // As a literal in the document, where the type allows writing it so.
      try {
        const ast = astFromValue(value, arg.type);
        if (ast) return `${arg.name}: ${print(ast)}`;
      } catch {
        /* not expressible as a literal: pass it as a variable */
      }
    }
    const variable = `v${this.variableDefinitions.length}`;
    this.variableDefinitions.push(`$${variable}: ${String(arg.type)}`);
    this.variables[variable] = value;
    return `${arg.name}: $${variable}`;
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number): string | null {
    const named = unwrap(field.type);
    const leaf = named instanceof GraphQLScalarType || named instanceof GraphQLEnumType;
    if (!leaf && depth >= this.options.maxDepth) return null;
    const args = field.args.map((arg) => this.argument(arg)).filter((a): a is string => a !== null);
    const head = `${field.name}${args.length > 0 ? `(${args.join(', ')})` : ''}`;
    return leaf ? head : `${head} ${this.selection(field.type, depth + 1)}`;
  }

  selection(type: GraphQLOutputType, depth: number): string {
    const named = unwrap(type);
    if (named instanceof GraphQLObjectType) {
      const fields = Object.values(named.getFields());
      const count = 1 + this.int(Math.min(3, fields.length));
      const chosen = new Set<GraphQLField<unknown, unknown>>();
      for (let i = 0; i < count; i++) chosen.add(this.pick(fields));
      const parts = [...chosen].map((f) => this.field(f, depth)).filter((p): p is string => p !== null);
      return `{ ${parts.length > 0 ? parts.join(' ') : '__typename'} }`;
    }
    if (named instanceof GraphQLInterfaceType || named instanceof GraphQLUnionType) {
      const possible = this.schema.getPossibleTypes(named);
      const on = this.pick(possible);
      return `{ __typename ... on ${on.name} ${this.selection(on, depth)} }`;
    }
    return '';
  }

  operation(): { query: string; caller: FuzzCaller } {
    const mutation = this.schema.getMutationType();
    const isMutation = mutation !== null && mutation !== undefined && this.chance(this.options.mutationShare);
    const root = isMutation ? mutation : (this.schema.getQueryType() as GraphQLObjectType);
    const fields = Object.values(root.getFields());
    const count = isMutation ? 1 : 1 + this.int(2);
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const f = this.pick(fields);
      const text = this.field(f, 0);
      if (text) parts.push(`f${i}: ${text}`);
    }
    const definitions = this.variableDefinitions.length > 0 ? `(${this.variableDefinitions.join(', ')})` : '';
    const caller: FuzzCaller = isMutation
      ? this.pick(['EDITOR', 'EDITOR', 'ADMIN', 'ADMIN', 'READER', 'anonymous'])
      : this.pick(['anonymous', 'anonymous', 'anonymous', 'READER', 'EDITOR', 'ADMIN']);
    return { query: `${isMutation ? 'mutation' : 'query'} Fuzz${definitions} { ${parts.join(' ') || '__typename'} }`, caller };
  }
}

function unwrap(type: GraphQLOutputType | GraphQLInputType): GraphQLOutputType | GraphQLInputType {
  return type instanceof GraphQLNonNull || type instanceof GraphQLList ? unwrap(type.ofType) : type;
}

/** Operation `index` of the run with `seed`. */
export function generateOperation(
  schema: GraphQLSchema,
  pools: FuzzPools,
  seed: number,
  index: number,
  options: FuzzOptions = defaultFuzzOptions,
): FuzzOperation {
  const generator = new OperationGenerator(schema, pools, options, seed, index);
  const { query, caller } = generator.operation();
  return { seed, index, query, variables: generator.variables, caller };
}
