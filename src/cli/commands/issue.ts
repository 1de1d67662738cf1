/**
 * issue <institution-id> <roster.xlsx|csv|json> --photos <dir|zip> -o <dir>: validate the roster
 * (all or nothing), number every row in one transaction, render the batch as chunked PDFs, write
 * the completed 名册 and manifest.json. Progress per stage on stderr; a summary on stdout.
 * A faulty roster writes the error report and exits 2 with nothing issued.
 */
import { relative, resolve } from 'node:path';
import { isIsoDate, todayInChina } from '../../codes/index.js';
import type { DocumentKind } from '../../issuance/store/types.js';
import { UserError } from '../../errors/user-error.js';
import { requireForm } from '../../forms/registry.js';
import { createEngine } from '../../pipeline/engine.js';
import { prepareRoster } from '../../issuance/roster/prepare.js';
import { issueRoster } from '../../issuance/batch/issue-roster.js';
import type { BatchManifest } from '../../issuance/batch/manifest.js';
import { checkChunkSize, DEFAULT_CHUNK_SIZE } from '../../issuance/batch/render-chunks.js';
import { terminalProgress } from '../../issuance/batch/terminal-progress.js';
import { cliActor, withStore } from '../../issuance/batch/with-store.js';
import { table } from '../output.js';
import type { Command } from './index.js';

const USAGE =
  'issue <institution-id> <roster.xlsx|csv|json> --photos <dir|zip> -o <dir> [--issue-date YYYY-MM-DD] [--form <id>] [--kind certificate|supervisor-card] [--chunk-size N] [--idempotency-key K]';

export function parseChunkSize(s: string): number {
  const n = /^\d{1,6}$/.test(s) ? Number(s) : NaN;
  return checkChunkSize(n);
}

export function printFiles(m: BatchManifest, manifestPath: string): void {
  const rows = m.files.map((f) => [
    f.path,
    f.role,
    'pages' in f ? String(f.pages) : '',
    'numbers' in f ? `${f.numbers.first} … ${f.numbers.last}` : '',
    (f.bytes / 1024).toFixed(0),
    f.sha256.slice(0, 16),
  ]);
  rows.push([relative(process.cwd(), manifestPath) || manifestPath, 'manifest', '', '', '', '']);
  process.stdout.write(table(['file', 'role', 'pages', 'numbers', 'KB', 'sha256'], rows) + '\n');
}

export const issueCommand: Command = async (args, opts) => {
  const [institutionId, rosterFile] = args;
  if (!institutionId || !rosterFile || args.length > 2 || !opts.out) throw new UserError({ pointer: '', code: 'USAGE', params: { reason: USAGE } });
  const issueDate = opts.issueDate ?? todayInChina();
  if (!isIsoDate(issueDate)) throw new UserError({ pointer: '/issueDate', code: 'ISSUE_DATE_FORMAT', params: { value: issueDate } });
  const kind = (opts.kind ?? 'certificate') as DocumentKind;
  if (kind !== 'certificate' && kind !== 'supervisor-card')
    throw new UserError({ pointer: '', code: 'USAGE', params: { reason: '--kind must be certificate or supervisor-card' } });
  if (opts.form) requireForm(opts.form);
  const chunkSize = opts.chunkSize ? parseChunkSize(opts.chunkSize) : DEFAULT_CHUNK_SIZE;
  const started = Date.now();
  const progress = terminalProgress();
  const engine = createEngine();
  try {
    const outcome = await withStore(opts.db, async (store) => {
      const institution = await store.getInstitution(institutionId);
      if (!institution) throw new UserError({ pointer: '/institution', code: 'INSTITUTION_NOT_FOUND', params: { id: institutionId } });
      progress.listener({ stage: 'validate', done: 0, total: 0 });
      const prepared = await prepareRoster({
        institution,
        file: resolve(rosterFile),
        ...(opts.photos ? { photos: resolve(opts.photos) } : {}),
        issueDate,
        ...(opts.form ? { formId: opts.form } : {}),
        kind,
        ...(opts.branch ? { branch: opts.branch } : {}),
        validator: engine.validator,
      });
      progress.listener({ stage: 'validate', done: prepared.rows, total: prepared.rows, detail: `${prepared.errors.length} error(s)` });
      return issueRoster({
        store,
        engine,
        institution,
        prepared,
        outDir: resolve(opts.out!),
        chunkSize,
        ...(opts.idempotencyKey ? { idempotencyKey: opts.idempotencyKey } : {}),
        actor: cliActor(),
        onProgress: progress.listener,
      });
    });
    progress.stop();
    const secs = (Date.now() - started) / 1000;
    if (!outcome.ok) {
      if (opts.json) {
        process.stdout.write(JSON.stringify({ ok: false, rows: outcome.rows, errors: outcome.errors, report: outcome.report }, null, 2) + '\n');
        return 2;
      }
      const shown = outcome.errors.slice(0, 50);
      process.stderr.write(
        `名册有误，未发放任何证书 / The roster has errors; nothing was issued (${outcome.errors.length} error(s) in ${outcome.rows} rows):\n` +
          table(['行 row', '列 column', '代码 code', '说明', 'message'], shown.map((e) => [String(e.row), e.header ?? e.column ?? '', e.code, e.zh, e.en])) +
          (outcome.errors.length > shown.length ? `\n… ${outcome.errors.length - shown.length} more in the report` : '') +
          `\n错误报告 / Error report:\n  ${outcome.report.xlsx}\n  ${outcome.report.json}\n`,
      );
      return 2;
    }
    const m = outcome.manifest;
    if (opts.json) {
      process.stdout.write(JSON.stringify({ ok: true, manifest: outcome.manifestPath, batchId: m.batchId, replayed: m.replayed, counts: m.counts, numbers: m.numbers, files: m.files, seconds: secs }, null, 2) + '\n');
      return 0;
    }
    const out = process.stdout;
    out.write(`\n${m.replayed ? '重复提交，沿用原编号 / Replayed: same idempotency key, the numbers issued before (nothing allocated)' : '发证完成 / Issued'}\n`);
    out.write(`  batch        ${m.batchId}\n  institution  ${m.institution.id} ${m.institution.name} (${m.institution.code})\n  form         ${m.formId} (${m.renderMode})\n  issue date   ${m.issueDate}\n`);
    out.write(`  documents    ${m.counts.documents} of ${m.counts.rows} rows, ${m.counts.chunks} PDF file(s), ${m.counts.pages} pages\n`);
    out.write(`  numbers      ${m.numbers.first} … ${m.numbers.last}\n`);
    for (const r of m.numbers.ranges) out.write(`               ${r.counterKey}: serial ${r.fromSerial}–${r.toSerial} (${r.count})\n`);
    if (m.ledgerHead) out.write(`  ledger head  ${m.ledgerHead}\n`);
    out.write(`  elapsed      ${secs.toFixed(1)} s (${(m.counts.documents / secs).toFixed(1)} documents/s)\n\n`);
    printFiles(m, outcome.manifestPath);
    if (outcome.warnings.length) process.stderr.write(`警告 / Warnings: ${outcome.warnings.length} (see the roster)\n`);
    return 0;
  } finally {
    progress.stop();
    await engine.close();
  }
};
