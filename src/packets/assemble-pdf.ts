/**
 * Merges the packet PDF with pdf-lib: the contents pages, then each item's pages in checklist
 * order. Generated documents and A4 supplied PDFs are copied page by page unchanged; other
 * supplied PDF pages are scaled to fit A4 (portrait or landscape by the page's own shape) and
 * centred, so the packet prints on A4 throughout; images are scaled to fit an A4 page within the
 * margins.
 */
import { PDFDocument, type PDFPage } from 'pdf-lib';

const mmToPt = (v: number): number => (v * 72) / 25.4;

/** The sheet every packet page is printed on (packets/layouts/sheets.json + the contents page size). */
export interface SheetSpec {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly imageMarginMm: number;
  /** Pages within this many mm of the sheet count as the sheet size. */
  readonly toleranceMm: number;
}

export type PacketPart =
  | { readonly type: 'pdf'; readonly bytes: Uint8Array; readonly pages: number }
  | { readonly type: 'image'; readonly mediaType: 'image/jpeg' | 'image/png'; readonly bytes: Uint8Array; readonly widthPx: number; readonly heightPx: number };

export interface AssembleOptions {
  readonly sheet: SheetSpec;
  readonly title: string;
  readonly creationDate: Date;
}

/** Appends the parts and returns the bytes and the page count each part took. */
export async function assemblePdf(parts: readonly PacketPart[], opts: AssembleOptions): Promise<{ bytes: Uint8Array; pagesPerPart: number[] }> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const pagesPerPart: number[] = [];
  for (const part of parts) {
    const before = out.getPageCount();
    if (part.type === 'pdf') await appendPdf(out, part.bytes, opts.sheet);
    else await appendImage(out, part, opts.sheet);
    pagesPerPart.push(out.getPageCount() - before);
  }
  out.setTitle(opts.title);
  out.setProducer('skill-eval-forms');
  out.setCreator('skill-eval-forms packet');
  out.setCreationDate(opts.creationDate);
  out.setModificationDate(opts.creationDate);
  return { bytes: await out.save(), pagesPerPart };
}

const sheetSize = (s: SheetSpec, landscape: boolean): [number, number] =>
  landscape ? [mmToPt(s.heightMm), mmToPt(s.widthMm)] : [mmToPt(s.widthMm), mmToPt(s.heightMm)];

const isSheet = (s: SheetSpec, wPt: number, hPt: number): boolean => {
  const tol = mmToPt(s.toleranceMm);
  const [a, b] = sheetSize(s, false);
  return (Math.abs(wPt - a) <= tol && Math.abs(hPt - b) <= tol) || (Math.abs(wPt - b) <= tol && Math.abs(hPt - a) <= tol);
};

async function appendPdf(out: PDFDocument, bytes: Uint8Array, sheet: SheetSpec): Promise<void> {
  const src = await PDFDocument.load(bytes, { updateMetadata: false });
  const indices = src.getPageIndices();
  const copied = await out.copyPages(src, indices);
  for (const [k, page] of copied.entries()) {
    const { width, height } = page.getSize();
    const rotated = (page.getRotation().angle % 180) !== 0;
    if (isSheet(sheet, width, height)) {
      out.addPage(page);
      continue;
    }
    // Not A4: drawn scaled onto an A4 sheet of the same orientation.
    const srcPage = src.getPage(indices[k]!);
    const embedded = await out.embedPage(srcPage);
    const landscape = rotated ? height > width : width > height;
    const a4 = out.addPage(sheetSize(sheet, landscape));
    drawFitted(a4, embedded.width, embedded.height, 0, (o) => a4.drawPage(embedded, o));
  }
}

async function appendImage(out: PDFDocument, part: Extract<PacketPart, { type: 'image' }>, sheet: SheetSpec): Promise<void> {
  const img = part.mediaType === 'image/png' ? await out.embedPng(part.bytes) : await out.embedJpg(part.bytes);
  const page = out.addPage(sheetSize(sheet, part.widthPx > part.heightPx));
  drawFitted(page, part.widthPx, part.heightPx, mmToPt(sheet.imageMarginMm), (o) => page.drawImage(img, o));
}

/** Fits w×h into the page minus the margin, centred, keeping the aspect ratio. */
function drawFitted(page: PDFPage, w: number, h: number, margin: number, draw: (o: { x: number; y: number; width: number; height: number }) => void): void {
  const { width: pw, height: ph } = page.getSize();
  const scale = Math.min((pw - 2 * margin) / w, (ph - 2 * margin) / h);
  const width = w * scale;
  const height = h * scale;
  draw({ x: (pw - width) / 2, y: (ph - height) / 2, width, height });
}
