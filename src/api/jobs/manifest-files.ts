/** The files of a finished batch run as a job lists them: every file of the manifest, then the manifest itself. */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BatchManifest } from '../../issuance/batch/manifest.js';
import type { JobFile } from './job-record.js';

export async function manifestFiles(m: BatchManifest, manifestPath: string): Promise<JobFile[]> {
  const files: JobFile[] = m.files.map((f) => ({
    path: f.path,
    role: f.role,
    bytes: f.bytes,
    sha256: f.sha256,
    ...('pages' in f ? { pages: f.pages, numbers: { first: f.numbers.first, last: f.numbers.last } } : {}),
  }));
  files.push({ path: basename(manifestPath), role: 'manifest', bytes: (await stat(manifestPath)).size });
  return files;
}
