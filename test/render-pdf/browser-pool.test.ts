/**
 * The pool under failure: a render past its deadline gives RENDER_TIMEOUT, a
 * dead browser or renderer gives RENDER_CRASHED, a full queue RENDER_QUEUE_FULL,
 * and in every case the next job succeeds. After close() no profile directory
 * and no Chromium process is left. The pool runs with a private TMPDIR so that
 * other suites' `sef-*` directories do not count.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SystemError } from '../../src/errors/user-error.js';
import { createBrowserPool, type BrowserPool } from '../../src/render/pdf/browser-pool.js';
import { renderPdf } from '../../src/render/pdf/pdf-renderer.js';
import type { PdfJob } from '../../src/render/pdf/types.js';

const small: PdfJob = {
  html: `<!doctype html><style>@page{size:80mm 110mm;margin:0}body{margin:0}</style>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 110" width="80mm" height="110mm" style="display:block">
<text x="10" y="20" font-size="5">OK</text></svg>`,
  assets: new Map(),
  pageWidthMm: 80,
  pageHeightMm: 110,
};
/** About 400 A4 pages of table: seconds of layout and printing. */
const heavy: PdfJob = {
  html:
    `<!doctype html><style>@page{size:297mm 210mm;margin:10mm}td{border:1px solid #000}</style><table>` +
    Array.from({ length: 20_000 }, (_, i) => `<tr><td>${i}</td><td>row ${i} of a heavy page</td><td>${i * 7}</td></tr>`).join('') +
    `</table>`,
  assets: new Map(),
  pageWidthMm: 297,
  pageHeightMm: 210,
};

const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof SystemError ? e.code : `not a SystemError: ${String(e)}`),
  );

let privateTmp: string;
let pool: BrowserPool;
beforeAll(async () => {
  privateTmp = mkdtempSync(join(tmpdir(), 'pool-test-'));
  vi.stubEnv('TMPDIR', privateTmp);
  pool = await createBrowserPool({ size: 1, maxQueue: 1, timeoutMs: 15_000 });
}, 30_000);
afterAll(async () => {
  await pool?.close();
  vi.unstubAllEnvs();
  rmSync(privateTmp, { recursive: true, force: true });
}, 30_000);

describe('browser pool', () => {
  it('warms up with a profile under the temp dir', () => {
    expect(readdirSync(privateTmp).filter((d) => d.startsWith('sef-'))).toHaveLength(1);
    expect(pool.stats()).toMatchObject({ size: 1, busy: 0, queued: 0, launches: 1 });
  });

  it('fails a 1 ms job with RENDER_TIMEOUT, then renders the next job', async () => {
    expect(await codeOf(renderPdf(pool, heavy, { timeoutMs: 1 }))).toBe('RENDER_TIMEOUT');
    expect((await renderPdf(pool, small)).pageCount).toBe(1);
  }, 20_000);

  it('fails a heavy page past its deadline with RENDER_TIMEOUT, then renders the next job', async () => {
    const launches = pool.stats().launches;
    expect(await codeOf(renderPdf(pool, heavy, { timeoutMs: 300 }))).toBe('RENDER_TIMEOUT');
    expect((await renderPdf(pool, small)).pageCount).toBe(1);
    expect(pool.stats().launches).toBe(launches + 1); // the stuck browser was replaced
  }, 20_000);

  it('reports a killed browser as RENDER_CRASHED and relaunches', async () => {
    const crashed = pool.run(async (page) => {
      page.browser().process()!.kill('SIGKILL');
      await new Promise(() => {}); // only the crash ends this job
    });
    expect(await codeOf(crashed)).toBe('RENDER_CRASHED');
    expect((await renderPdf(pool, small)).pageCount).toBe(1);
  }, 20_000);

  it('reports a crashed renderer as RENDER_CRASHED and recovers', async () => {
    const crashed = pool.run(async (page) => {
      await page.goto('chrome://crash').catch(() => {});
      await new Promise(() => {});
    });
    expect(await codeOf(crashed)).toBe('RENDER_CRASHED');
    expect((await renderPdf(pool, small)).pageCount).toBe(1);
  }, 20_000);

  it('passes a task error through without recycling the browser', async () => {
    const launches = pool.stats().launches;
    await expect(pool.run(async () => Promise.reject(new Error('task says no')))).rejects.toThrow('task says no');
    expect((await renderPdf(pool, small)).pageCount).toBe(1);
    expect(pool.stats().launches).toBe(launches);
  }, 20_000);

  it('refuses a job beyond the queue bound with RENDER_QUEUE_FULL', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const first = pool.run(() => gate);
    const second = pool.run(async () => 'second');
    expect(pool.stats()).toMatchObject({ busy: 1, queued: 1 });
    expect(await codeOf(pool.run(async () => 'third'))).toBe('RENDER_QUEUE_FULL');
    open();
    await first;
    expect(await second).toBe('second');
  }, 20_000);

  it('leaves no profile directory and no Chromium process after close', async () => {
    await pool.close();
    expect(await codeOf(renderPdf(pool, small))).toBe('RENDER_POOL_CLOSED');
    // Chromium's own temp files live inside the profile, so nothing of it is left either
    expect(readdirSync(privateTmp).filter((d) => d.startsWith('sef-') || d.includes('chromium'))).toEqual([]);
    // every profile lived under privateTmp, so its path is on every Chromium command line
    expect(spawnSync('pgrep', ['-f', privateTmp], { encoding: 'utf8' }).stdout.trim()).toBe('');
  }, 20_000);
});
