// @module-tag any-database
/**
 * The documented import format (docs/import-format.schema.json) is the one the code describes
 * (src/data/import/format.ts), accepts the seed document and the generated articles, and refuses
 * what the importer refuses for its shape.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { prepareDocument } from '../src/data/import/document.ts';
import { importFormatSchemaFile } from '../scripts/import-format-schema.ts';

const schema = JSON.parse(readFileSync(new URL('../docs/import-format.schema.json', import.meta.url), 'utf8'));
const seed = JSON.parse(readFileSync(new URL('../prisma/seed/xinhua-thaad-2016-07-28.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, validateFormats: false }).compile(schema);

describe('docs/import-format.schema.json', () => {
  it('is the JSON Schema of src/data/import/format.ts (run npm run schema:emit after changing the format)', async () => {
    expect(readFileSync(new URL('../docs/import-format.schema.json', import.meta.url), 'utf8')).toBe(await importFormatSchemaFile());
  });

  it('accepts the seed document, which the importer accepts too', () => {
    expect(validate(seed), JSON.stringify(validate.errors)).toBe(true);
    expect(() => prepareDocument(seed)).not.toThrow();
  });

  it('accepts every generated article (scripts/generate-articles.ts), which the importer accepts too', () => {
    const lines = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-articles.ts', '25', '--seed', '7'], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(lines).toHaveLength(25);
    for (const line of lines) {
      const document = JSON.parse(line);
      expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
      expect(() => prepareDocument(document)).not.toThrow();
    }
  });

  it('refuses what does not have the shape: a missing field, an unknown stance, no evidence, a target that is not a list of keys', () => {
    const variants = [
      (d: any) => delete d.article.headline,
      (d: any) => (d.positions[0].stance = 'LIKE'),
      (d: any) => (d.positions[0].deployments = 'thaad-seongju'),
      (d: any) => (d.positions[0].evidence = []),
      (d: any) => (d.countries[0].isoCode = 'cn'),
      (d: any) => (d.extra = true),
    ];
    for (const change of variants) {
      const document = structuredClone(seed);
      change(document);
      expect(validate(document), change.toString()).toBe(false);
      expect(() => prepareDocument(document), change.toString()).toThrow();
    }
  });
});
