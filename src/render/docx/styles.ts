/**
 * One Word paragraph style per FlowStyle (id and name `s-<name>`, as the HTML class): font per
 * role with its East Asian name, size in half-points, bold, alignment (distribute → w:jc
 * distribute), exact line pitch, spacing before/after, first-line indent, letter spacing and the
 * grey of guidance text. The document defaults: no spacing before/after, zh-CN as the East Asian
 * language.
 */
import { AlignmentType, LineRuleType, type IParagraphStyleOptions, type IStylesOptions } from 'docx';
import type { Align, FlowDocument, FlowStyle } from '../../layout/flow/types.js';
import { runFonts, type FontNames } from './font-names.js';
import { toHalfPt, toTwip } from './measure.js';

/** The grey of guidance text (same as the HTML's #808080). */
export const GREY = '808080';
export const BLACK = '000000';

export const styleId = (s: FlowStyle): string => `s-${s.name}`;

export function alignment(a: Align): (typeof AlignmentType)[keyof typeof AlignmentType] {
  switch (a) {
    case 'left': return AlignmentType.LEFT;
    case 'center': return AlignmentType.CENTER;
    case 'right': return AlignmentType.RIGHT;
    case 'justify': return AlignmentType.JUSTIFIED;
    case 'distribute': return AlignmentType.DISTRIBUTE;
  }
}

function paragraphStyle(s: FlowStyle, fonts: FontNames): IParagraphStyleOptions {
  const size = toHalfPt(s.size);
  const spacing = toTwip(s.letterSpacing);
  return {
    id: styleId(s),
    name: styleId(s),
    quickFormat: true,
    run: {
      font: runFonts(fonts, s.font),
      size,
      sizeComplexScript: size,
      bold: s.bold,
      color: s.grey ? GREY : BLACK,
      ...(spacing !== 0 ? { characterSpacing: spacing } : {}),
    },
    paragraph: {
      alignment: alignment(s.align),
      spacing: { line: toTwip(s.lineHeight), lineRule: LineRuleType.EXACT, before: toTwip(s.spaceBefore), after: toTwip(s.spaceAfter) },
      indent: { firstLine: toTwip(s.firstLineIndent) },
    },
  };
}

export function documentStyles(doc: FlowDocument, fonts: FontNames): IStylesOptions {
  const body = doc.styles.get('body') ?? doc.styles.values().next().value;
  return {
    default: {
      document: {
        run: {
          ...(body ? { font: runFonts(fonts, body.font), size: toHalfPt(body.size) } : {}),
          language: { value: 'zh-CN', eastAsia: 'zh-CN' },
        },
        paragraph: {
          spacing: { before: 0, after: 0 },
        },
      },
    },
    paragraphStyles: [...doc.styles.values()].map((s) => paragraphStyle(s, fonts)),
  };
}
