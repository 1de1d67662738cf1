/**
 * Shared plumbing for the custom keywords: data references, error objects that point at the exact
 * field, and the warning side channel.
 *
 * Data references in keyword options are JSON pointers (RFC 6901) written in one of two forms:
 *   "/certificate/number"   relative to the object that carries the keyword;
 *   "#/institution/code"    from the root of the document being validated.
 * Only own properties are followed (never the prototype chain), so `__proto__` in data is inert.
 *
 * Warnings: ajv has no severity, so a keyword that finds something non-fatal (R-CERT-BAN on a data
 * field, a USCC category outside the 2015 table) returns `true` and pushes the finding into the
 * validation context. createAjv() sets `passContext: true`, and compileFormValidator() calls the
 * ajv function with a fresh `{ warnings: [] }` as `this`; called without a context, warnings are dropped.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { DataValidationCxt } from 'ajv/dist/types/index.js';
import type { CodeFailure } from '../../errors/issue.js';

export type CodeParams = Readonly<Record<string, string | number>>;

export interface KeywordWarning {
  readonly pointer: string;
  readonly code: string;
  readonly params: CodeParams;
  readonly value?: unknown;
}

/** The `this` of a validation run (see the module comment). */
export interface WarningSink {
  readonly warnings: KeywordWarning[];
}

export const isWarningSink = (v: unknown): v is WarningSink =>
  typeof v === 'object' && v !== null && Array.isArray((v as { warnings?: unknown }).warnings);

/** Parameters of every error a custom keyword reports; validate.ts reads `code` and `params`. */
export interface KeywordErrorParams {
  readonly code: string;
  readonly params: CodeParams;
  readonly value?: unknown;
}

/** A keyword's compiled check: `this` is the validation context, errors go on `fn.errors`. */
export interface KeywordCheck {
  (this: unknown, data: unknown, dataCxt?: DataValidationCxt): boolean;
  errors?: Partial<ErrorObject>[];
}

const escapeSegment = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeSegment = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** `/a/b~1c` → ['a', 'b/c']; '' → []. Throws on a string that is not a JSON pointer (schema authoring error). */
export const parsePointer = (p: string): string[] => {
  if (p === '') return [];
  if (!p.startsWith('/')) throw new Error(`not a JSON pointer: ${JSON.stringify(p)}`);
  return p.slice(1).split('/').map(unescapeSegment);
};

export const joinPointer = (base: string, segments: readonly string[]): string =>
  segments.length === 0 ? base : `${base}/${segments.map(escapeSegment).join('/')}`;

/** A parsed data reference from keyword options. */
export interface DataRef {
  readonly fromRoot: boolean;
  readonly segments: readonly string[];
}

/** Parses "/a/b" (relative) or "#/a/b" (from the document root). Throws on anything else. */
export const parseDataRef = (ref: string): DataRef =>
  ref.startsWith('#') ? { fromRoot: true, segments: parsePointer(ref.slice(1)) } : { fromRoot: false, segments: parsePointer(ref) };

/** A property-name option ("idNumber") as a relative reference. */
export const propertyRef = (name: string): DataRef => ({ fromRoot: false, segments: [name] });

const own = (o: unknown, key: string): unknown => {
  if (Array.isArray(o)) {
    if (!/^(0|[1-9][0-9]*)$/.test(key)) return undefined;
    const i = Number(key);
    return i < o.length ? o[i] : undefined;
  }
  if (typeof o === 'object' && o !== null && Object.hasOwn(o, key)) return (o as Record<string, unknown>)[key];
  return undefined;
};

export interface Resolved {
  /** undefined when any step is missing. */
  readonly value: unknown;
  /** The instance path of the referenced value (where an error about it must point). */
  readonly pointer: string;
}

/** Follows a reference from the keyword's object (`data`, at `dataCxt.instancePath`) or from the root. */
export const resolveRef = (ref: DataRef, data: unknown, dataCxt: DataValidationCxt | undefined): Resolved => {
  const base = ref.fromRoot ? '' : (dataCxt?.instancePath ?? '');
  let cur: unknown = ref.fromRoot ? (dataCxt?.rootData ?? data) : data;
  for (const seg of ref.segments) {
    cur = own(cur, seg);
    if (cur === undefined) break;
  }
  return { value: cur, pointer: joinPointer(base, ref.segments) };
};

export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Primitive values travel with an issue (strings cut to 200 characters); objects and arrays do not. */
export const issueValue = (v: unknown): unknown => {
  if (typeof v === 'string') return v.length > 200 ? `${v.slice(0, 200)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  return undefined;
};

/** An ajv error object for a code failure, pointing at `pointer` (the exact field, not the object). */
export const keywordError = (keyword: string, pointer: string, f: Pick<CodeFailure, 'code' | 'params'>, value?: unknown): Partial<ErrorObject> => {
  const params: KeywordErrorParams = { code: f.code, params: f.params, ...(issueValue(value) !== undefined ? { value: issueValue(value) } : {}) };
  return { keyword, instancePath: pointer, params: params as unknown as Record<string, unknown>, message: f.code };
};

export const pushWarning = (ctx: unknown, pointer: string, f: Pick<CodeFailure, 'code' | 'params'>, value?: unknown): void => {
  if (!isWarningSink(ctx)) return;
  const v = issueValue(value);
  ctx.warnings.push({ pointer, code: f.code, params: f.params, ...(v !== undefined ? { value: v } : {}) });
};

/** JSON-Schema fragment for a data reference option (used in keyword meta-schemas). */
export const dataRefSchema = { type: 'string', maxLength: 300, pattern: '^#?/' } as const;

/**
 * Wraps a check so that it reports all its errors at once: `run` returns the errors (possibly empty);
 * the wrapper stores them on `fn.errors` and returns validity.
 */
export const makeCheck = (run: (ctx: unknown, data: unknown, dataCxt: DataValidationCxt | undefined) => Partial<ErrorObject>[]): KeywordCheck => {
  const fn: KeywordCheck = function (this: unknown, data: unknown, dataCxt?: DataValidationCxt): boolean {
    const errs = run(this, data, dataCxt);
    fn.errors = errs.length > 0 ? errs : undefined;
    return errs.length === 0;
  };
  return fn;
};

/** An optional data-reference option (`undefined` when the form does not name one). */
export const optionalRef = (p: string | undefined): DataRef | undefined => (p === undefined ? undefined : parseDataRef(p));

/** Meta-schema of an option that is a fixed choice, or read from the data: `"x"` or `{ "pointer", "default" }`. */
export const choiceOptionSchema = (values: readonly string[]) => ({
  anyOf: [
    { type: 'string', enum: [...values] },
    {
      type: 'object',
      additionalProperties: false,
      required: ['pointer'],
      properties: { pointer: dataRefSchema, default: { type: 'string', enum: [...values] } },
    },
  ],
});

/** Compiles a choice option into a reader: the data's value when it is one of `values`, else the default. */
export function choiceOption<T extends string>(
  values: readonly T[],
  opt: T | { readonly pointer: string; readonly default?: T } | undefined,
  dflt: T,
): (data: unknown, dataCxt: DataValidationCxt | undefined) => T {
  const ref = typeof opt === 'object' ? parseDataRef(opt.pointer) : undefined;
  const fallback: T = typeof opt === 'object' ? (opt.default ?? dflt) : (opt ?? dflt);
  return (data, dataCxt) => {
    if (!ref) return fallback;
    const v = resolveRef(ref, data, dataCxt).value;
    return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fallback;
  };
}
