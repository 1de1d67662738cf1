/**
 * The document routes through app.inject(): list, manifest, self-contained schema, examples,
 * validate (200 with issues), render (PDF read back, HTML, unsupported format), and their 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { documentFormats } from '../../src/pipeline/render-document.js';
import { createAjv } from '../../src/schema/ajv.js';
import { compileFormValidator } from '../../src/schema/validate.js';
import { filenameFromDisposition, parseHeaderJson } from '../../src/api/http.js';
import { pdfTextItems } from '../helpers/pdf-read.js';
import { bearer, expectProblem, testApp, type TestKeys } from './helpers.js';

const CERT = 'national-skill-certificate-2021-style-1';
const CARD = 'supervisor-id-card';

let engine: Engine;
let app: FastifyInstance;
let keys: TestKeys;

beforeAll(async () => {
  engine = createEngine({ poolSize: 1 });
  ({ app, keys } = await testApp(engine));
});
afterAll(async () => {
  await app?.close();
  await engine?.close();
});

const json = (body: unknown) => ({ payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const example = async (id: string, name = 'full'): Promise<unknown> => JSON.parse((await app.inject({ url: `/forms/${id}/example?name=${name}` })).body);

describe('GET /forms', () => {
  it('lists every registered form with its title, kind and renderable formats', async () => {
    const res = await app.inject({ url: '/forms' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const list = res.json() as { id: string; title: { zh: string; en: string }; kind: string; formats: string[] }[];
    expect(list.map((f) => f.id)).toEqual([...engine.forms.keys()]);
    const cert = list.find((f) => f.id === CERT)!;
    expect(cert.title.zh).toBe('职业技能等级证书（参考样式一）');
    expect(cert.kind).toBe('certificate');
    expect(cert.formats).toEqual([...documentFormats(engine, CERT)]);
    expect(cert.formats).toContain('pdf');
  });
});

describe('GET /forms/{id}, /schema, /example', () => {
  it('returns the manifest', async () => {
    const res = await app.inject({ url: `/forms/${CARD}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(engine.form(CARD).manifest);
  });

  it('answers 404 FORM_UNKNOWN with a pointer-bearing problem for an unknown id', async () => {
    for (const url of ['/forms/no-such-form', '/forms/no-such-form/schema', '/forms/no-such-form/example']) {
      const p = expectProblem(await app.inject({ url }), 404, 'FORM_UNKNOWN');
      expect(p.issues[0]!.message.en).toContain('no-such-form');
    }
    expectProblem(await app.inject({ method: 'POST', url: '/forms/no-such-form/validate', ...json({}) }), 404, 'FORM_UNKNOWN');
  });

  it('serves a self-contained schema: no external $ref, and it judges the examples as the registry schema does', async () => {
    const res = await app.inject({ url: `/forms/${CERT}/schema` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/schema\+json/);
    const schema = res.json() as Record<string, unknown>;
    const refs = [...res.body.matchAll(/"\$ref":"([^"]*)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => !r.startsWith('#/'))).toEqual([]);
    expect(Object.keys(schema.$defs as object)).toEqual(expect.arrayContaining(['common.person', 'common.image']));
    const bundled = compileFormValidator(createAjv(), schema);
    const form = engine.form(CERT);
    for (const inv of form.invalidExamples) {
      const r = bundled(JSON.parse(readFileSync(inv.file, 'utf8')));
      for (const e of inv.expected) expect(r.errors.map((x) => `${x.pointer} ${x.code}`), inv.name).toContain(`${e.pointer} ${e.code}`);
    }
    expect(bundled(await example(CERT)).valid).toBe(true);
  });

  it('serves examples with their images inline, and 404s an unknown example name', async () => {
    const full = (await example(CERT)) as { holder: { photo: { mediaType: string; base64: string } } };
    expect(full.holder.photo.mediaType).toBe('image/jpeg');
    expect(Buffer.from(full.holder.photo.base64, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const p = expectProblem(await app.inject({ url: `/forms/${CERT}/example?name=nope` }), 404, 'EXAMPLE_UNKNOWN');
    expect(p.issues[0]!.message.en).toContain('minimal');
    const bad = expectProblem(await app.inject({ url: `/forms/${CERT}/example?name=../../x` }), 400, 'REQUEST_INVALID');
    expect(bad.issues[0]).toMatchObject({ location: 'querystring', pointer: '/name' });
  });
});

describe('POST /forms/{id}/validate', () => {
  it('answers 200 valid:true for the full example', async () => {
    const res = await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, ...json(await example(CERT)) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ valid: true, records: 1, errors: [] });
  });

  it('answers 200 valid:false with every invalid example\'s expected pointer and code, in both languages', async () => {
    const form = engine.form(CERT);
    expect(form.invalidExamples.length).toBeGreaterThan(0);
    for (const inv of form.invalidExamples) {
      const res = await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, ...json(JSON.parse(readFileSync(inv.file, 'utf8'))) });
      expect(res.statusCode).toBe(200);
      const r = res.json() as { valid: boolean; errors: { pointer: string; code: string; message: { zh: string; en: string } }[] };
      expect(r.valid).toBe(false);
      for (const e of inv.expected) expect(r.errors.map((x) => `${x.pointer} ${x.code}`), inv.name).toContain(`${e.pointer} ${e.code}`);
      for (const e of r.errors) expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('points at an unknown field and a bad ID number', async () => {
    const doc = structuredClone(await example(CERT)) as { holder: Record<string, unknown> };
    doc.holder.foo = 1;
    doc.holder.idNumber = '110105194912310022';
    const r = (await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, ...json(doc) })).json() as { errors: { pointer: string; code: string }[] };
    expect(r.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '/holder/foo', code: 'UNKNOWN_FIELD' }), expect.objectContaining({ pointer: '/holder/idNumber', code: 'ID_CHECKSUM' })]));
  });

  it('checks a batch with pointers prefixed by the record index', async () => {
    const good = await example(CERT);
    const bad = structuredClone(good) as { level: unknown };
    bad.level = 9;
    const r = (await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, ...json([good, bad]) })).json() as { records: number; errors: { pointer: string }[] };
    expect(r.records).toBe(2);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.every((e) => e.pointer.startsWith('/1/'))).toBe(true);
  });

  it('refuses malformed requests: 400 bad JSON, 400 empty, 415 not JSON, 401 a wrong key', async () => {
    expectProblem(await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, payload: '{"holder":', headers: { 'content-type': 'application/json' } }), 400, 'JSON_SYNTAX');
    expectProblem(await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, payload: '', headers: { 'content-type': 'application/json' } }), 400, 'BODY_EMPTY');
    expectProblem(await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, payload: 'holder=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'MEDIA_TYPE_UNSUPPORTED');
    expectProblem(await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, payload: '{}', headers: { 'content-type': 'text/plain' } }), 415, 'MEDIA_TYPE_UNSUPPORTED');
    const wrong = await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, ...json({}), headers: { 'content-type': 'application/json', ...bearer('x'.repeat(40)) } });
    expectProblem(wrong, 401, 'AUTH_INVALID');
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer/);
    const withKey = await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, payload: '{}', headers: { 'content-type': 'application/json', ...bearer(keys.render) } });
    expect(withKey.statusCode).toBe(200);
  });

  it('413s a batch over the record limit', async () => {
    expectProblem(await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, ...json(new Array(2001).fill(0)) }), 413, 'BATCH_TOO_LARGE');
    expectProblem(await app.inject({ method: 'POST', url: `/forms/${CARD}/render?format=html`, ...json([]) }), 422, 'RECORDS_EMPTY');
  });
});

describe('POST /forms/{id}/render', () => {
  it('renders the full example to PDF with page count, font report and a Chinese attachment name', async () => {
    const res = await app.inject({ method: 'POST', url: `/forms/${CERT}/render?format=pdf`, ...json(await example(CERT)) });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.headers['x-page-count']).toBe('1');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const disp = String(res.headers['content-disposition']);
    expect(disp).toMatch(/^attachment; filename="national-skill-certificate-2021-style-1\.pdf"; filename\*=UTF-8''/);
    expect(filenameFromDisposition(disp)).toBe('职业技能等级证书（参考样式一）.pdf');
    const fonts = parseHeaderJson(String(res.headers['x-font-report'])) as { roles: Record<string, { family: string }>; fallbacks: unknown[] };
    expect(Object.keys(fonts.roles).length).toBeGreaterThan(0);
    expect(JSON.stringify(fonts)).not.toMatch(/\/usr\/|\.ttf|\.otf/);
    const { items } = await pdfTextItems(res.rawPayload);
    const text = items.map((i) => i.str).join('');
    const doc = (await example(CERT)) as { holder: { name: string } };
    expect(text).toContain(doc.holder.name);
  });

  it('renders HTML with a CSP that lets no script run, and refuses a format the form lacks', async () => {
    const res = await app.inject({ method: 'POST', url: `/forms/${CARD}/render?format=html`, ...json(await example(CARD)) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
    expect(String(res.headers['content-security-policy'])).toMatch(/default-src 'none'/);
    expect(String(res.headers['content-security-policy'])).not.toMatch(/script-src/);
    const missing = documentFormats(engine, CARD).includes('docx') ? undefined : 'docx';
    if (missing) expectProblem(await app.inject({ method: 'POST', url: `/forms/${CARD}/render?format=${missing}`, ...json(await example(CARD)) }), 400, 'FORMAT_UNSUPPORTED');
    expectProblem(await app.inject({ method: 'POST', url: `/forms/${CARD}/render?format=gif`, ...json({}) }), 400, 'REQUEST_INVALID');
  });

  it('answers 422 with every issue and its pointer for an invalid document', async () => {
    const doc = structuredClone(await example(CERT)) as { holder: Record<string, unknown> };
    doc.holder.foo = 'x';
    const p = expectProblem(await app.inject({ method: 'POST', url: `/forms/${CERT}/render?format=html`, ...json(doc) }), 422, 'UNKNOWN_FIELD');
    expect(p.issues[0]!.pointer).toBe('/holder/foo');
  });

  it('supports the imposed mode of supervisor cards and refuses it elsewhere', async () => {
    const res = await app.inject({ method: 'POST', url: `/forms/${CARD}/render?format=html&mode=imposed`, ...json([await example(CARD), await example(CARD)]) });
    expect(res.statusCode).toBe(200);
    expectProblem(await app.inject({ method: 'POST', url: `/forms/${CERT}/render?format=html&mode=imposed`, ...json(await example(CERT)) }), 400, 'MODE_UNSUPPORTED');
  });
});
