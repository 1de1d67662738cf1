/**
 * GET /verify/{number} (public): the verification record of an issued certificate or card —
 * JSON (src/issuance/verification.ts: masked name and ID number, status, QR payload) by default,
 * or the public HTML page when the Accept header prefers text/html (a phone opening the QR code).
 * A malformed number is 400 before any look-up; an unknown one 404 (a page or problem+json alike).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { UserError } from '../../../errors/user-error.js';
import { messageFor } from '../../../errors/catalog.js';
import { verificationRecord } from '../../../issuance/verification.js';
import { errorResponses } from '../../schemas.js';
import { requireWellFormed } from './numbers.js';
import { numberParams, verificationSchema } from './schemas.js';
import { prefersHtml, VERIFY_PAGE_CSP, verificationErrorPage, verificationPage } from './verify-page.js';

const html = (reply: FastifyReply, status: number, body: string): FastifyReply =>
  reply.code(status).type('text/html; charset=utf-8').header('content-security-policy', VERIFY_PAGE_CSP).header('vary', 'Accept').send(body);

export async function verifyRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { number: string } }>(
    '/verify/:number',
    {
      schema: {
        tags: ['issuance'],
        summary: 'Verify a certificate or card (public): JSON, or the HTML page when Accept prefers text/html',
        params: numberParams,
        produces: ['application/json', 'text/html'],
        response: { 200: verificationSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const wantsHtml = prefersHtml(request.headers.accept);
      try {
        const number = requireWellFormed(request.params.number);
        const store = await app.sef.store();
        const doc = await store.getDocument(number);
        if (!doc) throw new UserError({ pointer: '/number', code: 'DOC_UNKNOWN', params: { number }, value: number });
        const institution = await store.getInstitution(doc.institutionId);
        const defaults = app.sef.engine.forms.get(doc.formId)?.manifest.defaults ?? {};
        const rec = verificationRecord(doc, defaults, institution?.data);
        if (wantsHtml) return html(reply, 200, verificationPage(rec));
        return reply.header('vary', 'Accept').send(rec);
      } catch (e) {
        if (!wantsHtml || !(e instanceof UserError)) throw e;
        const first = e.issues[0]!;
        const m = messageFor(first.code, first.params);
        return html(reply, m.http, verificationErrorPage(m));
      }
    },
  );
}
