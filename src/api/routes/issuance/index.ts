/**
 * The issuance routes of the service (institutions, batches, reprint, void, verify), as one
 * encapsulated Fastify plugin registered by src/api/app.ts. It owns the batch job runner
 * (src/api/jobs): opened from <dataDir>/batches when the plugin loads (jobs a crash left unfinished
 * are marked failed), stopped before the app closes (preClose: queued jobs fail with nothing issued,
 * the running one gets the configured shutdown grace; see batch-runner.ts).
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import { BatchJobRunner } from '../../jobs/batch-runner.js';
import type { UploadLimits } from './batch-upload.js';
import { batchRoutes } from './batches.js';
import { documentRoutes } from './documents.js';
import { institutionRoutes } from './institutions.js';
import { verifyRoutes } from './verify.js';

export interface IssuanceRoutesOptions {
  /** Upload limits of POST /batches (default DEFAULT_UPLOAD_LIMITS). */
  readonly uploadLimits?: UploadLimits;
  /** Jobs waiting behind the running one before POST /batches answers 503 (default 8). */
  readonly maxQueued?: number;
}

export const issuanceRoutes: FastifyPluginAsync<IssuanceRoutesOptions> = async (app, opts) => {
  const { config } = app.sef;
  if (!app.hasContentTypeParser('multipart/form-data')) await app.register(multipart);
  const runner = await BatchJobRunner.open({
    dataDir: config.dataDir,
    engine: app.sef.engine,
    store: app.sef.store,
    verifyUrlBase: `${config.publicUrl.replace(/\/+$/, '')}/verify/`,
    ...(opts.maxQueued !== undefined ? { maxQueued: opts.maxQueued } : {}),
    log: (err, msg) => app.log.error({ err }, msg),
  });
  app.addHook('preClose', () => runner.close(config.timeouts.shutdownMs));
  const issueRateLimit = { max: config.rateLimits.issuePerKey, timeWindow: config.rateLimits.windowMs };

  await institutionRoutes(app);
  await batchRoutes(app, { runner, issueRateLimit, ...(opts.uploadLimits ? { uploadLimits: opts.uploadLimits } : {}) });
  await documentRoutes(app, { issueRateLimit });
  await verifyRoutes(app);
};
