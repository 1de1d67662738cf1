/**
 * resolve: (layout spec, validated records, options, font metrics) → a
 * ResolvedDocument in integer EMU. Every decision about what goes where is made
 * here, once; the HTML/PDF backend only translates, and the conformance tests
 * compare the printed PDF against this same structure.
 */
import { UserError, type IssueRef } from '../errors/user-error.js';
import { breakLines } from './line-break.js';
import { formatValue } from './format.js';
import { fitImage } from './images.js';
import { getPointer } from './pointer.js';
import { qrMatrix } from './qr.js';
import { splitLatin } from './latin.js';
import { EMU_PER_MM, mm, pt, ptToMm, type Emu } from './units.js';
import type {
  ElementSpec, FontRole, ImageInput, LayoutSpec, ResolvedDocument, ResolvedItem,
  ResolvedLine, ResolvedPage, ResolvedRun, RunSpec, TextSpec,
} from './types.js';

/** Advance width in mm of `text` set in `role` at `sizePt`. */
export type Measure = (role: FontRole, bold: boolean, sizePt: number, text: string) => number;

export interface ResolveInput {
  readonly formId: string;
  readonly layout: LayoutSpec;
  /** Validated data, one record per certificate/card. */
  readonly records: readonly unknown[];
  /** Defaults of data.options from the manifest. */
  readonly defaults?: Readonly<Record<string, unknown>>;
  readonly measure: Measure;
  /** `imposed` places the pages on sheets (layout.imposition). */
  readonly mode?: 'pages' | 'imposed';
  /** Roles whose Latin letters, digits and spaces are set in another role (fonts.json `latin`). */
  readonly latinRoles?: Readonly<Partial<Record<FontRole, FontRole>>>;
  /** Pointer prefix of record i in the caller's input ('' for a single record). */
  readonly recordPointer?: (i: number) => string;
}

interface Ctx {
  readonly latinRoles: Readonly<Partial<Record<FontRole, FontRole>>>;
  readonly data: unknown;
  readonly constants: Readonly<Record<string, string>>;
  readonly base: string;
}

const truthy = (v: unknown) => !(v === undefined || v === null || v === false || v === '' || (Array.isArray(v) && v.length === 0));

function contextFor(record: unknown, defaults: Readonly<Record<string, unknown>>): unknown {
  const r = (record ?? {}) as Record<string, unknown>;
  const opts = (r.options ?? {}) as Record<string, unknown>;
  return { ...r, options: { ...defaults, ...opts } };
}

function whenHolds(when: string, data: unknown): boolean {
  const neg = when.startsWith('!');
  const v = truthy(getPointer(data, neg ? when.slice(1) : when));
  return neg ? !v : v;
}

const isVisible = (el: ElementSpec, data: unknown): boolean => el.when === undefined || whenHolds(el.when, data);

/** Applies the layout variants named in options.variants (element patches by id). */
export function applyVariants(layout: LayoutSpec, names: readonly string[], pointer = '/options/variants'): LayoutSpec {
  if (!names.length) return layout;
  const patches: Record<string, Record<string, unknown>> = {};
  names.forEach((n, i) => {
    const v = layout.variants?.[n];
    if (!v) throw new UserError({ pointer: `${pointer}/${i}`, code: 'UNKNOWN_VARIANT', params: { variant: n } });
    for (const [id, p] of Object.entries(v.elements ?? {})) patches[id] = { ...patches[id], ...p };
  });
  return {
    ...layout,
    pages: layout.pages.map((p) => ({
      ...p,
      elements: p.elements.map((e) => (patches[e.id] ? ({ ...e, ...patches[e.id] } as ElementSpec) : e)),
    })),
  };
}

function runText(run: RunSpec, ctx: Ctx): string {
  if (run.bind !== undefined) {
    const v = getPointer(ctx.data, run.bind);
    const s = formatValue(v, run.format).trim();
    return s === '' ? (run.empty ?? '') : s;
  }
  return (run.text ?? '').replace(/\{=([A-Za-z0-9_-]+)\}/g, (_, k: string) => {
    const c = ctx.constants[k];
    if (c === undefined) throw new Error(`layout constant ${k} is not defined`);
    return c;
  });
}


