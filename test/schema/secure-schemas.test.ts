/**
 * Every schema a request body can meet is "secure" (reliability-anchors §3.1, R-VAL-1):
 *   - every `type: string` has maxLength (or is an enum/const), every `type: array` maxItems (anywhere);
 *   - every `type: object` is closed (additionalProperties or unevaluatedProperties false), unless it
 *     narrows a $ref'd schema (closed itself) or sits in a refinement (if/then/else/not), which
 *     constrains an instance the base schema already closes;
 *   - every `required` name is declared (in `properties`, behind the $ref it narrows, or — inside a
 *     refinement — by the base schema at the same instance location); this replaces ajv's
 *     strictRequired, which rejects the $ref-narrowing idiom (src/schema/ajv.ts);
 *   - it compiles with createAjv() (strict) and passes ajv's json-schema-secure.json meta-schema;
 *   - every `pattern` compiles with the u flag, has no nested quantifier such as `(a+)+`, and runs in
 *     linear-looking time on adversarial input.
 * Schemas: schemas/common/*.schema.json, schemas/forms/<id>/form.schema.json, schemas/issuance/*.schema.json,
 * test/schema/fixtures/*.schema.json.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import AjvDraft7 from 'ajv';
import { createAjv } from '../../src/schema/ajv.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
type S = Record<string, unknown>;
const isObj = (v: unknown): v is S => typeof v === 'object' && v !== null && !Array.isArray(v);

const files: { name: string; schema: S }[] = [];
const add = (dir: string, pick: (f: string) => string | undefined) => {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir).sort()) {
    const p = pick(f);
    if (p !== undefined && existsSync(join(dir, p))) {
      files.push({ name: join(dir, p).slice(root.length), schema: JSON.parse(readFileSync(join(dir, p), 'utf8')) as S });
    }
  }
};
add(join(root, 'schemas/common'), (f) => (f.endsWith('.schema.json') ? f : undefined));
add(join(root, 'schemas/forms'), (f) => `${f}/form.schema.json`);
add(join(root, 'schemas/issuance'), (f) => (f.endsWith('.schema.json') ? f : undefined));
add(join(root, 'test/schema/fixtures'), (f) => (f.endsWith('.schema.json') && !f.startsWith('bad-') ? f : undefined));

const byId = new Map(files.filter((f) => typeof f.schema.$id === 'string').map((f) => [f.schema.$id as string, f.schema]));

const MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const ONES = ['items', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'contains', 'propertyNames'];
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const REFINEMENTS = ['if', 'then', 'else', 'not'];

interface Visit {
  readonly node: S;
  readonly path: string;
  readonly base: string;
  readonly refinement: boolean;
  /** The instance location this subschema applies to (property names; `*` for items). */
  readonly at: readonly string[];
}

/** Every subschema object, with its path, base URI and whether it is inside a refinement. */
const walk = (schema: S, base: string): Visit[] => {
  const out: Visit[] = [];
  const go = (node: unknown, path: string, b: string, refinement: boolean, at: readonly string[]) => {
    if (!isObj(node)) return;
    const nb = typeof node.$id === 'string' ? new URL(node.$id, b).href : b;
    out.push({ node, path, base: nb, refinement, at });
    for (const k of MAPS) {
      if (!isObj(node[k])) continue;
      for (const [n, s] of Object.entries(node[k] as S)) go(s, `${path}/${k}/${n}`, nb, refinement, k === 'properties' ? [...at, n] : [...at, '?']);
    }
    for (const k of ONES) go(node[k], `${path}/${k}`, nb, refinement, k === 'items' || k === 'unevaluatedItems' || k === 'contains' ? [...at, '*'] : [...at, '?']);
    for (const k of LISTS) {
      if (Array.isArray(node[k])) (node[k] as unknown[]).forEach((s, i) => go(s, `${path}/${k}/${i}`, nb, refinement, k === 'prefixItems' ? [...at, '*'] : at));
    }
    for (const k of REFINEMENTS) go(node[k], `${path}/${k}`, nb, true, at);
  };
  go(schema, '#', base, false, []);
  return out;
};

