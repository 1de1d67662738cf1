/**
 * The service and a browser for the page tests: buildApp() on a free loopback port (temporary data
 * dir and SQLite registry, API keys of the test config), and Debian's Chromium driven by
 * puppeteer-core with its own profile. One of each per test file.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CHROMIUM_BASE_FLAGS } from '../../src/render/pdf/browser-pool.js';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/api/config.js';
import { projectRoot } from '../../src/paths.js';

export const ISSUE_SECRET = 'browser-test-issue-secret-0123456789abcdef';
export const ADMIN_SECRET = 'browser-test-admin-secret-0123456789abcdef';
export const SCREENSHOT_DIR = join(projectRoot, 'output', 'screenshots');

/** A port nobody listens on now (the service's public URL must name it before it starts). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Service {
  readonly app: FastifyInstance;
  readonly baseUrl: string;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function startService(): Promise<Service> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sef-web-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    SEF_HOST: '127.0.0.1',
    SEF_PORT: String(port),
    SEF_PUBLIC_URL: baseUrl,
    SEF_DATA_DIR: dataDir,
    SEF_POOL_SIZE: '1',
    SEF_LOG_LEVEL: 'silent',
    SEF_API_KEYS: `clerk:${ISSUE_SECRET}:issue+render:*,admin:${ADMIN_SECRET}:admin:*`,
    // The form page validates and previews on every change; the tests type a few documents.
    SEF_RATE_LIMIT_RENDER_IP: '1000',
    SEF_RATE_LIMIT_IP: '5000',
  });
  const app = await buildApp({ config, logger: false });
  await app.listen({ host: '127.0.0.1', port });
  return {
    app,
    baseUrl,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BrowserSession {
  readonly browser: Browser;
  readonly downloadDir: string;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'sef-web-profile-'));
  const downloadDir = mkdtempSync(join(tmpdir(), 'sef-web-downloads-'));
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    downloadBehavior: { policy: 'allow', downloadPath: downloadDir },
    args: [
      // The renderer's base flags, without its dead proxy: this browser must reach the test server.
      ...CHROMIUM_BASE_FLAGS,
      // Chinese UI of the browser itself (date inputs show 年/月/日), as a clerk's browser would.
      '--lang=zh-CN',
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    downloadDir,
    async newPage() {
      const page = await browser.newPage();
      await page.setViewport({ width: 1400, height: 1000 });
      return page;
    },
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(downloadDir, { recursive: true, force: true });
    },
  };
}

/**
 * Saves output/screenshots/<name>.png (looked at by a person; the README's copies live in
 * docs/images/). The shot ends below the page's content (at most the viewport), so short pages
 * carry no empty band.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  const viewport = page.viewport()!;
  // What the viewport shows now (clip is in page coordinates), cut below the last content.
  const { scrollY, contentBottom } = await page.evaluate(() => ({
    scrollY: window.scrollY,
    contentBottom: Math.ceil(Math.max(...Array.from(document.body.children, (e) => e.getBoundingClientRect().bottom))) + 24,
  }));
  const height = Math.min(viewport.height, Math.max(200, contentBottom));
  await page.screenshot({ path, clip: { x: 0, y: scrollY, width: viewport.width, height } });
  return path;
}

/**
 * Script errors, console errors (CSP violations show there) and answers >= 400 of a page, to assert
 * none happened. `expected` lists paths whose 4xx the page handles (e.g. a route not built yet).
 */
export function recordProblems(page: Page, expected: readonly string[] = []): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${(e as Error).message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.status() >= 400 && !expected.includes(path)) problems.push(`${r.status()} ${r.request().method()} ${path}`);
  });
  return problems;
}
