/**
 * buildApp(): the whole service as one Fastify instance, built the same way for `npm start` and
 * for the tests (which call app.inject(), no sockets). Hardening per reliability-anchors §4:
 * body limits (1 MiB global, per route where bigger), prototype poisoning refused, connection
 * and request timeouts (handlerTimeout on the render routes), helmet headers, per-key / per-IP
 * rate limits, back-pressure 503s, API keys, one error handler producing problem+json, pino with
 * the Authorization header and ID numbers redacted. Route plugins reach the config, the engine
 * and the registry through `app.sef` (src/api/context.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { createEngine, type Engine } from '../pipeline/engine.js';
import { openStore, resolveStoreLocation } from '../issuance/store/open-store.js';
import type { IssuanceStore } from '../issuance/store/types.js';
import { UserError } from '../errors/user-error.js';
import { authenticate } from './auth.js';
import type { AppConfig } from './config.js';
import './context.js';
import { jsonBodyParser } from './json-body.js';
import { registerOpenApi } from './openapi.js';
import { codeProblem, problemFor, sendProblem } from './problem.js';
import { formsRoutes } from './routes/forms.js';
import { healthRoutes } from './routes/health.js';
import { packetRoutes } from './routes/packets.js';
import { issuanceRoutes } from './routes/issuance/index.js';
import { uiRoutes } from './routes/ui.js';
import { sharedSchemas } from './schemas.js';

export interface AppOptions {
  readonly config: AppConfig;
  /** Else one is created (and closed with the app). A given engine is the caller's to close. */
  readonly engine?: Engine;
  /** Else opened from config.databaseUrl on first use (and closed with the app). A given store is the caller's to close. */
  readonly store?: IssuanceStore;
  /** false: no logs (tests); an object: pino options (level, stream) merged with the redaction rules. */
  readonly logger?: boolean | { readonly level?: string; readonly stream?: NodeJS.WritableStream };
}

/** Paths pino replaces by "[redacted]": credentials and ID numbers wherever a log line carries them. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  '*.idNumber',
  '*.*.idNumber',
  '*.*.*.idNumber',
  '*.photo',
  '*.*.photo',
  'body',
  '*.body',
];

/** Citizen ID numbers (18 characters, GB 11643) inside free text such as an error message. */
const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g;
const maskIdNumbers = (s: string | undefined): string | undefined => s?.replace(ID_NUMBER_IN_TEXT, '[id-number]');

/** Errors in logs: type, code, message and stack, with ID numbers masked (a message may quote the data). */
export const errSerializer = (e: Error): { type: string; message: string; stack: string; [key: string]: unknown } => {
  if (!(e instanceof Error)) return { type: typeof e, message: maskIdNumbers(String(e)) ?? '', stack: '' };
  const code = (e as { code?: unknown }).code;
  return { type: e.name, message: maskIdNumbers(e.message) ?? '', stack: maskIdNumbers(e.stack) ?? '', ...(typeof code === 'string' ? { code } : {}) };
};

const loggerOptions = (opt: AppOptions['logger'], config: AppConfig): FastifyServerOptions['logger'] => {
  if (opt === false) return false;
  const base = { level: config.logLevel, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, serializers: { err: errSerializer } };
  return opt === undefined || opt === true ? base : { ...base, ...(opt.level ? { level: opt.level } : {}), ...(opt.stream ? { stream: opt.stream } : {}) };
};

/** Opens the registry, creating the folder of a SQLite file first (the data directory may not exist yet). */
async function openRegistry(url: string): Promise<IssuanceStore> {
  const loc = resolveStoreLocation(url);
  if (loc.backend === 'sqlite' && loc.path !== ':memory:') await mkdir(dirname(loc.path), { recursive: true });
  return openStore(url);
}

