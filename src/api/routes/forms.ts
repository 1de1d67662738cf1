/**
 * The document routes: list the forms, read one's manifest, self-contained schema and examples,
 * validate a document (200 with the issues, valid or not) and render it to PDF, DOCX or HTML
 * through renderDocument (the one entry point the CLI and packets use too).
 *
 * Validate answers 200 `{ valid: false, errors }` for a document with errors: the request
 * succeeded, and the web form page shows the issues inline. Render answers 422 (problem+json with
 * the same issues) because it cannot produce the file. Both answer 4xx problem+json for a
 * malformed request (bad JSON 400, unknown form 404, too big 413, not JSON 415).
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { readInput } from '../../cli/load-input.js';
import { UserError } from '../../errors/user-error.js';
import type { FontReport } from '../../fonts/index.js';
import type { FormDefinition } from '../../forms/registry.js';
import { checkRecords } from '../../pipeline/check-records.js';
import { documentFormats, renderDocument, type DocumentFormat } from '../../pipeline/render-document.js';
import { documentBodySchema, documentRouteValidatorCompiler } from '../document-body.js';
import { jsonBodyParser } from '../json-body.js';
import { contentDisposition, headerJson, safeFileName } from '../http.js';
import { toProblemIssue } from '../problem.js';
import { bundleFormSchema } from '../schema-bundle.js';
import { errorResponses, formIdParams } from '../schemas.js';

const EXTENSIONS: Readonly<Record<DocumentFormat, string>> = { pdf: 'pdf', docx: 'docx', html: 'html' };

/** JSON media types only: a document is never form-encoded or plain text. */
const jsonOnly = (app: FastifyInstance): void => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, jsonBodyParser);
};

/** The font report in a header: roles → family/source/license, fallback characters; no file paths. */
export function fontReportHeader(fonts: FontReport | undefined): string | undefined {
  if (!fonts) return undefined;
  const roles: Record<string, { family: string; source: string; license: string; bold?: { family: string; realBold: boolean } }> = {};
  for (const [role, f] of Object.entries(fonts.roles)) {
    if (!f) continue;
    roles[role] = { family: f.family, source: f.source, license: f.license, ...(f.bold ? { bold: { family: f.bold.family, realBold: f.bold.realBold } } : {}) };
  }
  const MAX_FALLBACKS = 100;
  const fallbacks = fonts.fallbacks.slice(0, MAX_FALLBACKS).map((c) => ({ char: c.char, codePoint: c.codePoint, role: c.role, servedBy: c.servedBy ? c.servedBy.family : null }));
  return headerJson({ roles, fallbacks, ...(fonts.fallbacks.length > MAX_FALLBACKS ? { fallbacksOmitted: fonts.fallbacks.length - MAX_FALLBACKS } : {}) });
}

const summary = (f: FormDefinition, formats: readonly DocumentFormat[]) => ({
  id: f.id,
  title: f.manifest.title,
  kind: f.manifest.kind,
  jurisdiction: f.manifest.jurisdiction,
  ...(f.manifest.catalogue ? { catalogue: f.manifest.catalogue } : {}),
  formats: [...formats],
  renderModes: f.manifest.renderModes ?? ['pages'],
  examples: f.examples.map((e) => e.name),
  completeness: f.manifest.completeness.status,
});

