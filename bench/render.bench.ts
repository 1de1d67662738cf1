/**
 * npm run bench — render throughput and memory, printed as figures and ratios.
 * Not a test: these machines are shared and noisy, so nothing here asserts time.
 *   1. one certificate, warm browser: ms per PDF (median of N)
 *   2. a batch of 200 certificates as ONE document: ms per certificate
 *   3. Chromium memory (summed RSS and PSS of its processes) after the batch
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createEngine } from '../src/pipeline/engine.js';
import { renderForm } from '../src/pipeline/render-form.js';
import { formRegistry } from '../src/forms/registry.js';
import { readInput } from '../src/cli/load-input.js';

const FORM = 'national-skill-certificate-2021-style-1';
const SINGLE_RUNS = Number(process.env.BENCH_RUNS ?? 10);
const BATCH = Number(process.env.BENCH_BATCH ?? 200);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function chromiumMemory(): { rssMiB: number; pssMiB: number; processes: number } {
  let out = '';
  try { out = execFileSync('pgrep', ['-f', 'chromium'], { encoding: 'utf8' }); } catch { return { rssMiB: 0, pssMiB: 0, processes: 0 }; }
  let rss = 0, pss = 0, n = 0;
  for (const pid of out.split('\n').filter(Boolean)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      pss += Number(/Pss:\s+(\d+)/.exec(rollup)?.[1] ?? 0);
      n++;
    } catch { /* process ended */ }
  }
  return { rssMiB: rss / 1024, pssMiB: pss / 1024, processes: n };
}

const form = formRegistry().get(FORM)!;
const record = readInput(form.examples.find((e) => e.name === 'full')!.file) as { certificate: { number: string } };
const engine = createEngine({ poolSize: 1 });
try {
  await renderForm(engine, { formId: FORM, input: record, format: 'pdf' }); // warm-up: browser start, fonts
  const single: number[] = [];
  for (let i = 0; i < SINGLE_RUNS; i++) {
    const t = performance.now();
    await renderForm(engine, { formId: FORM, input: record, format: 'pdf' });
    single.push(performance.now() - t);
  }
  const prefix = record.certificate.number.slice(0, 16);
  const batch = Array.from({ length: BATCH }, (_, i) => ({ ...record, certificate: { ...record.certificate, number: prefix + String(i + 1).padStart(6, '0') } }));
  const t0 = performance.now();
  const r = await renderForm(engine, { formId: FORM, input: batch, format: 'pdf' });
  const batchMs = performance.now() - t0;
  const mem = chromiumMemory();
  const perCert = batchMs / BATCH;
  console.log(`single certificate, warm:   ${median(single).toFixed(0)} ms median of ${SINGLE_RUNS} (min ${Math.min(...single).toFixed(0)}, max ${Math.max(...single).toFixed(0)})`);
  console.log(`batch of ${BATCH} in one PDF:  ${(batchMs / 1000).toFixed(2)} s, ${perCert.toFixed(1)} ms per certificate, ${r.pageCount} pages, ${(r.bytes.length / 1024 / 1024).toFixed(2)} MiB`);
  console.log(`ratio single / batched:     ${(median(single) / perCert).toFixed(1)}×`);
  console.log(`Chromium memory:            ${mem.pssMiB.toFixed(0)} MiB PSS, ${mem.rssMiB.toFixed(0)} MiB summed RSS, ${mem.processes} processes`);
  console.log(`Node heap after batch:      ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB`);
} finally {
  await engine.close();
}