const types = (n: S): string[] => (typeof n.type === 'string' ? [n.type] : Array.isArray(n.type) ? (n.type as string[]) : []);

/** Property names declared by a schema, following $ref and allOf. */
const declared = (n: S, base: string, depth = 0): Set<string> => {
  const out = new Set<string>(isObj(n.properties) ? Object.keys(n.properties) : []);
  if (depth > 10) return out;
  if (typeof n.$ref === 'string') {
    const target = byId.get(new URL(n.$ref, base).href.split('#')[0]!);
    if (target) for (const p of declared(target, target.$id as string, depth + 1)) out.add(p);
  }
  if (Array.isArray(n.allOf)) for (const s of n.allOf) if (isObj(s)) for (const p of declared(s, base, depth + 1)) out.add(p);
  return out;
};

/** Property names the (non-refinement) schema declares at an instance location, from the root. */
const declaredAt = (rootSchema: S, base: string, at: readonly string[], depth = 0): Set<string> => {
  if (depth > 20) return new Set();
  if (at.length === 0) return declared(rootSchema, base);
  const out = new Set<string>();
  const [head, ...rest] = at;
  const next: [S, string][] = [];
  if (head === '*' && isObj(rootSchema.items)) next.push([rootSchema.items, base]);
  if (head !== '*' && isObj(rootSchema.properties) && isObj((rootSchema.properties as S)[head!])) next.push([(rootSchema.properties as S)[head!] as S, base]);
  if (typeof rootSchema.$ref === 'string') {
    const id = new URL(rootSchema.$ref, base).href.split('#')[0]!;
    const target = byId.get(id);
    if (target) for (const n of declaredAt(target, id, at, depth + 1)) out.add(n);
  }
  if (Array.isArray(rootSchema.allOf)) for (const sub of rootSchema.allOf) if (isObj(sub)) for (const n of declaredAt(sub, base, at, depth + 1)) out.add(n);
  for (const [sub, b] of next) for (const n of declaredAt(sub, b, rest, depth + 1)) out.add(n);
  return out;
};

/**
 * Nested-quantifier check: a group that contains an unbounded quantifier (*, +, {n,}, {n,m>1}) and is
 * itself repeated the same way. Character classes and escapes are skipped.
 */
export const nestedQuantifier = (pattern: string): boolean => {
  const stack: { inner: boolean; alt: boolean }[] = [{ inner: false, alt: false }];
  const repeating = (s: string, i: number): number => {
    // Returns the length of a repeating quantifier at i (0 if none).
    const c = s[i];
    if (c === '*' || c === '+') return 1;
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(i));
      if (m && m[2] !== undefined && (m[3] === '' || Number(m[3]) > 1)) return m[0].length;
      if (m && Number(m[1]) > 1) return m[0].length;
    }
    return 0;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      stack.push({ inner: false, alt: false });
      continue;
    }
    if (c === '|') {
      stack[stack.length - 1]!.alt = true;
      continue;
    }
    if (c === ')') {
      const g = stack.pop()!;
      const q = repeating(pattern, i + 1);
      if (q > 0 && (g.inner || g.alt)) return true;
      if (g.inner || q > 0) stack[stack.length - 1]!.inner = true;
      continue;
    }
    if (repeating(pattern, i) > 0) stack[stack.length - 1]!.inner = true;
  }
  return false;
};

const patternsOf = (visits: Visit[]): { path: string; pattern: string }[] => {
  const out: { path: string; pattern: string }[] = [];
  for (const v of visits) {
    if (typeof v.node.pattern === 'string') out.push({ path: v.path, pattern: v.node.pattern });
    if (isObj(v.node.patternProperties)) for (const p of Object.keys(v.node.patternProperties)) out.push({ path: `${v.path}/patternProperties`, pattern: p });
  }
  return out;
};

describe('the ReDoS sanity check itself', () => {
  it.each(['(a+)+', '(a*)*b', '^(a|a)*$', '(x+x+)+y', '(?:[a-z]+\\.)+', '(\\d{2,})*', '^(a|b)+$'])('rejects %s', (p) => {
    expect(nestedQuantifier(p)).toBe(true);
  });
  it.each(['^[YS][0-9]{21}$', '^(?:R[0-9]{8}|[HYS][0-9]{12})$', '^[1-8]-[0-9]{2}-[0-9]{2}-[0-9]{2}$', '^(?!/)[^\\\\:]+\\.(?:jpg|png)$', '^a(bc){2}$', '[(+]+'])(
    'accepts %s',
    (p) => {
      expect(nestedQuantifier(p)).toBe(false);
    },
  );
});

