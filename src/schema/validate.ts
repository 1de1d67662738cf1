/**
 * compileFormValidator(): a form schema → a function that never throws and returns every problem at
 * once, each with its JSON pointer, a catalogue code and zh/en text (R-VAL-1, catalogue §13).
 *
 * From ajv errors to issues:
 *   1. `if` errors are dropped (the `then`/`else` errors say what is wrong). A failed oneOf/anyOf is
 *      collapsed to its most plausible branch: the one whose errors are least "structural" (wrong
 *      type, missing or unknown properties, const/enum mismatch at the branch's own level). Branch
 *      errors are recognised by schema path, so branches behind a non-inlined $ref are left as they are.
 *   2. Each error becomes a code (REQUIRED pointing at the missing child, UNKNOWN_FIELD at the extra
 *      property, TYPE, TOO_LONG, …; custom keywords carry their src/codes code and params). The field
 *      label comes from the schema at that pointer: `title`/`x-title-zh` in Chinese, `x-title-en`
 *      (or an English `title`) in English, else the property name.
 *   3. A domain code (ID_CHECKSUM, CERTNO_*, …) at a pointer supersedes PATTERN/FORMAT/TOO_LONG/TOO_SHORT
 *      at the same pointer, and PATTERN supersedes TOO_SHORT; (pointer, code) pairs are deduplicated; issues are sorted by pointer
 *      (array indices numerically) and capped at MAX_ISSUES, the last slot saying how many were cut.
 * Warnings (keywords/support.ts) are collected in their own list with the same treatment.
 */
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { toIssue } from '../errors/catalog.js';
import type { ValidationIssue } from '../errors/issue.js';
import type { IssueRef } from '../errors/user-error.js';
import type { Ajv } from './ajv.js';
import { issueValue, joinPointer, parsePointer, type KeywordErrorParams, type WarningSink } from './keywords/support.js';

export const MAX_ISSUES = 200;

// ajv-i18n is CommonJS (`module.exports = fn`); its typings declare a default export. Accept both shapes.
type Localize = (errors: ErrorObject[]) => void;
const localizeZh: Localize =
  (localizeZhModule as unknown as { default?: Localize }).default ?? (localizeZhModule as unknown as Localize);

export interface FormValidationResult {
  readonly valid: boolean;
  readonly errors: ValidationIssue[];
  readonly warnings: ValidationIssue[];
}

export type FormValidator = (data: unknown) => FormValidationResult;

type Params = Record<string, string | number>;
type SchemaObj = Record<string, unknown>;

const isObj = (v: unknown): v is SchemaObj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Codes that a domain code at the same pointer makes redundant. */
const GENERIC_SHAPE_CODES: ReadonlySet<string> = new Set(['PATTERN', 'FORMAT', 'TOO_LONG', 'TOO_SHORT']);
/** Codes produced from built-in keywords (everything else came from a custom keyword). */
const SCHEMA_CODES: ReadonlySet<string> = new Set([
  'REQUIRED', 'UNKNOWN_FIELD', 'TYPE', 'ROOT_TYPE', 'TOO_LONG', 'TOO_SHORT', 'PATTERN', 'ENUM', 'CONST', 'FORMAT',
  'TOO_MANY_ITEMS', 'TOO_FEW_ITEMS', 'DUPLICATE_ITEMS', 'MINIMUM', 'MAXIMUM', 'MULTIPLE_OF', 'TOO_MANY_PROPERTIES',
  'TOO_FEW_PROPERTIES', 'ONE_OF', 'ANY_OF', 'NOT', 'NOT_ALLOWED', 'CONTAINS', 'PROPERTY_NAME', 'SCHEMA_OTHER',
]);

// ── labels ──────────────────────────────────────────────────────────────────────────────────────

interface Label {
  readonly zh: string;
  readonly en: string;
}
interface Loc {
  readonly schema: unknown;
  readonly base: string;
  readonly doc: unknown;
}

const ANON_BASE = 'https://schemas.skill-eval-forms.invalid/__anonymous__.schema.json';
const MAX_LABEL_DEPTH = 48;
const hasCjk = (s: string): boolean => /[\u3400-\u9fff]/.test(s);

const ownLabel = (s: SchemaObj): Label | undefined => {
  const title = typeof s.title === 'string' ? s.title : undefined;
  const zh = typeof s['x-title-zh'] === 'string' ? s['x-title-zh'] : title;
  const en = typeof s['x-title-en'] === 'string' ? s['x-title-en'] : title !== undefined && !hasCjk(title) ? title : undefined;
  if (zh === undefined && en === undefined) return undefined;
  return { zh: zh ?? en!, en: en ?? zh! };
};

