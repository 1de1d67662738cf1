/**
 * The OpenAPI document: structurally valid OpenAPI 3.1 (the rules of the official schema that
 * a generator can break: component names, path parameters, response keys, operation fields,
 * every $ref resolving inside the document), listing every route of the app with its schemas
 * (the route table: params, querystring, body and response declared), and the form schemas
 * it lists judge the examples exactly as the registry's schemas do.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { routeTable } from '../../src/api/app.js';
import { createAjv } from '../../src/schema/ajv.js';
import { compileFormValidator } from '../../src/schema/validate.js';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { testApp } from './helpers.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

let engine: Engine;
let app: FastifyInstance;
let doc: Obj;

beforeAll(async () => {
  engine = createEngine({ poolSize: 1 });
  ({ app } = await testApp(engine));
  const res = await app.inject({ url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json() as Obj;
});
afterAll(async () => {
  await app?.close();
  await engine?.close();
});

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const OPERATION_KEYS = new Set(['tags', 'summary', 'description', 'externalDocs', 'operationId', 'parameters', 'requestBody', 'responses', 'callbacks', 'deprecated', 'security', 'servers']);
const operations = (): { path: string; method: string; op: Obj }[] =>
  Object.entries(doc.paths as Obj).flatMap(([path, item]) =>
    Object.entries(item as Obj).filter(([m]) => METHODS.includes(m)).map(([method, op]) => ({ path, method, op: op as Obj })));

const resolvePointer = (root: unknown, ref: string): unknown => {
  if (!ref.startsWith('#')) return undefined;
  let cur: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[seg];
    if (cur === undefined) return undefined;
  }
  return cur;
};

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the required top-level fields and nothing else', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const info = doc.info as Obj;
    expect(typeof info.title).toBe('string');
    expect(typeof info.version).toBe('string');
    for (const k of Object.keys(doc)) expect(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', 'externalDocs'].includes(k) || k.startsWith('x-'), k).toBe(true);
    for (const s of doc.servers as Obj[]) expect(() => new URL(String(s.url))).not.toThrow();
    const components = doc.components as Obj;
    for (const group of Object.values(components)) for (const name of Object.keys(group as Obj)) expect(name).toMatch(/^[a-zA-Z0-9._-]+$/);
  });

  it('has well-formed operations: known fields, declared path parameters, response keys, parameter schemas', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(5);
    const ids = new Set<string>();
    for (const { path, method, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const k of Object.keys(op)) expect(OPERATION_KEYS.has(k) || k.startsWith('x-'), `${where}: ${k}`).toBe(true);
      if (typeof op.operationId === 'string') {
        expect(ids.has(op.operationId), where).toBe(false);
        ids.add(op.operationId);
      }
      const params = (op.parameters ?? []) as Obj[];
      for (const p of params) {
        expect(['query', 'header', 'path', 'cookie']).toContain(p.in);
        expect(typeof p.name).toBe('string');
        expect('schema' in p || 'content' in p, `${where} ${String(p.name)}`).toBe(true);
        if (p.in === 'path') {
          expect(p.required, `${where} ${String(p.name)}`).toBe(true);
          expect(path).toContain(`{${String(p.name)}}`);
        }
      }
      for (const m of path.matchAll(/\{([^}]+)\}/g)) expect(params.some((p) => p.in === 'path' && p.name === m[1]), `${where}: {${m[1]}} declared`).toBe(true);
      const responses = op.responses as Obj;
      expect(Object.keys(responses).length, where).toBeGreaterThan(0);
      for (const [code, r] of Object.entries(responses)) {
        expect(code, where).toMatch(/^(?:[1-5](?:[0-9]{2}|XX)|default)$/);
        expect(typeof (r as Obj).description === 'string' || '$ref' in (r as Obj), `${where} ${code} description`).toBe(true);
        for (const k of Object.keys(r as Obj)) expect(['description', 'headers', 'content', 'links', '$ref'].includes(k) || k.startsWith('x-'), `${where} ${code}: ${k}`).toBe(true);
        for (const m of Object.keys(((r as Obj).content ?? {}) as Obj)) expect(m, `${where} ${code}`).toMatch(/^[a-z*]+\/[a-z0-9.+*-]+(?:;.*)?$/);
      }
      if (op.requestBody) {
        const rb = op.requestBody as Obj;
        for (const k of Object.keys(rb)) expect(['description', 'content', 'required'].includes(k), `${where} requestBody: ${k}`).toBe(true);
        expect(Object.keys((rb.content ?? {}) as Obj).length, where).toBeGreaterThan(0);
      }
    }
  });

  it('resolves every $ref inside the document', () => {
    const refs = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (isObj(v)) for (const [k, x] of Object.entries(v)) k === '$ref' && typeof x === 'string' ? refs.add(x) : walk(x);
    };
    walk(doc);
    expect(refs.size).toBeGreaterThan(50);
    for (const r of refs) expect(resolvePointer(doc, r), r).toBeDefined();
  });

  it('lists every form schema, and each judges the examples as the registry schema does', () => {
    const schemas = (doc.components as Obj).schemas as Obj;
    const ajv = createAjv();
    ajv.addKeyword({ keyword: 'components' }); // the document as one schema resource, so its #/components/… refs resolve
    ajv.addSchema({ $id: 'urn:sef:openapi', components: doc.components } as object);
    let checked = 0;
    for (const form of engine.forms.values()) {
      expect(schemas[`form.${form.id}`], form.id).toBeDefined();
      const listed = compileFormValidator(ajv, { $ref: `urn:sef:openapi#/components/schemas/form.${form.id}` });
      for (const ex of form.examples.filter((e) => e.name === 'full' || e.name === 'minimal')) {
        const data = JSON.parse(readFileSync(ex.file, 'utf8'));
        expect(listed(data).errors.map((e) => e.code), `${form.id} ${ex.name}`).toEqual(engine.validator(form.id)(data).errors.map((e) => e.code));
        checked++;
      }
      for (const inv of form.invalidExamples) {
        const r = listed(JSON.parse(readFileSync(inv.file, 'utf8')));
        for (const e of inv.expected) expect(r.errors.map((x) => `${x.pointer} ${x.code}`), `${form.id} ${inv.name}`).toContain(`${e.pointer} ${e.code}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(engine.forms.size * 2);
  });
});

describe('the route table', () => {
  const documented = (url: string): boolean =>
    !(url.startsWith('/docs') || url === '/openapi.json' || url === '/' || url === '/ui' || url.startsWith('/ui/') || url === '*');

  it('declares params, querystring, body and response schemas on every documented route, and the document lists each', () => {
    const routes = routeTable(app).filter((r) => r.method !== 'HEAD' && documented(r.url) && !(r.schema as Obj | undefined)?.hide);
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /forms', 'GET /forms/:id', 'GET /forms/:id/schema', 'GET /forms/:id/example', 'POST /forms/:id/validate', 'POST /forms/:id/render', 'GET /health', 'GET /ready']));
    const paths = doc.paths as Obj;
    const problems: string[] = [];
    for (const r of routes) {
      const where = `${r.method} ${r.url}`;
      const s = (r.schema ?? {}) as Obj;
      if (!isObj(s.response)) problems.push(`${where}: no response schema`);
      else {
        const codes = Object.keys(s.response);
        if (!codes.some((c) => /^2/.test(c))) problems.push(`${where}: no 2xx response`);
        if (r.url !== '/health' && r.url !== '/ready' && !codes.some((c) => /^4/.test(c))) problems.push(`${where}: no 4xx (problem) response`);
      }
      if (r.url.includes(':') && !isObj(s.params)) problems.push(`${where}: path parameters without a params schema`);
      if (['POST', 'PUT', 'PATCH'].includes(r.method) && !isObj(s.body) && !s.consumes) problems.push(`${where}: no body schema`);
      const oasPath = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{*}');
      const item = (paths[oasPath] ?? paths[r.url]) as Obj | undefined;
      if (!item || !item[r.method.toLowerCase()]) problems.push(`${where}: not in the OpenAPI document (${oasPath})`);
    }
    expect(problems).toEqual([]);
  });

  it('documents the problem+json response and the render headers', () => {
    const render = ((doc.paths as Obj)['/forms/{id}/render'] as Obj).post as Obj;
    const responses = render.responses as Obj;
    for (const c of ['400', '404', '413', '415', '422', '429', '500']) expect(responses[c], c).toBeDefined();
    expect(JSON.stringify(responses['422'])).toContain('#/components/schemas/Problem');
    expect(String(render.description)).toContain('X-Font-Report');
    const body = ((render.requestBody as Obj).content as Obj)['application/json'] as Obj;
    expect(JSON.stringify(body.schema)).toContain('#/components/schemas/form.national-skill-certificate-2021-style-1');
  });

  it('serves /docs from local assets only', async () => {
    const page = await app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    const urls = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u, u).not.toMatch(/^(?:https?:)?\/\//);
    for (const u of urls.filter((x) => x.endsWith('.js') || x.endsWith('.css'))) {
      const asset = await app.inject({ url: new URL(u, 'http://x/docs/').pathname });
      expect(asset.statusCode, u).toBe(200);
    }
    expect(String(page.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
  });
});
