/**
 * The section: page size in exact twips (A4 = 11906 × 16838) and orientation, margins, and the
 * page numbers in the footer (PAGE / NUMPAGES fields in the format's text, centred, in the
 * layout's page-number style), placed in the middle of the bottom margin like the HTML's
 * @bottom-center box. Landscape trap (rendering-notes.md): with orientation landscape, docx
 * swaps width and height itself, so it is given the portrait size (short side first).
 */
import { AlignmentType, Footer, PageNumber, PageOrientation, Paragraph, TextRun, type ISectionPropertiesOptions } from 'docx';
import type { FlowDocument } from '../../layout/flow/types.js';
import { toTwip } from './measure.js';
import { styleId } from './styles.js';

type Page = FlowDocument['page'];

export function pageProperties(page: Page): NonNullable<ISectionPropertiesOptions['page']> {
  const w = toTwip(page.width);
  const h = toTwip(page.height);
  const landscape = page.orientation === 'landscape';
  const m = page.margins;
  const bottom = toTwip(m.bottom);
  const line = page.pageNumbers ? toTwip(page.pageNumbers.style.lineHeight) : 0;
  return {
    size: { width: Math.min(w, h), height: Math.max(w, h), orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
    margin: {
      top: toTwip(m.top),
      right: toTwip(m.right),
      bottom,
      left: toTwip(m.left),
      // No header part is written; half the top margin keeps Word from ever pushing the body down.
      header: Math.round(toTwip(m.top) / 2),
      // The footer's line sits in the middle of the bottom margin.
      footer: Math.max(0, Math.round((bottom - line) / 2)),
      gutter: 0,
    },
  };
}

/** "第 {page} 页 共 {pages} 页" → text runs and PAGE / NUMPAGES fields. */
export function pageNumberFooter(page: Page): Footer | undefined {
  const pn = page.pageNumbers;
  if (!pn) return undefined;
  const children = pn.format
    .split(/(\{pages?\})/)
    .filter((x) => x !== '')
    .map((x) => (x === '{page}' ? PageNumber.CURRENT : x === '{pages}' ? PageNumber.TOTAL_PAGES : x));
  return new Footer({
    children: [new Paragraph({ style: styleId(pn.style), alignment: AlignmentType.CENTER, children: [new TextRun({ children })] })],
  });
}
