/**
 * ResolvedDocument → the plain view the canvas template prints. Everything here
 * is a number formatted in mm, a CSS class chosen from a fixed set, an asset URL
 * built from a server-generated id, or a text string that Handlebars escapes.
 * No input data ever reaches an attribute (R-TPL-2).
 */
import { assetUrl } from '../assets.js';
import { cssMm, type Emu } from '../../layout/units.js';
import type { ResolvedDocument, ResolvedItem, ResolvedRun } from '../../layout/types.js';

const n = (e: number) => cssMm(e as Emu);

const runClass = (r: ResolvedRun): string =>
  `f-${r.font}${r.bold ? ' b' : ''}${r.underline ? ' u' : ''}`;

function itemView(it: ResolvedItem) {
  const flags = { isRect: false, isLine: false, isText: false, isImage: false, isQr: false };
  switch (it.type) {
    case 'rect':
      return { ...flags, isRect: true, cls: it.role ?? 'box', x: n(it.x), y: n(it.y), w: n(it.w), h: n(it.h), stroke: n(it.stroke),
        dash: it.dash ? it.dash.map(n).join(' ') : '' };
    case 'line':
      return { ...flags, isLine: true, x1: n(it.x1), y1: n(it.y1), x2: n(it.x2), y2: n(it.y2), stroke: n(it.stroke),
        dash: it.dash ? it.dash.map(n).join(' ') : '' };
    case 'text':
      return { ...flags, isText: true, size: n(it.size),
        lines: it.lines.map((l) => ({ x: n(l.x), y: n(l.y), anchor: l.anchor, runs: l.runs.map((r) => ({ cls: runClass(r), text: r.text })) })) };
    case 'image':
      return { ...flags, isImage: true, x: n(it.x), y: n(it.y), w: n(it.w), h: n(it.h), href: assetUrl({ kind: 'image', id: it.assetId }) };
    case 'qr': {
      const d = it.cells.map(([p, len]) => `M${p % it.modules} ${Math.floor(p / it.modules)}h${len}v1h-${len}z`).join('');
      return { ...flags, isQr: true, x: n(it.x), y: n(it.y), scale: String(+(it.size / it.modules / 36000).toFixed(8)), d };
    }
  }
}

export function canvasView(doc: ResolvedDocument, title: string, cssUrl: string) {
  return {
    title,
    cssUrl,
    pages: doc.pages.map((p) => ({
      w: n(p.width), h: n(p.height), label: p.label,
      groups: p.groups.map((g) => ({
        transform: g.dx || g.dy ? `translate(${n(g.dx)} ${n(g.dy)})` : '',
        items: g.items.map(itemView),
      })),
      marks: p.sheetItems.map(itemView),
    })),
  };
}
