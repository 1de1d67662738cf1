/**
 * The completed 名册 as PDF: templates/issuance/roster.hbs rendered through the engine's Chromium
 * pool under the same page policy as every document (JavaScript off, every request answered from
 * the job's assets or aborted: reliability-anchors.md §1.2). A4 landscape; the table header is a
 * <thead>, which Chromium repeats on every printed page; page numbers in the bottom margin box.
 * Sizes come from roster.layout.json; fonts are the project roles (黑体 headers, 宋体 cells), subset
 * to the characters printed; Latin letters and digits in the Times role, as Word sets them beside
 * 宋体, so that 18-digit ID and 22-character certificate numbers fit their columns on one line.
 */
import type { Engine } from '../../pipeline/engine.js';
import { renderPdf } from '../../render/pdf/pdf-renderer.js';
import { assetUrl, cssAsset, type Asset } from '../../render/assets.js';
import { subsetFontAssets } from '../../fonts/subset.js';
import { SystemError } from '../../errors/user-error.js';
import { rosterLayout } from './roster-layout.js';
import type { RosterRow } from './roster-rows.js';

const PAGE_LABEL = ['第 ', ' 页，共 ', ' 页'] as const;

function rosterCss(fontCss: string, cellFonts: string): string {
  const l = rosterLayout();
  const t = l.type;
  const cols = l.columns.map((c, i) => `col.c${i} { width: ${c.widthMm}mm }`).join('\n');
  const nowrap = l.columns.flatMap((c, i) => (c.nowrap ? [`td:nth-child(${i + 1})`] : [])).join(', ');
  const tableWidth = l.columns.reduce((s, c) => s + c.widthMm, 0);
  return `@page {
  size: ${l.page.widthMm}mm ${l.page.heightMm}mm;
  margin: ${l.page.marginMm}mm;
  @bottom-center { content: "${PAGE_LABEL[0]}" counter(page) "${PAGE_LABEL[1]}" counter(pages) "${PAGE_LABEL[2]}"; font-family: sef-song, serif; font-size: ${t.pageNumberPt}pt }
}
html, body { margin: 0; padding: 0; background: #fff }
h1 { font-size: ${t.titlePt}pt; font-weight: bold; text-align: center; margin: 0 0 ${t.titleGapMm}mm 0 }
p.caption { font-size: ${t.captionPt}pt; margin: 0 0 ${t.captionGapMm}mm 0; font-family: ${cellFonts} }
table { border-collapse: collapse; table-layout: fixed; width: ${tableWidth}mm }
thead { display: table-header-group }
tr { break-inside: avoid }
th, td { border: ${t.ruleWidthPt}pt solid #000; padding: ${t.cellPaddingMm}mm; vertical-align: middle; overflow-wrap: anywhere; word-break: break-all }
th { font-size: ${t.headerPt}pt; font-weight: bold; text-align: center }
td { font-size: ${t.bodyPt}pt; font-family: ${cellFonts}; line-height: ${t.bodyLineHeight} }
${nowrap} { white-space: nowrap; overflow-wrap: normal; word-break: normal }
${cols}
${fontCss}`;
}

export interface RosterPdfOptions {
  /** Under the title, e.g. 评价机构、发证日期、人数 (inferred caption; the seed prints only the title). */
  readonly caption: string;
  readonly creationDate: Date;
}

export async function rosterPdfBytes(engine: Engine, rows: readonly RosterRow[], opts: RosterPdfOptions): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const l = rosterLayout();
  const cells = rows.map((r) => l.columns.map((c) => r[c.id]));
  const runs = [
    { role: 'hei', text: l.title + l.columns.map((c) => c.header).join('') },
    { role: 'song', text: opts.caption + PAGE_LABEL.join('') + '0123456789' + cells.map((r) => r.join('')).join('') },
    { role: 'times', text: opts.caption + cells.map((r) => r.join('')).join('') },
  ];
  const fonts = await subsetFontAssets(engine.fonts, engine.fontFaces, runs);
  // Cells: Latin letters and digits in the Times role (0.5 em digits: codes fit their columns), Chinese in 宋体.
  const css = cssAsset(rosterCss(engine.fontFaces.css, engine.fontFaces.roles.times.stack));
  const assets = new Map<string, Asset>([[css.id, css], ...fonts.map((f) => [f.id, f] as const)]);
  const html = engine.templates.issuance('roster')({ title: l.title, caption: opts.caption, cssUrl: assetUrl(css), columns: l.columns, rows: cells });
  const pdf = await renderPdf(await engine.pool(), {
    html,
    assets,
    pageWidthMm: l.page.widthMm,
    pageHeightMm: l.page.heightMm,
    title: l.title,
    creationDate: opts.creationDate,
  });
  if (pdf.blockedRequests.length)
    throw new SystemError('OUTPUT_REQUEST_BLOCKED', `the roster page tried to load ${pdf.blockedRequests.join(', ')}`);
  return pdf;
}
