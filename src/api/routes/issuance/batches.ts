/**
 * The batch routes (scope issue, for the batch's institution):
 *  POST /batches            multipart upload → 202 and the job (queued); the job runs in the
 *                           service's runner (src/api/jobs), one batch at a time.
 *  GET  /batches/{id}       the job: state, counts, progress per stage, numbers, files, links.
 *  GET  /batches/{id}/events the same progress as server-sent events (batch-events.ts).
 *  GET  /batches/{id}/files/<name>  one file the job wrote (attachment).
 *  POST /batches/{id}/reprint       a new job re-rendering the issued batch (no number allocated).
 *
 * Idempotency (POST /batches): `Idempotency-Key` (scoped to the API key) or, without one, the
 * content itself. Same key + same content → the same job (200, header Idempotent-Replayed: true);
 * same key + other content → 422 IDEMPOTENCY_KEY_REUSED; a job still queued or validating, or an
 * upload with that key still arriving → 409 IDEMPOTENCY_IN_FLIGHT. A failed job frees its key.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UserError } from '../../../errors/user-error.js';
import { issuesCertificates, institutionDocument } from '../../../issuance/institution.js';
import { SUPERVISOR_CARD } from '../../../issuance/roster/prepare.js';
import { DEFAULT_CHUNK_SIZE } from '../../../issuance/batch/render-chunks.js';
import { assertInstitution, requireScope } from '../../auth.js';
import { contentDisposition } from '../../http.js';
import { errorResponses } from '../../schemas.js';
import { QUEUE_RETRY_AFTER_S, type BatchJobRunner } from '../../jobs/batch-runner.js';
import type { BatchJob } from '../../jobs/job-record.js';
import { jobDir, jobOutDir, removeJobDir } from '../../jobs/job-files.js';
import { runIssueJob } from '../../jobs/run-issue.js';
import { runReprintJob } from '../../jobs/run-reprint.js';
import { apiActor } from './access.js';
import { readBatchUpload, type BatchUpload, type UploadLimits } from './batch-upload.js';
import { batchEventsRoute } from './batch-events.js';
import { canReprint, jobPath, jobView } from './job-view.js';
import { batchJobSchema, batchUploadSchema, jobFileParams, jobIdParams, reprintBodySchema } from './schemas.js';
import { documentRouteValidatorCompiler } from '../../document-body.js';

const TAGS = ['issuance'];
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.json': 'application/json; charset=utf-8',
};

/** Whether a job may still change its mind about its content (the caller should retry, not replay). */
const inFlight = (job: BatchJob): boolean => job.state === 'queued' || job.state === 'validating';

export interface BatchRoutesOptions {
  readonly runner: BatchJobRunner;
  readonly uploadLimits?: UploadLimits;
  readonly issueRateLimit?: { readonly max: number; readonly timeWindow: number };
}

