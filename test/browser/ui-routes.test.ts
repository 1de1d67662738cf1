/**
 * The ui plugin's routes through app.inject(): the redirect to /ui/, the pages with their strict
 * Content-Security-Policy, the static assets and json-editor's file, and what it refuses (bad ids,
 * paths outside web/assets, HTML from the assets folder).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/api/config.js';
import { PAGE_CSP } from '../../src/api/routes/ui.js';

let app: FastifyInstance;
const dataDir = mkdtempSync(join(tmpdir(), 'sef-ui-'));

beforeAll(async () => {
  app = await buildApp({ config: loadConfig({ SEF_DATA_DIR: dataDir, SEF_LOG_LEVEL: 'silent' }), logger: false });
});
afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ui routes', () => {
  it('GET / and /ui redirect to /ui/', async () => {
    for (const url of ['/', '/ui']) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(302);
      expect(r.headers.location).toBe('/ui/');
    }
  });

  it.each([
    ['/ui/', 'index.js'],
    ['/ui/forms/national-skill-certificate-2021-style-1', 'form.js'],
    ['/ui/packets/henan-enterprise', 'packet.js'],
    ['/ui/batches', 'batches.js'],
  ])('%s: the page with its CSP, scripts only from this origin', async (url, script) => {
    const r = await app.inject({ url });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(r.body).toContain(`<script type="module" src="/ui/assets/js/${script}"></script>`);
    // No inline script: every <script> has a src.
    expect(r.body.match(/<script(?![^>]*\ssrc=)[^>]*>/g)).toBeNull();
  });

  it('assets and json-editor are served; the JS as JavaScript', async () => {
    const css = await app.inject({ url: '/ui/assets/styles.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const js = await app.inject({ url: '/ui/assets/js/form.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    const vendor = await app.inject({ url: '/ui/vendor/jsoneditor.js' });
    expect(vendor.statusCode).toBe(200);
    expect(vendor.headers['content-type']).toMatch(/javascript/);
    expect(vendor.body).toContain('JSONEditor');
  });

  it('refuses ids that are not ids and paths outside web/assets', async () => {
    const bad = await app.inject({ url: '/ui/forms/..%2F..%2Fpackage.json' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json().issues[0].pointer).toBe('/id');
    for (const url of ['/ui/assets/../../package.json', '/ui/assets/%2e%2e/%2e%2e/package.json', '/ui/assets/pages/index.html', '/ui/assets/.hidden']) {
      const r = await app.inject({ url });
      expect([403, 404], url).toContain(r.statusCode);
      expect(r.body, url).not.toContain('"dependencies"');
    }
  });
});
