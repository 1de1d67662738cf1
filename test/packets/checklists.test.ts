/**
 * The §10 checklist documents (材料清单) as printed: verbatim title, the column headers in order,
 * every item's text from the schema, ☑是 where provided and ☑否 where not, and the 20 其他材料 rows of
 * the stress example numbered 1–20 under their repeated title row.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { renderDocument } from '../../src/pipeline/render-document.js';
import { pdfTextItems, type TextItem } from '../helpers/pdf-read.js';

let engine: Engine;
const read = (id: string, ex: string) => JSON.parse(readFileSync(`schemas/forms/${id}/examples/${ex}.json`, 'utf8')) as Record<string, unknown>;
const render = async (id: string, ex: string) => pdfTextItems((await renderDocument(engine, { formId: id, input: read(id, ex), format: 'pdf' })).bytes);
const joined = (items: TextItem[]) => items.map((i) => i.str).join('').replace(/\s+/g, '');
let shandong: TextItem[];
let henanMinimal: TextItem[];
let employerStress: TextItem[];

beforeAll(async () => {
  engine = createEngine();
  shandong = (await render('shandong-filing-materials', 'full')).items;
  henanMinimal = (await render('henan-enterprise-filing-materials', 'minimal')).items;
  employerStress = (await render('national-employer-filing-materials', 'stress')).items;
}, 60_000);
afterAll(() => engine?.close());

describe('checklist documents', () => {
  it('print the verbatim title and the columns 序号 材料名称 要求 份数 是否提供 备注 in that order', () => {
    const text = joined(shandong);
    expect(text).toContain('企业技能人才自主评价备案材料');
    const xs = ['序号', '材料名称', '要求', '份数', '是否提供', '备注'].map((h) => shandong.find((i) => i.str.replace(/\s+/g, '') === h)!.xMm);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('print every item of the schema in order with ☑是 when provided', () => {
    const schema = JSON.parse(readFileSync('schemas/forms/shandong-filing-materials/form.schema.json', 'utf8')) as { properties: Record<string, { title: string; $ref?: string }> };
    const titles = Object.values(schema.properties).filter((p) => p.$ref?.endsWith('checklist-item.schema.json')).map((p) => p.title.replace(/\s+/g, ''));
    const text = joined(shandong);
    const at = titles.map((t) => text.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect((text.match(/☑是/g) ?? []).length).toBe(10);
  });

  it('leave both boxes empty for the 备查 items a minimal list does not mention', () => {
    const text = joined(henanMinimal);
    expect((text.match(/☑是/g) ?? []).length).toBe(2);
    expect((text.match(/□是□否/g) ?? []).length).toBe(4);
    expect((text.match(/备查/g) ?? []).length).toBe(4);
  });

  it('number the 20 其他材料 of the stress example 1–20 below their title row', () => {
    const text = joined(employerStress);
    for (let k = 1; k <= 20; k++) expect(text).toContain(`其他材料${String(k).padStart(2, '0')}.pdf`);
    // 序号 column: 20–32 mm from the left edge (20 mm margin, 12 mm column): 14 listed items + 20 others.
    const numbers = employerStress.filter((i) => /^\d+$/.test(i.str.trim()) && i.xMm > 20 && i.xMm < 32).map((i) => Number(i.str));
    expect(numbers).toEqual([...Array.from({ length: 14 }, (_, k) => k + 1), ...Array.from({ length: 20 }, (_, k) => k + 1)]);
    // The title row of the 其他材料 list repeats on the page the list continues on.
    const titlePages = new Set(employerStress.filter((i) => i.str.replace(/\s+/g, '') === '其他材料').map((i) => i.page));
    expect(titlePages.size).toBeGreaterThanOrEqual(2);
  });
});