export const formsRoutes: FastifyPluginAsync = async (app) => {
  const { engine, config } = app.sef;
  const bundles = new Map<string, Record<string, unknown>>();
  const bundled = (f: FormDefinition): Record<string, unknown> => {
    let b = bundles.get(f.id);
    if (!b) bundles.set(f.id, (b = bundleFormSchema(f.schema)));
    return b;
  };
  const rateLimits = config.rateLimits;

  app.get('/forms', {
    schema: {
      tags: ['forms'],
      summary: 'Every document the service can check and render',
      response: { 200: { type: 'array', items: { $ref: 'FormSummary#' } }, ...errorResponses() },
    },
  }, async () => [...engine.forms.values()].map((f) => summary(f, documentFormats(engine, f.id))));

  app.get<{ Params: { id: string } }>('/forms/:id', {
    schema: {
      tags: ['forms'],
      summary: "A document's manifest (title, sources, outputs, decisions)",
      params: formIdParams,
      response: { 200: { $ref: 'FormManifest#' }, ...errorResponses(400, 404) },
    },
  }, async (req, reply) =>
    // Repository data, checked at load against the same meta-schema: sent as is (the serializer would drop
    // the free-form `defaults` object, which the schema leaves open).
    reply.type('application/json; charset=utf-8').send(JSON.stringify(engine.form(req.params.id).manifest)));

  app.get<{ Params: { id: string } }>('/forms/:id/schema', {
    schema: {
      tags: ['forms'],
      summary: "A document's JSON Schema (2020-12), self-contained: the common entities it uses are under $defs",
      params: formIdParams,
      response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses(400, 404) },
    },
  }, async (req, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    // Serialised here: the schema's own keywords must reach the client as they are.
    return reply.type('application/schema+json; charset=utf-8').send(JSON.stringify(bundled(engine.form(req.params.id))));
  });

  app.get<{ Params: { id: string }; Querystring: { name: string } }>('/forms/:id/example', {
    schema: {
      tags: ['forms'],
      summary: 'An example document (`minimal`, `full`, or any name listed in GET /forms), its images inline, ready to POST to /render',
      params: formIdParams,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { name: { type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9._-]+$', default: 'full' } },
      },
      response: { 200: { description: 'the example document (object or array)' }, ...errorResponses(400, 404) },
    },
  }, async (req, reply) => {
    const f = engine.form(req.params.id);
    const ex = f.examples.find((e) => e.name === req.query.name);
    if (!ex) throw new UserError({ pointer: '', code: 'EXAMPLE_UNKNOWN', params: { id: f.id, name: req.query.name, names: f.examples.map((e) => e.name).join(', ') || '—' } });
    // Image files of the example (repository files) come inline, so the example can be posted straight to /render.
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(readInput(ex.file)));
  });

  // POST routes with a document body: JSON only, the document's own body limit, validation by the project's validator.
  await app.register(async (docs) => {
    jsonOnly(docs);
    const body = documentBodySchema(engine.forms);

    docs.post<{ Params: { id: string } }>('/forms/:id/validate', {
      bodyLimit: config.bodyLimits.document,
      validatorCompiler: documentRouteValidatorCompiler,
      schema: {
        tags: ['forms'],
        summary: 'Check a document: 200 with every error and warning (valid or not), each with its JSON pointer and zh/en text',
        params: formIdParams,
        body,
        response: { 200: { $ref: 'ValidationResult#' }, ...errorResponses(400, 401, 404, 413, 415) },
      },
    }, async (req) => {
      const { records, errors, warnings } = checkRecords(engine.validator(req.params.id), req.body);
      const issue = (i: Parameters<typeof toProblemIssue>[0]) => toProblemIssue(i);
      return { valid: errors.length === 0, records: records.length, errors: errors.map(issue), warnings: warnings.map(issue) };
    });

    docs.post<{ Params: { id: string }; Querystring: { format: DocumentFormat; mode?: 'pages' | 'imposed' } }>('/forms/:id/render', {
      bodyLimit: config.bodyLimits.document,
      handlerTimeout: config.timeouts.renderHandlerMs,
      validatorCompiler: documentRouteValidatorCompiler,
      config: {
        rateLimit: {
          max: (req: { apiKey?: unknown }) => (req.apiKey ? rateLimits.renderPerKey : rateLimits.renderPerIp),
          timeWindow: rateLimits.windowMs,
        },
      },
      schema: {
        tags: ['forms'],
        summary: 'Render a document (or a batch of records as one document) to PDF, DOCX or HTML',
        description:
          'The file, as an attachment. Headers: X-Page-Count (pages printed; for DOCX and HTML the pages of the PDF of the same data), ' +
          'X-Font-Report (base64url of JSON: the font that served each role and every character that fell back), ' +
          'X-Warning-Count and X-Warnings (base64url of JSON: the warnings, as in /validate).',
        params: formIdParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            format: { type: 'string', enum: ['pdf', 'docx', 'html'], default: 'pdf', description: 'one of the formats GET /forms lists for this form' },
            mode: { type: 'string', enum: ['pages', 'imposed'], description: 'supervisor cards: imposed = cards on A4 sheets' },
          },
        },
        body,
        response: {
          200: {
            description: 'the rendered file',
            content: {
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
              'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
              'text/html': { schema: { type: 'string' } },
            },
          },
          ...errorResponses(400, 401, 404, 413, 415, 422),
        },
      },
    }, async (req, reply: FastifyReply) => {
      const f = engine.form(req.params.id);
      const r = await renderDocument(engine, { formId: f.id, input: req.body, format: req.query.format, ...(req.query.mode ? { mode: req.query.mode } : {}) });
      // Only the handler timeout has answered already (503). request.signal is no guide: on a real
      // socket Node closes the request stream once the body is read, which aborts it for every render.
      if (reply.sent) return reply;
      const ext = EXTENSIONS[r.format];
      reply
        .type(r.contentType)
        .header('content-disposition', contentDisposition(`${safeFileName(f.manifest.title.zh)}.${ext}`, `${f.id}.${ext}`))
        .header('x-warning-count', String(r.warnings.length));
      if (r.pageCount !== undefined) reply.header('x-page-count', String(r.pageCount));
      const fonts = fontReportHeader(r.fonts);
      if (fonts) reply.header('x-font-report', fonts);
      if (r.warnings.length) reply.header('x-warnings', headerJson(r.warnings.slice(0, 50).map((w) => toProblemIssue(w))));
      if (r.format === 'html') {
        // The preview is our own markup: no script may run in it, whatever the data held.
        reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; frame-ancestors 'self'");
      }
      return reply.send(Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength));
    });
  });
};

