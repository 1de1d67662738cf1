/**
 * The web pages (form fill with live preview, packet, batch) and their static assets under /ui/,
 * as one Fastify plugin registered by src/api/app.ts. The pages are plain HTML files in web/pages/
 * that load small ES modules from web/assets/ and json-editor's prebuilt file from node_modules:
 * no bundler, no CDN, nothing fetched from another origin.
 *
 * Every HTML page is sent with its own strict Content-Security-Policy (scripts only from this
 * origin, no inline script). Styles allow 'unsafe-inline' because the live preview is the
 * renderer's self-contained HTML in a sandboxed srcdoc iframe, which inherits this policy and
 * carries its stylesheet and fonts (data: URLs) inline; json-editor also adds one <style> element.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { projectRoot } from '../../paths.js';

export const webDir = join(projectRoot, 'web');
const pagesDir = join(webDir, 'pages');
const jsonEditorFile = createRequire(import.meta.url).resolve('@json-editor/json-editor/dist/jsoneditor.js');

/** The policy every page is served with (see the module comment for the style exception). */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Path parameters the pages accept: the ids the registry and the packet definitions use. */
const ID_PARAM = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,99}$' } as const;

const PAGES = ['index', 'form', 'packet', 'batches'] as const;
type PageName = (typeof PAGES)[number];

async function loadPages(): Promise<Map<PageName, string>> {
  const pages = new Map<PageName, string>();
  for (const name of PAGES) pages.set(name, await readFile(join(pagesDir, `${name}.html`), 'utf8'));
  return pages;
}

export const uiRoutes: FastifyPluginAsync = async (app) => {
  const pages = await loadPages();
  const sendPage = (reply: FastifyReply, name: PageName): FastifyReply =>
    reply
      .header('content-security-policy', PAGE_CSP)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(pages.get(name));

  await app.register(fastifyStatic, {
    root: join(webDir, 'assets'),
    prefix: '/ui/assets/',
    decorateReply: false,
    index: false,
    list: false,
    // 'ignore' answers 404 through the app's not-found handler; 'deny' raises a 403 error the problem mapper does not know.
    dotfiles: 'ignore',
    cacheControl: true,
    maxAge: '1h',
  });

  const hide = { schema: { hide: true } } as const;
  app.get('/', hide, async (_req, reply) => reply.redirect('/ui/'));
  app.get('/ui', hide, async (_req, reply) => reply.redirect('/ui/'));
  app.get('/ui/', hide, async (_req, reply) => sendPage(reply, 'index'));
  app.get('/ui/batches', hide, async (_req, reply) => sendPage(reply, 'batches'));
  app.get('/ui/forms/:id', { schema: { hide: true, params: { type: 'object', properties: { id: ID_PARAM }, required: ['id'] } } },
    async (_req, reply) => sendPage(reply, 'form'));
  app.get('/ui/packets/:packetId', { schema: { hide: true, params: { type: 'object', properties: { packetId: ID_PARAM }, required: ['packetId'] } } },
    async (_req, reply) => sendPage(reply, 'packet'));
  app.get('/ui/vendor/jsoneditor.js', hide, async (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(createReadStream(jsonEditorFile)));
};
