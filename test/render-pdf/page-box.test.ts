/**
 * fixPageBoxes on PDFs shaped like Chromium's (no browser needed): every box
 * becomes exactly the job's size, anchored at the top-left corner; the
 * metadata is fixed; a page of the wrong size is refused.
 */
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { SystemError } from '../../src/errors/user-error.js';
import { FIXED_EPOCH, PT_PER_MM, fixPageBoxes } from '../../src/render/pdf/page-box.js';

/** Chromium's A4 landscape: 841.92 × 594.96 pt, and its Info dictionary. */
async function chromiumLike(pages: [number, number][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const size of pages) doc.addPage(size);
  doc.setTitle('about:blank');
  doc.setProducer('Skia/PDF m156');
  doc.setCreationDate(new Date());
  return doc.save();
}

describe('fixPageBoxes', () => {
  it('sets all five boxes to the exact size, top edge kept', async () => {
    const fixed = await fixPageBoxes(await chromiumLike([[841.92, 594.96], [841.92, 594.96]]), {
      pageWidthMm: 297,
      pageHeightMm: 210,
    });
    expect(fixed.pageCount).toBe(2);
    const doc = await PDFDocument.load(fixed.bytes, { updateMetadata: false });
    const w = 297 * PT_PER_MM;
    const h = 210 * PT_PER_MM;
    for (const page of doc.getPages())
      for (const box of [page.getMediaBox(), page.getCropBox(), page.getTrimBox(), page.getBleedBox(), page.getArtBox()]) {
        expect(box.x).toBe(0);
        expect(box.width).toBeCloseTo(w, 6);
        expect(box.height).toBeCloseTo(h, 6);
        expect(box.y + box.height).toBeCloseTo(594.96, 6); // the top edge Chromium laid out from
      }
    expect(doc.getProducer()).toBe('skill-eval-forms');
    expect(doc.getCreator()).toBe('skill-eval-forms');
    expect(doc.getCreationDate()?.getTime()).toBe(FIXED_EPOCH.getTime());
    expect(doc.getModificationDate()?.getTime()).toBe(FIXED_EPOCH.getTime());
    expect(doc.getTitle()).toBeUndefined(); // not Chromium's "about:blank"
    expect(doc.catalog.get(PDFName.of('Metadata'))).toBeUndefined();
  });

  it('writes the title and date of the job', async () => {
    const date = new Date('2026-05-04T03:02:01Z');
    const fixed = await fixPageBoxes(await chromiumLike([[226.77, 311.81]]), {
      pageWidthMm: 80,
      pageHeightMm: 110,
      title: '职业技能等级证书',
      creationDate: date,
    });
    const doc = await PDFDocument.load(fixed.bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe('职业技能等级证书');
    expect(doc.getCreationDate()?.getTime()).toBe(date.getTime());
  });

  it('refuses a page that does not have the job size', async () => {
    const portrait = await chromiumLike([[595.28, 841.89]]);
    const err = await fixPageBoxes(portrait, { pageWidthMm: 297, pageHeightMm: 210 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SystemError);
    expect((err as SystemError).code).toBe('RENDER_PAGE_SIZE_MISMATCH');
  });
});
