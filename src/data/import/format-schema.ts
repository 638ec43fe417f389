/**
 * The JSON Schema of the import format (docs/import-format.schema.json), derived from its one
 * description (format.ts). `npm run schema:emit` writes it; test/import-format.test.ts checks that
 * the committed file is what this gives.
 */
import { ARTICLE_FORMAT, DAY_PATTERN, INSTANT_PATTERN, ISO_CODE_PATTERN, REPORTED_DATE_PATTERN, articleFormat, type FieldNode } from './format.ts';

type Schema = Record<string, unknown>;

const orNull = (schema: Schema) => ({ oneOf: [schema, { type: 'null' }] });

/** A field's schema without its description. */
function valueSchema(node: FieldNode): Schema {
  switch (node.kind) {
    case 'const':
      return { const: node.value };
    case 'text':
      return { $ref: node.nullable ? '#/$defs/optionalText' : '#/$defs/text' };
    case 'body':
      return { type: 'string', pattern: '\\S' };
    case 'quote':
      return { type: 'string', minLength: 1 };
    case 'isoCode':
      return orNull({ type: 'string', pattern: ISO_CODE_PATTERN });
    case 'url':
      return orNull({ type: 'string', format: 'uri', pattern: '^https?://' });
    case 'instant':
      return orNull({ type: 'string', pattern: INSTANT_PATTERN });
    case 'day':
      return { $ref: '#/$defs/optionalDay' };
    case 'reportedDate':
      return orNull({ type: 'string', pattern: REPORTED_DATE_PATTERN });
    case 'int':
      return orNull({ type: 'integer', minimum: node.minimum });
    case 'number':
      return orNull({ type: 'number', minimum: node.minimum, maximum: node.maximum });
    case 'enum':
      return node.nullable ? orNull({ enum: Object.keys(node.enum!.values) }) : { enum: Object.keys(node.enum!.values) };
    case 'names':
      return node.minItems
        ? { type: 'array', minItems: node.minItems, uniqueItems: true, items: { type: 'string', pattern: '\\S' } }
        : { $ref: '#/$defs/names' };
    case 'list':
      return { type: 'array', ...(node.minItems ? { minItems: node.minItems } : {}) };
    case 'object':
      return { type: 'object' };
  }
}

/** An object's schema; `description` goes after its type, as a field's does. */
function objectSchema(node: FieldNode, description?: string): Schema {
  const fields = Object.entries(node.fields!);
  return {
    type: 'object',
    ...(description !== undefined ? { description } : {}),
    required: fields.filter(([, f]) => !f.optional).map(([name]) => name),
    additionalProperties: false,
    properties: Object.fromEntries(fields.map(([name, f]) => [name, fieldSchema(f)])),
  };
}

function fieldSchema(node: FieldNode): Schema {
  if (node.kind === 'object') return objectSchema(node, node.description);
  if (node.kind === 'list') return { ...valueSchema(node), description: node.description, items: objectSchema(node.of!) };
  return { ...valueSchema(node), description: node.description };
}

/** The JSON Schema (draft 2020-12) of "stancegraph.article/1". */
export function importFormatJsonSchema(): Schema {
  const { type: _type, ...root } = objectSchema(articleFormat, articleFormat.description);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://stancegraph.example/schemas/stancegraph.article-1.json',
    title: ARTICLE_FORMAT,
    description: root.description,
    type: 'object',
    ...root,
    $defs: {
      text: { type: 'string', pattern: '\\S' },
      optionalText: orNull({ type: 'string', pattern: '\\S' }),
      optionalDay: orNull({ type: 'string', pattern: DAY_PATTERN }),
      names: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: '\\S' } },
    },
  };
}