const TYPE_NAMES: Readonly<Record<string, Label>> = {
  string: { zh: '文本', en: 'text' },
  integer: { zh: '整数', en: 'a whole number' },
  number: { zh: '数字', en: 'a number' },
  object: { zh: '对象（一组字段）', en: 'an object' },
  array: { zh: '列表', en: 'a list' },
  boolean: { zh: '是/否（true/false）', en: 'true or false' },
  null: { zh: '空值（null）', en: 'null' },
};

const FORMAT_NAMES: Readonly<Record<string, Label>> = {
  date: { zh: '日期（YYYY-MM-DD，须为真实日期）', en: 'date (YYYY-MM-DD, a real calendar date)' },
  email: { zh: '电子邮箱地址', en: 'email address' },
};

class Labeller {
  private readonly memo = new Map<string, Label | null>();
  private readonly root: Loc;

  constructor(
    private readonly ajv: Ajv,
    schema: unknown,
  ) {
    const id = isObj(schema) && typeof schema.$id === 'string' ? schema.$id : ANON_BASE;
    this.root = { schema, base: this.safeUrl(id, ANON_BASE) ?? ANON_BASE, doc: schema };
  }

  private safeUrl(ref: string, base: string): string | undefined {
    try {
      return new URL(ref, base).href;
    } catch {
      return undefined;
    }
  }

  private follow(ref: string, loc: Loc): Loc | undefined {
    const href = this.safeUrl(ref, loc.base);
    if (href === undefined) return undefined;
    const hash = href.indexOf('#');
    const docUrl = hash < 0 ? href : href.slice(0, hash);
    const fragment = hash < 0 ? '' : decodeURIComponent(href.slice(hash + 1));
    const locDoc = loc.base.split('#')[0];
    let doc: unknown = docUrl === locDoc ? loc.doc : undefined;
    if (doc === undefined) {
      try {
        doc = this.ajv.getSchema(docUrl)?.schema;
      } catch {
        doc = undefined;
      }
    }
    if (doc === undefined) return undefined;
    let target: unknown = doc;
    if (fragment.startsWith('/')) {
      for (const seg of parsePointer(fragment)) {
        target = isObj(target) || Array.isArray(target) ? (target as Record<string, unknown>)[seg] : undefined;
        if (target === undefined) return undefined;
      }
    } else if (fragment !== '') return undefined; // anchors are not used in our schemas
    return { schema: target, base: docUrl, doc };
  }

  private enter(loc: Loc, schema: unknown): Loc {
    if (isObj(schema) && typeof schema.$id === 'string') {
      const base = this.safeUrl(schema.$id, loc.base);
      if (base !== undefined) return { schema, base, doc: schema };
    }
    return { schema, base: loc.base, doc: loc.doc };
  }

  /** Sub-locations that describe the same instance (refs and applicators). */
  private alternatives(loc: Loc): Loc[] {
    const s = loc.schema;
    if (!isObj(s)) return [];
    const out: Loc[] = [];
    if (typeof s.$ref === 'string') {
      const t = this.follow(s.$ref, loc);
      if (t) out.push(t);
    }
    for (const k of ['allOf', 'anyOf', 'oneOf']) {
      const arr = s[k];
      if (Array.isArray(arr)) for (const sub of arr) out.push(this.enter(loc, sub));
    }
    for (const k of ['then', 'else']) if (isObj(s[k])) out.push(this.enter(loc, s[k]));
    return out;
  }

  private children(loc: Loc, seg: string): Loc[] {
    const s = loc.schema;
    if (!isObj(s)) return [];
    const out: Loc[] = [];
    const props = s.properties;
    if (isObj(props) && Object.hasOwn(props, seg)) out.push(this.enter(loc, props[seg]));
    if (/^(0|[1-9][0-9]*)$/.test(seg)) {
      const prefix = s.prefixItems;
      const i = Number(seg);
      if (Array.isArray(prefix) && i < prefix.length) out.push(this.enter(loc, prefix[i]));
      else if (isObj(s.items)) out.push(this.enter(loc, s.items));
    }
    if (isObj(s.additionalProperties)) out.push(this.enter(loc, s.additionalProperties));
    return out;
  }

  private labelOf(loc: Loc, depth: number): Label | undefined {
    if (depth > MAX_LABEL_DEPTH || !isObj(loc.schema)) return undefined;
    const own = ownLabel(loc.schema);
    if (own) return own;
    if (typeof loc.schema.$ref === 'string') {
      const t = this.follow(loc.schema.$ref, loc);
      if (t) return this.labelOf(t, depth + 1);
    }
    return undefined;
  }