function resolveText(el: TextSpec, ctx: Ctx, measure: Measure, lastBaseline: ReadonlyMap<string, number>): ResolvedItem | undefined {
  const runs: ResolvedRun[] = el.runs
    .filter((r) => r.when === undefined || whenHolds(r.when, ctx.data))
    .map((r) => ({ text: runText(r, ctx), font: r.font ?? el.font, bold: r.bold ?? el.bold ?? false, underline: r.underline ?? false }))
    .flatMap((r) => splitLatin(r, ctx.latinRoles[r.font]))
    .filter((r) => r.text !== '')
    // a sentence-ending "." after a value that already ends with one ("Co., Ltd.") is not doubled
    .filter((r, i, all) => !(r.text === '.' && i > 0 && all[i - 1]!.text.endsWith('.')));
  if (!runs.length) return undefined;
  const m = (r: ResolvedRun, t: string) => measure(r.font, r.bold, el.sizePt, t);
  const anchor = el.anchor ?? 'start';
  const broken =
    el.widthMm !== undefined
      ? breakLines(runs, el.widthMm, el.firstLineIndentMm ?? 0, m)
      : [{ runs, widthMm: runs.reduce((s, r) => s + m(r, r.text), 0) }];
  const maxLines = el.maxLines ?? (el.widthMm === undefined ? 1 : 40);
  if (broken.length > maxLines) {
    const bound = el.runs.find((r) => r.bind)?.bind;
    throw new UserError({
      pointer: bound ? ctx.base + bound : ctx.base,
      code: 'TEXT_OVERFLOW',
      params: { element: el.id, maxLines, lines: broken.length },
    });
  }
  // the meta-schema requires lineHeightPt on every element that may wrap
  if (broken.length > 1 && el.lineHeightPt === undefined) throw new Error(`layout element ${el.id} wraps but declares no lineHeightPt`);
  const lh = ptToMm(el.lineHeightPt ?? 0);
  const prev = el.after ? lastBaseline.get(el.after.id) : undefined;
  const y0 = prev === undefined ? el.yMm : Math.max(el.yMm, prev + el.after!.gapMm);
  const lastY = y0 + (broken.length - 1) * lh;
  if (el.maxBaselineMm !== undefined && lastY > el.maxBaselineMm + 1e-6) {
    const bound = el.runs.find((r) => r.bind)?.bind;
    throw new UserError({
      pointer: bound ? ctx.base + bound : ctx.base,
      code: 'TEXT_NO_ROOM',
      params: { element: el.id, baseline: +lastY.toFixed(2), limit: el.maxBaselineMm },
    });
  }
  const lines: ResolvedLine[] = broken.map((ln, i) => ({
    x: mm(el.xMm + (i === 0 && anchor === 'start' ? el.firstLineIndentMm ?? 0 : 0)),
    y: mm(y0 + i * lh),
    anchor,
    runs: ln.runs,
    measuredWidth: mm(ln.widthMm),
  }));
  return { type: 'text', id: el.id, size: pt(el.sizePt), lines };
}

