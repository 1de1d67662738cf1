/**
 * DOCX backend for flow kinds (the filing documents): a FlowDocument becomes a .docx with the same
 * geometry as the PDF that the HTML backend (render/html/flow-view.ts) gives Chromium — page size
 * and orientation, margins, styles, table grids, row heights, borders, merges, repeated header rows
 * — so that a clerk opening it in Word or LibreOffice sees the official form, editable.
 *
 * Blocks map one to one, with three adjustments Word needs:
 * - a table that joins the one above (joinPrevious) draws no top rule (the previous table's bottom
 *   rule is the shared one) and follows it directly, which Word shows as one table and LibreOffice
 *   lays out without a gap (measured: exact to 0.05 mm). Only when the joined table has header rows
 *   of its own does a 1-twip blank paragraph separate the two: merged, Word would repeat the first
 *   table's header rows instead of the joined table's on the pages it continues on. Then the shared
 *   rule is the joined table's top and the table above draws no bottom rule: LibreOffice sets a
 *   table's bottom rule below its last row when a paragraph follows (measured: 0.26 mm more per
 *   join otherwise). Any other table after a table is separated the same way, so Word keeps it a
 *   table of its own;
 * - a page break is the next paragraph's w:pageBreakBefore (no empty line on the new page), or a
 *   1-twip paragraph with it when a table follows;
 * - the body ends with a 1-twip paragraph after a final table (Word always has a paragraph there,
 *   which in the default style could push a blank page).
 * Pure apart from the zip step; the output bytes depend only on the document, the font names and
 * the creation date.
 */
import { Document, Packer, type Paragraph, type Table } from 'docx';
import type { FlowBlock, FlowDocument, FlowTable } from '../../layout/flow/types.js';
import { EMU_PER_TWIP, type Emu } from '../../layout/units.js';
import type { FontNames } from './font-names.js';
import { repackDeterministic } from './package.js';
import { paragraph, spaceParagraph } from './paragraph.js';
import { pageNumberFooter, pageProperties } from './section.js';
import { documentStyles } from './styles.js';
import { table } from './table.js';

export interface DocxRenderOptions {
  /** Font names per role (docxFontNames / projectDocxFontNames). */
  readonly fonts: FontNames;
  /** Written as the document's created/modified time and every zip entry's time (default: the epoch 2000-01-01, fixed). */
  readonly creationDate?: Date;
}

/** 1 twip: the height of the blank paragraphs that only separate or break. */
const HAIRLINE = EMU_PER_TWIP as Emu;
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * Which tables follow the table above with nothing between (Word then shows one table): a joined
 * table without header rows of its own, and only while the table it merges into has none either —
 * Word repeats a merged table's leading header rows on every page it reaches, so a list's column
 * heads would reappear above the rows of the tables merged after it.
 */
function directJoins(blocks: readonly FlowBlock[]): boolean[] {
  let chainHasHeader = false;
  return blocks.map((b, i) => {
    if (b.type !== 'table') return false;
    const prev = blocks[i - 1];
    const direct = prev?.type === 'table' && b.joinPrevious && !b.rows[0]?.header && !chainHasHeader;
    if (!direct) chainHasHeader = b.rows[0]?.header ?? false;
    return direct;
  });
}

export function bodyChildren(doc: FlowDocument, fonts: FontNames): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let breakPending = false;
  const joins = directJoins(doc.blocks);
  doc.blocks.forEach((b: FlowBlock, i) => {
    switch (b.type) {
      case 'page-break':
        breakPending = true;
        return;
      case 'paragraph':
        out.push(paragraph(b, fonts, { pageBreakBefore: breakPending }));
        break;
      case 'spacer':
        out.push(spaceParagraph(b.height, { pageBreakBefore: breakPending }));
        break;
      case 'table': {
        const prev = doc.blocks[i - 1];
        const next = doc.blocks[i + 1];
        const direct = !breakPending && joins[i]!;
        const separated = !breakPending && prev?.type === 'table' && !direct;
        if (breakPending) out.push(spaceParagraph(HAIRLINE, { pageBreakBefore: true }));
        else if (separated) out.push(spaceParagraph(HAIRLINE));
        const nextJoinsSeparated = next?.type === 'table' && next.joinPrevious && !joins[i + 1];
        out.push(table(b, fonts, { joined: direct, openBottom: nextJoinsSeparated }));
        break;
      }
    }
    breakPending = false;
  });
  if (breakPending) out.push(spaceParagraph(HAIRLINE, { pageBreakBefore: true }));
  if (doc.blocks.at(-1)?.type === 'table') out.push(spaceParagraph(HAIRLINE));
  return out;
}

export async function renderFlowDocx(doc: FlowDocument, opts: DocxRenderOptions): Promise<Uint8Array> {
  const footer = pageNumberFooter(doc.page);
  const file = new Document({
    title: doc.title,
    creator: 'skill-eval-forms',
    lastModifiedBy: 'skill-eval-forms',
    revision: 1,
    styles: documentStyles(doc, opts.fonts),
    sections: [{
      properties: { page: pageProperties(doc.page) },
      ...(footer ? { footers: { default: footer } } : {}),
      children: bodyChildren(doc, opts.fonts),
    }],
  });
  return repackDeterministic(await Packer.toBuffer(file), opts.creationDate ?? FIXED_DATE);
}
