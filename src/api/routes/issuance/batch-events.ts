/**
 * GET /batches/{id}/events: the job's progress as server-sent events (text/event-stream). The first
 * event is a `state` snapshot (the job as GET /batches/{id} shows it); then `progress` events (the
 * stage, its done/total and the job's counts) and `state` events (each change of state, with the
 * whole job); the stream ends after the event of a final state (done, rejected, failed), or at once
 * when the job has already finished. A comment line every 15 s keeps proxies from closing it.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireScope } from '../../auth.js';
import { errorResponses } from '../../schemas.js';
import type { BatchJobRunner, JobEvent } from '../../jobs/batch-runner.js';
import { isTerminal, type BatchJob } from '../../jobs/job-record.js';
import { jobView } from './job-view.js';
import { jobIdParams } from './schemas.js';

export const SSE_HEARTBEAT_MS = 15_000;

export interface BatchEventsOptions {
  readonly runner: BatchJobRunner;
  readonly jobFor: (request: FastifyRequest, id: string) => BatchJob;
}

/** One event in the text/event-stream format (data on one line: JSON has no raw newlines). */
export const sseEvent = (seq: number, event: string, data: unknown): string => `id: ${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

const progressData = (e: JobEvent): Record<string, unknown> => ({
  id: e.job.id,
  state: e.job.state,
  ...(e.stage ? { stage: e.stage, ...e.job.progress[e.stage] } : {}),
  counts: e.job.counts,
});

export async function batchEventsRoute(app: FastifyInstance, o: BatchEventsOptions): Promise<void> {
  const open = new Set<PassThrough>();
  // Before fastify waits for in-flight requests to finish: end every stream (the runner has already
  // announced the final state of any job it stopped).
  app.addHook('preClose', async () => {
    for (const s of open) s.end();
  });

  app.get<{ Params: { id: string } }>(
    '/batches/:id/events',
    {
      preHandler: requireScope('issue'),
      schema: {
        tags: ['issuance'],
        summary: 'A batch job\'s progress as server-sent events; ends at done, rejected or failed',
        security: [{ apiKey: [] }],
        params: jobIdParams,
        produces: ['text/event-stream'],
        response: { 200: { description: 'text/event-stream: events `state` and `progress`, data = JSON', type: 'string' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const job = o.jobFor(request, request.params.id);
      const stream = new PassThrough();
      let seq = 0;
      stream.write(sseEvent(++seq, 'state', jobView(job)));
      if (isTerminal(job.state)) {
        stream.end();
      } else {
        open.add(stream);
        const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
        heartbeat.unref();
        let off = (): void => {};
        const stop = (): void => {
          clearInterval(heartbeat);
          off();
          open.delete(stream);
          if (!stream.writableEnded) stream.end();
        };
        off = o.runner.subscribe(job.id, (e) => {
          if (stream.writableEnded) return;
          stream.write(sseEvent(++seq, e.type, e.type === 'state' ? jobView(e.job) : progressData(e)));
          if (isTerminal(e.job.state)) stop();
        });
        stream.on('close', stop);
        stream.on('finish', stop);
        reply.raw.on('close', stop);
      }
      return reply
        .type('text/event-stream; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-accel-buffering', 'no')
        .send(stream);
    },
  );
}
