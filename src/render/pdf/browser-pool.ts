/**
 * A warm pool of headless Chromium browsers, one job at a time per browser.
 * Each job gets a fresh page, opened while the slot was idle, and a deadline; a
 * job that times out or crashes takes its browser down with it, and the slot
 * relaunches for the next job. The launch flags carry the second network layer
 * of reliability-anchors.md §1.2: a dead proxy that loopback does not bypass.
 *
 * Isolation, measured on the 2-core dev box (Chromium 156, one 297×210 mm SVG
 * page with a web font, whole renderPdf, medians, machine shared):
 * - one page reused per browser: 43 ms per job, but NOT isolated: document.open()
 *   keeps the Document and its resource map, so a later job got an earlier job's
 *   font without any request reaching interception (Puppeteer cannot intercept
 *   what Blink answers from its caches: HTTPRequest.canBeIntercepted).
 *   Navigating to about:blank first stops that leak: 98 ms.
 * - a fresh page per job ('page', default): 133 ms back to back, 63 ms when the
 *   page was opened while the slot idled, 134 ms/job with 2 browsers saturated.
 *   A new page is a new renderer process; the leak test finds nothing.
 * - a fresh incognito context + page per job ('context'): 309 ms back to back,
 *   120–145 ms after idle, 310–570 ms/job with 2 browsers saturated (creating the
 *   off-the-record profile is CPU-heavy and the 2 browsers contend for 2 cores).
 * With JavaScript off and every request intercepted, a context adds no isolation
 * a page lacks (no cookies, storage or HTTP cache can be written), so 'page' is
 * the default. Chromium's PSS with 2 warm browsers: about 0.55–0.6 GiB.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { TimeoutError, type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { SystemError } from '../../errors/user-error.js';

export type Isolation = 'page' | 'context';

export interface BrowserPoolOptions {
  /** Chromium binary; else env `SEF_CHROMIUM`, else `/usr/bin/chromium`. */
  readonly executablePath?: string;
  /** Browsers kept warm; default min(2, CPU count). */
  readonly size?: number;
  /** Jobs that may wait for a browser; one more is refused with RENDER_QUEUE_FULL. Default 32. */
  readonly maxQueue?: number;
  /** Deadline of one job, from the moment a browser takes it. Default 60 s. */
  readonly timeoutMs?: number;
  readonly launchTimeoutMs?: number;
  /** Passed to Chromium as FONTCONFIG_FILE (written by the fonts module). */
  readonly fontconfigFile?: string;
  /**
   * 'page' (default): a fresh page, hence a fresh renderer process, per job.
   * 'context': a fresh incognito BrowserContext and page per job; 2–4 times slower (see above).
   */
  readonly isolation?: Isolation;
}

export interface PoolStats {
  readonly size: number;
  readonly busy: number;
  readonly queued: number;
  /** Browser launches so far, the warm-up included. */
  readonly launches: number;
}

export type PageTask<T> = (page: Page) => Promise<T>;

export interface BrowserPool {
  readonly size: number;
  readonly timeoutMs: number;
  /**
   * Runs `task` on a page of a free browser. Rejects with a SystemError coded
   * RENDER_TIMEOUT, RENDER_CRASHED, RENDER_QUEUE_FULL or RENDER_POOL_CLOSED, or
   * with whatever `task` threw.
   */
  run<T>(task: PageTask<T>, opts?: { readonly timeoutMs?: number }): Promise<T>;
  stats(): PoolStats;
  /** Refuses queued jobs, lets running ones finish, closes every browser, removes the temp profiles. */
  close(): Promise<void>;
}

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const DEFAULT_RENDER_TIMEOUT_MS = 60_000;

/** Headless Chromium that starts quietly on a machine without network (rendering-notes.md "Browser"). */
export const CHROMIUM_BASE_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The renderer's browsers: the base flags, and a dead proxy so that nothing leaves even loopback (reliability-anchors.md §1.2 layer 4). */
export const CHROMIUM_FLAGS: readonly string[] = [
  ...CHROMIUM_BASE_FLAGS,
  '--disable-default-apps',
  '--mute-audio',
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
];

const TEMP_PREFIX = 'sef-';

interface Slot {
  browser: Browser | undefined;
  launching: Promise<Browser> | undefined;
  /** The next job's context, opened while the slot was idle. */
  spare: Promise<Lease> | undefined;
}

interface Lease {
  readonly browser: Browser;
  /** Only with isolation 'context'. */
  readonly context: BrowserContext | undefined;
  readonly page: Page;
}

interface Pending {
  readonly task: PageTask<unknown>;
  readonly timeoutMs: number;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
}

