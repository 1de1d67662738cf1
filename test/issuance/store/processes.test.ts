/**
 * Real OS processes against one registry (reliability-anchors.md §6.3), on every backend:
 *  (b) four processes issue on the same counter key at once: the union of their numbers is
 *      exactly 1..N, no duplicate;
 *  (c) a process killed with SIGKILL at random points, 20 times: every number it reported is in
 *      the registry, the serials have no holes, the integrity check and the ledger pass.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BACKENDS, backendAvailable, freshTarget, type Target } from './backends.js';
import { serialOf } from './requests.js';
import { projectRoot } from '../../../src/paths.js';

const WORKER = fileURLToPath(new URL('./fixtures/issue-worker.ts', import.meta.url));

interface Worker {
  readonly child: ChildProcess;
  /** Complete lines printed so far (a partial last line is not counted). */
  readonly lines: string[];
  readonly ready: Promise<void>;
  /** Resolves once at least n numbers were reported (or the process ended). */
  reported(n: number): Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startWorker(target: Target, worker: string, counterKey: string, total: number, maxBatch: number): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify({ url: target.url, worker, counterKey, total, maxBatch })], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (onReady = r));
  let waiting: { n: number; resolve: () => void } | undefined;
  let closed = false;
  const wake = () => {
    if (waiting && (closed || lines.length >= waiting.n)) {
      waiting.resolve();
      waiting = undefined;
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const l of parts) {
      if (l === 'ready') onReady();
      else lines.push(l);
    }
    wake();
  });
  const reported = (n: number) =>
    new Promise<void>((resolve) => {
      waiting = { n, resolve };
      wake();
    });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => {
      closed = true;
      onReady();
      wake();
      resolve({ code, signal, stderr });
    }),
  );
  return { child, lines, ready, reported, exited };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe.each(BACKENDS)('issuance store processes (%s)', (backend) => {
  if (!backendAvailable(backend)) return;

  it('(b) four processes issuing on one counter key get exactly 1..N between them, no duplicate', async () => {
    const target = await freshTarget(backend);
    try {
      const perWorker = 60;
      const workers = ['w1', 'w2', 'w3', 'w4'].map((w) => startWorker(target, w, 'KC', perWorker, 5));
      const results = await Promise.all(workers.map((w) => w.exited));
      for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0, signal: null });
      const all = workers.flatMap((w) => w.lines);
      expect(all).toHaveLength(4 * perWorker);
      expect(new Set(all).size).toBe(all.length);
      expect(all.map(serialOf).sort((a, b) => a - b)).toEqual(range(4 * perWorker));
      // each process saw its own numbers rise: batches commit one after another
      for (const w of workers) expect(w.lines.map(serialOf)).toEqual([...w.lines.map(serialOf)].sort((a, b) => a - b));

      const store = await target.open();
      try {
        const docs = await store.listDocuments({});
        expect(docs.map((d) => d.number).sort()).toEqual([...all].sort());
        expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
        expect(await store.verifyLedger()).toMatchObject({ ok: true });
      } finally {
        await store.close();
      }
    } finally {
      await target.cleanup();
    }
  });

  it('(c) SIGKILL at random points, 20 times: every reported number is registered, no holes, checks pass', async () => {
    const target = await freshTarget(backend);
    try {
      const reported = new Set<string>();
      for (let run = 0; run < 20; run++) {
        // A random point: after 0–40 reported numbers, plus 0–15 ms (mid-batch, mid-commit, mid-print).
        const w = startWorker(target, `k${run}`, 'KK', 100_000, 8);
        await w.ready;
        await w.reported(Math.floor(Math.random() * 41));
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 16)));
        w.child.kill('SIGKILL');
        const exit = await w.exited;
        expect(exit.signal, exit.stderr).toBe('SIGKILL');
        for (const n of w.lines) reported.add(n);

        const store = await target.open();
        try {
          const docs = await store.listDocuments({});
          const stored = new Set(docs.map((d) => d.number));
          for (const n of w.lines) expect(stored.has(n), `reported ${n} is missing after run ${run}`).toBe(true);
          for (const n of reported) expect(stored.has(n)).toBe(true);
          expect(docs.map((d) => d.serial)).toEqual(range(docs.length));
          expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
          expect(await store.verifyLedger()).toMatchObject({ ok: true });
        } finally {
          await store.close();
        }
      }
      // the registry holds at least what was reported, and the kills landed while numbers were being issued
      expect(reported.size).toBeGreaterThan(20);
    } finally {
      await target.cleanup();
    }
  });
});
