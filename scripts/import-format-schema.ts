/** docs/import-format.schema.json as `npm run schema:emit` writes it: the format's JSON Schema (src/data/import/format-schema.ts), formatted by Prettier. */
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { importFormatJsonSchema } from '../src/data/import/format-schema.ts';

export const importFormatSchemaPath = fileURLToPath(new URL('../docs/import-format.schema.json', import.meta.url));

export async function importFormatSchemaFile(): Promise<string> {
  const options = (await resolveConfig(importFormatSchemaPath)) ?? {};
  return format(JSON.stringify(importFormatJsonSchema()), { ...options, parser: 'json' });
}
