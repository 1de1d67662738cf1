/**
 * validate → resolve → HTML → PDF for one document or a batch of records.
 * Input is one record (object) or a batch (array); a batch always renders as
 * ONE document, never one PDF per person (rendering-notes.md, Throughput).
 */
import { UserError, type IssueRef } from '../errors/user-error.js';
import type { ValidationIssue } from '../errors/issue.js';
import { resolveDocument } from '../layout/resolve.js';
import type { ResolvedDocument } from '../layout/types.js';
import { renderCanvasHtml } from '../render/html/canvas-html.js';
import { renderPdf } from '../render/pdf/pdf-renderer.js';
import { fontReport, type FontReport } from '../fonts/index.js';
import { subsetFontAssets } from '../fonts/subset.js';
import type { Engine } from './engine.js';

export const MAX_RECORDS_PER_DOCUMENT = 2000;

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
}

/** Validates every record; throws one UserError with all issues (pointers prefixed for batches). */
export function validateRecords(engine: Engine, formId: string, input: unknown): { records: unknown[]; warnings: ValidationIssue[]; batch: boolean } {
  const batch = Array.isArray(input);
  const records = batch ? (input as unknown[]) : [input];
  if (records.length > MAX_RECORDS_PER_DOCUMENT)
    throw new UserError({ pointer: '', code: 'BATCH_TOO_LARGE', params: { max: MAX_RECORDS_PER_DOCUMENT, count: records.length } });
  const validate = engine.validator(formId);
  const errors: IssueRef[] = [];
  const warnings: ValidationIssue[] = [];
  records.forEach((r, i) => {
    const res = validate(r);
    const prefix = batch ? `/${i}` : '';
    for (const e of res.errors) errors.push({ ...e, pointer: prefix + e.pointer });
    for (const w of res.warnings) warnings.push({ ...w, pointer: prefix + w.pointer });
  });
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
  const html = renderCanvasHtml(resolved, engine.templates, { css: engine.fontCss.css, assets: fontAssets }, form.manifest.title.zh);
  if (req.format === 'html') {
    return { bytes: new TextEncoder().encode(html.html), pageCount: resolved.pages.length, records: records.length, warnings, fonts, resolved, blockedRequests: [] };
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
