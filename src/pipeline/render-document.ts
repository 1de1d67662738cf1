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
import { docxFontNames, renderFlowDocx, type FontNames } from '../render/docx/index.js';

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
  const [r] = await renderDocumentFormats(engine, { ...req, formats: [req.format] });
  return r!;
}

/**
 * The same data in several formats (a packet item's PDF and DOCX, the demo's): the input is
 * validated and a flow document resolved once, then each format is produced from it.
 */
export async function renderDocumentFormats(
  engine: Engine,
  req: Omit<DocumentRenderRequest, 'format'> & { readonly formats: readonly DocumentFormat[] },
): Promise<DocumentRenderResult[]> {
  const available = documentFormats(engine, req.formId);
  for (const format of req.formats)
    if (!available.includes(format))
      throw new UserError({ pointer: '', code: 'FORMAT_UNSUPPORTED', params: { id: req.formId, format, formats: available.join(', ') || '—' } });
  if (engine.form(req.formId).flow) return renderFlowFormats(engine, req);
  const out: DocumentRenderResult[] = [];
  for (const format of req.formats) {
    const r = await renderForm(engine, {
      formId: req.formId,
      input: req.input,
      format: format === 'html' ? 'html' : 'pdf',
      ...(req.mode ? { mode: req.mode } : {}),
      ...(req.creationDate ? { creationDate: req.creationDate } : {}),
    });
    const bytes = format === 'html' && r.html ? new TextEncoder().encode(selfContainedHtml(r.html)) : r.bytes;
    out.push({ bytes, format, contentType: CONTENT_TYPES[format], pageCount: r.pageCount, records: r.records, warnings: r.warnings, fonts: r.fonts });
  }
  return out;
}

/** DOCX font names per engine: read from its fonts configuration once. */
const docxFonts = new WeakMap<Engine, FontNames>();
function docxFontsOf(engine: Engine): FontNames {
  let f = docxFonts.get(engine);
  if (!f) docxFonts.set(engine, (f = docxFontNames(engine.fonts.config)));
  return f;
}

async function renderFlowFormats(
  engine: Engine,
  req: Omit<DocumentRenderRequest, 'format'> & { readonly formats: readonly DocumentFormat[] },
): Promise<DocumentRenderResult[]> {
  if (req.mode && req.mode !== 'pages') throw new UserError({ pointer: '', code: 'MODE_UNSUPPORTED', params: { id: req.formId, mode: req.mode } });
  const { doc, warnings } = resolveFlowForm(engine, req.formId, req.input);
  const out: DocumentRenderResult[] = [];
  for (const format of req.formats) {
    const base = { format, contentType: CONTENT_TYPES[format], records: 1, warnings };
    switch (format) {
      case 'pdf': {
        const pdf = await flowPdf(engine, doc, req.creationDate ?? new Date(0));
        out.push({ ...base, bytes: pdf.bytes, pageCount: pdf.pageCount, fonts: pdf.fonts });
        break;
      }
      case 'html': {
        const { html, fonts } = await flowHtml(engine, doc);
        out.push({ ...base, bytes: new TextEncoder().encode(selfContainedHtml(html)), fonts });
        break;
      }
      case 'docx':
        out.push({ ...base, bytes: await renderFlowDocx(doc, { fonts: docxFontsOf(engine), ...(req.creationDate ? { creationDate: req.creationDate } : {}) }) });
        break;
    }
  }
  return out;
}
