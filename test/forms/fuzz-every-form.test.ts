/**
 * Every document's validator, not just the fixture's, never throws (fast-check; issue 3 "random JSON
 * never crashes the validator"): random JSON values and random mutations of the document's own full
 * example always give a well-formed result — valid iff no errors, every code in the catalogue with
 * zh + en text, pointers that are JSON pointers into the document, never VALIDATOR_FAILURE.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/errors/catalog.js';
import { formRegistry } from '../../src/forms/registry.js';
import { createAjv } from '../../src/schema/ajv.js';
import { compileFormValidator, MAX_ISSUES, type FormValidationResult } from '../../src/schema/validate.js';

type Json = unknown;
const ajv = createAjv();

const wellFormed = (r: FormValidationResult): void => {
  expect(r.valid).toBe(r.errors.length === 0);
  expect(r.errors.length).toBeLessThanOrEqual(MAX_ISSUES);
  for (const i of [...r.errors, ...r.warnings]) {
    expect(i.code).not.toBe('VALIDATOR_FAILURE');
    expect(i.pointer === '' || i.pointer.startsWith('/'), i.pointer).toBe(true);
    expect(catalog.has(i.code), i.code).toBe(true);
    expect(i.zh.length).toBeGreaterThan(0);
    expect(i.en.length).toBeGreaterThan(0);
  }
};

/** Every path (as segments) of a JSON value, containers included. */
const paths = (v: Json, at: string[] = []): string[][] => {
  const out: string[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, String(i)])));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
};

const setAt = (doc: Json, path: readonly string[], value: Json): Json => {
  if (path.length === 0) return value;
  const root = structuredClone(doc) as Record<string, Json>;
  let cur: Record<string, Json> = root;
  for (const seg of path.slice(0, -1)) cur = cur[seg] as Record<string, Json>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(cur)) cur.splice(Number(last), 1);
    else delete cur[last];
  } else cur[last] = value;
  return root;
};

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(undefined),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('410305199003151231', '9A350100M000100Y47', '3,4,5', '5、5', '6180101', '中国', '', -1, 1e12, '是否'),
);

describe.each([...formRegistry().values()].map((f) => [f.id, f] as const))('%s', (_id, form) => {
  const validate = compileFormValidator(ajv, form.schema);
  const full = form.examples.find((e) => e.name === 'full') ?? form.examples[0];

  it('never throws on random JSON', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => wellFormed(validate(v))), { numRuns: 60 });
  });

  it('never throws on random mutations of its full example', () => {
    if (!full) throw new Error(`${form.id} has no example`);
    const base = JSON.parse(readFileSync(full.file, 'utf8')) as Json;
    const all = paths(base);
    fc.assert(
      fc.property(fc.array(fc.record({ path: fc.constantFrom(...all), value }), { minLength: 1, maxLength: 4 }), (ms) => {
        let doc = base;
        for (const m of ms) {
          try {
            doc = setAt(doc, m.path, m.value);
          } catch {
            /* the path vanished with an earlier mutation */
          }
        }
        wellFormed(validate(doc));
      }),
      { numRuns: 60 },
    );
  });
});
