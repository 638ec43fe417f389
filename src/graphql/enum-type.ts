/** Enumerations in the schema, from their definitions (src/data/model.ts EnumDefinition): one way for all. */
import { registerEnumType } from 'type-graphql';
import type { EnumDefinition } from '../data/model.ts';

const enumObjects = new Map<string, object>();

/** The enum type of a definition, registered once (several models share Stance). */
export function enumType(definition: EnumDefinition): object {
  const known = enumObjects.get(definition.name);
  if (known) return known;
  const values = Object.fromEntries(Object.keys(definition.values).map((value) => [value, value]));
  registerEnumType(values, {
    name: definition.name,
    description: definition.description,
    valuesConfig: Object.fromEntries(Object.entries(definition.values).map(([value, description]) => [value, { description }])),
  });
  enumObjects.set(definition.name, values);
  return values;
}