/** Under-pressure's error (503, Retry-After set by the plugin) as a catalogue error. */
class OverloadedError extends UserError {
  constructor() {
    super({ pointer: '', code: 'OVERLOADED' });
  }
}

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly schema?: Readonly<Record<string, unknown>>;
  readonly bodyLimit?: number;
}
const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route of an app built by buildApp, as registered (the route-table test checks each has its schemas). */
export const routeTable = (app: FastifyInstance): readonly RouteEntry[] => routeTables.get(app) ?? [];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: loggerOptions(options.logger, config),
    bodyLimit: config.bodyLimits.global,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    connectionTimeout: config.timeouts.connectionMs,
    requestTimeout: config.timeouts.requestMs,
    return503OnClosing: true,
    trustProxy: config.trustProxy.length ? [...config.trustProxy] : false,
    genReqId: () => randomUUID(),
    // Route schemas (params, querystring, non-document bodies) report every unknown field instead of dropping it.
    ajv: { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: 'array', useDefaults: true } },
  });

  const routes: RouteEntry[] = [];
  routeTables.set(app, routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, ...(r.schema ? { schema: r.schema as Record<string, unknown> } : {}), ...(r.bodyLimit ? { bodyLimit: r.bodyLimit } : {}) });
  });

  const engine = options.engine ?? createEngine({ poolSize: config.poolSize });
  const ownsEngine = options.engine === undefined;
  let storePromise: Promise<IssuanceStore> | undefined = options.store ? Promise.resolve(options.store) : undefined;
  const ownsStore = options.store === undefined;
  app.decorate('sef', {
    config,
    engine,
    store: () => {
      storePromise ??= openRegistry(config.databaseUrl).catch((e: unknown) => {
        storePromise = undefined;
        throw e;
      });
      return storePromise;
    },
  });
  app.addHook('onClose', async () => {
    // fastify has waited for in-flight requests; the pool lets running renders finish and refuses queued ones.
    if (ownsEngine) await engine.close();
    if (ownsStore && storePromise) await (await storePromise.catch(() => undefined))?.close();
  });

  for (const s of sharedSchemas) app.addSchema(s);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, jsonBodyParser);

  app.setErrorHandler((err, request, reply) => {
    const problem = problemFor(err, request);
    if (problem.status >= 500 && problem.code === 'INTERNAL') request.log.error({ err }, 'request failed');
    else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, codeProblem('ROUTE_NOT_FOUND', String(request.id), { method: request.method, url: request.url.split('?')[0]!.slice(0, 200) })),
  );

  await app.register(helmet, {
    global: true,
    enableCSPNonces: false,
    // JSON and files: nothing may load. Pages set their own policy (route option `helmet` or a header in the handler).
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    crossOriginEmbedderPolicy: false,
  });

  app.addHook('onRequest', authenticate(config.apiKeys));

  const limits = config.rateLimits;
  await app.register(rateLimit, {
    global: true,
    max: (request) => (request.apiKey ? limits.perKey : limits.perIp),
    timeWindow: limits.windowMs,
    keyGenerator: (request) => (request.apiKey ? `key:${request.apiKey.id}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, ctx) =>
      new UserError({ pointer: '', code: 'RATE_LIMITED', params: { max: ctx.max, window: ctx.after, retryAfter: Math.max(1, Math.ceil(ctx.ttl / 1000)) } }),
  });

  await app.register(underPressure, {
    maxEventLoopDelay: config.pressure.maxEventLoopDelayMs,
    maxHeapUsedBytes: config.pressure.maxHeapUsedBytes,
    maxRssBytes: 0,
    retryAfter: config.pressure.retryAfterSeconds,
    customError: OverloadedError,
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    // Documents and their checks carry personal data: nothing is cached unless a route says otherwise.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await registerOpenApi(app);
  await app.register(healthRoutes);
  await app.register(formsRoutes);
  await app.register(packetRoutes);
  await app.register(issuanceRoutes);
  await app.register(uiRoutes);

  return app;
}
