/**
 * POST /institutions, GET /institutions, GET /institutions/{id}: the institution document checked
 * by the project's validator (pointed bilingual issues), seals inline only, admin scope to register,
 * a key sees only its own institutions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers.js';
import { auth, institutionBody, issuanceApp, INSTITUTION_ID, type IssuanceTestApp } from './setup.js';

let t: IssuanceTestApp;
beforeAll(async () => {
  t = await issuanceApp();
});
afterAll(async () => {
  await t.app.close();
});

const post = (body: unknown, key?: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/institutions', headers: { ...(key ? auth(key) : {}), 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });

describe('POST /institutions', () => {
  it('401 without a key, 403 for a key without the admin scope or for another institution', async () => {
    expectProblem(await post(institutionBody()), 401, 'AUTH_REQUIRED');
    expectProblem(await post(institutionBody(), t.keys.issuer), 403, 'AUTH_FORBIDDEN');
    expectProblem(await post(institutionBody(), t.keys.other), 403, 'AUTH_INSTITUTION_FORBIDDEN');
  });

  it('400 for a body that is not JSON', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/institutions', headers: { ...auth(t.keys.admin), 'content-type': 'application/json' }, payload: '{"id": ' });
    expectProblem(r, 400, 'JSON_SYNTAX');
  });

  it('422 with JSON pointers for schema and cross-field errors', async () => {
    const body = { ...institutionBody(), nameEn: 5 };
    const p = expectProblem(await post(body, t.keys.admin), 422);
    expect(p.issues.map((i) => i.pointer)).toContain('/nameEn');
    const cross = expectProblem(await post({ ...institutionBody(), code: 'Y000011010001' }, t.keys.admin), 422, 'INSTDOC_PROVINCE_MISMATCH');
    expect(cross.issues[0]!.pointer).toBe('/province');
  });

  it('422 for a seal given as a file reference, or whose bytes are not the declared type', async () => {
    const p = expectProblem(await post({ ...institutionBody(), seal: { file: 'assets/seal-institution.png' } }, t.keys.admin), 422, 'INSTITUTION_IMAGE_INLINE');
    expect(p.issues[0]!.pointer).toBe('/seal/file');
    const q = expectProblem(await post({ ...institutionBody(), seal: { mediaType: 'image/jpeg', base64: (institutionBody()['seal'] as { base64: string }).base64 } }, t.keys.admin), 422, 'INSTITUTION_IMAGE_TYPE');
    expect(q.issues[0]!.pointer).toBe('/seal/base64');
  });

  it('201 with Location, then 409 for the same id', async () => {
    const r = await post(institutionBody(), t.keys.admin);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.headers['location']).toBe(`/institutions/${INSTITUTION_ID}`);
    const body = r.json() as { id: string; code: string; profile: string; category: string; document: { seal: { mediaType: string } } };
    expect(body).toMatchObject({ id: INSTITUTION_ID, code: 'Y000041030001', profile: 'national', category: 'Y' });
    expect(body.document.seal.mediaType).toBe('image/png');
    const again = expectProblem(await post(institutionBody(), t.keys.admin), 409, 'INSTITUTION_EXISTS');
    expect(again.issues[0]!.pointer).toBe('/id');
  });
});

describe('GET /institutions', () => {
  it('lists only the institutions a key covers', async () => {
    const mine = await t.app.inject({ method: 'GET', url: '/institutions', headers: auth(t.keys.issuer) });
    expect((mine.json() as { institutions: { id: string }[] }).institutions.map((i) => i.id)).toEqual([INSTITUTION_ID]);
    const other = await t.app.inject({ method: 'GET', url: '/institutions', headers: auth(t.keys.other) });
    expect((other.json() as { institutions: unknown[] }).institutions).toEqual([]);
    expectProblem(await t.app.inject({ method: 'GET', url: '/institutions' }), 401, 'AUTH_REQUIRED');
    expectProblem(await t.app.inject({ method: 'GET', url: '/institutions', headers: auth(t.keys.render) }), 403, 'AUTH_FORBIDDEN');
  });

  it('GET /institutions/{id}: 200 for a covered id, 403 for another institution, 404 unknown', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/institutions/${INSTITUTION_ID}`, headers: auth(t.keys.issuer) });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: INSTITUTION_ID, name: '河南豫华重工机械有限公司', links: { self: `/institutions/${INSTITUTION_ID}` } });
    expectProblem(await t.app.inject({ method: 'GET', url: `/institutions/${INSTITUTION_ID}`, headers: auth(t.keys.other) }), 403, 'AUTH_INSTITUTION_FORBIDDEN');
    const missing = expectProblem(await t.app.inject({ method: 'GET', url: '/institutions/nobody', headers: auth(t.keys.admin) }), 404, 'INSTITUTION_UNKNOWN');
    expect(missing.issues[0]!.pointer).toBe('/id');
  });
});
