/**
 * The one entry point every caller (CLI, API, packets) uses to turn a document's data into a
 * file: validate → resolve → pdf | docx | html. It dispatches on what the form folder declares
 * (a canvas layout for certificates and cards, a flow layout for the filing documents) and on
 * the manifest's `outputs`; a format a document does not have is FORMAT_UNSUPPORTED (400).
 */
import { UserError } from '../errors/user-error.js';
import type { ValidationIssue } from '../errors/issue.js';
import type { FontReport } from '../fonts/index.js';
import type { Engine } from './engine.js';
import { renderForm } from './render-form.js';
import { flowHtml, flowPdf, resolveFlowForm } from './render-flow.js';
import { selfContainedHtml } from '../render/html/self-contained.js';
import { docxFontNames, renderFlowDocx } from '../render/docx/index.js';

export type DocumentFormat = 'pdf' | 'docx' | 'html';

export const CONTENT_TYPES: Readonly<Record<DocumentFormat, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

export interface DocumentRenderRequest {
  readonly formId: string;
  readonly input: unknown;
  readonly format: DocumentFormat;
  /** Canvas documents only: 'pages' (default) or 'imposed' (supervisor cards on A4 sheets). */
  readonly mode?: 'pages' | 'imposed';
  /** Fixed clock for document metadata (deterministic output). */
  readonly creationDate?: Date;
}

export interface DocumentRenderResult {
  readonly bytes: Uint8Array;
  readonly format: DocumentFormat;
  readonly contentType: string;
  /** Pages printed (PDF); for DOCX and HTML the pages the PDF of the same data has, when known. */
  readonly pageCount?: number;
  /** Records in the document (a canvas batch prints one certificate or card per record; flow documents 1). */
  readonly records: number;
  readonly warnings: readonly ValidationIssue[];
  /** Which font served each role and every character that fell back (PDF and HTML). */
  readonly fonts?: FontReport;
}

/** The formats a document can be rendered to (its manifest's `outputs`). */
export function documentFormats(engine: Engine, formId: string): readonly DocumentFormat[] {
  const outputs = engine.form(formId).manifest.outputs as readonly string[];
  const formats = outputs.filter((o): o is DocumentFormat => o === 'pdf' || o === 'docx');
  return formats.includes('pdf') ? [...formats, 'html'] : formats;
}

export async function renderDocument(engine: Engine, req: DocumentRenderRequest): Promise<DocumentRenderResult> {
  const formats = documentFormats(engine, req.formId);
  if (!formats.includes(req.format))
    throw new UserError({ pointer: '', code: 'FORMAT_UNSUPPORTED', params: { id: req.formId, format: req.format, formats: formats.join(', ') || '—' } });
  if (engine.form(req.formId).flow) return renderFlowDocument(engine, req);
  const r = await renderForm(engine, {
    formId: req.formId,
    input: req.input,
    format: req.format === 'html' ? 'html' : 'pdf',
    ...(req.mode ? { mode: req.mode } : {}),
    ...(req.creationDate ? { creationDate: req.creationDate } : {}),
  });
  const bytes = req.format === 'html' && r.html ? new TextEncoder().encode(selfContainedHtml(r.html)) : r.bytes;
  return { bytes, format: req.format, contentType: CONTENT_TYPES[req.format], pageCount: r.pageCount, records: r.records, warnings: r.warnings, fonts: r.fonts };
}

async function renderFlowDocument(engine: Engine, req: DocumentRenderRequest): Promise<DocumentRenderResult> {
  if (req.mode && req.mode !== 'pages') throw new UserError({ pointer: '', code: 'MODE_UNSUPPORTED', params: { id: req.formId, mode: req.mode } });
  const { doc, warnings } = resolveFlowForm(engine, req.formId, req.input);
  const base = { format: req.format, contentType: CONTENT_TYPES[req.format], records: 1, warnings };
  switch (req.format) {
    case 'pdf': {
      const pdf = await flowPdf(engine, doc, req.creationDate ?? new Date(0));
      return { ...base, bytes: pdf.bytes, pageCount: pdf.pageCount, fonts: pdf.fonts };
    }
    case 'html': {
      const { html, fonts } = await flowHtml(engine, doc);
      return { ...base, bytes: new TextEncoder().encode(selfContainedHtml(html)), fonts };
    }
    case 'docx':
      return { ...base, bytes: await renderFlowDocx(doc, { fonts: docxFontNames(engine.fonts.config), ...(req.creationDate ? { creationDate: req.creationDate } : {}) }) };
  }
}
