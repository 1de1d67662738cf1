/**
 * reprint <batch-id | number...> -o <dir>: re-renders from the registry without allocating a
 * number; the audit log records the reprint. A batch id reprints the whole batch (voided
 * documents left out); numbers reprint just those (a voided or unknown number is refused).
 */
import { UserError } from '../../errors/user-error.js';
import { createEngine } from '../../pipeline/engine.js';
import { reprintBatch, reprintDocuments } from '../../issuance/batch/reprint.js';
import { cliActor, withStore } from '../../issuance/batch/with-store.js';
import { terminalProgress } from '../../issuance/batch/terminal-progress.js';
import { DEFAULT_CHUNK_SIZE } from '../../issuance/batch/render-chunks.js';
import { parseChunkSize, printFiles } from './issue.js';
import type { Command } from './index.js';

export const reprintCommand: Command = async (args, opts) => {
  if (!args.length || !opts.out)
    throw new UserError({ pointer: '', code: 'USAGE', params: { reason: 'reprint <batch-id | certificate-number...> -o <dir> [--reason <text>]' } });
  const chunkSize = opts.chunkSize ? parseChunkSize(opts.chunkSize) : DEFAULT_CHUNK_SIZE;
  const started = Date.now();
  const progress = terminalProgress();
  const engine = createEngine();
  try {
    const res = await withStore(opts.db, async (store) => {
      const common = { store, engine, outDir: opts.out!, chunkSize, actor: cliActor(), onProgress: progress.listener, ...(opts.reason ? { reason: opts.reason } : {}) };
      const isBatch = args.length === 1 && (await store.getBatch(args[0]!)) !== undefined;
      return isBatch ? reprintBatch(args[0]!, common) : reprintDocuments(args, common);
    });
    progress.stop();
    if (opts.json) {
      process.stdout.write(JSON.stringify({ ok: true, documents: res.documents, manifests: res.manifests.map((m) => m.path) }, null, 2) + '\n');
      return 0;
    }
    for (const { path, manifest } of res.manifests) {
      process.stdout.write(`补打 / Reprinted batch ${manifest.batchId}: ${manifest.counts.documents} document(s), numbers ${manifest.numbers.first} … ${manifest.numbers.last}` +
        `${manifest.counts.skippedVoided ? `, ${manifest.counts.skippedVoided} voided left out` : ''}; no number allocated\n`);
      printFiles(manifest, path);
    }
    process.stdout.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } finally {
    progress.stop();
    await engine.close();
  }
};
