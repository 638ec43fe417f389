import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printSchemaFile } from '../src/graphql/schema.ts';
import { importFormatSchemaFile, importFormatSchemaPath } from './import-format-schema.ts';

const target = fileURLToPath(new URL('../schema.graphql', import.meta.url));
await writeFile(target, await printSchemaFile());
console.log(`wrote ${target}`);
await writeFile(importFormatSchemaPath, await importFormatSchemaFile());
console.log(`wrote ${importFormatSchemaPath}`);
