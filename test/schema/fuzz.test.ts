/**
 * The validator never throws (fast-check, reliability-anchors §6.2): random JSON values, and random
 * mutations of a valid document, always produce a well-formed result.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/errors/catalog.js';
import { comparePointers, MAX_ISSUES, type FormValidationResult } from '../../src/schema/validate.js';
import { validateFixture, validDoc } from './helpers.js';

/** Template placeholders of a code that are still visible in the text (and not typed by the user). */
const unfilled = (code: string, text: string, input: () => string): string[] => {
  const t = catalog.get(code);
  const names = t ? [...`${t.zh} ${t.en}`.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => `{${m[1]!}}`) : [];
  return names.filter((n) => text.includes(n) && !input().includes(n));
};

const safeStringify = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
};

const wellFormed = (r: FormValidationResult, input: unknown): void => {
  const typed = () => safeStringify(input);
  expect(typeof r.valid).toBe('boolean');
  expect(r.valid).toBe(r.errors.length === 0);
  expect(r.errors.length).toBeLessThanOrEqual(MAX_ISSUES);
  expect(r.warnings.length).toBeLessThanOrEqual(MAX_ISSUES);
  for (const i of [...r.errors, ...r.warnings]) {
    expect(i.code).not.toBe('VALIDATOR_FAILURE');
    expect(i.pointer === '' || i.pointer.startsWith('/')).toBe(true);
    expect(catalog.has(i.code), i.code).toBe(true);
    expect(unfilled(i.code, `${i.zh} ${i.en}`, typed), i.code).toEqual([]);
  }
  const pointers = r.errors.filter((e) => e.code !== 'ISSUES_TRUNCATED').map((e) => e.pointer);
  expect(pointers).toEqual([...pointers].sort(comparePointers));
};

type Json = unknown;
const PATHS: readonly (readonly string[])[] = [
  [], ['certificate'], ['certificate', 'number'], ['certificate', 'issueDate'], ['holder'], ['holder', 'idNumber'],
  ['holder', 'birthDate'], ['holder', 'gender'], ['holder', 'idType'], ['holder', 'photo'], ['holder', 'photo', 'file'],
  ['level'], ['institution'], ['institution', 'uscc'], ['institution', 'code'], ['institution', 'institutionType'],
  ['scope'], ['scope', '0'], ['scope', '0', 'levels'], ['card'], ['card', 'number'], ['card', 'type'],
  ['specialAbility', 'number'], ['urls', 'certificate'], ['options', 'profile'], ['__proto__'], ['constructor'],
];

/** Sets (or deletes, with `undefined`) the value at `path`, creating plain objects on the way. */
const setAt = (doc: Json, path: readonly string[], value: Json): Json => {
  if (path.length === 0) return value;
  const root = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, Json>;
  let cur = root;
  for (const seg of path.slice(0, -1)) {
    const next = Object.hasOwn(cur, seg) ? cur[seg] : undefined;
    const obj = typeof next === 'object' && next !== null ? (next as Record<string, Json>) : {};
    Object.defineProperty(cur, seg, { value: obj, enumerable: true, writable: true, configurable: true });
    cur = obj;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete cur[last];
  else Object.defineProperty(cur, last, { value, enumerable: true, writable: true, configurable: true });
  return root;
};

const mutation = fc.record({
  path: fc.constantFrom(...PATHS),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.constant(undefined),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom('410305199003151231', '9A350100M000100Y47', 'Y000041039001214000001', '../x.png', '5、5', '中国', 'R99999999'),
  ),
});

describe('the validator never throws', () => {
  it('on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        wellFormed(validateFixture(v), v);
      }),
      { numRuns: 400 },
    );
  });

  it('on random mutations of a valid document', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => {
        let doc: Json = validDoc();
        for (const m of ms) doc = setAt(doc, m.path, m.value);
        wellFormed(validateFixture(doc), doc);
      }),
      { numRuns: 400 },
    );
  });

  it('on deep nesting, huge arrays and prototype-looking keys', () => {
    let deep: Json = 'x';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    let deepObj: Json = 1;
    for (let i = 0; i < 20_000; i++) deepObj = { a: deepObj };
    const proto = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"x": 1}}}') as Json;
    const cases: Json[] = [
      deep,
      deepObj,
      { ...validDoc(), holder: deep },
      { ...validDoc(), extra: deepObj },
      { ...validDoc(), scope: Array.from({ length: 10_000 }, () => ({})) },
      { ...validDoc(), institution: proto },
      proto,
      { ...validDoc(), holder: { ...validDoc().holder, photo: { mediaType: 'image/png', base64: 'A'.repeat(4_000_001) } } },
    ];
    for (const c of cases) wellFormed(validateFixture(c), c);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
