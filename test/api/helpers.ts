/**
 * Shared pieces of the API tests: a configuration with random API keys (never a fixed secret in
 * the repository), the problem+json shape check, and an app built around a given engine.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/api/app.js';
import { loadConfig, type AppConfig } from '../../src/api/config.js';
import type { Engine } from '../../src/pipeline/engine.js';

export const secret = (): string => randomBytes(24).toString('base64url'); // 32 characters

export interface TestKeys {
  readonly render: string;
  readonly issuer: string;
  readonly admin: string;
}

export function testConfig(env: Record<string, string> = {}, overrides: Partial<AppConfig> = {}): { config: AppConfig; keys: TestKeys } {
  const keys: TestKeys = { render: secret(), issuer: secret(), admin: secret() };
  const config = loadConfig({
    SEF_DATA_DIR: mkdtempSync(join(tmpdir(), 'sef-api-test-')),
    SEF_DB: ':memory:',
    SEF_API_KEYS: [`renderer:${keys.render}:render:*`, `issuer:${keys.issuer}:render+issue:henan-demo`, `admin:${keys.admin}:admin+issue+render:*`].join(','),
    SEF_LOG_LEVEL: 'silent',
    // Schema compilation in a test can block the loop for seconds on a loaded machine; the pressure test turns it on.
    SEF_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...env,
  });
  return { config: { ...config, ...overrides }, keys };
}

export async function testApp(engine: Engine, opts: Partial<AppOptions> & { env?: Record<string, string>; overrides?: Partial<AppConfig> } = {}): Promise<{ app: FastifyInstance; keys: TestKeys; config: AppConfig }> {
  const { config, keys } = testConfig(opts.env, opts.overrides);
  const app = await buildApp({ config, engine, logger: false, ...opts });
  await app.ready();
  return { app, keys, config };
}

export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** Asserts an RFC 9457 body of ours and returns it. */
export function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code?: string) {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const p = JSON.parse(res.body) as {
    type: string; title: string; status: number; code: string; detail: string; requestId: string;
    issues: { pointer: string; location?: string; code: string; severity: string; message: { zh: string; en: string } }[];
  };
  expect(p.status).toBe(status);
  expect(p.type).toMatch(/^urn:skill-eval-forms:problem:/);
  expect(typeof p.title).toBe('string');
  expect(typeof p.requestId).toBe('string');
  expect(p.issues.length).toBeGreaterThan(0);
  for (const i of p.issues) {
    expect(typeof i.pointer).toBe('string');
    expect(i.pointer === '' || i.pointer.startsWith('/')).toBe(true);
    expect(i.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(i.message.en).toMatch(/[A-Za-z]/);
  }
  expect(p.code).toBe(p.issues[0]!.code);
  if (code) expect(p.code).toBe(code);
  expectNoLeak(res.body);
  return p;
}

/** No stack frame, no file path of this machine, in a response body. */
export function expectNoLeak(body: string): void {
  expect(body).not.toMatch(/\n\s+at [^\n]+\(/);
  expect(body).not.toMatch(/\bat (?:async )?[\w.<>]+ \(/);
  expect(body).not.toContain(process.cwd());
  expect(body).not.toMatch(/\/(?:home|root|tmp|usr|work)\/[\w.-]+\//);
  expect(body).not.toMatch(/node_modules|\.ts:\d+/);
}
