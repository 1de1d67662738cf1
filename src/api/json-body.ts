/**
 * The service's JSON body parser. Same result as JSON.parse, plus the two refusals fastify's
 * onProtoPoisoning/onConstructorPoisoning 'error' stand for, with our own codes so the client is
 * told which: malformed JSON → 400 JSON_SYNTAX (with the parser's reason), an own `__proto__` key
 * or a `constructor` object holding `prototype` anywhere in the value → 400 PROTOTYPE_POISONING,
 * an empty body → 400 BODY_EMPTY. (fastify's default parser reports all three as one
 * FST_ERR_CTP_INVALID_JSON_BODY.) JSON.parse itself never sets a prototype; the scan stops such
 * a value from reaching code that would merge it into an object.
 */
import type { FastifyRequest } from 'fastify';
import { UserError } from '../errors/user-error.js';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Whether `value` holds an own `__proto__` key, or a `constructor` object with a `prototype` key, at any depth. */
export function isPoisoned(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (!Array.isArray(v)) {
      if (hasOwn(v, '__proto__')) return true;
      const c = (v as Record<string, unknown>).constructor;
      if (hasOwn(v, 'constructor') && typeof c === 'object' && c !== null && hasOwn(c, 'prototype')) return true;
    }
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return false;
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new UserError({ pointer: '', code: 'BODY_EMPTY' });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message.slice(0, 200) : 'invalid JSON';
    throw new UserError({ pointer: '', code: 'JSON_SYNTAX', params: { reason } });
  }
  if (isPoisoned(value)) throw new UserError({ pointer: '', code: 'PROTOTYPE_POISONING' });
  return value;
}

/** fastify content-type parser (parseAs: 'string'). */
export const jsonBodyParser = (_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void): void => {
  try {
    done(null, parseJsonBody(typeof body === 'string' ? body : body.toString('utf8')));
  } catch (e) {
    done(e as Error);
  }
};
