/**
 * The document routes over a real socket (app.listen on loopback + fetch), not only app.inject():
 * Node closes a request's stream once its body is read, so anything keyed on request.signal would
 * abandon every render there while inject() passes. PDF, DOCX and HTML come back whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { testApp } from './helpers.js';

let engine: Engine;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  engine = createEngine({ poolSize: 1 });
  ({ app } = await testApp(engine));
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await engine?.close();
});

const example = async (id: string) => (await fetch(`${base}/forms/${id}/example?name=full`)).text();

describe('render over a socket', () => {
  it.each([
    ['national-skill-certificate-2021-style-1', 'pdf', '%PDF-'],
    ['henan-enterprise-filing-application', 'pdf', '%PDF-'],
    ['henan-enterprise-filing-application', 'docx', 'PK'],
    ['henan-enterprise-filing-application', 'html', '<!DOCTYPE html>'],
  ])('%s as %s answers 200 with the whole file', async (id, format, magic) => {
    const res = await fetch(`${base}/forms/${id}/render?format=${format}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: await example(id) });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
    expect(bytes.length).toBeGreaterThan(1000);
  }, 60_000);
});
