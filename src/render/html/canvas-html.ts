/**
 * HTML backend for canvas kinds (certificates, cards): a ResolvedDocument
 * becomes one HTML document with one mm-unit SVG per page, plus the asset
 * bundle it may load (fonts, fitted images, its stylesheet). Pure: no I/O.
 * SVG geometry is exact in Chromium's PDF (rendering-notes.md); CSS only sets
 * the page size and the font stacks.
 */
import type { Asset, AssetBundle } from '../assets.js';
import { assetUrl, cssAsset } from '../assets.js';
import type { ResolvedDocument } from '../../layout/types.js';
import { cssMm, type Emu } from '../../layout/units.js';
import { canvasView } from './canvas-view.js';
import type { TemplateEnv } from './handlebars-env.js';

export interface FontCss {
  /** @font-face rules and the .f-<role> classes (from the fonts module, never from data). */
  readonly css: string;
  readonly assets: readonly Asset[];
}

export interface HtmlOutput {
  readonly html: string;
  readonly assets: AssetBundle;
  readonly pageWidthMm: number;
  readonly pageHeightMm: number;
}

export function renderCanvasHtml(doc: ResolvedDocument, env: TemplateEnv, fonts: FontCss, title: string): HtmlOutput {
  const first = doc.pages[0];
  if (!first) throw new Error('document has no pages');
  const w = cssMm(first.width as Emu), h = cssMm(first.height as Emu);
  const css = `@page { size: ${w}mm ${h}mm; margin: 0 }
html, body { margin: 0; padding: 0; background: #fff }
svg.page { display: block; break-after: page; overflow: hidden }
svg.page:last-of-type { break-after: auto }
text { white-space: pre }
.b { font-weight: bold }
.u { text-decoration: underline }
.qr { fill: #000; shape-rendering: crispEdges }
${fonts.css}`;
  const sheet = cssAsset(css);
  const bundle = new Map<string, Asset>();
  for (const a of fonts.assets) bundle.set(a.id, a);
  bundle.set(sheet.id, sheet);
  for (const [id, img] of doc.images) bundle.set(id, { id, kind: 'image', contentType: img.mediaType, bytes: img.bytes });
  const template = env.form(doc.formId) ?? env.kind('canvas');
  const html = template(canvasView(doc, title, assetUrl(sheet)));
  return { html, assets: bundle, pageWidthMm: Number(w), pageHeightMm: Number(h) };
}
