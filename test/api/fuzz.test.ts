/**
 * reliability-anchors §6.4: a fast-check fuzz over POST /forms/{id}/validate and /render with
 * random JSON, random strings, random content types and headers, and mutations of every form's
 * full example (a field dropped, retyped, overlong, an unknown or __proto__ key added). Whatever
 * comes in, the answer is one of the expected statuses, never a 500, errors are our
 * problem+json with pointers, and no body carries a stack frame or a path of this machine.
 * Runs are kept modest (most renders are HTML; a handful of PDFs) so the file stays well under
 * a minute on the shared 2-core machine.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { documentFormats } from '../../src/pipeline/render-document.js';
import { readInput } from '../../src/cli/load-input.js';
import { expectNoLeak, testApp } from './helpers.js';

const ALLOWED = new Set([200, 400, 401, 403, 404, 409, 413, 415, 422, 429]);
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  'image/png',
];

type Json = unknown;
type Obj = Record<string, unknown>;

let engine: Engine;
let app: FastifyInstance;
let formIds: string[];
let examples: Map<string, Json>;

beforeAll(async () => {
  engine = createEngine({ poolSize: 1 });
  ({ app } = await testApp(engine, { env: { SEF_RATE_LIMIT_IP: '1000000', SEF_RATE_LIMIT_RENDER_IP: '1000000', SEF_RATE_LIMIT_KEY: '1000000', SEF_RATE_LIMIT_RENDER_KEY: '1000000' } }));
  formIds = [...engine.forms.keys()];
  examples = new Map();
  for (const f of engine.forms.values()) {
    const full = f.examples.find((e) => e.name === 'full');
    if (full) examples.set(f.id, readInput(full.file));
  }
});
afterAll(async () => {
  await app?.close();
  await engine?.close();
});

/** Every pointer to a value inside `v` (objects and arrays included), capped. */
function pointers(v: Json, base = '', out: string[] = []): string[] {
  if (out.length > 400) return out;
  out.push(base);
  if (Array.isArray(v)) v.forEach((x, i) => pointers(x, `${base}/${i}`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pointers(x, `${base}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  return out;
}

type Action = { kind: 'none' } | { kind: 'drop' } | { kind: 'set'; value: Json } | { kind: 'long' } | { kind: 'extra'; key: string; value: Json } | { kind: 'proto' };

function mutate(doc: Json, pointer: string, action: Action): Json {
  const copy = structuredClone(doc) as Json;
  const segs = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segs.length === 0) return action.kind === 'set' ? action.value : copy;
  let parent = copy as Obj;
  for (const s of segs.slice(0, -1)) parent = parent[s] as Obj;
  const last = segs[segs.length - 1]!;
  switch (action.kind) {
    case 'none':
      break;
    case 'drop':
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      break;
    case 'set':
      parent[last] = action.value;
      break;
    case 'long':
      parent[last] = '证'.repeat(5000);
      break;
    case 'extra': {
      const target = parent[last];
      if (target && typeof target === 'object' && !Array.isArray(target)) (target as Obj)[action.key] = action.value;
      else parent[last] = { [action.key]: action.value };
      break;
    }
    case 'proto':
      return JSON.parse(JSON.stringify(copy).replace(/^\{/, '{"__proto__":{"polluted":1},'));
  }
  return copy;
}

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.constant<Action>({ kind: 'none' }),
  fc.constant<Action>({ kind: 'drop' }),
  fc.jsonValue({ maxDepth: 2 }).map<Action>((value) => ({ kind: 'set', value })),
  fc.constant<Action>({ kind: 'long' }),
  fc.record({ key: fc.string({ maxLength: 12 }), value: fc.jsonValue({ maxDepth: 1 }) }).map<Action>(({ key, value }) => ({ kind: 'extra', key, value })),
  fc.constant<Action>({ kind: 'proto' }),
);

/** A request body: raw string, random JSON, or a mutated example (as text, sometimes poisoned). */
const bodyArb = (ids: readonly string[] = formIds): fc.Arbitrary<{ formId: string; body: string }> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...ids), fc.nat(), actionArb).map(([formId, n, action]) => {
      const ex = examples.get(formId) ?? {};
      const ps = pointers(ex);
      const mutated = mutate(ex, ps[n % ps.length]!, action);
      const text = JSON.stringify(mutated);
      return { formId, body: action.kind === 'proto' ? text.replace(/^\{/, '{"__proto__":{"polluted":1},') : text };
    }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...formIds), fc.jsonValue()).map(([formId, v]) => ({ formId, body: JSON.stringify(v) ?? 'null' })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...formIds), fc.string({ unit: 'binary', maxLength: 200 })).map(([formId, body]) => ({ formId, body })) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 40 }), fc.jsonValue({ maxDepth: 2 })).map(([formId, v]) => ({ formId, body: JSON.stringify(v) ?? '{}' })) },
  );

const headersArb = fc.record({
  contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }),
  auth: fc.oneof({ weight: 16, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`) }, { weight: 1, arbitrary: fc.string({ maxLength: 60 }) }),
});