export async function batchRoutes(app: FastifyInstance, o: BatchRoutesOptions): Promise<void> {
  const { runner } = o;
  const { dataDir } = app.sef.config;
  const rateLimit = o.issueRateLimit ? { rateLimit: o.issueRateLimit } : {};

  /** The job of `id`, for a key with scope issue covering its institution (404 unknown, 403 another institution). */
  const jobFor = (request: FastifyRequest, id: string): BatchJob => {
    const job = runner.get(id);
    if (!job) throw new UserError({ pointer: '/id', code: 'BATCH_JOB_UNKNOWN', params: { id } });
    assertInstitution(request, job.institutionId);
    return job;
  };

  const queueFull = (reply: FastifyReply, e: unknown): never => {
    if (e instanceof UserError && e.issues[0]?.code === 'BATCH_QUEUE_FULL') reply.header('retry-after', String(QUEUE_RETRY_AFTER_S));
    throw e;
  };

  app.post(
    '/batches',
    {
      preHandler: requireScope('issue'),
      config: rateLimit,
      // The multipart body is documented by its schema and read part by part by readBatchUpload, never by fastify.
      validatorCompiler: documentRouteValidatorCompiler,
      schema: {
        tags: TAGS,
        body: batchUploadSchema,
        summary: 'Issue a batch: roster + photos (multipart) → 202 and a job',
        description:
          'multipart/form-data: fields `institution` (required), `issueDate` (YYYY-MM-DD, default today in China), `formId`, `kind` ' +
          '(certificate | supervisor-card), `chunkSize`, `branch`; files `roster` (XLSX, CSV or JSON) and `photos` (one ZIP, or several ' +
          'JPEG/PNG parts named by ID number). Send the fields first. Header `Idempotency-Key` (1–200 visible ASCII characters) makes a retry safe.',
        security: [{ apiKey: [] }],
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', description: 'makes retries safe' } } },
        consumes: ['multipart/form-data'],
        response: {
          200: { ...batchJobSchema, description: 'replay: the job of this Idempotency-Key (or content)' },
          202: { ...batchJobSchema, description: 'accepted: the job, queued' },
          ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const header = request.headers['idempotency-key'];
      if (header !== undefined && (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)))
        throw new UserError({ pointer: '/idempotency-key', code: 'IDEMPOTENCY_KEY_FORMAT' });
      const keyIndex = header !== undefined ? `key:${request.apiKey!.id}:${header}` : undefined;
      if (keyIndex !== undefined) {
        const existing = runner.byIndexKey(keyIndex);
        if (existing && inFlight(existing)) throw new UserError({ pointer: '/idempotency-key', code: 'IDEMPOTENCY_IN_FLIGHT', params: { key: header!, jobId: existing.id } });
        if (!runner.reserve(keyIndex)) throw new UserError({ pointer: '/idempotency-key', code: 'IDEMPOTENCY_IN_FLIGHT', params: { key: header!, jobId: '—' } });
      }
      const id = randomUUID();
      let submitted = false;
      try {
        try {
          runner.assertAccepting();
        } catch (e) {
          queueFull(reply, e);
        }
        const store = await app.sef.store();
        let documentKind: BatchJob['documentKind'] = 'certificate';
        const upload: BatchUpload = await readBatchUpload(request, jobDir(dataDir, id), {
          ...(o.uploadLimits ? { limits: o.uploadLimits } : {}),
          onInstitution: async (institutionId) => {
            assertInstitution(request, institutionId);
            const rec = await store.getInstitution(institutionId);
            if (!rec) throw new UserError({ pointer: '/institution', code: 'INSTITUTION_UNKNOWN', params: { id: institutionId }, value: institutionId });
            // A card-issuing body (R/H) issues cards unless told otherwise (prepareRoster's default too).
            documentKind = issuesCertificates(institutionDocument(rec)) ? 'certificate' : 'supervisor-card';
          },
        });
        const f = upload.fields;
        // The document kind as prepareRoster will decide it: given, else by the form, else by the institution.
        documentKind = f.kind ?? (f.formId === SUPERVISOR_CARD ? 'supervisor-card' : f.formId !== undefined ? 'certificate' : documentKind);
        const indexKey = keyIndex ?? `content:${upload.fingerprint}`;
        const existing = runner.byIndexKey(indexKey);
        if (existing) {
          await removeJobDir(dataDir, id);
          if (existing.fingerprint !== upload.fingerprint)
            throw new UserError({ pointer: '/idempotency-key', code: 'IDEMPOTENCY_KEY_REUSED', params: { key: header ?? '', jobId: existing.id } });
          if (inFlight(existing)) throw new UserError({ pointer: '/idempotency-key', code: 'IDEMPOTENCY_IN_FLIGHT', params: { key: header ?? '', jobId: existing.id } });
          return reply.code(200).header('idempotent-replayed', 'true').header('location', jobPath(existing.id)).send(jobView(existing));
        }
        const now = new Date().toISOString();
        const job: BatchJob = {
          format: 'sef-batch-job/1',
          id,
          kind: 'issue',
          state: 'queued',
          institutionId: f.institution,
          documentKind,
          ...(f.formId !== undefined ? { formId: f.formId } : {}),
          issueDate: f.issueDate,
          chunkSize: f.chunkSize,
          ...(f.branch !== undefined ? { branch: f.branch } : {}),
          ...(header !== undefined ? { idempotencyKey: header } : {}),
          indexKey,
          fingerprint: upload.fingerprint,
          actor: apiActor(request),
          createdAt: now,
          updatedAt: now,
          counts: {},
          progress: {},
          files: [],
          input: { roster: upload.roster.path, ...(upload.photos ? { photos: upload.photos.path } : {}) },
        };
        try {
          await runner.submit(job, runIssueJob, indexKey);
        } catch (e) {
          queueFull(reply, e);
        }
        submitted = true;
        return reply.code(202).header('location', jobPath(id)).send(jobView(job));
      } finally {
        if (keyIndex !== undefined) runner.release(keyIndex);
        if (!submitted) await removeJobDir(dataDir, id);
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/batches/:id',
    {
      preHandler: requireScope('issue'),
      schema: {
        tags: TAGS,
        summary: 'A batch job: state, counts, progress, numbers, files',
        security: [{ apiKey: [] }],
        params: jobIdParams,
        response: { 200: batchJobSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => jobView(jobFor(request, request.params.id)),
  );

  await batchEventsRoute(app, { runner, jobFor });

  app.get<{ Params: { id: string; '*': string } }>(
    '/batches/:id/files/*',
    {
      preHandler: requireScope('issue'),
      schema: {
        tags: TAGS,
        summary: 'Download a file of a batch job (PDF, XLSX, JSON) as an attachment',
        security: [{ apiKey: [] }],
        params: jobFileParams,
        response: { 200: { description: 'the file', type: 'string', format: 'binary' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const job = jobFor(request, request.params.id);
      const path = request.params['*'];
      // Only names the job listed are served, so nothing else under the data dir can be reached;
      // a path that tries (.., absolute, backslash, control characters) is named as such.
      if (path === '' || /(^|\/)\.\.(\/|$)|^\/|\\|[\u0000-\u001f\u007f]/.test(path))
        throw new UserError({ pointer: '/*', code: 'BATCH_FILE_PATH', params: { path: path.slice(0, 200) } });
      const file = job.files.find((f) => f.path === path);
      if (!file) throw new UserError({ pointer: '/*', code: 'BATCH_FILE_UNKNOWN', params: { id: job.id, path: path.slice(0, 200) } });
      const ext = extname(file.path).toLowerCase();
      return reply
        .type(MEDIA_TYPES[ext] ?? 'application/octet-stream')
        .header('content-disposition', contentDisposition(file.path, `${file.role}${ext}`))
        .header('content-length', String(file.bytes))
        .send(createReadStream(join(jobOutDir(dataDir, job.id), file.path)));
    },
  );

  app.post<{ Params: { id: string }; Body: { reason?: string; chunkSize?: number } | undefined }>(
    '/batches/:id/reprint',
    {
      preHandler: requireScope('issue'),
      config: rateLimit,
      schema: {
        tags: TAGS,
        summary: 'Reprint an issued batch: new files from the registry, no number allocated (→ 202 and a new job)',
        description: 'The id is a job id from POST /batches, or a registry batch id (e.g. of a batch issued with the CLI). Voided documents are left out.',
        security: [{ apiKey: [] }],
        params: jobIdParams,
        body: reprintBodySchema,
        response: { 202: batchJobSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const parent = runner.get(id);
      let institutionId: string;
      let documentKind: BatchJob['documentKind'];
      let registryBatchId: string;
      let issueDate: string | undefined;
      if (parent) {
        assertInstitution(request, parent.institutionId);
        if (!canReprint(parent) || parent.registryBatchId === undefined)
          throw new UserError({ pointer: '/id', code: 'BATCH_NOT_ISSUED', params: { id, state: parent.state } });
        ({ institutionId, documentKind, registryBatchId } = { ...parent, registryBatchId: parent.registryBatchId });
        issueDate = parent.issueDate;
      } else {
        const batch = await (await app.sef.store()).getBatch(id);
        if (!batch) throw new UserError({ pointer: '/id', code: 'BATCH_JOB_UNKNOWN', params: { id } });
        assertInstitution(request, batch.institutionId);
        institutionId = batch.institutionId;
        documentKind = batch.kind === 'supervisor-card' ? 'supervisor-card' : 'certificate';
        registryBatchId = batch.batchId;
        issueDate = batch.issueDate;
      }
      const body = request.body ?? {};
      const now = new Date().toISOString();
      const job: BatchJob = {
        format: 'sef-batch-job/1',
        id: randomUUID(),
        kind: 'reprint',
        state: 'queued',
        institutionId,
        documentKind,
        ...(issueDate !== undefined ? { issueDate } : {}),
        chunkSize: body.chunkSize ?? parent?.chunkSize ?? DEFAULT_CHUNK_SIZE,
        actor: apiActor(request),
        createdAt: now,
        updatedAt: now,
        parentId: id,
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
        registryBatchId,
        counts: {},
        progress: {},
        files: [],
      };
      try {
        await runner.submit(job, runReprintJob);
      } catch (e) {
        queueFull(reply, e);
      }
      return reply.code(202).header('location', jobPath(job.id)).send(jobView(job));
    },
  );
}
