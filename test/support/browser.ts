/**
 * The browser tests' Chromium: Debian's (`/usr/bin/chromium`, or CHROMIUM_PATH), driven by
 * playwright-core, with no browser download. Without it the tests skip, except in CI, where
 * .ci/run installs it and its absence is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
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

/** The web app's build (npm ci builds it: postinstall). */
export const webDist = path.join(projectRoot, 'web/dist');

export interface WebAppBrowser {
  /** The app's origin (the API's URL without /graphql). */
  origin: () => string;
  /** A new page `width` pixels wide whose console errors and uncaught exceptions fail the test. */
  openPage: (width?: number) => Promise<Page>;
}

/**
 * Chromium on the web app served by `server`, for one test file: builds the app when a checkout
 * lacks it, launches the browser once, and after each test checks that no page it opened logged
 * an error.
 */
export function useWebAppBrowser(server: { url(): string }): WebAppBrowser {
  let browser: Browser | undefined;
  let consoleErrors: string[] = [];
  beforeAll(async () => {
    if (!haveChromium) return;
    if (!existsSync(path.join(webDist, 'index.html'))) execFileSync('npm', ['run', '-s', 'web:build'], { cwd: projectRoot, stdio: 'inherit' });
    browser = await launchChromium();
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
  }, 60_000);
  afterEach(() => {
    expect(consoleErrors, 'console errors').toEqual([]);
    consoleErrors = [];
  });
  return {
    origin: () => new URL(server.url()).origin,
    openPage: async (width = 1280) => {
      if (!browser) throw new Error('no browser: the test should have been skipped without Chromium');
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      return page;
    },
  };
}

/** Presses Tab until `target` has the focus, as someone without a mouse reaches it. */
export async function tabTo(page: Page, target: Locator, presses = 60): Promise<void> {
  for (let i = 0; i < presses; i++) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${presses} presses of Tab did not reach ${String(target)}`);
}
