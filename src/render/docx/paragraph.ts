/**
 * Paragraphs: a FlowParagraph in its `s-<style>` style, one w:r per FlowRun (a run whose role or
 * weight differs from its style's carries its own w:rFonts / w:b); and the blank paragraphs that
 * stand for vertical space (spacer blocks, the seal space in a cell, the separator between a table
 * and a joined one), each exactly as tall as the space (w:spacing w:lineRule="exact").
 */
import { LineRuleType, Paragraph, TextRun } from 'docx';
import type { FlowParagraph, FlowRun } from '../../layout/flow/types.js';
import type { Emu } from '../../layout/units.js';
import { runFonts, type FontNames } from './font-names.js';
import { toTwip } from './measure.js';
import { alignment, styleId } from './styles.js';

function runs(p: FlowParagraph, fonts: FontNames): TextRun[] {
  return p.runs.flatMap((r: FlowRun) => {
    const props = {
      ...(r.font !== p.style.font ? { font: runFonts(fonts, r.font) } : {}),
      ...(r.bold !== p.style.bold ? { bold: r.bold } : {}),
    };
    // Line breaks typed into the data (the HTML keeps them: white-space pre-wrap) become w:br.
    return r.text.split('\n').map((text, i) => new TextRun({ text, ...props, ...(i > 0 ? { break: 1 } : {}) }));
  });
}

export interface ParagraphExtras {
  /** Start a new page before this paragraph (the page-break block before it). */
  readonly pageBreakBefore?: boolean;
}

export function paragraph(p: FlowParagraph, fonts: FontNames, extras: ParagraphExtras = {}): Paragraph {
  return new Paragraph({
    style: styleId(p.style),
    ...(p.align !== p.style.align ? { alignment: alignment(p.align) } : {}),
    ...(extras.pageBreakBefore ? { pageBreakBefore: true } : {}),
    // Chromium sets no extra space between 汉字 and digits; Word's w:autoSpaceDN would.
    autoSpaceEastAsianText: false,
    children: runs(p, fonts),
  });
}

/** The smallest size a blank paragraph's mark is set in, so it never grows its exact line. */
const MARK_HALF_POINTS = 2;

/** A blank paragraph exactly `height` tall (twips, at least 1): vertical space that Word and LibreOffice keep. */
export function spaceParagraph(height: Emu, opts: { pageBreakBefore?: boolean; styleId?: string } = {}): Paragraph {
  return new Paragraph({
    ...(opts.styleId ? { style: opts.styleId } : {}),
    spacing: { line: Math.max(1, toTwip(height)), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    indent: { firstLine: 0 },
    ...(opts.pageBreakBefore ? { pageBreakBefore: true } : {}),
    run: { size: MARK_HALF_POINTS },
    children: [],
  });
}
