/**
 * Where a batch job lives on disk: <dataDir>/batches/<jobId>/ holds job.json (the state, rewritten
 * atomically on every change), input/ (the upload, removed when the job ends: it carries personal
 * data the registry already keeps) and out/ (the files the job wrote, served by the files route).
 * A folder without job.json is an upload that never became a job (a refused or replayed request, or
 * a crash mid-upload) and is removed at start.
 */
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { BatchJob } from './job-record.js';

export const JOB_FILE = 'job.json';
export const INPUT_DIR = 'input';
export const OUT_DIR = 'out';

/** Job ids are UUIDs (the route's params schema holds them to this pattern, so a path never escapes). */
export const JOB_ID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const JOB_ID = new RegExp(JOB_ID_PATTERN);
export const isJobId = (s: string): boolean => JOB_ID.test(s);

export const batchesDir = (dataDir: string): string => join(dataDir, 'batches');
export const jobDir = (dataDir: string, id: string): string => join(batchesDir(dataDir), id);
export const jobOutDir = (dataDir: string, id: string): string => join(jobDir(dataDir, id), OUT_DIR);
export const jobInputDir = (dataDir: string, id: string): string => join(jobDir(dataDir, id), INPUT_DIR);

export async function saveJob(dataDir: string, job: BatchJob): Promise<void> {
  const dir = jobDir(dataDir, job.id);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, JOB_FILE), new TextEncoder().encode(JSON.stringify(job, null, 2) + '\n'));
}

/** Every job found under the data dir; folders without a state file are removed. Unreadable state files are skipped. */
export async function loadJobs(dataDir: string): Promise<BatchJob[]> {
  const root = batchesDir(dataDir);
  await mkdir(root, { recursive: true });
  const out: BatchJob[] = [];
  for (const d of await readdir(root, { withFileTypes: true })) {
    if (!d.isDirectory() || !isJobId(d.name)) continue;
    let text: string;
    try {
      text = await readFile(join(root, d.name, JOB_FILE), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') await rm(join(root, d.name), { recursive: true, force: true });
      continue;
    }
    try {
      const job = JSON.parse(text) as BatchJob;
      if (job.format === 'sef-batch-job/1' && job.id === d.name) out.push(job);
    } catch {
      // A state file is written atomically, so this is not ours: leave the folder alone.
    }
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Removes the upload of a finished job. */
export const removeJobInput = (dataDir: string, id: string): Promise<void> => rm(jobInputDir(dataDir, id), { recursive: true, force: true });

/** Removes an upload folder that did not become a job. */
export const removeJobDir = (dataDir: string, id: string): Promise<void> => rm(jobDir(dataDir, id), { recursive: true, force: true });
