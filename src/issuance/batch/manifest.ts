/**
 * manifest.json: what a batch run wrote, written LAST and atomically, so a folder with a
 * manifest is a complete output (R-IO-1). Every file is listed with its SHA-256 and size; the
 * print files also with their page count and number range. `ledgerHead` is the hash of the
 * newest audit-log entry after the run (R-NUM-3: the batch report prints the head hash).
 */
import { join } from 'node:path';
import { writeFileAtomic, sha256Hex } from '../../io/atomic-write.js';
import type { DocumentKind } from '../store/types.js';
import type { ChunkFile, SerialRange } from './render-chunks.js';

export const MANIFEST_FILE = 'manifest.json';

export interface OutputFile {
  readonly path: string;
  readonly role: 'documents' | 'roster-xlsx' | 'roster-pdf' | 'verification';
  readonly sha256: string;
  readonly bytes: number;
}

export interface BatchManifest {
  readonly format: 'sef-batch-manifest/1';
  readonly action: 'issue' | 'reprint';
  readonly batchId: string;
  /** True when the idempotency key had been seen: the numbers are those of the first run. */
  readonly replayed: boolean;
  readonly institution: { readonly id: string; readonly name: string; readonly code: string };
  readonly formId: string;
  readonly documentKind: DocumentKind;
  readonly renderMode: 'pages' | 'imposed';
  readonly issueDate: string;
  readonly idempotencyKey?: string;
  readonly source?: { readonly file: string; readonly format: string; readonly sha256: string };
  readonly createdAt: string;
  readonly counts: {
    readonly rows?: number;
    readonly documents: number;
    readonly chunks: number;
    readonly pages: number;
    /** Reprints: voided documents of the batch that were left out. */
    readonly skippedVoided?: number;
  };
  readonly numbers: { readonly first: string; readonly last: string; readonly ranges: readonly SerialRange[] };
  readonly chunkSize: number;
  readonly files: readonly (OutputFile | ChunkFile)[];
  readonly ledgerHead?: string;
}

export async function writeManifest(outDir: string, m: BatchManifest): Promise<string> {
  const path = join(outDir, MANIFEST_FILE);
  await writeFileAtomic(path, new TextEncoder().encode(JSON.stringify(m, null, 2) + '\n'));
  return path;
}

/** Writes an output file atomically and describes it for the manifest from the bytes in hand. */
export async function writeOutputFile(outDir: string, path: string, role: OutputFile['role'], bytes: Uint8Array): Promise<OutputFile> {
  await writeFileAtomic(join(outDir, path), bytes);
  return { path, role, sha256: sha256Hex(bytes), bytes: bytes.length };
}

/** The serial ranges of a whole run, merged across chunks. */
export function mergeRanges(files: readonly ChunkFile[]): SerialRange[] {
  const out: SerialRange[] = [];
  for (const f of files)
    for (const r of f.numbers.ranges) {
      const prev = [...out].reverse().find((x) => x.counterKey === r.counterKey);
      if (prev && prev.toSerial + 1 === r.fromSerial) {
        out[out.indexOf(prev)] = { ...prev, toSerial: r.toSerial, count: prev.count + r.count };
      } else out.push(r);
    }
  return out;
}