  private find(loc: Loc, segs: readonly string[], depth: number): Label | undefined {
    if (depth > MAX_LABEL_DEPTH) return undefined;
    if (segs.length === 0) return this.labelOf(loc, depth);
    for (const c of this.children(loc, segs[0]!)) {
      const r = this.find(c, segs.slice(1), depth + 1);
      if (r) return r;
    }
    for (const alt of this.alternatives(loc)) {
      const r = this.find(alt, segs, depth + 1);
      if (r) return r;
    }
    return undefined;
  }

  /** The label of the field at `pointer` (array indices become 第 n 项 / item n). */
  label(pointer: string): Label {
    const segs = parsePointer(pointer);
    const key = segs.map((s) => (/^[0-9]+$/.test(s) ? '#' : s.replace(/[#/~]/g, '~$&'))).join('/');
    let l = this.memo.get(key);
    if (l === undefined) {
      l = this.find(this.root, segs, 0) ?? null;
      if (this.memo.size < 10_000) this.memo.set(key, l);
    }
    if (l) return l;
    const last = segs[segs.length - 1];
    if (last === undefined) return { zh: '整份数据', en: 'the document' };
    if (/^[0-9]+$/.test(last)) {
      const parent = this.label(joinPointer('', segs.slice(0, -1)));
      const n = Number(last) + 1;
      return { zh: `${parent.zh}第 ${n} 项`, en: `${parent.en} item ${n}` };
    }
    return { zh: last, en: last };
  }
}

// ── ajv error → IssueRef ─────────────────────────────────────────────────────────────────────────

const child = (base: string, prop: unknown): string => joinPointer(base, [String(prop)]);

const under = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix}/`);

const listValues = (vals: readonly unknown[], labels: unknown, sep: string): string => {
  const named = isObj(labels) ? labels : {};
  const shown = vals.slice(0, 12).map((v) => {
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    const l = named[String(v)];
    return typeof l === 'string' && l !== s ? `${s}（${l}）` : s;
  });
  return vals.length > 12 ? `${shown.join(sep)}${sep}…` : shown.join(sep);
};

const exampleHint = (schema: unknown): { hint: string; hintEn: string } => {
  const ex = isObj(schema) && Array.isArray(schema.examples) ? schema.examples[0] : undefined;
  if (typeof ex !== 'string' && typeof ex !== 'number') return { hint: '', hintEn: '' };
  return { hint: `（示例：${String(ex)}）`, hintEn: ` (e.g. ${String(ex)})` };
};

const VALUE_CHECKS = new Set(['enum', 'const', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'multipleOf']);

const STRUCTURAL = new Set(['type', 'required', 'additionalProperties', 'unevaluatedProperties', 'const', 'enum', 'false schema', 'dependentRequired']);

/** Step 1 of the module comment: indices of ajv errors to drop. */
const collapse = (errs: readonly ErrorObject[]): Set<number> => {
  const dropped = new Set<number>();
  errs.forEach((e, k) => {
    if (e.keyword === 'if') {
      dropped.add(k);
      return;
    }
    const noMatch = (e.keyword === 'oneOf' && (e.params as { passingSchemas?: unknown }).passingSchemas == null) || e.keyword === 'anyOf';
    if (!noMatch) return;
    const prefix = `${e.schemaPath}/`;
    const groups = new Map<string, number[]>();
    for (let j = 0; j < k; j++) {
      const m = errs[j]!;
      if (dropped.has(j) || !m.schemaPath.startsWith(prefix) || !under(m.instancePath, e.instancePath)) continue;
      const branch = m.schemaPath.slice(prefix.length).split('/')[0]!;
      const g = groups.get(branch);
      if (g) g.push(j);
      else groups.set(branch, [j]);
    }
    if (groups.size === 0) return;
    let best: number[] | undefined;
    let bestScore = Infinity;
    for (const members of groups.values()) {
      const structural = members.filter((j) => {
        const m = errs[j]!;
        const depth = m.instancePath === e.instancePath ? 0 : parsePointer(m.instancePath).length - parsePointer(e.instancePath).length;
        return STRUCTURAL.has(m.keyword) && depth <= (m.keyword === 'const' || m.keyword === 'enum' ? 1 : 0);
      }).length;
      const score = structural * 1000 + members.length;
      if (score < bestScore) {
        bestScore = score;
        best = members;
      }
    }
    for (const members of groups.values()) if (members !== best) for (const j of members) dropped.add(j);
    dropped.add(k);
  });
  // Errors raised inside propertyNames carry `propertyName`; the propertyNames error itself says it all.
  errs.forEach((e, k) => {
    if ((e as { propertyName?: unknown }).propertyName !== undefined) dropped.add(k);
  });
  // A value of the wrong type: the type error says it all; value checks at the same place are noise.
  const wrongType = new Set(errs.filter((e, k) => !dropped.has(k) && e.keyword === 'type').map((e) => e.instancePath));
  errs.forEach((e, k) => {
    if (wrongType.has(e.instancePath) && VALUE_CHECKS.has(e.keyword)) dropped.add(k);
  });
  return dropped;
};

interface Mapped {
  readonly pointer: string;
  readonly code: string;
  readonly params: Params;
  readonly value?: unknown;
}

const mapError = (e: ErrorObject): Mapped => {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath;
  const value = issueValue(e.data);
  const base = (code: string, params: Params = {}, pointer = at): Mapped => ({
    pointer,
    code,
    params,
    ...(value !== undefined && pointer === at ? { value } : {}),
  });
  const cmp = (c: unknown): Params =>
    c === '>' ? { cmpZh: '大于', cmpEn: 'greater than' } : c === '<' ? { cmpZh: '小于', cmpEn: 'less than' }
      : c === '<=' ? { cmpZh: '不大于', cmpEn: 'at most' } : { cmpZh: '不小于', cmpEn: 'at least' };

  switch (e.keyword) {
    case 'required':
      return { pointer: child(at, p.missingProperty), code: 'REQUIRED', params: {} };
    case 'dependentRequired':
      return { pointer: child(at, p.missingProperty), code: 'REQUIRED', params: {} };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const prop = String(e.keyword === 'additionalProperties' ? p.additionalProperty : p.unevaluatedProperty);
      const pointer = child(at, prop);
      const v = isObj(e.data) ? issueValue(e.data[prop]) : undefined;
      return { pointer, code: 'UNKNOWN_FIELD', params: { property: prop }, ...(v !== undefined ? { value: v } : {}) };
    }
    case 'type': {
      const types = String(p.type).split(',');
      const zh = types.map((t) => TYPE_NAMES[t]?.zh ?? t).join('或');
      const en = types.map((t) => TYPE_NAMES[t]?.en ?? t).join(' or ');
      return base(at === '' ? 'ROOT_TYPE' : 'TYPE', { typeZh: zh, typeEn: en });
    }
    case 'maxLength':
      return base('TOO_LONG', { limit: Number(p.limit) });
    case 'minLength':
      return base('TOO_SHORT', { limit: Number(p.limit) });
    case 'pattern':
      return base('PATTERN', exampleHint(e.parentSchema));
    case 'format': {
      const f = FORMAT_NAMES[String(p.format)] ?? { zh: String(p.format), en: String(p.format) };
      return base('FORMAT', { formatZh: f.zh, formatEn: f.en });
    }
    case 'enum': {
      const vals = Array.isArray(p.allowedValues) ? p.allowedValues : [];
      const labels = isObj(e.parentSchema) ? e.parentSchema['x-enum-labels'] : undefined;
      return base('ENUM', { allowed: listValues(vals, labels, '、'), allowedEn: listValues(vals, labels, ', ') });
    }
    case 'const': {
      const v = typeof p.allowedValue === 'string' ? p.allowedValue : JSON.stringify(p.allowedValue);
      return base('CONST', { allowed: v, allowedEn: v });
    }
    case 'maxItems':
    case 'items':
    case 'unevaluatedItems':
      return base('TOO_MANY_ITEMS', { limit: Number(p.limit) });
    case 'minItems':
      return base('TOO_FEW_ITEMS', { limit: Number(p.limit) });
    case 'uniqueItems':
      return base('DUPLICATE_ITEMS', { i: Math.min(Number(p.i), Number(p.j)) + 1, j: Math.max(Number(p.i), Number(p.j)) + 1 });
    case 'minimum':
    case 'exclusiveMinimum':
      return base('MINIMUM', { limit: Number(p.limit), ...cmp(p.comparison) });
    case 'maximum':
    case 'exclusiveMaximum':
      return base('MAXIMUM', { limit: Number(p.limit), ...cmp(p.comparison) });
    case 'multipleOf':
      return base('MULTIPLE_OF', { multipleOf: Number(p.multipleOf) });
    case 'maxProperties':
      return base('TOO_MANY_PROPERTIES', { limit: Number(p.limit) });
    case 'minProperties':
      return base('TOO_FEW_PROPERTIES', { limit: Number(p.limit) });
    case 'oneOf':
      return base('ONE_OF');
    case 'anyOf':
      return base('ANY_OF');
    case 'not':
      return base('NOT');
    case 'false schema':
      return base('NOT_ALLOWED');
    case 'contains':
    case 'minContains':
    case 'maxContains':
      return base('CONTAINS');
    case 'propertyNames':
      return { pointer: child(at, p.propertyName), code: 'PROPERTY_NAME', params: { property: String(p.propertyName) } };
    default: {
      const custom = p as unknown as Partial<KeywordErrorParams>;
      if (typeof custom.code === 'string' && isObj(custom.params)) {
        return { pointer: at, code: custom.code, params: { ...(custom.params as Params) }, ...(custom.value !== undefined ? { value: custom.value } : {}) };
      }
      const copy = { ...e };
      localizeZh([copy]);
      return base('SCHEMA_OTHER', { detail: copy.message ?? e.keyword, detailEn: e.message ?? e.keyword });
    }
  }
};

// ── ordering, dedupe, cap ───────────────────────────────────────────────────────────────────────

export const comparePointers = (a: string, b: string): number => {
  const x = a === '' ? [] : a.slice(1).split('/');
  const y = b === '' ? [] : b.slice(1).split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const s = x[i]!;
    const t = y[i]!;
    if (s === t) continue;
    const ns = /^[0-9]+$/.test(s);
    const nt = /^[0-9]+$/.test(t);
    if (ns && nt) return Number(s) - Number(t);
    if (ns !== nt) return ns ? -1 : 1;
    return s < t ? -1 : 1;
  }
  return x.length - y.length;
};

const finish = (items: Mapped[], severity: 'error' | 'warning', labeller: Labeller): ValidationIssue[] => {
  const domainAt = new Set(items.filter((i) => !SCHEMA_CODES.has(i.code)).map((i) => i.pointer));
  const patternAt = new Set(items.filter((i) => i.code === 'PATTERN').map((i) => i.pointer));
  const seen = new Set<string>();
  const kept: Mapped[] = [];
  for (const i of items) {
    if (GENERIC_SHAPE_CODES.has(i.code) && domainAt.has(i.pointer)) continue;
    if (i.code === 'TOO_SHORT' && patternAt.has(i.pointer)) continue;
    const key = `${i.pointer}\u0000${i.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(i);
  }
  kept.sort((a, b) => comparePointers(a.pointer, b.pointer));
  const total = kept.length;
  const shown = total > MAX_ISSUES ? kept.slice(0, MAX_ISSUES - 1) : kept;
  const issues = shown.map((i) => {
    const l = labeller.label(i.pointer);
    const ref: IssueRef = {
      pointer: i.pointer,
      code: i.code,
      params: { label: l.zh, labelEn: l.en, ...i.params },
      severity,
      ...(i.value !== undefined ? { value: i.value } : {}),
    };
    return toIssue(ref);
  });
  if (total > MAX_ISSUES) {
    issues.push(toIssue({ pointer: '', code: 'ISSUES_TRUNCATED', params: { shown: MAX_ISSUES - 1, total }, severity }));
  }
  return issues;
};

/**
 * Compiles `schema` with `ajv` (from createAjv(); compile-time problems such as strict-mode violations
 * throw here) and returns a validator that never throws.
 */
export function compileFormValidator(ajv: Ajv, schema: AnySchema): FormValidator {
  const validate: ValidateFunction = ajv.compile(schema);
  const labeller = new Labeller(ajv, schema);
  return (data: unknown): FormValidationResult => {
    try {
      const sink: WarningSink = { warnings: [] };
      const ok = validate.call(sink, data) === true;
      const raw = ok ? [] : (validate.errors ?? []);
      const dropped = collapse(raw);
      const mapped = raw.filter((_, k) => !dropped.has(k)).map(mapError);
      if (!ok && mapped.length === 0) mapped.push({ pointer: '', code: 'SCHEMA_OTHER', params: { detail: '数据不符合表单结构', detailEn: 'the data does not match the form schema' } });
      const errors = finish(mapped, 'error', labeller);
      const warnings = finish(sink.warnings.map((w) => ({ ...w, params: { ...w.params } })), 'warning', labeller);
      return { valid: errors.length === 0, errors, warnings };
    } catch (e) {
      const reason = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : 'unknown';
      return { valid: false, errors: [toIssue({ pointer: '', code: 'VALIDATOR_FAILURE', params: { reason } })], warnings: [] };
    }
  };
}
