/**
 * R-FORM-3 附页 overflow, on the §3.1 Henan filing form whose occupation list goes to an appendix
 * beyond 10 rows (its footnote: …职业（工种）等可另附页): with 3 rows the table prints them in place;
 * with 200 the table keeps its shape and shows （详见附页）, and the rows print once each, in order,
 * after the form under the heading 附页：…, with the list's heads on every appendix page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/pipeline/engine.js';
import { renderDocument } from '../../src/pipeline/render-document.js';
import { SEE_APPENDIX } from '../../src/layout/flow/resolve.js';
import { readInput } from '../../src/cli/load-input.js';
import { pdfTextItems, type TextItem } from '../helpers/pdf-read.js';

const ID = 'henan-enterprise-filing-application';
const TITLE = '附页：申请开展职业技能等级认定的职业（工种）';
const engine = createEngine({ poolSize: 1 });
const read = async (name: string) => {
  const r = await renderDocument(engine, { formId: ID, input: readInput(`schemas/forms/${ID}/examples/${name}.json`), format: 'pdf' });
  return { pages: r.pageCount!, items: (await pdfTextItems(r.bytes)).items };
};
let full: { pages: number; items: TextItem[] };
let stress: { pages: number; items: TextItem[] };
beforeAll(async () => {
  full = await read('full');
  stress = await read('stress');
});
afterAll(() => engine.close());

const text = (items: TextItem[], page?: number) => items.filter((i) => page === undefined || i.page === page).map((i) => i.str).join('').replace(/\s+/g, '');

describe('附页 overflow (R-FORM-3)', () => {
  it('a list within its limit prints in place, with no 附页', () => {
    expect(text(full.items)).not.toContain(SEE_APPENDIX);
    expect(text(full.items)).not.toContain('附页：');
    expect(text(full.items, 1)).toContain('6-18-01-01');
  });

  it('a longer list leaves （详见附页） in the form and moves to a 附页 after it', () => {
    expect(text(stress.items, 1)).toContain(SEE_APPENDIX);
    expect(text(stress.items, 1)).not.toContain('工种1');
    const titlePage = stress.items.find((i) => i.str.replace(/\s+/g, '').includes(TITLE))!.page;
    // the form's last block (the footnote 注：…) comes before the appendix
    const notePage = stress.items.filter((i) => i.str.startsWith('注：申请开展')).map((i) => i.page)[0]!;
    expect(titlePage).toBeGreaterThan(notePage);
    // every row once, only in the appendix
    // (工种 and its digits are separate runs: CJK in 仿宋, digits in Times)
    const jobsIn = (from: number, to: number) => {
      const out: number[] = [];
      for (const a of stress.items.filter((i) => i.page >= from && i.page <= to && i.str.endsWith('工种'))) {
        const digits = stress.items.find((b) => b.page === a.page && Math.abs(b.yMm - a.yMm) < 0.3 && Math.abs(b.xMm - (a.xMm + a.widthMm)) < 0.5 && /^\d+$/.test(b.str));
        if (digits) out.push(Number(digits.str));
      }
      return out;
    };
    const all = jobsIn(titlePage, stress.pages);
    expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, k) => k + 1));
    // in order: every page's rows come after the previous page's
    for (let p = titlePage + 1; p <= stress.pages; p++) expect(Math.min(...jobsIn(p, p))).toBeGreaterThan(Math.max(...jobsIn(titlePage, p - 1)));
    expect(jobsIn(1, titlePage - 1)).toEqual([]);
    // the list's heads on every appendix page
    for (let p = titlePage; p <= stress.pages; p++) {
      const t = text(stress.items, p);
      for (const head of ['序号', '职业编码', '职业名称', '工种名称', '评价标准']) expect(t, `page ${p}`).toContain(head);
    }
  });
});