async function resolveElement(
  el: ElementSpec, ctx: Ctx, measure: Measure, images: Map<string, ImageInput>, issues: IssueRef[],
  lastBaseline: ReadonlyMap<string, number>,
): Promise<ResolvedItem | undefined> {
  switch (el.type) {
    case 'rect':
      return { type: 'rect', id: el.id, x: mm(el.xMm), y: mm(el.yMm), w: mm(el.widthMm), h: mm(el.heightMm), stroke: pt(el.strokePt),
        ...(el.dashMm ? { dash: el.dashMm.map(mm) } : {}), ...(el.role ? { role: el.role } : {}) };
    case 'line':
      return { type: 'line', id: el.id, x1: mm(el.x1Mm), y1: mm(el.y1Mm), x2: mm(el.x2Mm), y2: mm(el.y2Mm), stroke: pt(el.strokePt),
        ...(el.dashMm ? { dash: el.dashMm.map(mm) } : {}) };
    case 'text':
      try {
        return resolveText(el, ctx, measure, lastBaseline);
      } catch (e) {
        if (e instanceof UserError) { issues.push(...e.issues); return undefined; }
        throw e;
      }
    case 'image':
    case 'seal': {
      const v = getPointer(ctx.data, el.bind) as { mediaType?: string; base64?: string } | undefined;
      const pointer = ctx.base + el.bind;
      if (!v || typeof v.base64 !== 'string') {
        if (el.required) issues.push({ pointer, code: 'IMAGE_REQUIRED', params: { element: el.id } });
        return undefined;
      }
      try {
        const fitted = await fitImage(
          { bytes: new Uint8Array(Buffer.from(v.base64, 'base64')), mediaType: v.mediaType as ImageInput['mediaType'] },
          { widthMm: el.widthMm, heightMm: el.heightMm },
          el.fit ?? (el.type === 'seal' ? 'contain' : 'cover'),
          pointer,
        );
        images.set(fitted.assetId, fitted.image);
        return { type: 'image', id: el.id, x: mm(el.xMm), y: mm(el.yMm), w: mm(el.widthMm), h: mm(el.heightMm), assetId: fitted.assetId,
          role: el.type === 'seal' ? 'seal' : 'image' };
      } catch (e) {
        if (e instanceof UserError) { issues.push(...e.issues); return undefined; }
        throw e;
      }
    }
    case 'qr': {
      const payload = el.payload.filter((r) => r.when === undefined || whenHolds(r.when, ctx.data)).map((r) => runText(r, ctx)).join('');
      if (!payload) { issues.push({ pointer: ctx.base, code: 'QR_PAYLOAD_EMPTY', params: {} }); return undefined; }
      const q = qrMatrix(payload, el.errorCorrection ?? 'M');
      return { type: 'qr', id: el.id, x: mm(el.xMm), y: mm(el.yMm), size: mm(el.sizeMm), payload, modules: q.modules, cells: q.cells };
    }
  }
}

/** Resolves every record's layout pages; in `imposed` mode they are placed on sheets. */
export async function resolveDocument(input: ResolveInput): Promise<ResolvedDocument> {
  const { layout, measure } = input;
  const defaults = input.defaults ?? {};
  const images = new Map<string, ImageInput>();
  const issues: IssueRef[] = [];
  const perRecord: { record: number; pageId: string; items: ResolvedItem[] }[][] = [];
  const textRuns: { role: FontRole; bold: boolean; text: string }[] = [];

  for (let i = 0; i < input.records.length; i++) {
    const base = input.recordPointer ? input.recordPointer(i) : '';
    const data = contextFor(input.records[i], defaults);
    const variants = (getPointer(data, '/options/variants') as string[] | undefined) ?? [];
    let lay: LayoutSpec;
    try {
      lay = applyVariants(layout, variants, `${base}/options/variants`);
    } catch (e) {
      if (e instanceof UserError) { issues.push(...e.issues); continue; }
      throw e;
    }
    const ctx: Ctx = { data, constants: lay.constants ?? {}, base, latinRoles: input.latinRoles ?? {} };
    const pages: { record: number; pageId: string; items: ResolvedItem[] }[] = [];
    for (const p of lay.pages) {
      const items: ResolvedItem[] = [];
      const lastBaseline = new Map<string, number>();
      for (const el of p.elements) {
        if (!isVisible(el, data)) continue;
        const item = await resolveElement(el, ctx, measure, images, issues, lastBaseline);
        if (!item) continue;
        items.push(item);
        if (item.type === 'text') lastBaseline.set(item.id, item.lines[item.lines.length - 1]!.y / EMU_PER_MM);
        if (item.type === 'text') for (const ln of item.lines) for (const r of ln.runs) textRuns.push({ role: r.font, bold: r.bold, text: r.text });
      }
      pages.push({ record: i, pageId: p.id, items });
    }
    perRecord.push(pages);
  }
  if (issues.length) throw new UserError(issues);

  const W = mm(layout.page.widthMm);
  const H = mm(layout.page.heightMm);
  let pages: ResolvedPage[];
  if (input.mode === 'imposed') {
    if (!layout.imposition) throw new Error(`${input.formId} has no imposition in its layout`);
    pages = impose(perRecord, layout, W, H);
  } else {
    pages = perRecord.flat().map((g) => ({
      width: W, height: H, label: `${g.record + 1}/${g.pageId}`,
      groups: [{ dx: 0 as Emu, dy: 0 as Emu, record: g.record, pageId: g.pageId, items: g.items }], sheetItems: [],
    }));
  }
  return { formId: input.formId, pages, images, textRuns };
}

