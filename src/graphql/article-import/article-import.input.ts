/**
 * articleImport's input: the import format ("stancegraph.article/1", docs/import-format.md) as
 * GraphQL input types, declared from its one description (src/data/import/format.ts), as
 * model-schema.ts declares a model's types from its definition. Each object of the format is an
 * input type `ArticleImport<Name>Input` with the fields' `api` descriptions; what the file writes
 * as null or [] may be left out here (a list is required only when it must not be empty);
 * `format` is not in the input. `toDocument` turns an input back into a document of the format.
 */
import { Field, InputType, type ClassType } from 'type-graphql';
import { articleFormat, type ArticleDocument, type FieldNode } from '../../data/import/format.ts';
import { formatDay } from '../../data/rules.ts';
import type { ReportedDate } from '../../data/reported-date.ts';
import { outputType } from '../model-schema.ts';
import { DateOrDateTimeScalar } from '../scalars.ts';

type TypeOf = () => unknown;

/** By the object's fields (an object used as a field is a copy of its node with the field's descriptions). */
const inputTypes = new Map<object, ClassType>();

/** The GraphQL type of a field and whether it may be left out. */
function fieldType(node: FieldNode): [TypeOf, boolean] {
  switch (node.kind) {
    case 'const':
    case 'body':
    case 'quote':
    case 'isoCode':
      return [() => String, node.nullable];
    case 'text':
    case 'url':
    case 'day':
    case 'reportedDate':
    case 'int':
    case 'number':
    case 'enum':
      // As a model's field of the same kind.
      return [outputType({ kind: node.kind, enum: node.enum }), node.nullable];
    case 'instant':
      // A day alone, or an exact time (a model's instant is always a time).
      return [() => DateOrDateTimeScalar, node.nullable];
    case 'names':
      return [() => [String], !node.minItems];
    case 'list': {
      const type = inputType(node.of!);
      return [() => [type], !node.minItems];
    }
    case 'object': {
      const type = inputType(node);
      return [() => type, false];
    }
  }
}

/** The input type of an object of the format, declared once. */
function inputType(node: FieldNode): ClassType {
  const known = inputTypes.get(node.fields!);
  if (known) return known;
  const name = `ArticleImport${node.name}Input`;
  class Input {}
  Object.defineProperty(Input, 'name', { value: name });
  inputTypes.set(node.fields!, Input);
  for (const [field, definition] of Object.entries(node.fields!)) {
    if (definition.api === undefined) continue;
    const [type, nullable] = fieldType(definition);
    Field(type as () => object, { nullable: nullable || definition.optional, description: definition.api })(Input.prototype, field);
  }
  InputType(name, { description: node.typeDescription })(Input);
  return Input;
}

/** `ArticleImportInput` and the input types it holds. */
export const ArticleImportInput = inputType(articleFormat);

/** An articleImport input as type-graphql gives it (dates as Date). */
export type ArticleImportInputValue = Record<string, unknown>;

/**
 * A value of the input as the document's: left out is null (or []), and left out of the document
 * when the format lets it be (its default applies then); days and instants as text.
 */
function documentValue(node: FieldNode, value: unknown): unknown {
  switch (node.kind) {
    case 'const':
      return node.value;
    case 'object': {
      const given = value as Record<string, unknown>;
      const fields = Object.entries(node.fields!).filter(([name, field]) => !(field.optional && given[name] == null));
      return Object.fromEntries(fields.map(([name, field]) => [name, documentValue(field, given[name])]));
    }
    case 'list':
      return ((value as unknown[] | null | undefined) ?? []).map((item) => documentValue(node.of!, item));
    case 'names':
      return value ?? [];
    case 'day':
      return value == null ? null : formatDay(value as Date);
    case 'reportedDate':
      return value == null ? null : (value as ReportedDate).text;
    default:
      return value ?? null;
  }
}

/** The input as a document of the import format (what `npm run import` reads from a file). */
export function toDocument(input: ArticleImportInputValue): ArticleDocument {
  return documentValue(articleFormat, input) as ArticleDocument;
}
