/**
 * Drift: every form folder is complete and consistent with itself — its
 * manifest and layout match the meta-schemas (checked on load), every layout
 * bind points into the form's schema (offline $ref resolution), every font role
 * is one the fonts config serves, every constant used is defined, and every
 * option a layout reads has a manifest default or a schema entry.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { formRegistry } from '../../src/forms/registry.js';
import type { RunSpec } from '../../src/layout/types.js';

type Schema = Record<string, unknown>;

function deref(schema: Schema, file: string): { schema: Schema; file: string } {
  let s = schema, f = file;
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const ref = s.$ref as string;
    expect(ref.startsWith('http'), `${f}: network $ref ${ref}`).toBe(false);
    const [path, frag] = ref.split('#');
    const target = path ? resolve(dirname(f), path) : f;
    expect(existsSync(target), `${f}: $ref ${ref} resolves`).toBe(true);
    let t = JSON.parse(readFileSync(target, 'utf8')) as Schema;
    if (frag) for (const k of frag.split('/').filter(Boolean)) t = t[k] as Schema;
    // keep the siblings of $ref (e.g. required) with the target's properties
    const { $ref: _r, ...siblings } = s;
    s = { ...t, ...siblings, properties: { ...(t.properties as object), ...(siblings.properties as object) } };
    f = target;
  }
  return { schema: s, file: f };
}

function schemaHas(root: Schema, file: string, pointer: string): boolean {
  let cur = { schema: root, file };
  for (const tok of pointer.slice(1).split('/')) {
    cur = deref(cur.schema, cur.file);
    const props = (cur.schema.properties ?? {}) as Record<string, Schema>;
    const next = props[tok] ?? ((cur.schema.items as Schema | undefined) && /^\d+$/.test(tok) ? (cur.schema.items as Schema) : undefined);
    if (!next) return false;
    cur = { schema: next, file: cur.file };
  }
  return true;
}

const ROLES = new Set(['kai', 'hei', 'fangsong', 'song', 'times']);

describe.each([...formRegistry().values()])('$id', (form) => {
  it('has the required files', () => {
    for (const f of ['manifest.json', 'form.schema.json']) expect(existsSync(join(form.dir, f)), f).toBe(true);
    expect(form.schema.$id).toBe(`https://schemas.skill-eval-forms.invalid/forms/${form.id}/form.schema.json`);
    expect(form.manifest.source.length).toBeGreaterThan(0);
  });

  it('binds only to fields its schema declares, with fonts and constants that exist', () => {
    if (!form.layout) return;
    const schemaFile = join(form.dir, 'form.schema.json');
    const els = form.layout.pages.flatMap((p) => p.elements);
    const runs: RunSpec[] = els.flatMap((e) => (e.type === 'text' ? e.runs : e.type === 'qr' ? e.payload : []));
    const binds = [
      ...runs.map((r) => r.bind).filter((b): b is string => !!b),
      ...els.map((e) => (e.type === 'image' || e.type === 'seal' ? e.bind : undefined)).filter((b): b is string => !!b),
      ...[...els.map((e) => e.when), ...runs.map((r) => r.when)].filter((w): w is string => !!w).map((w) => w.replace(/^!/, '')),
    ];
    expect(binds.length).toBeGreaterThan(0);
    for (const b of binds) expect(schemaHas(form.schema, schemaFile, b), `${b} is declared in form.schema.json`).toBe(true);
    for (const e of els) if (e.type === 'text') {
      expect(ROLES.has(e.font), `${e.id} font ${e.font}`).toBe(true);
      for (const r of e.runs) if (r.font) expect(ROLES.has(r.font)).toBe(true);
    }
    for (const r of runs) for (const m of (r.text ?? '').matchAll(/\{=([A-Za-z0-9_-]+)\}/g)) expect(form.layout.constants?.[m[1]!], `constant ${m[1]}`).toBeDefined();
    for (const b of binds.filter((b) => b.startsWith('/options/')))
      expect(b.split('/')[2]! in (form.manifest.defaults ?? {}) || schemaHas(form.schema, schemaFile, b), `${b} has a default`).toBe(true);
  });

  it('declares every layout variant it allows in options', () => {
    const names = Object.keys(form.layout?.variants ?? {});
    const opts = deref(form.schema, join(form.dir, 'form.schema.json')).schema.properties as Record<string, Schema> | undefined;
    const allowed = ((opts?.options?.properties as Record<string, Schema> | undefined)?.variants?.items as Schema | undefined)?.enum as string[] | undefined;
    expect((allowed ?? []).sort()).toEqual(names.sort());
  });
});

import { findBannedTerms, isRejectedOfficialUrl } from '../../src/codes/reference.js';

describe('static text of every 职业技能等级证书 layout (R-CERT-BAN, R-CERT-8)', () => {
  // 人社鉴发〔2021〕1号 五(二) bans these words on 职业技能等级证书; the 专项 certificate's official
  // query site is itself named 河南省职业资格工作网, so the ban is scoped to the skill-level certificates.
  const layouts = [...formRegistry().values()].filter((f) => f.layout && (f.manifest.numbering ?? '').startsWith('certificate-number'));
  it.each(layouts.map((f) => [f.id, f]))('%s has no banned term and no rejected URL in its template text', (_id, form) => {
    const f = form as (typeof layouts)[number];
    const texts = [
      ...Object.values(f.layout!.constants ?? {}),
      ...f.layout!.pages.flatMap((p) => p.elements).flatMap((e) => (e.type === 'text' ? e.runs : [])).map((r) => r.text ?? ''),
    ];
    for (const t of texts) {
      expect(findBannedTerms(t), `banned term in "${t}"`).toEqual([]);
      for (const url of t.match(/https?:\/\/[^\s)）]+/g) ?? []) expect(isRejectedOfficialUrl(url), url).toBe(false);
    }
    for (const url of Object.values(f.layout!.constants ?? {})) expect(isRejectedOfficialUrl(url)).toBe(false);
  });
});

describe('citations', () => {
  it.each([...formRegistry().values()].filter((f) => f.layout).map((f) => [f.id, f]))('%s cites a source for every layout element', (_id, form) => {
    const f = form as ReturnType<typeof formRegistry> extends ReadonlyMap<string, infer V> ? V : never;
    const missing = f.layout!.pages.flatMap((p) => p.elements).filter((e) => !e['x-source']).map((e) => e.id);
    expect(missing).toEqual([]);
    expect(f.layout!.page).toBeDefined();
  });
});

import { FORM_IDS } from '../../src/generated/types/index.js';
import { isFormId } from '../../src/forms/typed-data.js';

describe('generated types', () => {
  it('every registered form has a generated data type, and no type lacks a form', () => {
    expect([...FORM_IDS].sort()).toEqual([...formRegistry().keys()].sort());
    for (const id of formRegistry().keys()) expect(isFormId(id)).toBe(true);
    expect(isFormId('no-such-form')).toBe(false);
  });

  it('a narrowed $ref inside an array is parenthesised (T & Required<Pick<T, …>>)[] , not T & (…)[]', () => {
    const ts = readFileSync(new URL('../../src/generated/types/schemas.ts', import.meta.url), 'utf8');
    expect(ts).not.toMatch(/Required<Pick<[A-Za-z0-9]+, [^>]*>>\[\]/);
  });
});

describe('manifests', () => {
  it.each([...formRegistry().values()].map((f) => [f.id, f]))('%s: outputs are backed by a layout; the catalogue section and 文号 are recorded', (_id, form) => {
    const f = form as ReturnType<typeof formRegistry> extends ReadonlyMap<string, infer V> ? V : never;
    if (f.manifest.outputs.includes('pdf')) expect(f.layout ?? f.flow, 'a document that renders to PDF has a layout').toBeDefined();
    // DOCX comes from flow layouts only (the filing documents); certificates and cards print, they are not edited.
    expect(f.manifest.outputs.includes('docx')).toBe(f.flow !== undefined);
    expect(f.manifest.catalogue).toMatch(/^§\d+\.\d+/);
    for (const s of f.manifest.source) {
      expect(s.docNo).toMatch(/〔\d{4}〕\d+号|公告/);
      expect(s.seed).toMatch(/^S00[0-4]:\d+/);
    }
  });
});
