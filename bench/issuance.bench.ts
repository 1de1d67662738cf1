/**
 * npm run bench (second part) — batch issuance end to end, in process, on a temp SQLite registry:
 * a generated 2,000-person roster (XLSX + one JPEG per person) is validated (prepareRoster),
 * numbered (one transaction) and rendered into chunked PDFs with the completed 名册 and the
 * manifest (issueRoster). Prints certificates per second per stage and overall, and peak memory:
 * node's peak RSS and the peak summed PSS of the Chromium processes this process started
 * (sampled every 250 ms; other processes on the machine are not counted).
 * Not a test: nothing here asserts time. BENCH_ISSUE_ROWS / BENCH_CHUNK / BENCH_LANES (chunks in flight)
 * override the defaults (2000 / 250 / 2).
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../src/pipeline/engine.js';
import { openStore } from '../src/issuance/store/open-store.js';
import { loadInstitutionFile } from '../src/issuance/institution.js';
import { prepareRoster } from '../src/issuance/roster/prepare.js';
import { issueRoster } from '../src/issuance/batch/issue-roster.js';
import type { BatchStage } from '../src/issuance/batch/progress.js';
import { generateRoster, INSTITUTION_FILE } from '../test/issuance/cli/roster-gen.js';
import { tempDir } from '../test/issuance/batch/fixtures.js';

const ROWS = Number(process.env.BENCH_ISSUE_ROWS ?? 2000);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 250);
const LANES = Number(process.env.BENCH_LANES ?? 2);

/** PIDs of every descendant of `root` (from /proc/<pid>/stat ppid links). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  const out: number[] = [];
  const walk = (p: number) => { for (const [c, pp] of parent) if (pp === p) { out.push(c); walk(c); } };
  walk(root);
  return out;
}

function chromiumPssMiB(): number {
  let kib = 0;
  for (const pid of descendants(process.pid)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chrom')) continue;
      kib += Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch { /* ended */ }
  }
  return kib / 1024;
}

const dir = tempDir('bench');
try {
  process.stdout.write(`generating a ${ROWS}-person roster with photos …\n`);
  const roster = await generateRoster(dir, ROWS);
  const engine = createEngine();
  const store = await openStore(join(dir, 'registry.sqlite'));
  let peakPss = 0;
  const sampler = setInterval(() => (peakPss = Math.max(peakPss, chromiumPssMiB())), 250);
  try {
    const institution = await store.putInstitution(loadInstitutionFile(INSTITUTION_FILE), 'bench');
    const stageStart = new Map<BatchStage, number>();
    const stageEnd = new Map<BatchStage, number>();
    const t0 = performance.now();
    const prepared = await prepareRoster({ institution, file: roster.file, photos: roster.photos, issueDate: '2024-06-28', validator: engine.validator });
    const tValidate = performance.now() - t0;
    if (prepared.errors.length) throw new Error(`generated roster has ${prepared.errors.length} errors: ${prepared.errors[0]!.code}`);
    const out = join(dir, 'out');
    const res = await issueRoster({
      store, engine, institution, prepared, outDir: out, chunkSize: CHUNK, actor: 'bench', renderConcurrency: LANES,
      onProgress: (e) => {
        const now = performance.now();
        if (!stageStart.has(e.stage)) stageStart.set(e.stage, now);
        if (e.done >= e.total) stageEnd.set(e.stage, now);
      },
    });
    const total = performance.now() - t0;
    if (!res.ok) throw new Error('issue failed');
    const span = (s: BatchStage) => (stageEnd.get(s) ?? 0) - (stageStart.get(s) ?? 0);
    const bytes = readdirSync(out).reduce((s, f) => s + statSync(join(out, f)).size, 0);
    const rate = (n: number, ms: number) => `${((n / ms) * 1000).toFixed(1)}/s`;
    console.log(`batch issuance, ${ROWS} certificates, chunks of ${CHUNK} (${res.manifest.counts.chunks} PDFs, ${LANES} rendered at a time), temp SQLite:`);
    console.log(`  validate (prepareRoster):   ${(tValidate / 1000).toFixed(1)} s  ${rate(ROWS, tValidate)}`);
    console.log(`  number (one transaction):   ${(span('number') / 1000).toFixed(2)} s  ${rate(ROWS, span('number'))}`);
    console.log(`  render + write PDFs:        ${(span('render') / 1000).toFixed(1)} s  ${rate(ROWS, span('render'))}`);
    console.log(`  名册 XLSX + PDF:            ${(span('outputs') / 1000).toFixed(1)} s`);
    console.log(`  end to end:                 ${(total / 1000).toFixed(1)} s  ${((ROWS / total) * 1000).toFixed(1)} certificates per second, ${(bytes / 1024 / 1024).toFixed(1)} MiB written`);
    console.log(`  peak memory:                node RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB, Chromium PSS ${peakPss.toFixed(0)} MiB`);
  } finally {
    clearInterval(sampler);
    await store.close();
    await engine.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
