/**
 * The browser tests' Chromium: Debian's (`/usr/bin/chromium`, or CHROMIUM_PATH), driven by
 * playwright-core, with no browser download. Without it the tests skip, except in CI, where
 * .ci/run installs it and its absence is a failure.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { projectRoot } from './server.ts';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const haveChromium = existsSync(executablePath);
if (!haveChromium && process.env.CI) {
  throw new Error(`no Chromium at ${executablePath}: .ci/run installs it (apt-get install -y chromium)`);
}
if (!haveChromium) console.warn(`skipping the browser tests: no Chromium at ${executablePath} (apt-get install -y chromium)`);

/** Where the tests save their screenshots. */
export const screenshots = path.join(projectRoot, 'test-results');
if (haveChromium) mkdirSync(screenshots, { recursive: true });

/** Headless Chromium without its background traffic (updates, sync, QUIC): the pages talk to the test's server only. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
