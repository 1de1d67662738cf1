/**
 * Renders stored documents as a few large PDFs: chunks of `chunkSize` records, ONE renderForm
 * call (one Chromium print) per chunk, never one PDF per person (rendering-notes.md,
 * Throughput). Each chunk is written atomically (temp file, fsync, rename: R-IO-1) as soon as it
 * is rendered, so memory stays at the chunks in flight (2 by default) and an interrupted run leaves
 * only complete files. Supervisor cards print as imposed A4 sheets (catalogue §7.7); certificates one per page.
 */
import { renderForm } from '../../pipeline/render-form.js';
import type { Engine } from '../../pipeline/engine.js';
import { MAX_RECORDS_PER_DOCUMENT } from '../../pipeline/check-records.js';
import { UserError } from '../../errors/user-error.js';
import type { StoredDocument } from '../store/types.js';
import type { ProgressListener } from './progress.js';
import { writeOutputFile } from './manifest.js';

export const DEFAULT_CHUNK_SIZE = 250;
export const MAX_CHUNK_SIZE = MAX_RECORDS_PER_DOCUMENT;

/** Consecutive serials of one counter key inside a chunk. */
export interface SerialRange {
  readonly counterKey: string;
  readonly fromSerial: number;
  readonly toSerial: number;
  readonly count: number;
}

export interface ChunkFile {
  /** File name inside the output folder. */
  readonly path: string;
  readonly role: 'documents';
  readonly sha256: string;
  readonly bytes: number;
  readonly pages: number;
  readonly records: number;
  /** First and last number in print order, and the serial ranges per counter key. */
  readonly numbers: { readonly first: string; readonly last: string; readonly ranges: readonly SerialRange[] };
}

export type RenderMode = 'pages' | 'imposed';

/** Cards (80×110 mm) go to the A4 imposition sheet when the form offers it; everything else prints page by page. */
export function batchRenderMode(engine: Engine, formId: string): RenderMode {
  const m = engine.form(formId).manifest;
  return m.kind === 'card' && (m.renderModes ?? []).includes('imposed') ? 'imposed' : 'pages';
}

export function checkChunkSize(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_CHUNK_SIZE)
    throw new UserError({ pointer: '/chunkSize', code: 'BATCH_CHUNK_SIZE', params: { max: MAX_CHUNK_SIZE, value: String(n) } });
  return n;
}

export function chunk<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Serial ranges per counter key, in order of appearance (a new range whenever a serial does not follow on). */
export function serialRanges(docs: readonly Pick<StoredDocument, 'counterKey' | 'serial'>[]): SerialRange[] {
  const ranges: SerialRange[] = [];
  const open = new Map<string, { counterKey: string; fromSerial: number; toSerial: number; count: number }>();
  for (const d of docs) {
    const r = open.get(d.counterKey);
    if (r && d.serial === r.toSerial + 1) {
      r.toSerial = d.serial;
      r.count++;
    } else {
      const n = { counterKey: d.counterKey, fromSerial: d.serial, toSerial: d.serial, count: 1 };
      open.set(d.counterKey, n);
      ranges.push(n);
    }
  }
  return ranges.map((r) => ({ ...r }));
}

export interface RenderChunksOptions {
  readonly engine: Engine;
  readonly formId: string;
  readonly documents: readonly StoredDocument[];
  readonly outDir: string;
  readonly chunkSize: number;
  /** File names are `<stem>-001.pdf`, `<stem>-002.pdf`, … */
  readonly fileStem: string;
  /** PDF creation date (deterministic output: the 发证日期). */
  readonly creationDate: Date;
  readonly onProgress?: ProgressListener;
  /** Chunks rendered at the same time (default 2). */
  readonly concurrency?: number;
}

export async function renderChunks(o: RenderChunksOptions): Promise<ChunkFile[]> {
  const size = checkChunkSize(o.chunkSize);
  const mode = batchRenderMode(o.engine, o.formId);
  const parts = chunk(o.documents, size);
  const files: ChunkFile[] = new Array(parts.length);
  let done = 0;
  const total = o.documents.length;
  o.onProgress?.({ stage: 'render', done, total });
  const digits = Math.max(3, String(parts.length).length);
  const renderOne = async (i: number): Promise<void> => {
    const part = parts[i]!;
    const name = `${o.fileStem}-${String(i + 1).padStart(digits, '0')}.pdf`;
    const r = await renderForm(o.engine, {
      formId: o.formId,
      input: part.map((d) => d.record),
      format: 'pdf',
      mode,
      creationDate: o.creationDate,
    });
    const written = await writeOutputFile(o.outDir, name, 'documents', r.bytes);
    files[i] = {
      ...written,
      role: 'documents',
      pages: r.pageCount,
      records: part.length,
      numbers: { first: part[0]!.number, last: part[part.length - 1]!.number, ranges: serialRanges(part) },
    };
    done += part.length;
    o.onProgress?.({ stage: 'render', done, total, detail: name });
  };
  // Up to `concurrency` chunks in flight (default 2, the pool's browsers): one chunk's layout and
  // font subsetting in node overlaps another's print in Chromium. Memory: that many chunks at once.
  const lanes = Math.max(1, Math.min(o.concurrency ?? 2, parts.length));
  let next = 0;
  let failed: unknown;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (failed === undefined && next < parts.length) {
        const i = next++;
        try {
          await renderOne(i);
        } catch (e) {
          failed ??= e;
        }
      }
    }),
  );
  if (failed !== undefined) throw failed;
  return files;
}
