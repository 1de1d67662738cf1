/**
 * POST /institutions (scope admin): registers a filed institution — the same document `sef institution
 * add` reads, checked by the same validator (schema + cross-field rules, pointed bilingual issues),
 * with seals inline (a file reference means nothing to the server and is refused). An id already
 * registered is 409 (this route never overwrites a filing).
 * GET /institutions and GET /institutions/{id} (scope issue or admin): the institutions the key may act for.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UserError, type IssueRef } from '../../../errors/user-error.js';
import { toInstitutionRecord, validateInstitution } from '../../../issuance/institution.js';
import type { InstitutionRecord } from '../../../issuance/store/types.js';
import { sniffImageType } from '../../../layout/image-type.js';
import { assertInstitution, keyCoversInstitution, requireScope } from '../../auth.js';
import { documentRouteValidatorCompiler } from '../../document-body.js';
import { errorResponses } from '../../schemas.js';
import { apiActor, requireAnyScope } from './access.js';
import { institutionBodySchema, institutionIdParams, institutionViewSchema } from './schemas.js';

const TAGS = ['issuance'];

export const institutionPath = (id: string): string => `/institutions/${encodeURIComponent(id)}`;

export function institutionView(rec: InstitutionRecord): Record<string, unknown> {
  const category = rec.data['category'];
  return {
    id: rec.id,
    name: rec.name,
    code: rec.code,
    profile: rec.profile,
    ...(typeof category === 'string' ? { category } : {}),
    updatedAt: rec.updatedAt,
    document: rec.data,
    links: { self: institutionPath(rec.id) },
  };
}

/** Seals must come inline, and their bytes must be the type they claim. */
function sealIssues(doc: Record<string, unknown>): IssueRef[] {
  const seals: [string, unknown][] = [['/seal', doc['seal']]];
  const branches = Array.isArray(doc['branches']) ? (doc['branches'] as unknown[]) : [];
  branches.forEach((b, i) => seals.push([`/branches/${i}/seal`, (b as Record<string, unknown> | null)?.['seal']]));
  const out: IssueRef[] = [];
  for (const [pointer, img] of seals) {
    if (img === undefined || img === null || typeof img !== 'object') continue;
    const o = img as Record<string, unknown>;
    if ('file' in o) {
      out.push({ pointer: `${pointer}/file`, code: 'INSTITUTION_IMAGE_INLINE' });
      continue;
    }
    const bytes = Buffer.from(String(o['base64'] ?? '').slice(0, 16), 'base64');
    if (sniffImageType(bytes) !== o['mediaType']) out.push({ pointer: `${pointer}/base64`, code: 'INSTITUTION_IMAGE_TYPE', params: { mediaType: String(o['mediaType']) } });
  }
  return out;
}

export async function institutionRoutes(app: FastifyInstance): Promise<void> {
  app.post(
    '/institutions',
    {
      preHandler: requireScope('admin'),
      validatorCompiler: documentRouteValidatorCompiler,
      schema: {
        tags: TAGS,
        summary: 'Register an institution (scope admin)',
        security: [{ apiKey: [] }],
        body: institutionBodySchema,
        response: { 201: institutionViewSchema, ...errorResponses(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const checked = validateInstitution(body);
      if (!checked.valid) throw new UserError(checked.errors.map((e) => ({ pointer: e.pointer, code: e.code, zh: e.zh, en: e.en, value: e.value })));
      const doc = body as Record<string, unknown>;
      const seals = sealIssues(doc);
      if (seals.length) throw new UserError(seals);
      const id = String(doc['id']);
      assertInstitution(request, id);
      const store = await app.sef.store();
      if (await store.getInstitution(id)) throw new UserError({ pointer: '/id', code: 'INSTITUTION_EXISTS', params: { id }, value: id });
      const saved = await store.putInstitution(toInstitutionRecord(body), apiActor(request));
      return reply.code(201).header('location', institutionPath(saved.id)).send(institutionView(saved));
    },
  );

  app.get(
    '/institutions',
    {
      preHandler: requireAnyScope('issue', 'admin'),
      schema: {
        tags: TAGS,
        summary: 'The institutions this API key may act for',
        security: [{ apiKey: [] }],
        response: {
          200: { type: 'object', required: ['institutions'], properties: { institutions: { type: 'array', items: institutionViewSchema } } },
          ...errorResponses(401, 403),
        },
      },
    },
    async (request: FastifyRequest) => {
      const list = await (await app.sef.store()).listInstitutions();
      return { institutions: list.filter((i) => keyCoversInstitution(request.apiKey!, i.id)).map(institutionView) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/institutions/:id',
    {
      preHandler: requireAnyScope('issue', 'admin'),
      schema: {
        tags: TAGS,
        summary: 'One institution as registered',
        security: [{ apiKey: [] }],
        params: institutionIdParams,
        response: { 200: institutionViewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      assertInstitution(request, id);
      const rec = await (await app.sef.store()).getInstitution(id);
      if (!rec) throw new UserError({ pointer: '/id', code: 'INSTITUTION_UNKNOWN', params: { id }, value: id });
      return institutionView(rec);
    },
  );
}
