/**
 * HTML backend for flow kinds (the filing documents): a FlowDocument becomes one HTML document in
 * the kind's template (templates/kinds/flow.hbs, or the form folder's own template.hbs), plus the
 * asset bundle it may load (its stylesheet and the subset fonts). Pure: no I/O. Chromium lays the
 * pages out and repeats table header rows (thead) on every page (R-FORM-3).
 */
import type { Asset, AssetBundle } from '../assets.js';
import { assetUrl, cssAsset } from '../assets.js';
import type { FlowDocument } from '../../layout/flow/types.js';
import { cssMm, type Emu } from '../../layout/units.js';
import type { FontCss, HtmlOutput } from './canvas-html.js';
import { flowCss, flowView, StyleClasses } from './flow-view.js';
import type { TemplateEnv } from './handlebars-env.js';

export function renderFlowHtml(doc: FlowDocument, env: TemplateEnv, fonts: FontCss & { readonly stacks: Readonly<Record<string, string>> }): HtmlOutput {
  const pn = doc.page.pageNumbers;
  // The view interns its geometry into classes first; the stylesheet (and so its asset id) follows.
  const classes = new StyleClasses();
  const view = flowView(doc, (font, bold) => `f-${font}${bold ? ' b' : ''}`, classes);
  const css = `${flowCss(doc)}
${classes.css()}
:root { --page-number-font: ${pn ? fonts.stacks[pn.style.font] : 'serif'} }
.b { font-weight: bold }
${fonts.css}`;
  const sheet = cssAsset(css);
  const bundle = new Map<string, Asset>();
  for (const a of fonts.assets) bundle.set(a.id, a);
  bundle.set(sheet.id, sheet);
  const template = env.form(doc.formId) ?? env.kind('flow');
  const html = template({ ...view, cssUrl: assetUrl(sheet) });
  return { html, assets: bundle as AssetBundle, pageWidthMm: Number(cssMm(doc.page.width as Emu)), pageHeightMm: Number(cssMm(doc.page.height as Emu)) };
}
