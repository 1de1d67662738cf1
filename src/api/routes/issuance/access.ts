/** Who may do what on the issuance routes, on top of src/api/auth.ts: the audit actor of a key, and "any of these scopes". */
import type { FastifyRequest, preHandlerHookHandler } from 'fastify';
import { UserError } from '../../../errors/user-error.js';
import type { Scope } from '../../config.js';

/** How the registry's audit log names an API caller. */
export const apiActor = (request: FastifyRequest): string => `api:${request.apiKey?.id ?? 'anonymous'}`;

/** A preHandler refusing callers without a key (401) or with none of `scopes` (403). */
export function requireAnyScope(...scopes: Scope[]): preHandlerHookHandler {
  return async function requireAnyScopeHook(request: FastifyRequest) {
    if (!request.apiKey) throw new UserError({ pointer: '', code: 'AUTH_REQUIRED' });
    if (!scopes.some((s) => request.apiKey!.scopes.has(s))) throw new UserError({ pointer: '', code: 'AUTH_FORBIDDEN', params: { scope: scopes.join(' | ') } });
  };
}