export async function createBrowserPool(opts: BrowserPoolOptions = {}): Promise<BrowserPool> {
  const executablePath = opts.executablePath ?? process.env['SEF_CHROMIUM'] ?? DEFAULT_CHROMIUM;
  const size = Math.max(1, opts.size ?? Math.min(2, cpus().length));
  const maxQueue = Math.max(0, opts.maxQueue ?? 32);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
  const launchTimeoutMs = opts.launchTimeoutMs ?? 30_000;
  const isolation: Isolation = opts.isolation ?? 'page';
  const env = opts.fontconfigFile ? { ...process.env, FONTCONFIG_FILE: opts.fontconfigFile } : process.env;

  const slots: Slot[] = Array.from({ length: size }, () => ({ browser: undefined, launching: undefined, spare: undefined }));
  const idle: Slot[] = [...slots];
  const queue: Pending[] = [];
  const running = new Set<Promise<void>>();
  const profiles = new Map<Browser, string>();
  const destroying = new Map<Browser, Promise<void>>();
  const destroyed = new WeakSet<Browser>();
  const crashedPages = new WeakSet<Page>();
  let closing: Promise<void> | undefined;
  let launches = 0;
  let closed = false;

  async function launch(slot: Slot): Promise<Browser> {
    const dir = await mkdtemp(join(tmpdir(), TEMP_PREFIX));
    let browser: Browser;
    try {
      // Chromium's own temp files (org.chromium.Chromium.*, not always removed) go inside the profile too.
      await mkdir(join(dir, 'tmp'));
      launches++;
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        pipe: true, // no DevTools port on localhost for other local processes to find
        args: [...CHROMIUM_FLAGS, `--user-data-dir=${dir}`],
        env: { ...env, TMPDIR: join(dir, 'tmp') },
        defaultViewport: null, // page-policy.ts sets the viewport per job
        timeout: launchTimeoutMs,
        handleSIGINT: false, // shutdown is the application's (close()); the pipe ends Chromium if node dies
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (e) {
      await rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
      throw e;
    }
    profiles.set(browser, dir);
    // When Chromium dies with CDP messages unread, the pipe reports ECONNRESET, and
    // Puppeteer has removed its own listeners by then: unhandled, that ends node.
    for (const stream of browser.process()?.stdio ?? []) stream?.on('error', () => {});
    // A crash: forget the browser and clean up after it (its children, its profile).
    browser.once('disconnected', () => {
      if (slot.browser === browser) slot.browser = undefined;
      void destroy(browser, false);
    });
    if (closed) {
      await destroy(browser, false);
      throw new SystemError('RENDER_POOL_CLOSED', 'the browser pool is closed');
    }
    slot.browser = browser;
    return browser;
  }

  function ensureBrowser(slot: Slot): Promise<Browser> {
    if (slot.browser?.connected) return Promise.resolve(slot.browser);
    slot.launching ??= launch(slot).finally(() => {
      slot.launching = undefined;
    });
    return slot.launching;
  }

  /** Ends one browser (politely if asked, else SIGKILL to its process group) and removes its profile. Idempotent. */
  function destroy(browser: Browser, graceful: boolean): Promise<void> {
    const pending = destroying.get(browser);
    if (pending) return pending;
    if (destroyed.has(browser)) return Promise.resolve();
    destroyed.add(browser);
    const p = (async () => {
      const proc = browser.process();
      const exited =
        proc && proc.exitCode === null && proc.signalCode === null
          ? new Promise<void>((r) => proc.once('exit', () => r()))
          : Promise.resolve();
      const done = graceful && (await withDeadline(browser.close(), 5_000));
      // Also after a crash of the browser process itself: its renderers share the group.
      if (!done && proc?.pid !== undefined) {
        try {
          process.kill(-proc.pid, 'SIGKILL'); // puppeteer starts Chromium detached, as a group leader
        } catch {
          proc.kill('SIGKILL');
        }
      }
      await browser.disconnect().catch(() => {});
      await Promise.race([exited, delay(5_000)]);
      const dir = profiles.get(browser);
      profiles.delete(browser);
      if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
    })().finally(() => destroying.delete(browser));
    destroying.set(browser, p);
    return p;
  }

  async function recycle(slot: Slot, graceful: boolean): Promise<void> {
    const browser = slot.browser ?? (await slot.launching?.catch(() => undefined));
    if (slot.browser === browser) slot.browser = undefined;
    if (browser) await destroy(browser, graceful);
  }

  /** A fresh page (in a fresh incognito context if so configured), ready for one job. */
  async function openLease(slot: Slot): Promise<Lease> {
    if (closed) throw new SystemError('RENDER_POOL_CLOSED', 'the browser pool is closed');
    const browser = await ensureBrowser(slot);
    const context = isolation === 'context' ? await browser.createBrowserContext() : undefined;
    const page = await (context ?? browser).newPage();
    page.once('error', () => crashedPages.add(page)); // a spare can crash while it waits
    return { browser, context, page };
  }

  const release = (lease: Lease): Promise<boolean> =>
    withDeadline(lease.context ? lease.context.close() : lease.page.close(), 5_000);

  async function takeLease(slot: Slot): Promise<Lease> {
    const spare = slot.spare;
    slot.spare = undefined;
    const lease = await spare?.catch(() => undefined);
    if (lease && lease.browser.connected && !lease.page.isClosed() && !crashedPages.has(lease.page)) return lease;
    if (lease) void release(lease);
    return openLease(slot);
  }

  /** Closes the used page or context and opens the next one while the slot waits for work. */
  function prewarm(slot: Slot, used: Lease | undefined): void {
    const spare = (async () => {
      if (used && !(await release(used))) await recycle(slot, false);
      return openLease(slot);
    })();
    spare.catch(() => {});
    slot.spare = spare;
  }

  async function execute(slot: Slot, job: Pending): Promise<unknown> {
    let fail!: (e: SystemError) => void;
    const failed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    failed.catch(() => {});
    const timer = setTimeout(
      () => fail(new SystemError('RENDER_TIMEOUT', `render exceeded ${job.timeoutMs} ms`)),
      job.timeoutMs,
    );
    let lease: Lease | undefined;
    let settled = false;
    const onDisconnect = (): void => fail(new SystemError('RENDER_CRASHED', 'the browser disconnected'));
    const onPageError = (e: Error): void =>
      fail(new SystemError('RENDER_CRASHED', `the page crashed: ${e.message}`, { cause: e }));

    const work = (async () => {
      const taken = await takeLease(slot);
      if (settled) {
        // the deadline passed while the lease was being opened; nobody will use it
        void release(taken);
        throw new SystemError('RENDER_TIMEOUT', 'abandoned');
      }
      lease = taken;
      lease.browser.once('disconnected', onDisconnect);
      lease.page.once('error', onPageError);
      lease.page.setDefaultTimeout(job.timeoutMs);
      return await job.task(lease.page);
    })();
    work.catch(() => {});

    let broken = false;
    try {
      return await Promise.race([work, failed]);
    } catch (e) {
      if (e instanceof SystemError && (e.code === 'RENDER_TIMEOUT' || e.code === 'RENDER_CRASHED')) broken = true;
      else if (e instanceof TimeoutError) {
        // Puppeteer's own deadline (setDefaultTimeout) can beat ours by a tick; same outcome.
        broken = true;
        throw new SystemError('RENDER_TIMEOUT', `render exceeded ${job.timeoutMs} ms`, { cause: e });
      } else if (slot.browser === undefined || !slot.browser.connected) {
        broken = true;
        throw new SystemError('RENDER_CRASHED', 'the browser went away during the render', { cause: e });
      }
      throw e;
    } finally {
      settled = true;
      clearTimeout(timer);
      const used = lease as Lease | undefined;
      used?.browser.off('disconnected', onDisconnect);
      used?.page.off('error', onPageError);
      if (broken) await recycle(slot, false);
      if (!closed) prewarm(slot, broken ? undefined : used);
      else if (!broken && used) await release(used);
    }
  }

  function start(slot: Slot, job: Pending): void {
    const p: Promise<void> = execute(slot, job)
      .then(job.resolve, job.reject)
      .finally(() => {
        running.delete(p);
        const next = closed ? undefined : queue.shift();
        if (next) start(slot, next);
        else idle.push(slot);
      });
    running.add(p);
  }

  const pool: BrowserPool = {
    size,
    timeoutMs,
    run<T>(task: PageTask<T>, runOpts?: { readonly timeoutMs?: number }): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (closed) return reject(new SystemError('RENDER_POOL_CLOSED', 'the browser pool is closed'));
        const job: Pending = {
          task,
          timeoutMs: runOpts?.timeoutMs ?? timeoutMs,
          resolve: resolve as (v: unknown) => void,
          reject,
        };
        const slot = idle.pop();
        if (slot) start(slot, job);
        else if (queue.length >= maxQueue)
          reject(new SystemError('RENDER_QUEUE_FULL', `render queue is full (${maxQueue} waiting)`));
        else queue.push(job);
      });
    },
    stats: () => ({ size, busy: running.size, queued: queue.length, launches }),
    close(): Promise<void> {
      closing ??= (async () => {
        closed = true;
        for (const job of queue.splice(0)) job.reject(new SystemError('RENDER_POOL_CLOSED', 'the browser pool is closed'));
        await Promise.allSettled([...running]);
        await Promise.allSettled(slots.map((s) => s.spare));
        await Promise.allSettled(slots.map((s) => recycle(s, true)));
        await Promise.allSettled([...destroying.values()]);
      })();
      return closing;
    },
  };

  try {
    await Promise.all(slots.map((s) => ensureBrowser(s)));
    for (const s of slots) prewarm(s, undefined);
  } catch (e) {
    await pool.close();
    throw new SystemError('RENDER_CRASHED', `Chromium did not start (${executablePath})`, { cause: e });
  }
  return pool;
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

async function withDeadline(p: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([p.then(() => true, () => false), delay(ms).then(() => false)]);
}

