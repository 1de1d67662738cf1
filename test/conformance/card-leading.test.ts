/**
 * 督导员证卡 制作说明 (人社职司便函〔2020〕53号 附件2, S003:1306-1314): 标题 16 磅黑体加粗 with 24 磅
 * 行间距, 正文 12 磅黑体 with 22 磅行间距 — fixed leading, not a multiple. Read back from the PDF:
 * the front body lines of the full example sit on one 22 pt grid, and the two title lines are
 * 24 pt apart, all at their point sizes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { renderForm } from '../../src/pipeline/render-form.js';
import { formRegistry } from '../../src/forms/registry.js';
import { readInput } from '../../src/cli/load-input.js';
import { pdfTextItems, type TextItem } from '../helpers/pdf-read.js';

const MM_PER_PT = 25.4 / 72;
let engine: Engine;
let items: TextItem[];

beforeAll(async () => {
  engine = createEngine({ poolSize: 1 });
  const ex = formRegistry().get('supervisor-id-card')!.examples.find((e) => e.name === 'full')!;
  const r = await renderForm(engine, { formId: 'supervisor-id-card', input: readInput(ex.file), format: 'pdf' });
  items = (await pdfTextItems(r.bytes)).items.filter((i) => i.page === 1);
});
afterAll(async () => engine?.close());

const baselines = (pred: (i: TextItem) => boolean) => [...new Set(items.filter(pred).map((i) => Math.round(i.yMm * 1000) / 1000))].sort((a, b) => a - b);

describe('supervisor card front', () => {
  it('sets the title at 16 pt on a fixed 24 pt leading', () => {
    const title = baselines((i) => Math.abs(i.sizePt - 16) < 0.01);
    expect(title.length).toBe(2);
    expect(Math.abs((title[1]! - title[0]!) / MM_PER_PT - 24)).toBeLessThan(0.05);
  });
  it('sets every body line at 12 pt on one fixed 22 pt grid', () => {
    const body = baselines((i) => Math.abs(i.sizePt - 12) < 0.01);
    expect(body.length).toBeGreaterThanOrEqual(7);
    for (let k = 1; k < body.length; k++) {
      const steps = (body[k]! - body[0]!) / MM_PER_PT / 22;
      expect(Math.abs(steps - Math.round(steps)), `line ${k} is ${(body[k]! - body[0]!) / MM_PER_PT} pt below the first`).toBeLessThan(0.01);
    }
  });
});
