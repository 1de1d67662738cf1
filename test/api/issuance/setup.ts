/**
 * The issuance API tests' app: a temp data dir and SQLite registry per app, random API keys (an
 * admin, an issuer for the example institution yuhua-machinery, an issuer for another institution,
 * a render-only key), and helpers to send a batch as multipart and follow its job.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../src/api/app.js';
import { loadConfig, type AppConfig } from '../../../src/api/config.js';
import { loadInstitutionFile } from '../../../src/issuance/institution.js';
import type { Engine } from '../../../src/pipeline/engine.js';
import { INSTITUTION_FILE, INSTITUTION_ID } from '../../issuance/cli/roster-gen.js';

export { INSTITUTION_ID };
export const PUBLIC_URL = 'http://verify.example.test:8080';

const secret = (): string => randomBytes(24).toString('base64url');

export interface Keys {
  readonly admin: string;
  readonly issuer: string;
  readonly other: string;
  readonly render: string;
}

export interface IssuanceTestApp {
  readonly app: FastifyInstance;
  readonly config: AppConfig;
  readonly keys: Keys;
  readonly dataDir: string;
}

export async function issuanceApp(o: { engine?: Engine; dataDir?: string; keys?: Keys } = {}): Promise<IssuanceTestApp> {
  const keys = o.keys ?? { admin: secret(), issuer: secret(), other: secret(), render: secret() };
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'sef-api-issuance-'));
  const config = loadConfig({
    SEF_DATA_DIR: dataDir,
    SEF_DB: join(dataDir, 'registry.sqlite'),
    SEF_PUBLIC_URL: PUBLIC_URL,
    SEF_LOG_LEVEL: 'silent',
    SEF_RATE_LIMIT_KEY: '100000',
    SEF_RATE_LIMIT_ISSUE_KEY: '100000',
    SEF_API_KEYS: [
      `admin:${keys.admin}:admin+issue:*`,
      `issuer:${keys.issuer}:issue:${INSTITUTION_ID}`,
      `other:${keys.other}:issue+admin:other-inst`,
      `renderer:${keys.render}:render:*`,
    ].join(','),
  });
  const app = await buildApp({ config, logger: false, ...(o.engine ? { engine: o.engine } : {}) });
  await app.ready();
  return { app, config, keys, dataDir };
}

export const auth = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** The example institution (national-enterprise.json) as a JSON body, its seal inline. */
export const institutionBody = (): Record<string, unknown> => ({ ...loadInstitutionFile(INSTITUTION_FILE).data });

export interface BatchParts {
  readonly fields?: Record<string, string>;
  readonly roster?: { readonly name: string; readonly bytes: Buffer };
  readonly photos?: readonly { readonly name: string; readonly bytes: Buffer }[];
}

export function batchForm(p: BatchParts): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(p.fields ?? {})) fd.append(k, v);
  if (p.roster) fd.append('roster', new Blob([new Uint8Array(p.roster.bytes)]), p.roster.name);
  for (const ph of p.photos ?? []) fd.append('photos', new Blob([new Uint8Array(ph.bytes)]), ph.name);
  return fd;
}

/** The photos of a generated roster folder as image parts. */
export const photoParts = (dir: string): { name: string; bytes: Buffer }[] =>
  readdirSync(dir).map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));

export const postBatch = (app: FastifyInstance, key: string, p: BatchParts, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
  app.inject({ method: 'POST', url: '/batches', headers: { ...auth(key), ...headers }, payload: batchForm(p) });

export interface JobBody {
  id: string;
  kind: string;
  state: string;
  counts: Record<string, number>;
  progress: Record<string, { done: number; total: number }>;
  numbers?: { first: string; last: string; ranges: { counterKey: string; fromSerial: number; toSerial: number; count: number }[] };
  files: { path: string; role: string; bytes: number; href: string; sha256?: string }[];
  errorReport?: { xlsx: string; json: string };
  error?: { code: string; message: { zh: string; en: string }; numbersCommitted?: boolean };
  registryBatchId?: string;
  replayed?: boolean;
  links: Record<string, string>;
}

/** Polls GET /batches/{id} until the job reaches a final state. */
export async function settle(app: FastifyInstance, key: string, id: string, timeoutMs = 45_000): Promise<JobBody> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await app.inject({ method: 'GET', url: `/batches/${id}`, headers: auth(key) });
    const body = JSON.parse(r.body) as JobBody;
    if (['done', 'rejected', 'failed'].includes(body.state)) return body;
    if (Date.now() > until) throw new Error(`job ${id} still ${body.state}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}
