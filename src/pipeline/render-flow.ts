/**
 * validate → resolve (flow) → HTML → PDF for one filing document (covers, table forms, rosters,
 * the summary table, outlines, checklists). One record per document; the DOCX backend takes the
 * same FlowDocument (src/render/docx).
 */
import { UserError } from '../errors/user-error.js';
import type { ValidationIssue } from '../errors/issue.js';
import { resolveFlow } from '../layout/flow/resolve.js';
import type { FlowDocument } from '../layout/flow/types.js';
import { renderFlowHtml } from '../render/html/flow-html.js';
import type { HtmlOutput } from '../render/html/canvas-html.js';
import { renderPdf } from '../render/pdf/pdf-renderer.js';
import { fontReport, type FontReport } from '../fonts/index.js';
import { subsetFontAssets } from '../fonts/subset.js';
import type { Engine } from './engine.js';
import { validateRecords } from './render-form.js';

export interface ResolvedFlow {
  readonly doc: FlowDocument;
  readonly warnings: readonly ValidationIssue[];
}

/** Validates the record (one document, never a batch) and resolves it. */
export function resolveFlowForm(engine: Engine, formId: string, input: unknown): ResolvedFlow {
  const form = engine.form(formId);
  if (!form.flow) throw new UserError({ pointer: '', code: 'FORMAT_UNSUPPORTED', params: { id: formId, format: 'flow', formats: '—' } });
  if (Array.isArray(input)) throw new UserError({ pointer: '', code: 'FLOW_SINGLE_RECORD', params: { id: formId } });
  const { records, warnings } = validateRecords(engine, formId, input);
  const doc = resolveFlow({
    formId,
    title: form.manifest.title.zh,
    layout: form.flow,
    data: records[0],
    defaults: form.manifest.defaults ?? {},
    latinRoles: engine.latinRoles,
  });
  return { doc, warnings };
}

export async function flowHtml(engine: Engine, doc: FlowDocument): Promise<{ html: HtmlOutput; fonts: FontReport }> {
  const fonts = fontReport(engine.fonts, doc.textRuns.map((r) => ({ role: r.role, text: r.text, ...(r.bold ? { bold: true } : {}) })));
  const assets = await subsetFontAssets(engine.fonts, engine.fontFaces, doc.textRuns.map((r) => ({ role: r.role, text: r.text })));
  const stacks = Object.fromEntries(Object.entries(engine.fontFaces.roles).map(([k, v]) => [k, v.stack]));
  return { html: renderFlowHtml(doc, engine.templates, { css: engine.fontFaces.css, assets, stacks }), fonts };
}

export async function flowPdf(engine: Engine, doc: FlowDocument, creationDate: Date): Promise<{ bytes: Uint8Array; pageCount: number; fonts: FontReport; blockedRequests: readonly string[] }> {
  const { html, fonts } = await flowHtml(engine, doc);
  const pdf = await renderPdf(await engine.pool(), {
    html: html.html,
    assets: html.assets,
    pageWidthMm: html.pageWidthMm,
    pageHeightMm: html.pageHeightMm,
    title: doc.title,
    creationDate,
  });
  return { bytes: pdf.bytes, pageCount: pdf.pageCount, fonts, blockedRequests: pdf.blockedRequests };
}
