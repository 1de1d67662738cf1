/**
 * Layers 2–4 of renderer isolation (reliability-anchors.md §1.2, R-PDF-1..3,
 * recipe §6.1): raw hostile HTML, as if layer 1 (escaping) had failed, goes
 * through renderPdf while a canary HTTP server on loopback counts every TCP
 * connection. Nothing may reach it, and neither the canary's answer nor
 * /etc/passwd may end up in the PDF. "Layer 2 alone" turns interception off
 * and relies on the dead proxy of the launch flags.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserPool, type BrowserPool } from '../../src/render/pdf/browser-pool.js';
import { renderPdf } from '../../src/render/pdf/pdf-renderer.js';
import type { PdfJob } from '../../src/render/pdf/types.js';
import { withTempPdf } from '../helpers/pdf-read.js';

const TOKEN = 'CANARY-7f3a';
const hits: string[] = [];
const servers: Server[] = [];
let v4 = ''; // 127.0.0.1:port
let v6 = ''; // [::1]:port, or the v4 address when this host has no IPv6 loopback
let pool: BrowserPool;

async function canary(host: string): Promise<string | undefined> {
  const server = createServer((req, res) => {
    hits.push(`${host} ${req.method} ${req.url}`);
    res.setHeader('access-control-allow-origin', '*');
    res.end(TOKEN);
  });
  server.on('connection', () => hits.push(`${host} connection`)); // any TCP connect counts, WebSocket included
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, resolve);
    });
  } catch {
    return undefined;
  }
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

beforeAll(async () => {
  v4 = (await canary('127.0.0.1'))!;
  v6 = (await canary('::1')) ?? v4;
  pool = await createBrowserPool({ size: 1, timeoutMs: 20_000 });
}, 30_000);

afterAll(async () => {
  await pool?.close();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
}, 30_000);

function hostileJob(opts: { metaRefresh: boolean }): PdfJob {
  const h = `http://${v4}`;
  const html = `<!doctype html><html><head><meta charset="utf-8">
${opts.metaRefresh ? `<meta http-equiv="refresh" content="0;url=${h}/meta">` : ''}
<link rel="stylesheet" href="${h}/link-css">
<link rel="preload" href="${h}/preload" as="image">
<link rel="prefetch" href="${h}/prefetch">
<link rel="icon" href="${h}/favicon">
<style>
  @import url("${h}/import");
  @page { size: 210mm 297mm; margin: 10mm }
  body { background: url(${h}/bg) }
  @font-face { font-family: Evil; src: url(${h}/font) }
  p.evil { font-family: Evil; list-style-image: url(${h}/list) }
</style>
</head><body>
<p class="evil">hostile page</p>
<iframe src="file:///etc/passwd" width="600" height="300"></iframe>
<iframe src="${h}/iframe"></iframe>
<iframe srcdoc="&lt;img src=${h}/srcdoc&gt;"></iframe>
<img src="${h}/img">
<img src="http://${v6}/v6">
<img src="HTTP://${v4}/upper-case-scheme">
<img src="http://localhost:${v4.split(':')[1]}/localhost">
<img src="http://[::ffff:127.0.0.1]:${v4.split(':')[1]}/v4-mapped">
<img src="http://2130706433:${v4.split(':')[1]}/decimal">
<img srcset="${h}/srcset 1x, ${h}/srcset2 2x">
<picture><source srcset="${h}/picture"><img src="${h}/picture-img"></picture>
<object data="${h}/object" type="text/html"></object>
<embed src="${h}/embed" type="text/html">
<video poster="${h}/poster" src="${h}/video"></video>
<input type="image" src="${h}/input-image">
<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><image href="${h}/svg-image" width="50" height="50"/></svg>
<img src="http://169.254.169.254/latest/meta-data/">
<iframe src="http://169.254.169.254/"></iframe>
<script>
  fetch('${h}/fetch');
  new WebSocket('ws://${v4}/ws');
  new Worker('${h}/worker');
  navigator.sendBeacon('${h}/beacon');
  document.write('<img src="${h}/script-img">');
  location.href = 'http://169.254.169.254/latest/meta-data/';
</script>
</body></html>`;
  return { html, assets: new Map(), pageWidthMm: 210, pageHeightMm: 297 };
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  return withTempPdf(bytes, (file) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
}

describe('SSRF canary', () => {
  it('all layers: no request reaches loopback, nothing fetched ends up in the PDF', async () => {
    hits.length = 0;
    const r = await renderPdf(pool, hostileJob({ metaRefresh: true }));
    const text = await pdfText(r.bytes);
    expect(text).toContain('hostile page'); // the page itself did render
    expect(text).not.toMatch(/ERR_|blocked/i); // blocked frames kept their empty document, no error page
    expect(hits).toEqual([]);
    expect(text).not.toContain('root:x:0:0');
    expect(text).not.toContain(TOKEN);
    expect(r.blockedRequests).toContain(`http://${v4}`);
    for (const b of r.blockedRequests) expect(b).toMatch(/^[a-z][a-z0-9+.-]*:(\/\/[^/?#]*)?$/); // scheme://host only
  }, 30_000);

  it('layer 2 alone: interception off, the dead proxy still keeps loopback unreachable', async () => {
    hits.length = 0;
    const layer2 = { policy: { unsafeDisableInterceptionForTest: true } };
    const r = await renderPdf(pool, hostileJob({ metaRefresh: false }), layer2);
    const text = await pdfText(r.bytes);
    expect(text).toContain('hostile page');
    expect(hits).toEqual([]);
    expect(text).not.toContain('root:x:0:0');
    expect(text).not.toContain(TOKEN);
    // Without interception a refresh navigates away (to the proxy's error page), so it gets its own render.
    // The navigation may also tear down the page before printing; either way nothing may reach loopback.
    await renderPdf(pool, hostileJob({ metaRefresh: true }), layer2).catch((e: unknown) => {
      // the refresh navigates mid-render; Chromium then reports one of these, depending on timing
      if (!/context was destroyed|navigat|Printing failed|Target closed|detached/i.test(String(e))) throw e;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(hits).toEqual([]);
  }, 30_000);
});