const sanitizeHeader = (s: string): string => s.replace(/[^\x20-\x7e]/g, '');

async function check(res: { statusCode: number; headers: Record<string, unknown>; body: string }, what: string): Promise<void> {
  expect(ALLOWED.has(res.statusCode), `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBe(true);
  if (res.statusCode >= 400) {
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const p = JSON.parse(res.body) as { status: number; code: string; issues: { pointer: string; message: { zh: string; en: string } }[]; requestId: string };
    expect(p.status).toBe(res.statusCode);
    expect(typeof p.code).toBe('string');
    expect(p.issues.length).toBeGreaterThan(0);
    for (const i of p.issues) {
      expect(i.pointer === '' || i.pointer.startsWith('/')).toBe(true);
      expect(i.message.zh.length).toBeGreaterThan(0);
      expect(i.message.en.length).toBeGreaterThan(0);
    }
    expectNoLeak(res.body);
  } else if (String(res.headers['content-type']).startsWith('application/json')) {
    expectNoLeak(res.body);
  }
}

describe('fuzz: POST /forms/{id}/validate', () => {
  it('answers every body, content type and header with an expected status and a clean problem', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb(), headersArb, async ({ formId, body }, h) => {
        const headers: Record<string, string> = {};
        if (h.contentType) headers['content-type'] = sanitizeHeader(h.contentType);
        if (h.auth) headers.authorization = sanitizeHeader(h.auth);
        const res = await app.inject({ method: 'POST', url: `/forms/${encodeURIComponent(formId)}/validate`, payload: body, headers });
        await check(res, `validate ${formId}`);
        if (res.statusCode === 200) expect(typeof (res.json() as { valid: boolean }).valid).toBe('boolean');
      }),
      { numRuns: 200 },
    );
    expect(({} as Obj).polluted).toBeUndefined();
  });
});

describe('fuzz: POST /forms/{id}/render', () => {
  it('renders or refuses HTML for mutated documents, random JSON and random query strings', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb(formIds.filter((id) => documentFormats(engine, id).includes('html'))), headersArb, fc.oneof({ weight: 8, arbitrary: fc.constant('format=html') }, { weight: 1, arbitrary: fc.constantFrom('format=docx', 'format=html&mode=imposed', 'mode=pages&format=html', 'format=', 'format=html&x=1') }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => `format=${encodeURIComponent(s)}`) }), async ({ formId, body }, h, query) => {
        const headers: Record<string, string> = {};
        if (h.contentType) headers['content-type'] = sanitizeHeader(h.contentType);
        if (h.auth) headers.authorization = sanitizeHeader(h.auth);
        const res = await app.inject({ method: 'POST', url: `/forms/${encodeURIComponent(formId)}/render?${query}`, payload: body, headers });
        await check(res, `render ${formId}?${query}`);
        if (res.statusCode === 200) expect(String(res.headers['content-disposition'])).toMatch(/^attachment; /);
      }),
      { numRuns: 100 },
    );
  });

  it('renders or refuses PDF for a few lightly mutated certificates and cards', async () => {
    const printable = formIds.filter((id) => examples.has(id) && engine.form(id).layout);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...printable), fc.nat(), fc.oneof(fc.constant<Action>({ kind: 'long' }), fc.constant<Action>({ kind: 'drop' }), fc.string({ maxLength: 30 }).map<Action>((value) => ({ kind: 'set', value }))), async (formId, n, action) => {
        const ex = examples.get(formId)!;
        const ps = pointers(ex).filter((p) => p !== '');
        const body = JSON.stringify(mutate(ex, ps[n % ps.length]!, action));
        const res = await app.inject({ method: 'POST', url: `/forms/${formId}/render?format=pdf`, payload: body, headers: { 'content-type': 'application/json' } });
        await check(res, `render pdf ${formId}`);
        if (res.statusCode === 200) expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      }),
      { numRuns: 3 },
    );
  });
});

describe('fuzz: the other routes', () => {
  it('GET routes answer random ids and query strings with 200/400/404 only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...formIds), fc.string({ maxLength: 50 })), fc.constantFrom('', '/schema', '/example', '/example?name=', '/example?name=full'), fc.string({ maxLength: 20 }), async (id, suffix, q) => {
        const url = `/forms/${encodeURIComponent(id)}${suffix}${suffix.includes('?') ? encodeURIComponent(q) : ''}`;
        const res = await app.inject({ url });
        expect([200, 400, 404]).toContain(res.statusCode);
        if (res.statusCode >= 400) await check(res, url);
      }),
      { numRuns: 100 },
    );
  });

});
