/**
 * What a page may do while it renders one job (reliability-anchors.md §1.2,
 * layers 2 and 3): JavaScript off, and every request answered from the job's
 * AssetBundle or aborted. The dead proxy of browser-pool.ts is the layer below.
 */
import type { HTTPRequest, Page } from 'puppeteer-core';
import { assetByPath, type AssetBundle } from '../assets.js';

export interface PagePolicyOptions {
  /**
   * Test only: leave request interception off so that a test can prove the dead
   * proxy holds on its own (ssrf-canary.test.ts "layer 2 alone"). Never set
   * this anywhere else.
   */
  readonly unsafeDisableInterceptionForTest?: boolean;
}

export interface AppliedPagePolicy {
  /** `scheme://host` (or `scheme:`) of every aborted request, in order; no path, no data. */
  readonly blockedRequests: readonly string[];
  /** Detaches the request handler (needed only when the page outlives the job). */
  dispose(): void;
}

/** Viewport every job gets: deviceScaleFactor 2 keeps glyph advances unrounded (rendering-notes.md). */
export const RENDER_VIEWPORT = { width: 1200, height: 900, deviceScaleFactor: 2 } as const;

/** Run before any content is set on the page. */
export async function applyPagePolicy(
  page: Page,
  bundle: AssetBundle,
  options: PagePolicyOptions = {},
): Promise<AppliedPagePolicy> {
  const blocked: string[] = [];
  await page.setJavaScriptEnabled(false);
  await page.setViewport(RENDER_VIEWPORT);
  if (options.unsafeDisableInterceptionForTest) return { blockedRequests: blocked, dispose: () => {} };

  const onRequest = (req: HTTPRequest): void => {
    if (req.isInterceptResolutionHandled()) return;
    const url = req.url();
    // data: URLs never reach interception's decision (Puppeteer resolves them
    // itself) and never touch the network; the template's CSP is what limits them.
    if (url.startsWith('data:')) return;
    const asset = assetByPath(bundle, url);
    if (asset && req.method() === 'GET') {
      void req
        .respond({
          status: 200,
          contentType: asset.contentType,
          // Fonts are fetched in CORS mode; the document's origin is not assets.invalid.
          headers: { 'access-control-allow-origin': '*', 'cache-control': 'no-store' },
          body: Buffer.from(asset.bytes.buffer, asset.bytes.byteOffset, asset.bytes.byteLength),
        })
        .catch(() => {}); // the page may be gone (timeout, crash); the job already failed
      return;
    }
    blocked.push(originOf(url));
    if (req.isNavigationRequest()) {
      // An aborted navigation commits Chromium's error page in place of the
      // document (a <meta http-equiv=refresh> blanked the whole PDF). A 204
      // cancels the navigation and the frame keeps its document; nothing is
      // fetched either way.
      void req.respond({ status: 204, body: '' }).catch(() => {});
      return;
    }
    void req.abort('blockedbyclient').catch(() => {});
  };
  page.on('request', onRequest);
  await page.setRequestInterception(true);
  return { blockedRequests: blocked, dispose: () => void page.off('request', onRequest) };
}

/** `scheme://host[:port]` for hierarchical URLs, `scheme:` otherwise; never a path or data. */
export function originOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : u.protocol === 'file:' ? 'file://' : u.protocol;
  } catch {
    return 'invalid:';
  }
}
