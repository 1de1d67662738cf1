/**
 * A form's JSON Schema made self-contained for clients (GET /forms/{id}/schema, the web form
 * page, the OpenAPI document): the files of schemas/common it $refs (directly or through each
 * other) are copied in, and every $ref is rewritten to a plain local JSON pointer, so a client
 * resolves nothing over the network and needs no notion of `$id` base URIs (many form and
 * documentation tools do not implement embedded `$id` resources).
 *
 * `target(name, fragment)` says where common schema `name` (its file name without
 * `.schema.json`) is placed: `#/$defs/common.<name>` in a standalone bundle,
 * `#/components/schemas/common.<name>` in the OpenAPI document. `self` is the pointer prefix of
 * the form schema itself (`#` standalone, `#/components/schemas/form.<id>` in OpenAPI), used
 * for the form's own local `#/…` refs.
 */
import { loadCommonSchemas, SCHEMA_HOST } from '../schema/ajv.js';

type Json = unknown;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const COMMON_PREFIX = `${SCHEMA_HOST}/common/`;
const SUFFIX = '.schema.json';

export interface RefPlacement {
  /** Pointer prefix of the form schema itself. */
  readonly self: string;
  /** Pointer of common schema `name` (file name without .schema.json). */
  readonly common: (name: string) => string;
  /**
   * Write `{ $ref, …siblings }` as `{ allOf: [{ $ref }], …siblings }` (same meaning in 2020-12). For OpenAPI
   * tooling, which follows the 3.0 rule that a $ref's siblings are ignored and drops them.
   */
  readonly wrapRefSiblings?: boolean;
}

export const STANDALONE: RefPlacement = { self: '#', common: (name) => `#/$defs/common.${name}` };

let commonCache: ReadonlyMap<string, Obj> | undefined;
/** schemas/common by name, read once (they are part of the program). */
export function commonSchemas(): ReadonlyMap<string, Obj> {
  if (!commonCache) commonCache = new Map(loadCommonSchemas().map(({ file, schema }) => [file.slice(0, -SUFFIX.length), schema]));
  return commonCache;
}

/** Where `ref`, written in the document whose URL is `base`, points: a common schema or the document itself. */
function classify(ref: string, base: string): { kind: 'self' | 'common'; name?: string; fragment: string } {
  const url = new URL(ref, base);
  const fragment = url.hash ? decodeURIComponent(url.hash.slice(1)) : '';
  url.hash = '';
  const doc = url.href;
  if (doc === base) return { kind: 'self', fragment };
  if (doc.startsWith(COMMON_PREFIX) && doc.endsWith(SUFFIX)) return { kind: 'common', name: doc.slice(COMMON_PREFIX.length, -SUFFIX.length), fragment };
  throw new Error(`schema $ref "${ref}" (in ${base}) points outside schemas/common`);
}

const encodeFragment = (fragment: string): string =>
  fragment === '' ? '' : fragment.split('/').map((s) => encodeURIComponent(s).replace(/%24/g, '$')).join('/');

/**
 * Rewrites every $ref of `schema` (whose URL is `base`; local refs go to `selfPrefix`) and
 * collects the common schemas it needs. `$id`/`$schema` of the copy are dropped.
 */
function rewrite(schema: Json, base: string, selfPrefix: string, place: RefPlacement, needed: Set<string>): Json {
  if (Array.isArray(schema)) return schema.map((s) => rewrite(s, base, selfPrefix, place, needed));
  if (!isObj(schema)) return schema;
  const out: Obj = {};
  let ref: string | undefined;
  for (const [k, v] of Object.entries(schema)) {
    if (k === '$id' || k === '$schema') continue;
    if (k === '$ref' && typeof v === 'string') {
      const c = classify(v, base);
      if (c.kind === 'self') ref = `${selfPrefix}${encodeFragment(c.fragment)}`;
      else {
        needed.add(c.name!);
        ref = `${place.common(c.name!)}${encodeFragment(c.fragment)}`;
      }
      out.$ref = ref;
      continue;
    }
    // Keys under `properties`, `$defs`, … are names, never keywords: recurse into their values only.
    out[k] = rewrite(v, base, selfPrefix, place, needed);
  }
  if (ref !== undefined && place.wrapRefSiblings && Object.keys(out).length > 1) {
    const { $ref: _r, allOf, ...rest } = out;
    return { ...rest, allOf: [{ $ref: ref }, ...(Array.isArray(allOf) ? allOf : [])] };
  }
  return out;
}

export interface BundleParts {
  /** The form schema with its refs rewritten. */
  readonly form: Obj;
  /** Every common schema it needs (transitively), by name, refs rewritten. */
  readonly commons: ReadonlyMap<string, Obj>;
}

export function bundleParts(formSchema: Obj, place: RefPlacement): BundleParts {
  const base = typeof formSchema.$id === 'string' ? formSchema.$id : `${SCHEMA_HOST}/__form__.schema.json`;
  const needed = new Set<string>();
  const form = rewrite(formSchema, base, place.self, place, needed) as Obj;
  const all = commonSchemas();
  const commons = new Map<string, Obj>();
  const queue = [...needed];
  while (queue.length) {
    const name = queue.shift()!;
    if (commons.has(name)) continue;
    const src = all.get(name);
    if (!src) throw new Error(`schemas/common/${name}${SUFFIX} does not exist`);
    const more = new Set<string>();
    commons.set(name, rewrite(src, `${COMMON_PREFIX}${name}${SUFFIX}`, place.common(name), place, more) as Obj);
    for (const n of more) if (!commons.has(n)) queue.push(n);
  }
  return { form, commons: new Map([...commons].sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/** The standalone bundle: the form schema with the commons it needs under `$defs`, no external $ref. */
export function bundleFormSchema(formSchema: Obj): Obj {
  const { form, commons } = bundleParts(formSchema, STANDALONE);
  const defs: Obj = { ...(isObj(form.$defs) ? form.$defs : {}) };
  for (const [name, s] of commons) defs[`common.${name}`] = s;
  const { $defs: _drop, ...rest } = form;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...rest,
    ...(Object.keys(defs).length ? { $defs: defs } : {}),
  };
}
