/**
 * Liveness and readiness. /health answers as long as the process serves requests. /ready checks
 * what a request may need: the registry opens and answers, and the Chromium pool starts (the
 * first call warms it). Both are cheap to poll and exempt from the rate limit.
 */
import type { FastifyPluginAsync } from 'fastify';
import { UserError } from '../../errors/user-error.js';

const statusSchema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'ready'] },
    checks: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/health', {
    config: { rateLimit: false },
    schema: { tags: ['service'], summary: 'Liveness: the process serves requests', response: { 200: statusSchema } },
  }, async () => ({ status: 'ok' }));

  app.get('/ready', {
    config: { rateLimit: false },
    schema: {
      tags: ['service'],
      summary: 'Readiness: the registry opens and the browser pool starts',
      response: { 200: statusSchema, 503: { $ref: 'Problem#' } },
    },
  }, async () => {
    try {
      // One indexed read: proves the registry opened and answers, without a full integrity scan.
      await (await app.sef.store()).getInstitution('__readiness_probe__');
    } catch {
      throw new UserError({ pointer: '', code: 'NOT_READY', params: { component: 'registry' } });
    }
    try {
      await app.sef.engine.pool();
    } catch {
      throw new UserError({ pointer: '', code: 'NOT_READY', params: { component: 'browser pool' } });
    }
    return { status: 'ready', checks: { registry: 'ok', browserPool: 'ok' } };
  });
};
