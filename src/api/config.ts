/**
 * The service's configuration, read once from the environment and checked before anything
 * starts: a bad variable stops the server with a bilingual message naming it (CONFIG_INVALID),
 * never a stack. Everything the service tunes (limits, windows, timeouts) lives here, in one
 * place, with its default.
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from '../errors/user-error.js';

export type Scope = 'render' | 'issue' | 'admin';
export const SCOPES: readonly Scope[] = ['render', 'issue', 'admin'];

/** An API key as routes see it: who, what it may do, for which institutions. */
export interface ApiKey {
  readonly id: string;
  readonly scopes: ReadonlySet<Scope>;
  readonly institutions: readonly string[] | '*';
}

/** A configured key: the key plus the SHA-256 of its secret (the secret itself is not kept). */
export interface ConfiguredApiKey extends ApiKey {
  readonly secretSha256: Buffer;
}

export interface RateLimits {
  /** Window of every limit, in ms. */
  readonly windowMs: number;
  /** Requests per window, any route, per API key / per anonymous IP. */
  readonly perKey: number;
  readonly perIp: number;
  /** Render routes (validate is cheap and counted in the general limit). */
  readonly renderPerKey: number;
  readonly renderPerIp: number;
  /** Issuing routes (POST /batches, reprint, void), per key. */
  readonly issuePerKey: number;
}

export interface BodyLimits {
  /** Every route without its own limit (fastify's default, kept explicit). */
  readonly global: number;
  /** POST /forms/{id}/validate and /render: one document or a batch of records as JSON. */
  readonly document: number;
  /** POST /packets/{packetId}: the whole multipart body. */
  readonly packet: number;
}

export interface MultipartLimits {
  /** POST /packets/{packetId}: files per request, bytes per file, bytes of the `request` field. */
  readonly packetFiles: number;
  readonly packetFileSize: number;
  readonly fieldSize: number;
}

export interface Timeouts {
  readonly connectionMs: number;
  readonly requestMs: number;
  /** fastify handlerTimeout of the render and packet routes (503 and request.signal aborted). */
  readonly renderHandlerMs: number;
  /** Graceful shutdown: running renders get this long before they are abandoned. */
  readonly shutdownMs: number;
}

export interface Pressure {
  /** @fastify/under-pressure: answer 503 + Retry-After while the event loop lags more than this (0: off). */
  readonly maxEventLoopDelayMs: number;
  /** …or while the V8 heap holds more than this many bytes (0: off). */
  readonly maxHeapUsedBytes: number;
  readonly retryAfterSeconds: number;
}

export interface AppConfig {
  readonly host: string;
  readonly port: number;
  /** Base URL the service is reached at (no trailing slash); verify URLs and printed links use it. */
  readonly publicUrl: string;
  readonly apiKeys: readonly ConfiguredApiKey[];
  /** Registry: a file path, `sqlite:<path>` or `postgres://…`; default `<dataDir>/registry.sqlite`. */
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly poolSize: number;
  /** Proxies whose X-Forwarded-For is believed: IPs or CIDRs, never `true` or a hop count. */
  readonly trustProxy: readonly string[];
  readonly bodyLimits: BodyLimits;
  readonly multipart: MultipartLimits;
  readonly rateLimits: RateLimits;
  readonly timeouts: Timeouts;
  readonly pressure: Pressure;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

const MiB = 1024 * 1024;
export const MIN_SECRET_LENGTH = 32;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Defaults of everything not read from the environment (tests override them with configFrom(…, overrides)). */
export const DEFAULTS = {
  bodyLimits: { global: 1 * MiB, document: 2 * MiB, packet: 100 * MiB } satisfies BodyLimits,
  multipart: { packetFiles: 40, packetFileSize: 20 * MiB, fieldSize: 2 * MiB } satisfies MultipartLimits,
  rateLimits: { windowMs: 60_000, perKey: 300, perIp: 120, renderPerKey: 60, renderPerIp: 20, issuePerKey: 10 } satisfies RateLimits,
  timeouts: { connectionMs: 10_000, requestMs: 60_000, renderHandlerMs: 90_000, shutdownMs: 30_000 } satisfies Timeouts,
  pressure: { maxEventLoopDelayMs: 2_000, maxHeapUsedBytes: 0, retryAfterSeconds: 10 } satisfies Pressure,
} as const;

const bad = (variable: string, reasonZh: string, reason: string): UserError =>
  new UserError({ pointer: `/${variable}`, code: 'CONFIG_INVALID', params: { variable, reasonZh, reason } });

const intVar = (env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^[0-9]+$/.test(raw.trim())) throw bad(name, `应为整数，实为“${raw}”`, `must be a whole number, got "${raw}"`);
  const n = Number(raw.trim());
  if (n < min || n > max) throw bad(name, `应在 ${min} 到 ${max} 之间，实为 ${n}`, `must be between ${min} and ${max}, got ${n}`);
  return n;
};