/**
 * Imposition for lamination: `columns × rows` cards per sheet, a front sheet
 * and then its back sheet. For long-edge duplex the back sheet mirrors the
 * columns, so each card's back lands behind its front. Crop marks sit outside
 * every card's corners.
 */
function impose(perRecord: { record: number; pageId: string; items: ResolvedItem[] }[][], layout: LayoutSpec, W: Emu, H: Emu): ResolvedPage[] {
  const im = layout.imposition!;
  const SW = mm(im.sheetWidthMm), SH = mm(im.sheetHeightMm);
  const gx = mm(im.gapXMm), gy = mm(im.gapYMm);
  const cap = im.columns * im.rows;
  const x0 = Math.round((SW - (im.columns * W + (im.columns - 1) * gx)) / 2);
  const y0 = Math.round((SH - (im.rows * H + (im.rows - 1) * gy)) / 2);
  const sheets: ResolvedPage[] = [];
  const pageIds = layout.pages.map((p) => p.id);
  for (let start = 0; start < perRecord.length; start += cap) {
    const chunk = perRecord.slice(start, start + cap);
    pageIds.forEach((pageId, side) => {
      const groups: ResolvedPage['groups'][number][] = [];
      const marks: ResolvedItem[] = [];
      chunk.forEach((rec, k) => {
        const g = rec.find((p) => p.pageId === pageId);
        const row = Math.floor(k / im.columns);
        let col = k % im.columns;
        if (side % 2 === 1) col = im.columns - 1 - col; // long-edge duplex: mirror columns
        const dx = (x0 + col * (W + gx)) as Emu;
        const dy = (y0 + row * (H + gy)) as Emu;
        if (g) groups.push({ dx, dy, record: g.record, pageId, items: g.items });
        marks.push(...cropMarks(dx, dy, W, H, im.cropMarks, `${pageId}-${k}`));
      });
      sheets.push({ width: SW as Emu, height: SH as Emu, label: `sheet ${start / cap + 1}/${pageId}`, groups, sheetItems: marks });
    });
  }
  return sheets;
}

function cropMarks(x: number, y: number, w: number, h: number, cm: { lengthMm: number; offsetMm: number; strokePt: number }, id: string): ResolvedItem[] {
  const o = mm(cm.offsetMm), l = mm(cm.lengthMm), s = pt(cm.strokePt);
  const out: ResolvedItem[] = [];
  for (const [cx, sx] of [[x, -1], [x + w, 1]] as const)
    for (const [cy, sy] of [[y, -1], [y + h, 1]] as const) {
      out.push({ type: 'line', id: `crop-${id}`, x1: (cx + sx * o) as Emu, y1: cy as Emu, x2: (cx + sx * (o + l)) as Emu, y2: cy as Emu, stroke: s });
      out.push({ type: 'line', id: `crop-${id}`, x1: cx as Emu, y1: (cy + sy * o) as Emu, x2: cx as Emu, y2: (cy + sy * (o + l)) as Emu, stroke: s });
    }
  return out;
}

