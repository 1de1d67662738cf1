/**
 * Canonical JSON (after RFC 8785 JCS): object keys sorted by UTF-16 code units, no insignificant
 * whitespace, strings and numbers as ECMAScript JSON.stringify writes them. The same value always
 * gives the same bytes, so its SHA-256 can anchor a record in the audit chain.
 * Non-finite numbers, bigints, functions and symbols are refused (they have no JSON form);
 * `undefined` object members are left out, as JSON.stringify does.
 */
import { sha256Hex } from '../../io/atomic-write.js';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
}

/** SHA-256 hex of a text's UTF-8 bytes. */
export const sha256HexOf = (text: string): string => sha256Hex(Buffer.from(text, 'utf8'));

/** SHA-256 hex of the canonical JSON of a value. */
export const canonicalSha256 = (value: unknown): string => sha256HexOf(canonicalJson(value));
