/**
 * PdfJob → PdfResult: the page policy, the job's HTML exactly as given, Chromium's
 * print, then the exact page boxes and metadata of page-box.ts. The HTML is not
 * touched here; what it may load is decided by the policy alone.
 */
import type { BrowserPool } from './browser-pool.js';
import { fixPageBoxes } from './page-box.js';
import { applyPagePolicy, type PagePolicyOptions } from './page-policy.js';
import type { PdfJob, PdfResult } from './types.js';

export interface RenderPdfOptions {
  readonly policy?: PagePolicyOptions;
  /** Overrides the pool's render timeout for this job. */
  readonly timeoutMs?: number;
}

export async function renderPdf(pool: BrowserPool, job: PdfJob, opts: RenderPdfOptions = {}): Promise<PdfResult> {
  const { raw, blockedRequests } = await pool.run(
    async (page) => {
      const policy = await applyPagePolicy(page, job.assets, opts.policy);
      try {
        // 'load' waits for the intercepted images and stylesheets; page.pdf() then
        // waits for document.fonts.ready (it evaluates in an isolated world, which
        // works with page JavaScript off). test/render-pdf checks the fonts in the PDF.
        await page.setContent(job.html, { waitUntil: 'load' });
        const raw = await page.pdf({
          width: `${job.pageWidthMm}mm`,
          height: `${job.pageHeightMm}mm`,
          printBackground: true,
          preferCSSPageSize: true,
          margin: { top: 0, right: 0, bottom: 0, left: 0 },
        });
        return { raw, blockedRequests: [...policy.blockedRequests] };
      } finally {
        policy.dispose();
      }
    },
    opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : undefined,
  );
  const fixed = await fixPageBoxes(raw, {
    pageWidthMm: job.pageWidthMm,
    pageHeightMm: job.pageHeightMm,
    ...(job.title !== undefined ? { title: job.title } : {}),
    ...(job.creationDate !== undefined ? { creationDate: job.creationDate } : {}),
  });
  return { bytes: fixed.bytes, pageCount: fixed.pageCount, blockedRequests };
}