const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const INSTITUTION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** SEF_API_KEYS: `<keyId>:<secret>:<scopes joined by +>:<* | institutions joined by +>`, comma-separated. */
export function parseApiKeys(raw: string | undefined, variable = 'SEF_API_KEYS'): ConfiguredApiKey[] {
  if (raw === undefined || raw.trim() === '') return [];
  const keys: ConfiguredApiKey[] = [];
  const ids = new Set<string>();
  const digests = new Set<string>();
  raw.split(',').map((e) => e.trim()).filter((e) => e !== '').forEach((entry, i) => {
    const n = i + 1;
    const parts = entry.split(':');
    if (parts.length !== 4)
      throw bad(variable, `第 ${n} 项应为“编号:密钥:权限:机构”四段，实为 ${parts.length} 段`, `entry ${n} must be "<keyId>:<secret>:<scopes>:<institutions>", got ${parts.length} part(s)`);
    const [id, secret, scopeList, institutionList] = parts as [string, string, string, string];
    if (!KEY_ID.test(id)) throw bad(variable, `第 ${n} 项的密钥编号“${id}”只能含字母、数字、点、横线和下划线`, `entry ${n}: key id "${id}" may only hold letters, digits, ".", "-" and "_"`);
    if (ids.has(id)) throw bad(variable, `密钥编号“${id}”重复`, `key id "${id}" appears twice`);
    if (secret.length < MIN_SECRET_LENGTH)
      throw bad(variable, `密钥“${id}”的密钥过短：至少 ${MIN_SECRET_LENGTH} 个字符`, `the secret of key "${id}" is too short: at least ${MIN_SECRET_LENGTH} characters`);
    if (/\s/.test(secret)) throw bad(variable, `密钥“${id}”的密钥含有空白字符`, `the secret of key "${id}" contains white space`);
    const scopes = new Set<Scope>();
    for (const s of scopeList.split('+')) {
      if (!(SCOPES as readonly string[]).includes(s))
        throw bad(variable, `密钥“${id}”的权限“${s}”无效（可用：${SCOPES.join('、')}）`, `key "${id}": unknown scope "${s}" (allowed: ${SCOPES.join(', ')})`);
      scopes.add(s as Scope);
    }
    let institutions: readonly string[] | '*';
    if (institutionList === '*') institutions = '*';
    else {
      const list = institutionList.split('+');
      for (const inst of list)
        if (!INSTITUTION_ID.test(inst))
          throw bad(variable, `密钥“${id}”的机构编号“${inst}”无效（用 * 表示全部机构）`, `key "${id}": invalid institution id "${inst}" (use * for every institution)`);
      institutions = list;
    }
    const secretSha256 = sha256(secret);
    const hex = secretSha256.toString('hex');
    if (digests.has(hex)) throw bad(variable, `密钥“${id}”与另一项使用了相同的密钥`, `key "${id}" has the same secret as another entry`);
    ids.add(id);
    digests.add(hex);
    keys.push({ id, scopes, institutions, secretSha256 });
  });
  return keys;
}

const parseTrustProxy = (raw: string | undefined): string[] => {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((s) => s.trim()).filter((s) => s !== '').map((entry) => {
    const [addr, bits, ...rest] = entry.split('/');
    const family = isIP(addr ?? '');
    const bitsOk = bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (family === 0 || !bitsOk || rest.length > 0)
      throw bad('SEF_TRUST_PROXY', `“${entry}”不是 IP 地址或 CIDR 网段（只接受明确的列表）`, `"${entry}" is not an IP address or CIDR range (only an explicit list is accepted)`);
    return entry;
  });
};

