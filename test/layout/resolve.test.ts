/**
 * The resolve step on small hand-made layouts: placeholders for an empty
 * 工种 (R-OCC-4), conditional elements, variants, flow, overflow errors with
 * the field's pointer, and the imposition's duplex mirroring and crop marks.
 */
import { describe, expect, it } from 'vitest';
import { resolveDocument, type Measure } from '../../src/layout/resolve.js';
import { UserError } from '../../src/errors/user-error.js';
import { mm, pt } from '../../src/layout/units.js';
import type { LayoutSpec, ResolvedItem } from '../../src/layout/types.js';

const measure: Measure = (_role, _bold, sizePt, text) => [...text].length * (sizePt * 25.4) / 72;
const text = (items: readonly ResolvedItem[], id: string) => {
  const it = items.find((i) => i.id === id);
  return it && it.type === 'text' ? it.lines.map((l) => l.runs.map((r) => r.text).join('')) : undefined;
};

const layout: LayoutSpec = {
  kind: 'certificate',
  page: { widthMm: 100, heightMm: 50 },
  pages: [{ id: 'p', elements: [
    { id: 'job', type: 'text', xMm: 10, yMm: 10, font: 'fangsong', sizePt: 12, runs: [{ bind: '/occupation/job', empty: '--' }] },
    { id: 'en', type: 'text', when: '/options/bilingual', xMm: 10, yMm: 20, font: 'times', sizePt: 12, runs: [{ text: 'Job' }] },
    { id: 'body', type: 'text', xMm: 10, yMm: 30, widthMm: 20, maxLines: 2, lineHeightPt: 18, font: 'kai', sizePt: 12, runs: [{ bind: '/name' }] },
    { id: 'after', type: 'text', xMm: 10, yMm: 0, after: { id: 'body', gapMm: 5 }, font: 'kai', sizePt: 12, runs: [{ text: '后' }] },
  ] }],
  variants: { big: { elements: { job: { sizePt: 16 } } } },
};

describe('resolveDocument', () => {
  it('prints the placeholder for an empty 工种 and hides conditional elements', async () => {
    const doc = await resolveDocument({ formId: 't', layout, records: [{ occupation: { job: '' }, name: '一二' }], measure, defaults: { bilingual: false } });
    const items = doc.pages[0]!.groups[0]!.items;
    expect(text(items, 'job')).toEqual(['--']);
    expect(text(items, 'en')).toBeUndefined();
  });
  it('applies options from data over manifest defaults, and variants by name', async () => {
    const doc = await resolveDocument({ formId: 't', layout, records: [{ occupation: { job: '数控车床' }, name: '一', options: { bilingual: true, variants: ['big'] } }], measure, defaults: { bilingual: false } });
    const items = doc.pages[0]!.groups[0]!.items;
    expect(text(items, 'en')).toEqual(['Job']);
    const job = items.find((i) => i.id === 'job')!;
    expect(job.type === 'text' && job.size).toBe(pt(16));
  });
  it('flows an element below the last line of another', async () => {
    const doc = await resolveDocument({ formId: 't', layout, records: [{ name: '一二三四五六七' }], measure });
    const items = doc.pages[0]!.groups[0]!.items;
    const body = items.find((i) => i.id === 'body')!;
    const after = items.find((i) => i.id === 'after')!;
    if (body.type !== 'text' || after.type !== 'text') throw new Error('text expected');
    expect(body.lines.length).toBe(2);
    expect(after.lines[0]!.y).toBe(body.lines[1]!.y + mm(5));
  });
  it('reports text that does not fit with the pointer of the bound field, per record of a batch', async () => {
    const err = await resolveDocument({ formId: 't', layout, records: [{ name: '一' }, { name: '一二三四五六七八九十一二三四五六七八' }], measure, recordPointer: (i) => `/${i}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).issues).toEqual([{ pointer: '/1/name', code: 'TEXT_OVERFLOW', params: { element: 'body', maxLines: 2, lines: 5 } }]);
  });
  it('rejects text that flowing pushes below its area, naming the field that was pushed', async () => {
    const bounded: LayoutSpec = {
      ...layout,
      pages: [{ id: 'p', elements: [
        { id: 'body', type: 'text', xMm: 10, yMm: 30, widthMm: 20, maxLines: 3, lineHeightPt: 18, font: 'kai', sizePt: 12, runs: [{ bind: '/name' }] },
        { id: 'last', type: 'text', xMm: 10, yMm: 36, after: { id: 'body', gapMm: 6 }, maxBaselineMm: 45, font: 'kai', sizePt: 12, runs: [{ bind: '/issuer' }] },
      ] }],
    };
    const ok = await resolveDocument({ formId: 't', layout: bounded, records: [{ name: '一二', issuer: '甲' }], measure });
    expect(ok.pages.length).toBe(1);
    const err = await resolveDocument({ formId: 't', layout: bounded, records: [{ name: '一二三四五六七八九十', issuer: '甲' }], measure }).catch((e: unknown) => e);
    expect((err as UserError).issues).toEqual([{ pointer: '/issuer', code: 'TEXT_NO_ROOM', params: { element: 'last', baseline: 48.7, limit: 45 } }]);
  });
  it('rejects an unknown variant with its pointer', async () => {
    const err = await resolveDocument({ formId: 't', layout, records: [{ options: { variants: ['nope'] } }], measure }).catch((e: unknown) => e);
    expect((err as UserError).issues[0]).toMatchObject({ pointer: '/options/variants/0', code: 'UNKNOWN_VARIANT' });
  });
});

describe('imposition', () => {
  const card: LayoutSpec = {
    kind: 'card',
    page: { widthMm: 80, heightMm: 110 },
    pages: [
      { id: 'front', elements: [{ id: 'f', type: 'text', xMm: 5, yMm: 10, font: 'hei', sizePt: 12, runs: [{ bind: '/n' }] }] },
      { id: 'back', elements: [{ id: 'b', type: 'text', xMm: 5, yMm: 10, font: 'hei', sizePt: 12, runs: [{ bind: '/n' }] }] },
    ],
    imposition: { sheetWidthMm: 210, sheetHeightMm: 297, columns: 2, rows: 2, gapXMm: 14, gapYMm: 14, cropMarks: { lengthMm: 4, offsetMm: 2, strokePt: 0.25 } },
  };
  it('puts each back behind its front for long-edge duplex, with 8 crop marks per card', async () => {
    const records = [1, 2, 3, 4, 5].map((n) => ({ n: String(n) }));
    const doc = await resolveDocument({ formId: 'c', layout: card, records, measure, mode: 'imposed' });
    expect(doc.pages.map((p) => p.label)).toEqual(['sheet 1/front', 'sheet 1/back', 'sheet 2/front', 'sheet 2/back']);
    const [front, back] = doc.pages;
    const x0 = mm((210 - (2 * 80 + 14)) / 2);
    expect(front!.groups.map((g) => [g.record, g.dx])).toEqual([[0, x0], [1, x0 + mm(94)], [2, x0], [3, x0 + mm(94)]]);
    // mirrored columns: record 0's back sits where a right-hand card's front is
    expect(back!.groups.map((g) => [g.record, g.dx])).toEqual([[0, x0 + mm(94)], [1, x0], [2, x0 + mm(94)], [3, x0]]);
    for (const g of front!.groups) expect(back!.groups.find((b) => b.record === g.record)!.dy).toBe(g.dy);
    expect(front!.sheetItems.length).toBe(4 * 8);
    expect(doc.pages[2]!.groups.length).toBe(1);
  });
});
