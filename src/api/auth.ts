/**
 * API keys (reliability-anchors §4 "auth"): `Authorization: Bearer <secret>` is looked up among
 * the configured keys by comparing SHA-256 digests with crypto.timingSafeEqual, so neither the
 * secret's content nor its length shows in the timing. Every key is compared (no early exit).
 *
 * authenticate (an onRequest hook on the whole app) sets request.apiKey when a valid key is sent
 * and refuses a wrong one (401) even on routes open to anonymous callers, so a misconfigured
 * client notices. requireScope() guards the write and issuing routes; assertInstitution() the
 * routes that act for one institution.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onRequestHookHandler, preHandlerHookHandler } from 'fastify';
import { UserError } from '../errors/user-error.js';
import { sha256, type ApiKey, type ConfiguredApiKey, type Scope } from './config.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's API key, when one was sent and is valid. */
    apiKey?: ApiKey;
  }
}

const BEARER = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/;

/** The key whose secret is `secret`, comparing against every key in constant time per key. */
export function findKey(keys: readonly ConfiguredApiKey[], secret: string): ConfiguredApiKey | undefined {
  const digest = sha256(secret);
  let found: ConfiguredApiKey | undefined;
  for (const k of keys) if (timingSafeEqual(k.secretSha256, digest) && !found) found = k;
  return found;
}

const publicKey = (k: ConfiguredApiKey): ApiKey => ({ id: k.id, scopes: k.scopes, institutions: k.institutions });

export function authenticate(keys: readonly ConfiguredApiKey[]): onRequestHookHandler {
  return async function authenticateHook(request: FastifyRequest, _reply: FastifyReply) {
    const header = request.headers.authorization;
    if (header === undefined) return;
    const m = BEARER.exec(header);
    const key = m ? findKey(keys, m[1]!) : undefined;
    if (!key) throw new UserError({ pointer: '', code: 'AUTH_INVALID' });
    request.apiKey = publicKey(key);
  };
}

/** A preHandler refusing callers without a key (401) or without `scope` (403). */
export function requireScope(scope: Scope): preHandlerHookHandler {
  return async function requireScopeHook(request: FastifyRequest) {
    if (!request.apiKey) throw new UserError({ pointer: '', code: 'AUTH_REQUIRED' });
    if (!request.apiKey.scopes.has(scope)) throw new UserError({ pointer: '', code: 'AUTH_FORBIDDEN', params: { scope } });
  };
}

/** Whether the key may act for this institution. */
export const keyCoversInstitution = (key: ApiKey, institutionId: string): boolean =>
  key.institutions === '*' || key.institutions.includes(institutionId);

/** Throws AUTH_REQUIRED (401) without a key, AUTH_INSTITUTION_FORBIDDEN (403) for another institution. */
export function assertInstitution(request: FastifyRequest, institutionId: string): void {
  if (!request.apiKey) throw new UserError({ pointer: '', code: 'AUTH_REQUIRED' });
  if (!keyCoversInstitution(request.apiKey, institutionId))
    throw new UserError({ pointer: '', code: 'AUTH_INSTITUTION_FORBIDDEN', params: { institution: institutionId } });
}
