/**
 * Writes a value at a JSON pointer (RFC 6901) into a copy of a record, creating missing objects on
 * the way: the store writes each allocated number into the document's render input. Only the
 * objects along the pointer are copied; everything else is shared with the input, which is never
 * modified.
 */
import { parsePointer } from '../../schema/keywords/support.js';

/**
 * The tokens of a number pointer, or a RangeError when it cannot name a field to write (the whole
 * record, or a prototype key). The store checks the pointer with this before its transaction.
 */
export function numberPointerTokens(pointer: string): string[] {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new RangeError('the number pointer must name a field, not the whole record');
  if (tokens.some((t) => t === '__proto__' || t === 'constructor' || t === 'prototype'))
    throw new RangeError(`refusing the number pointer ${pointer}`);
  return tokens;
}

export function withValueAt(record: Readonly<Record<string, unknown>>, pointer: string, value: unknown): Record<string, unknown> {
  const tokens = numberPointerTokens(pointer);
  const copy: Record<string, unknown> = { ...record };
  let node = copy;
  for (const t of tokens.slice(0, -1)) {
    const next = node[t];
    if (next !== undefined && (typeof next !== 'object' || next === null || Array.isArray(next)))
      throw new RangeError(`cannot write the number at ${pointer}: "${t}" is not an object`);
    node = node[t] = { ...(next as Record<string, unknown> | undefined) };
  }
  node[tokens[tokens.length - 1]!] = value;
  return copy;
}
