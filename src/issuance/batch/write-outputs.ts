/**
 * Everything a batch run writes besides the manifest: the print files (chunked PDFs), then the
 * completed 名册 (XLSX and PDF, certificates only), then the manifest LAST. Used by issue and
 * reprint alike, so a reprinted folder looks exactly like an issued one.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../../pipeline/engine.js';
import { UserError } from '../../errors/user-error.js';
import type { InstitutionRecord, StoredDocument } from '../store/types.js';
import { rosterRows, type SourceCells } from '../outputs/roster-rows.js';
import { rosterXlsxBytes } from '../outputs/roster-xlsx.js';
import { rosterPdfBytes } from '../outputs/roster-pdf.js';
import { batchRenderMode, renderChunks, type ChunkFile } from './render-chunks.js';
import { MANIFEST_FILE, mergeRanges, writeManifest, writeOutputFile, type BatchManifest, type OutputFile } from './manifest.js';
import { ledgerHead } from './ledger-head.js';
import type { IssuanceStore } from '../store/types.js';
import type { ProgressListener } from './progress.js';

export const ROSTER_XLSX = '职业技能等级认定人员名册.xlsx';
export const ROSTER_PDF = '职业技能等级认定人员名册.pdf';

export async function ensureOutDir(outDir: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    throw new UserError({ pointer: '/out', code: 'OUTPUT_DIR_UNUSABLE', params: { path: outDir, reason: (e as NodeJS.ErrnoException).code ?? String(e) } });
  }
}

export interface WriteOutputsOptions {
  readonly engine: Engine;
  readonly institution: Pick<InstitutionRecord, 'id' | 'name' | 'code'>;
  readonly formId: string;
  readonly issueDate: string;
  readonly documents: readonly StoredDocument[];
  readonly outDir: string;
  readonly chunkSize: number;
  readonly fileStem: string;
  readonly sourceCells?: ReadonlyMap<string, SourceCells>;
  readonly onProgress?: ProgressListener;
  /** Chunks rendered at the same time (default 2). */
  readonly concurrency?: number;
}

export interface WrittenOutputs {
  readonly chunks: ChunkFile[];
  readonly others: OutputFile[];
  readonly renderMode: BatchManifest['renderMode'];
  readonly numbers: BatchManifest['numbers'];
  readonly pages: number;
}

export async function writeBatchOutputs(o: WriteOutputsOptions): Promise<WrittenOutputs> {
  // A manifest vouches for the folder: one left by an earlier run goes before any file is replaced,
  // so an interrupted run never leaves an old manifest beside new files.
  await rm(join(o.outDir, MANIFEST_FILE), { force: true });
  const creationDate = new Date(`${o.issueDate}T00:00:00+08:00`);
  const chunks = await renderChunks({
    engine: o.engine,
    formId: o.formId,
    documents: o.documents,
    outDir: o.outDir,
    chunkSize: o.chunkSize,
    fileStem: o.fileStem,
    creationDate,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...(o.concurrency ? { concurrency: o.concurrency } : {}),
  });
  const others: OutputFile[] = [];
  const certificates = o.documents.filter((d) => d.kind === 'certificate');
  if (certificates.length) {
    o.onProgress?.({ stage: 'outputs', done: 0, total: 2 });
    const rows = rosterRows(certificates, o.sourceCells);
    others.push(await writeOutputFile(o.outDir, ROSTER_XLSX, 'roster-xlsx', await rosterXlsxBytes(rows)));
    o.onProgress?.({ stage: 'outputs', done: 1, total: 2, detail: ROSTER_XLSX });
    const caption = `评价机构：${o.institution.name}（${o.institution.code}）　发证日期：${o.issueDate}　共 ${rows.length} 人`;
    const pdf = await rosterPdfBytes(o.engine, rows, { caption, creationDate });
    others.push(await writeOutputFile(o.outDir, ROSTER_PDF, 'roster-pdf', pdf.bytes));
    o.onProgress?.({ stage: 'outputs', done: 2, total: 2, detail: ROSTER_PDF });
  }
  const first = o.documents[0];
  const last = o.documents[o.documents.length - 1];
  return {
    chunks,
    others,
    renderMode: batchRenderMode(o.engine, o.formId),
    numbers: { first: first?.number ?? '', last: last?.number ?? '', ranges: mergeRanges(chunks) },
    pages: chunks.reduce((s, c) => s + c.pages, 0),
  };
}

/** What a run says about itself in its manifest; the rest comes from the written outputs. */
export type ManifestHeader = Pick<BatchManifest, 'action' | 'batchId' | 'replayed' | 'institution' | 'formId' | 'documentKind' | 'issueDate' | 'idempotencyKey' | 'source'> & {
  readonly counts: Pick<BatchManifest['counts'], 'rows' | 'skippedVoided'>;
};

/** Assembles the manifest of written outputs (files, numbers, pages, ledger head) and writes it LAST. */
export async function writeBatchManifest(
  store: IssuanceStore,
  outDir: string,
  written: WrittenOutputs,
  chunkSize: number,
  header: ManifestHeader,
): Promise<{ path: string; manifest: BatchManifest }> {
  const head = await ledgerHead(store);
  const manifest: BatchManifest = {
    format: 'sef-batch-manifest/1',
    ...header,
    renderMode: written.renderMode,
    createdAt: new Date().toISOString(),
    counts: { ...header.counts, documents: written.chunks.reduce((n, c) => n + c.records, 0), chunks: written.chunks.length, pages: written.pages },
    numbers: written.numbers,
    chunkSize,
    files: [...written.chunks, ...written.others],
    ...(head ? { ledgerHead: head } : {}),
  };
  return { path: await writeManifest(outDir, manifest), manifest };
}
