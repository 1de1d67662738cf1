/**
 * Post-processing of Chromium's PDF with pdf-lib: exact page boxes and
 * deterministic metadata. Chromium never prints an exact size (A4 landscape
 * comes out 841.92×594.96 pt instead of 841.89×595.28), so every page gets
 * MediaBox = CropBox = TrimBox = BleedBox = ArtBox = [x0, top−H, x0+W, top],
 * anchored at the top-left corner Chromium laid the page out from
 * (rendering-notes.md "Geometry"). No text is drawn here: pdf-lib drops CJK
 * glyphs.
 */
import { PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { SystemError } from '../../errors/user-error.js';

export const PT_PER_MM = 72 / 25.4;
/** Metadata dates when the job gives none: fixed, so equal input gives equal bytes. */
export const FIXED_EPOCH = new Date(0);
export const PRODUCER = 'skill-eval-forms';
/** A page whose printed size is further than this from the job's is a template/layout mismatch. */
export const MAX_PAGE_SIZE_DRIFT_PT = 3;

export interface PageBoxOptions {
  readonly pageWidthMm: number;
  readonly pageHeightMm: number;
  readonly title?: string;
  readonly creationDate?: Date;
}

export interface FixedPdf {
  readonly bytes: Uint8Array;
  readonly pageCount: number;
}

export async function fixPageBoxes(pdf: Uint8Array, opts: PageBoxOptions): Promise<FixedPdf> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const w = opts.pageWidthMm * PT_PER_MM;
  const h = opts.pageHeightMm * PT_PER_MM;
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const m = page.getMediaBox();
    if (Math.abs(m.width - w) > MAX_PAGE_SIZE_DRIFT_PT || Math.abs(m.height - h) > MAX_PAGE_SIZE_DRIFT_PT)
      throw new SystemError(
        'RENDER_PAGE_SIZE_MISMATCH',
        `page ${i + 1} printed ${m.width.toFixed(2)}×${m.height.toFixed(2)} pt, the job says ${w.toFixed(2)}×${h.toFixed(2)} pt`,
      );
    const top = m.y + m.height;
    page.setMediaBox(m.x, top - h, w, h);
    page.setCropBox(m.x, top - h, w, h);
    page.setTrimBox(m.x, top - h, w, h);
    page.setBleedBox(m.x, top - h, w, h);
    page.setArtBox(m.x, top - h, w, h);
  });

  const date = opts.creationDate ?? FIXED_EPOCH;
  if (opts.title !== undefined) doc.setTitle(opts.title, { showInWindowTitleBar: true });
  else if (doc.getTitle() === 'about:blank') infoDict(doc)?.delete(PDFName.of('Title')); // Chromium's fallback
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  // Skia writes no XMP and no /ID today; XMP would repeat the dates, so drop any.
  const xmp = doc.catalog.get(PDFName.of('Metadata'));
  if (xmp instanceof PDFRef) doc.context.delete(xmp);
  doc.catalog.delete(PDFName.of('Metadata'));
  const bytes = await doc.save({ useObjectStreams: false });
  return { bytes, pageCount: pages.length };
}

function infoDict(doc: PDFDocument): PDFDict | undefined {
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  return info instanceof PDFDict ? info : undefined;
}