const parseUrl = (raw: string, variable: string): string => {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw bad(variable, `“${raw}”不是有效的网址`, `"${raw}" is not a valid URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw bad(variable, `网址须以 http:// 或 https:// 开头`, 'the URL must start with http:// or https://');
  if (u.search || u.hash) throw bad(variable, '网址不能带查询参数或 # 片段', 'the URL must not carry a query or a # fragment');
  return u.href.replace(/\/+$/, '');
};

export const defaultDataDir = (env: NodeJS.ProcessEnv): string => {
  const dataHome = env.XDG_DATA_HOME && env.XDG_DATA_HOME.length > 0 ? env.XDG_DATA_HOME : join(env.HOME ?? homedir(), '.local', 'share');
  return join(dataHome, 'skill-eval-forms', 'service');
};

/** Reads and checks the environment; throws a UserError(CONFIG_INVALID) naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const host = env.SEF_HOST && env.SEF_HOST.trim() !== '' ? env.SEF_HOST.trim() : '127.0.0.1';
  if (isIP(host) === 0 && !/^[A-Za-z0-9.-]{1,253}$/.test(host)) throw bad('SEF_HOST', `“${host}”不是主机名或 IP 地址`, `"${host}" is not a host name or IP address`);
  const port = intVar(env, 'SEF_PORT', 8080, 0, 65535);
  const publicUrl = parseUrl(env.SEF_PUBLIC_URL && env.SEF_PUBLIC_URL.trim() !== '' ? env.SEF_PUBLIC_URL.trim() : `http://${host.includes(':') ? `[${host}]` : host}:${port}`, 'SEF_PUBLIC_URL');
  const dataDir = resolve(env.SEF_DATA_DIR && env.SEF_DATA_DIR.trim() !== '' ? env.SEF_DATA_DIR.trim() : defaultDataDir(env));
  const databaseUrl = env.SEF_DB && env.SEF_DB.trim() !== '' ? env.SEF_DB.trim() : join(dataDir, 'registry.sqlite');
  const logLevel = (env.SEF_LOG_LEVEL ?? 'info').trim();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw bad('SEF_LOG_LEVEL', `应为以下之一：${LOG_LEVELS.join('、')}`, `must be one of: ${LOG_LEVELS.join(', ')}`);
  const r = DEFAULTS.rateLimits;
  return {
    host,
    port,
    publicUrl,
    apiKeys: parseApiKeys(env.SEF_API_KEYS),
    databaseUrl,
    dataDir,
    poolSize: intVar(env, 'SEF_POOL_SIZE', 2, 1, 16),
    trustProxy: parseTrustProxy(env.SEF_TRUST_PROXY),
    bodyLimits: DEFAULTS.bodyLimits,
    multipart: DEFAULTS.multipart,
    rateLimits: {
      windowMs: r.windowMs,
      perKey: intVar(env, 'SEF_RATE_LIMIT_KEY', r.perKey, 1, 1_000_000),
      perIp: intVar(env, 'SEF_RATE_LIMIT_IP', r.perIp, 1, 1_000_000),
      renderPerKey: intVar(env, 'SEF_RATE_LIMIT_RENDER_KEY', r.renderPerKey, 1, 1_000_000),
      renderPerIp: intVar(env, 'SEF_RATE_LIMIT_RENDER_IP', r.renderPerIp, 1, 1_000_000),
      issuePerKey: intVar(env, 'SEF_RATE_LIMIT_ISSUE_KEY', r.issuePerKey, 1, 1_000_000),
    },
    timeouts: { ...DEFAULTS.timeouts, renderHandlerMs: intVar(env, 'SEF_RENDER_TIMEOUT_MS', DEFAULTS.timeouts.renderHandlerMs, 1_000, 600_000) },
    pressure: { ...DEFAULTS.pressure, maxEventLoopDelayMs: intVar(env, 'SEF_MAX_EVENT_LOOP_DELAY_MS', DEFAULTS.pressure.maxEventLoopDelayMs, 0, 600_000) },
    logLevel: logLevel as AppConfig['logLevel'],
  };
}
