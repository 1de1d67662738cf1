/**
 * The form page's schema adaptation (web/assets/js/schema-prep.js, plain browser ESM with no DOM
 * use) over the schema every document serves (GET /forms/{id}/schema = bundleFormSchema): no $ref
 * survives, images become one upload control, labels follow the language, pointers map to
 * json-editor paths.
 */
import { describe, expect, it } from 'vitest';
import { bundleFormSchema } from '../../src/api/schema-bundle.js';
import { formRegistry } from '../../src/forms/registry.js';
// @ts-expect-error -- a browser module without type declarations
import { pointerToPath, prepareSchema } from '../../web/assets/js/schema-prep.js';

type Node = Record<string, unknown>;
const prepare = prepareSchema as (schema: unknown, lang: 'zh' | 'en') => Node;
const toPath = pointerToPath as (pointer: string) => string;

function walk(node: unknown, visit: (n: Node, path: string) => void, path = 'root'): void {
  if (Array.isArray(node)) return node.forEach((n, i) => walk(n, visit, `${path}[${i}]`));
  if (!node || typeof node !== 'object') return;
  visit(node as Node, path);
  for (const [k, v] of Object.entries(node as Node)) walk(v, visit, `${path}.${k}`);
}

const forms = [...formRegistry().values()];
const CERT = 'national-skill-certificate-2021-style-1';

describe('schema-prep (form page)', () => {
  it.each(forms.map((f) => f.id))('%s: every $ref inlined, no if/then/else, images as upload objects', (id) => {
    const bundle = bundleFormSchema(formRegistry().get(id)!.schema);
    for (const lang of ['zh', 'en'] as const) {
      const s = prepare(bundle, lang);
      walk(s, (n, path) => {
        expect(n.$ref, `${path}.$ref`).toBeUndefined();
        expect(n.if, `${path}.if`).toBeUndefined();
        const alternatives = (n.oneOf ?? n.anyOf) as Node[] | undefined;
        const isImageChoice = alternatives?.some((b) => (b.properties as Node | undefined)?.base64 !== undefined);
        expect(isImageChoice ?? false, `${path} image oneOf left`).toBe(false);
      });
    }
  });

  it('labels: the form title in Chinese; the English label only where the schema gives one for that title', () => {
    const bundle = bundleFormSchema(formRegistry().get(CERT)!.schema);
    const zh = prepare(bundle, 'zh') as { properties: Record<string, Node & { properties: Record<string, Node> }> };
    const en = prepare(bundle, 'en') as typeof zh;
    expect(zh.properties.holder!.title).toBe('持证人');
    expect(zh.properties.holder!.properties.idNumber!.title).toBe('证件号码');
    expect(en.properties.holder!.properties.idNumber!.title).toBe('ID number');
    // 发证日期 is more specific than the shared 日期 / Date: it stays Chinese rather than becoming "Date".
    expect(en.properties.certificate!.properties.issueDate!.title).toBe('发证日期');
    const photo = zh.properties.holder!.properties.photo!;
    expect(photo['x-sef-image']).toBe(true);
    expect(photo.required).toEqual(['mediaType', 'base64']);
    expect(zh.properties.level!.enum).toEqual([1, 2, 3, 4, 5]);
    expect((zh.properties.level!.options as { enum_titles: string[] }).enum_titles[2]).toBe('3 三级/高级工');
  });

  it('JSON pointers map to json-editor paths (with ~1 and ~0 unescaped)', () => {
    expect(toPath('')).toBe('root');
    expect(toPath('/holder/idNumber')).toBe('root.holder.idNumber');
    expect(toPath('/rows/0/name')).toBe('root.rows.0.name');
    expect(toPath('/a~1b/c~0d')).toBe('root.a/b.c~d');
  });
});
