/**
 * reliability-anchors §4 through app.inject(): body limits (1 byte over → 413), prototype
 * poisoning → 400, API keys (401/403, scopes, institutions), rate limits per key and per IP with
 * Retry-After (X-Forwarded-For ignored unless the peer is a configured proxy), security and
 * download headers, handler timeout → 503, system errors → 503/500 without details, log
 * redaction of ID numbers and credentials, and app.close() leaving no Chromium behind.
 */
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { assertInstitution, requireScope } from '../../src/api/auth.js';
import { contentDisposition, filenameFromDisposition } from '../../src/api/http.js';
import { SystemError } from '../../src/errors/user-error.js';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { bearer, expectProblem, testApp, testConfig, type TestKeys } from './helpers.js';

const CERT = 'national-skill-certificate-2021-style-1';
const VALID_ID = '11010519491231002X';

let engine: Engine;
beforeAll(() => {
  engine = createEngine({ poolSize: 1 });
});
afterAll(async () => {
  await engine?.close();
});

const jsonHeaders = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...extra });

describe('body limits and parsing', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await testApp(engine));
  });
  afterAll(async () => app?.close());

  it('accepts a document body of exactly the route limit and refuses one byte more with 413', async () => {
    const limit = app.sef.config.bodyLimits.document;
    const body = (n: number) => {
      const head = '{"pad":"';
      return `${head}${'x'.repeat(n - head.length - 2)}"}`;
    };
    expect(Buffer.byteLength(body(limit))).toBe(limit);
    const atLimit = await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, payload: body(limit), headers: jsonHeaders() });
    expect(atLimit.statusCode).toBe(200);
    const over = await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, payload: body(limit + 1), headers: jsonHeaders() });
    const p = expectProblem(over, 413, 'BODY_TOO_LARGE');
    expect(p.issues[0]!.message.en).toContain(String(limit));
  });


  it.each([
    ['{"__proto__":{"x":1}}'],
    ['{"holder":{"__proto__":{"isAdmin":true}}}'],
    ['[{"constructor":{"prototype":{"x":1}}}]'],
    ['{"a":{"b":{"c":{"\\u005f_proto__":1}}}}'],
  ])('refuses prototype poisoning %s with 400', async (payload) => {
    const res = await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, payload, headers: jsonHeaders() });
    expectProblem(res, 400, 'PROTOTYPE_POISONING');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('answers an unknown route with a 404 problem', async () => {
    const p = expectProblem(await app.inject({ url: '/nope?x=1' }), 404, 'ROUTE_NOT_FOUND');
    expect(p.issues[0]!.message.en).toContain('GET /nope');
  });
});

describe('API keys', () => {
  let app: FastifyInstance;
  let keys: TestKeys;
  beforeAll(async () => {
    const { config, keys: k } = testConfig();
    keys = k;
    app = await buildApp({ config, engine, logger: false });
    app.post<{ Body: { institution: string } }>('/test/issue', { preHandler: requireScope('issue') }, async (req) => {
      assertInstitution(req, req.body.institution);
      return { key: req.apiKey!.id };
    });
    await app.ready();
  });
  afterAll(async () => app?.close());

  const call = (headers: Record<string, string>, institution = 'henan-demo') =>
    app.inject({ method: 'POST', url: '/test/issue', payload: JSON.stringify({ institution }), headers: jsonHeaders(headers) });

  it('401 without a key, with a wrong key, or with a malformed header', async () => {
    expectProblem(await call({}), 401, 'AUTH_REQUIRED');
    expectProblem(await call(bearer('y'.repeat(43))), 401, 'AUTH_INVALID');
    expectProblem(await call({ authorization: `Basic ${keys.issuer}` }), 401, 'AUTH_INVALID');
    expectProblem(await call({ authorization: `Bearer ${keys.issuer} extra` }), 401, 'AUTH_INVALID');
  });

  it('403 for a key without the scope, and for an institution the key does not cover', async () => {
    const p = expectProblem(await call(bearer(keys.render)), 403, 'AUTH_FORBIDDEN');
    expect(p.issues[0]!.message.en).toContain('"issue"');
    expectProblem(await call(bearer(keys.issuer), 'another-institution'), 403, 'AUTH_INSTITUTION_FORBIDDEN');
  });

  it('keeps the global 1 MiB body limit on routes without their own', async () => {
    const payload = JSON.stringify({ institution: 'henan-demo', pad: 'x'.repeat(1024 * 1024) });
    expectProblem(await app.inject({ method: 'POST', url: '/test/issue', payload, headers: jsonHeaders(bearer(keys.issuer)) }), 413, 'BODY_TOO_LARGE');
  });

  it('200 with the scope and the institution (or a * key)', async () => {
    expect((await call(bearer(keys.issuer))).json()).toEqual({ key: 'issuer' });
    expect((await call(bearer(keys.admin), 'anyone')).json()).toEqual({ key: 'admin' });
  });
});

