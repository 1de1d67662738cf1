/**
 * Reprint: re-renders documents from the registry exactly as stored (numbers included), without
 * allocating anything, and records the reprint in the audit log (store.recordReprint). A whole
 * batch (voided documents are left out and counted) or a list of numbers (a voided or unknown
 * number is refused, naming it). Output is the same shape as an issue run: chunked PDFs, the
 * completed 名册 for certificates, and manifest.json last.
 */
import { join } from 'node:path';
import type { Engine } from '../../pipeline/engine.js';
import { UserError, type IssueRef } from '../../errors/user-error.js';
import type { IssuanceStore, StoredDocument } from '../store/types.js';
import { checkChunkSize, DEFAULT_CHUNK_SIZE } from './render-chunks.js';
import type { BatchManifest } from './manifest.js';
import { ensureOutDir, writeBatchManifest, writeBatchOutputs } from './write-outputs.js';
import { stemFor } from './issue-roster.js';
import type { ProgressListener } from './progress.js';

export interface ReprintOptions {
  readonly store: IssuanceStore;
  readonly engine: Engine;
  readonly outDir: string;
  readonly chunkSize?: number;
  readonly actor: string;
  readonly reason?: string;
  readonly onProgress?: ProgressListener;
}

export interface ReprintResult {
  readonly manifests: { readonly path: string; readonly manifest: BatchManifest }[];
  readonly documents: number;
}

export async function reprintBatch(batchId: string, o: ReprintOptions): Promise<ReprintResult> {
  const batch = await o.store.getBatch(batchId);
  if (!batch) throw new UserError({ pointer: '/batchId', code: 'BATCH_UNKNOWN', params: { id: batchId } });
  const all = await o.store.listBatch(batchId);
  const docs = all.filter((d) => d.status === 'issued');
  const m = await reprintGroup(docs, o, { batchId, skippedVoided: all.length - docs.length, fileStem: `reprint-${stemFor(batch.kind)}` });
  return { manifests: [m], documents: docs.length };
}

export async function reprintDocuments(numbers: readonly string[], o: ReprintOptions): Promise<ReprintResult> {
  const issues: IssueRef[] = [];
  const docs: StoredDocument[] = [];
  const seen = new Set<string>();
  for (const [i, n] of numbers.entries()) {
    if (seen.has(n)) continue;
    seen.add(n);
    const d = await o.store.getDocument(n);
    if (!d) issues.push({ pointer: `/numbers/${i}`, code: 'DOC_NOT_IN_REGISTRY', params: { number: n }, value: n });
    else if (d.status === 'voided') issues.push({ pointer: `/numbers/${i}`, code: 'REPRINT_VOIDED', params: { number: n }, value: n });
    else docs.push(d);
  }
  if (issues.length) throw new UserError(issues);
  // One set of files per (batch): a batch has one form, institution and 发证日期.
  const groups = new Map<string, StoredDocument[]>();
  for (const d of docs) groups.set(d.batchId, [...(groups.get(d.batchId) ?? []), d]);
  const manifests: ReprintResult['manifests'] = [];
  const multi = groups.size > 1;
  for (const [batchId, group] of groups) {
    const dir = multi ? join(o.outDir, batchId) : o.outDir;
    manifests.push(await reprintGroup(group, { ...o, outDir: dir }, { batchId, skippedVoided: 0, fileStem: `reprint-${stemFor(group[0]!.kind)}` }));
  }
  return { manifests, documents: docs.length };
}

async function reprintGroup(
  docs: readonly StoredDocument[],
  o: ReprintOptions,
  g: { batchId: string; skippedVoided: number; fileStem: string },
): Promise<{ path: string; manifest: BatchManifest }> {
  const chunkSize = checkChunkSize(o.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const first = docs[0];
  if (!first) throw new UserError({ pointer: '/batchId', code: 'BATCH_EMPTY' });
  const inst = await o.store.getInstitution(first.institutionId);
  const institution = { id: first.institutionId, name: inst?.name ?? '', code: inst?.code ?? '' };
  await ensureOutDir(o.outDir);
  const written = await writeBatchOutputs({
    engine: o.engine,
    institution,
    formId: first.formId,
    issueDate: first.issueDate,
    documents: docs,
    outDir: o.outDir,
    chunkSize,
    fileStem: g.fileStem,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  await o.store.recordReprint(docs.map((d) => d.number), o.actor, o.reason);
  return writeBatchManifest(o.store, o.outDir, written, chunkSize, {
    action: 'reprint',
    batchId: g.batchId,
    replayed: false,
    institution,
    formId: first.formId,
    documentKind: first.kind,
    issueDate: first.issueDate,
    counts: g.skippedVoided ? { skippedVoided: g.skippedVoided } : {},
  });
}
