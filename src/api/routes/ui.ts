/**
 * The web pages (form fill with live preview, packet, batch, public verification) and their
 * static assets under /ui/, as one Fastify plugin registered by src/api/app.ts.
 */
import type { FastifyPluginAsync } from 'fastify';

export const uiRoutes: FastifyPluginAsync = async () => {};
