/**
 * Voiding (scope issue, for the document's institution): POST /certificates/{number}/void and
 * POST /supervisor-cards/{number}/void with `{ "reason": "…" }`. The number stays in the registry,
 * marked voided, never reused (R-CN-4); the verification page then shows it as void. Voiding twice
 * is 409 DOC_ALREADY_VOIDED.
 */
import type { FastifyInstance } from 'fastify';
import { UserError } from '../../../errors/user-error.js';
import { assertInstitution, requireScope } from '../../auth.js';
import { errorResponses } from '../../schemas.js';
import { apiActor } from './access.js';
import { requireWellFormed, type NumberKind } from './numbers.js';
import { numberParams, voidBodySchema, voidResultSchema } from './schemas.js';

const PATHS: readonly (readonly [string, NumberKind])[] = [
  ['/certificates/:number/void', 'certificate'],
  ['/supervisor-cards/:number/void', 'supervisor-card'],
];

export async function documentRoutes(app: FastifyInstance, o: { issueRateLimit?: { max: number; timeWindow: number } }): Promise<void> {
  for (const [path, kind] of PATHS) {
    app.post<{ Params: { number: string }; Body: { reason: string } }>(
      path,
      {
        preHandler: requireScope('issue'),
        ...(o.issueRateLimit ? { config: { rateLimit: o.issueRateLimit } } : {}),
        schema: {
          tags: ['issuance'],
          summary: kind === 'certificate' ? 'Void a certificate (its number is never reused)' : 'Void a supervisor card (its number is never reused)',
          security: [{ apiKey: [] }],
          params: numberParams,
          body: voidBodySchema,
          response: { 200: voidResultSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const number = requireWellFormed(request.params.number, kind);
        const reason = request.body.reason.trim();
        if (reason === '') throw new UserError({ pointer: '/reason', code: 'VOID_REASON_REQUIRED' });
        const store = await app.sef.store();
        const doc = await store.getDocument(number);
        if (!doc || doc.kind !== kind) throw new UserError({ pointer: '/number', code: 'DOC_UNKNOWN', params: { number }, value: number });
        assertInstitution(request, doc.institutionId);
        const voided = await store.voidDocument(number, reason, apiActor(request));
        return {
          number: voided.number,
          kind: voided.kind,
          status: 'voided',
          voidedAt: voided.voidedAt ?? '',
          reason: voided.voidReason ?? reason,
          links: { verify: `/verify/${encodeURIComponent(voided.number)}` },
        };
      },
    );
  }
}