describe('every schema is secure', () => {
  it('found the schemas', () => {
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['schemas/common/person.schema.json', 'schemas/common/image.schema.json']));
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  const secureMeta = (() => {
    const require = createRequire(import.meta.url);
    const ajv = new AjvDraft7.default({ strictTypes: false, allErrors: true });
    return ajv.compile(require('ajv/lib/refs/json-schema-secure.json') as object);
  })();

  describe.each(files.map((f) => [f.name, f.schema] as const))('%s', (name, schema) => {
    const base = typeof schema.$id === 'string' ? schema.$id : `https://schemas.skill-eval-forms.invalid/${name}`;
    const visits = walk(schema, base);

    it('has an $id on the non-resolvable host, a PascalCase title and an x-source', () => {
      expect(schema.$id).toMatch(/^https:\/\/schemas\.skill-eval-forms\.invalid\/(common|forms|issuance)\/[a-z0-9-]+(\/form)?\.schema\.json$/);
      expect(schema.title).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(schema['x-source']).toBeDefined();
      expect(typeof schema.description).toBe('string');
    });

    it('bounds every string and array, closes every object', () => {
      const problems: string[] = [];
      for (const v of visits) {
        const t = types(v.node);
        const enumerated = Array.isArray(v.node.enum) || 'const' in v.node;
        if (t.includes('string') && typeof v.node.maxLength !== 'number' && !enumerated) problems.push(`${v.path}: string without maxLength`);
        if (t.includes('array') && typeof v.node.maxItems !== 'number') problems.push(`${v.path}: array without maxItems`);
        const closed = v.node.additionalProperties === false || v.node.unevaluatedProperties === false;
        const narrowsRef = typeof v.node.$ref === 'string'; // the $ref'd schema is checked (and closed) on its own
        if (t.includes('object') && !closed && !narrowsRef && !v.refinement) problems.push(`${v.path}: object without additionalProperties: false`);
        if (isObj(v.node.additionalProperties) && !v.refinement) problems.push(`${v.path}: additionalProperties is a schema (open object)`);
      }
      expect(problems).toEqual([]);
    });

    it('declares every required property', () => {
      const problems: string[] = [];
      for (const v of visits) {
        if (!Array.isArray(v.node.required)) continue;
        const names = declared(v.node, v.base);
        // A refinement (if/then/else/not) may require what the base schema declares at the same place.
        if (v.refinement) for (const n of declaredAt(schema, base, v.at)) names.add(n);
        for (const r of v.node.required as string[]) if (!names.has(r)) problems.push(`${v.path}: required "${r}" is not declared`);
      }
      expect(problems).toEqual([]);
    });

    it("passes ajv's json-schema-secure meta-schema", () => {
      const ok = secureMeta(schema);
      expect(ok ? [] : (secureMeta.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`)).toEqual([]);
    });

    it('compiles in strict mode', () => {
      const ajv = createAjv();
      if (byId.has(base) && base.includes('/common/')) expect(() => ajv.getSchema(base)).not.toThrow();
      else expect(() => ajv.compile(schema)).not.toThrow();
    });

    it('has only linear-looking patterns', () => {
      for (const { path, pattern } of patternsOf(visits)) {
        expect(() => new RegExp(pattern, 'u'), `${path}: ${pattern}`).not.toThrow();
        expect(nestedQuantifier(pattern), `${path}: nested quantifier in ${pattern}`).toBe(false);
        const re = new RegExp(pattern, 'u');
        const started = performance.now();
        for (const probe of ['a', '0', '/', '.', '-', '、', 'Y', '1-']) re.test(`${probe.repeat(20_000)}!`);
        expect(performance.now() - started, `${path}: ${pattern} is slow on long input`).toBeLessThan(500);
      }
    });
  });
});
