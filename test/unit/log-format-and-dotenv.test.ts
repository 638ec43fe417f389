// @module-tag any-database
/** LOG_FORMAT (src/config.ts, src/logger.ts) and `.env` (loadDotEnv): defaults, precedence, clear errors. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, ConfigErrors, loadConfig, loadDotEnv } from '../../src/config.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'stancegraph-dotenv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('LOG_FORMAT', () => {
  it('is pretty on a terminal and JSON otherwise, unless set', () => {
    expect(loadConfig({}, true).logFormat).toBe('pretty');
    expect(loadConfig({}, false).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: ' Pretty ' }, false).logFormat).toBe('pretty');
  });

  it('refuses anything else, naming the setting', () => {
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(ConfigErrors);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow('LOG_FORMAT must be json or pretty, got "xml"');
  });
});

describe('.env', () => {
  it('is read when present; the environment wins, even with an empty value', () => {
    const file = path.join(dir, '.env');
    writeFileSync(file, 'STANCEGRAPH_TEST_A=from-file\nSTANCEGRAPH_TEST_B=from-file\nSTANCEGRAPH_TEST_C=from-file\n');
    process.env.STANCEGRAPH_TEST_A = 'from-env';
    process.env.STANCEGRAPH_TEST_C = '';
    try {
      expect(loadDotEnv(file)).toBe(file);
      expect(process.env.STANCEGRAPH_TEST_A).toBe('from-env');
      expect(process.env.STANCEGRAPH_TEST_B).toBe('from-file');
      expect(process.env.STANCEGRAPH_TEST_C).toBe('');
    } finally {
      for (const name of ['STANCEGRAPH_TEST_A', 'STANCEGRAPH_TEST_B', 'STANCEGRAPH_TEST_C']) delete process.env[name];
    }
  });

  it('is optional; one that cannot be read is a clear error', () => {
    expect(loadDotEnv(path.join(dir, 'none', '.env'))).toBeNull();
    const directory = path.join(dir, 'a-directory.env');
    mkdirSync(directory);
    expect(() => loadDotEnv(directory)).toThrow(ConfigError);
    expect(() => loadDotEnv(directory)).toThrow(`cannot read ${directory}:`);
  });
});
