/**
 * The issuance routes of the service (institutions, batches, reprint, void, verify), as one
 * encapsulated Fastify plugin registered by src/api/app.ts.
 */
import type { FastifyPluginAsync } from 'fastify';

export const issuanceRoutes: FastifyPluginAsync = async () => {};