describe('rate limits', () => {
  it('429 with Retry-After after the per-IP render limit; a key has its own budget; XFF from an untrusted peer is ignored', async () => {
    const { app, keys, config } = await testApp(engine, { env: { SEF_RATE_LIMIT_RENDER_IP: '3', SEF_RATE_LIMIT_RENDER_KEY: '5' } });
    try {
      const render = (headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
        app.inject({ method: 'POST', url: `/forms/${CERT}/render?format=html`, payload: '{}', headers: jsonHeaders(headers), remoteAddress });
      for (let i = 0; i < config.rateLimits.renderPerIp; i++) expect((await render({ 'x-forwarded-for': `10.9.9.${i}` })).statusCode).toBe(422);
      const limited = await render({ 'x-forwarded-for': '10.9.9.200' });
      const p = expectProblem(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(p.issues[0]!.message.en).toMatch(/at most 3 per/);
      // another peer address is another budget
      expect((await render({}, '127.0.0.2')).statusCode).toBe(422);
      // a key is counted by its id, with its own (higher) limit
      for (let i = 0; i < 5; i++) expect((await render(bearer(keys.render))).statusCode).toBe(422);
      expectProblem(await render(bearer(keys.render)), 429, 'RATE_LIMITED');
      // the general limit still lets cheap routes through
      expect((await app.inject({ url: '/forms' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('believes X-Forwarded-For only from a configured proxy', async () => {
    const { app } = await testApp(engine, { env: { SEF_RATE_LIMIT_RENDER_IP: '1', SEF_TRUST_PROXY: '127.0.0.1' } });
    try {
      const render = (xff: string) => app.inject({ method: 'POST', url: `/forms/${CERT}/render?format=html`, payload: '{}', headers: jsonHeaders({ 'x-forwarded-for': xff }) });
      expect((await render('203.0.113.1')).statusCode).toBe(422);
      expect((await render('203.0.113.2')).statusCode).toBe(422);
      expect((await render('203.0.113.1')).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe('headers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await testApp(engine));
  });
  afterAll(async () => app?.close());

  it('sends helmet headers, a no-content CSP and no-store on JSON', async () => {
    const res = await app.inject({ method: 'POST', url: `/forms/${CERT}/validate`, payload: '{}', headers: jsonHeaders() });
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const problem = await app.inject({ url: '/forms/none' });
    expect(problem.headers['cache-control']).toBe('no-store');
    expect(problem.headers['x-content-type-options']).toBe('nosniff');
  });

  it('round-trips Chinese, quotes and RFC 5987 specials in a download name', () => {
    for (const name of ['职业技能等级证书（参考样式一）.pdf', '名册 "2024" (第1批)\'s*!.docx', '𠮷野家.pdf']) {
      const v = contentDisposition(name, 'x.pdf');
      expect(v).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
      expect(filenameFromDisposition(v)).toBe(name);
    }
    expect(contentDisposition('a', '证书"x.pdf')).toContain('filename="___x.pdf"');
  });
});

describe('timeouts and failures', () => {
  it('503 when a handler outlives handlerTimeout (request.signal aborted), 503 for a full render queue, 500 with nothing inside for a bug', async () => {
    const { config } = testConfig();
    const app = await buildApp({ config, engine, logger: false });
    let aborted: boolean | undefined;
    app.get('/test/slow', { handlerTimeout: 50 }, async (req) => {
      await new Promise((r) => setTimeout(r, 300));
      aborted = req.signal.aborted;
      return { late: true };
    });
    app.get('/test/queue-full', async () => {
      throw new SystemError('RENDER_QUEUE_FULL', 'render queue is full (32 waiting)');
    });
    app.get('/test/plugin-403', async () => {
      throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
    });
    app.get('/test/plugin-416', async () => {
      throw Object.assign(new Error('Range Not Satisfiable'), { statusCode: 416 });
    });
    app.get('/test/bug', async () => {
      throw new TypeError(`Cannot read properties of undefined (reading 'x') at ${process.cwd()}/src/secret.ts:12`);
    });
    await app.ready();
    try {
      const slow = await app.inject({ url: '/test/slow' });
      expectProblem(slow, 503, 'HANDLER_TIMEOUT');
      expect(slow.headers['retry-after']).toBeDefined();
      await new Promise((r) => setTimeout(r, 350));
      expect(aborted).toBe(true);
      const full = await app.inject({ url: '/test/queue-full' });
      expectProblem(full, 503, 'RENDER_QUEUE_FULL');
      expect(full.body).not.toContain('32 waiting');
      // a plugin's own client error stays a 4xx (a refused file reads as no such route)
      expectProblem(await app.inject({ url: '/test/plugin-403' }), 404, 'ROUTE_NOT_FOUND');
      expectProblem(await app.inject({ url: '/test/plugin-416' }), 400, 'REQUEST_INVALID');
      const bug = await app.inject({ url: '/test/bug' });
      const p = expectProblem(bug, 500, 'INTERNAL');
      expect(bug.body).not.toContain('Cannot read');
      expect(p.issues[0]!.message.en).toContain(p.requestId);
    } finally {
      await app.close();
    }
  });

  it('gives the render route its handler timeout and body limit', async () => {
    const { config } = testConfig();
    const app = await buildApp({ config, engine, logger: false });
    const seen: Record<string, { handlerTimeout?: number; bodyLimit?: number }> = {};
    app.addHook('onRequest', async (req) => {
      seen[req.routeOptions.url ?? '?'] = { handlerTimeout: req.routeOptions.handlerTimeout, bodyLimit: req.routeOptions.bodyLimit };
    });
    await app.ready();
    try {
      await app.inject({ method: 'POST', url: `/forms/${CERT}/render?format=html`, payload: '{}', headers: jsonHeaders() });
      await app.inject({ url: '/forms' });
      expect(seen['/forms/:id/render']).toEqual({ handlerTimeout: config.timeouts.renderHandlerMs, bodyLimit: config.bodyLimits.document });
      expect(seen['/forms']!.bodyLimit).toBe(config.bodyLimits.global);
    } finally {
      await app.close();
    }
  });
});

describe('back-pressure', () => {
  it('503 OVERLOADED with Retry-After while the event loop lags over the configured limit', async () => {
    const { app } = await testApp(engine, { env: { SEF_MAX_EVENT_LOOP_DELAY_MS: '20' } });
    try {
      expect((await app.inject({ url: '/forms' })).statusCode).toBe(200);
      const until = Date.now() + 1_500;
      while (Date.now() < until); // block the loop past one sampling interval
      await new Promise((r) => setTimeout(r, 50));
      const res = await app.inject({ url: '/forms' });
      expectProblem(res, 503, 'OVERLOADED');
      expect(res.headers['retry-after']).toBe('10');
    } finally {
      await app.close();
    }
  });
});

describe('logs', () => {
  it('never carry an ID number, the Authorization secret, or a request body', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const { config, keys } = testConfig();
    const app = await buildApp({ config, engine, logger: { level: 'trace', stream } });
    app.post('/test/log', async (req) => {
      req.log.info({ body: req.body, holder: { idNumber: VALID_ID }, rows: [{ person: { idNumber: VALID_ID } }] }, 'handler saw a person');
      throw new Error(`failed for ${VALID_ID}`);
    });
    await app.ready();
    try {
      const doc = { holder: { name: '张三', idNumber: VALID_ID, extra: 1 } };
      for (const url of [`/forms/${CERT}/validate`, `/forms/${CERT}/render?format=html`, `/forms/${CERT}/render?format=docx`, '/test/log'])
        await app.inject({ method: 'POST', url, payload: JSON.stringify(doc), headers: jsonHeaders(bearer(keys.render)) });
      await app.inject({ method: 'POST', url: '/forms/x/validate', payload: JSON.stringify(doc), headers: jsonHeaders({ authorization: `Bearer ${keys.issuer}x` }) });
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(8);
    expect(log).toContain('[redacted]');
    expect(log).toContain('handler saw a person');
    expect(log).not.toContain(keys.render);
    expect(log).not.toContain(keys.issuer);
    // the bug's error message carried the number: the error serializer masks it
    expect(log).toContain('failed for [id-number]');
    expect(log.includes(VALID_ID) ? log.slice(log.indexOf(VALID_ID) - 200, log.indexOf(VALID_ID) + 50) : '').toBe('');
    expect(log).not.toContain('张三');
  });
});

describe('shutdown', () => {
  it('app.close() closes the Chromium pool it started: no browser child is left', async () => {
    const { config } = testConfig();
    const app = await buildApp({ config, logger: false }); // owns its engine
    await app.ready();
    const example = (await app.inject({ url: `/forms/${CERT}/example` })).body;
    const res = await app.inject({ method: 'POST', url: `/forms/${CERT}/render?format=pdf`, payload: example, headers: jsonHeaders() });
    expect(res.statusCode).toBe(200);
    const children = (): number[] => {
      try {
        return execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
      } catch {
        return [];
      }
    };
    const chromium = children().filter((pid) => {
      try {
        return /chrom/i.test(execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' }));
      } catch {
        return false;
      }
    });
    expect(chromium.length).toBeGreaterThan(0);
    await app.close();
    await new Promise((r) => setTimeout(r, 300));
    for (const pid of chromium) expect(() => process.kill(pid, 0), `chromium ${pid} still running`).toThrow();
  });
});
