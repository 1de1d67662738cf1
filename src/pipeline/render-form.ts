/**
 * validate → resolve → HTML → PDF for one document or a batch of records.
 * Input is one record (object) or a batch (array); a batch always renders as
 * ONE document, never one PDF per person (rendering-notes.md, Throughput).
 */
import { UserError } from '../errors/user-error.js';
import type { ValidationIssue } from '../errors/issue.js';
import { resolveDocument } from '../layout/resolve.js';
import type { ResolvedDocument } from '../layout/types.js';
import { renderCanvasHtml, type HtmlOutput } from '../render/html/canvas-html.js';
import { renderPdf } from '../render/pdf/pdf-renderer.js';
import { fontReport, type FontReport } from '../fonts/index.js';
import { subsetFontAssets } from '../fonts/subset.js';
import type { Engine } from './engine.js';
import { checkRecords } from './check-records.js';

export interface RenderRequest {
  readonly formId: string;
  readonly input: unknown;
  readonly format: 'pdf' | 'html';
  readonly mode?: 'pages' | 'imposed';
  /** Fixed clock for PDF metadata (deterministic output). */
  readonly creationDate?: Date;
}

export interface RenderResult {
  readonly bytes: Uint8Array;
  readonly pageCount: number;
  readonly records: number;
  readonly warnings: readonly ValidationIssue[];
  readonly fonts: FontReport;
  readonly resolved: ResolvedDocument;
  readonly blockedRequests: readonly string[];
  /** format html: the document with the assets it links (for a self-contained copy). */
  readonly html?: HtmlOutput;
}

/** Validates every record; throws one UserError with all issues (pointers prefixed for batches). */
export function validateRecords(engine: Engine, formId: string, input: unknown): { records: unknown[]; warnings: ValidationIssue[]; batch: boolean } {
  const { records, batch, errors, warnings } = checkRecords(engine.validator(formId), input);
  if (errors.length) throw new UserError(errors);
  return { records, warnings, batch };
}

export async function renderForm(engine: Engine, req: RenderRequest): Promise<RenderResult> {
  const form = engine.form(req.formId);
  const mode = req.mode ?? 'pages';
  if (!form.layout) throw new UserError({ pointer: '', code: 'MODE_UNSUPPORTED', params: { id: req.formId, mode: 'canvas' } });
  if (!(form.manifest.renderModes ?? ['pages']).includes(mode))
    throw new UserError({ pointer: '', code: 'MODE_UNSUPPORTED', params: { id: req.formId, mode } });
  const { records, warnings, batch } = validateRecords(engine, req.formId, req.input);
  const resolved = await resolveDocument({
    formId: req.formId,
    layout: form.layout,
    records,
    defaults: form.manifest.defaults ?? {},
    measure: engine.measure,
    latinRoles: engine.latinRoles,
    mode,
    recordPointer: (i) => (batch ? `/${i}` : ''),
  });
  const fonts = fontReport(engine.fonts, resolved.textRuns.map((r) => ({ role: r.role, text: r.text, ...(r.bold ? { bold: true } : {}) })));
  const runs = resolved.textRuns.map((r) => ({ role: r.role, text: r.text }));
  const fontAssets = await subsetFontAssets(engine.fonts, engine.fontFaces, runs);
  const html = renderCanvasHtml(resolved, engine.templates, { css: engine.fontFaces.css, assets: fontAssets }, form.manifest.title.zh);
  if (req.format === 'html') {
    return { bytes: new TextEncoder().encode(html.html), pageCount: resolved.pages.length, records: records.length, warnings, fonts, resolved, blockedRequests: [], html };
  }
  const pdf = await renderPdf(await engine.pool(), {
    html: html.html,
    assets: html.assets,
    pageWidthMm: html.pageWidthMm,
    pageHeightMm: html.pageHeightMm,
    title: form.manifest.title.zh,
    creationDate: req.creationDate ?? new Date(0),
  });
  return { bytes: pdf.bytes, pageCount: pdf.pageCount, records: records.length, warnings, fonts, resolved, blockedRequests: pdf.blockedRequests };
}
