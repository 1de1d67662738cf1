/**
 * EMU → the units WordprocessingML writes: twips (DXA, 1/20 pt: page size, margins, widths,
 * spacing), half-points (w:sz) and eighths of a point (border w:sz). Rounded once from the exact
 * integer EMU of the FlowDocument (never docx's flooring convertMillimetersToTwip).
 */
import { EMU_PER_PT, toHalfPt, toTwip, type Emu } from '../../layout/units.js';

export { toHalfPt, toTwip };

/** Border width in eighths of a point (ST_EighthPointMeasure): 0.75 pt → 6. */
export const toEighthPt = (e: Emu): number => Math.round((e * 8) / EMU_PER_PT);

/**
 * Column widths in twips whose sum is the rounded sum of the EMU widths: each boundary (left edge
 * + cumulative width) is rounded, and a width is the difference of its two boundaries, so no
 * boundary is off by more than half a twip (0.009 mm).
 */
export function gridTwips(columns: readonly Emu[]): number[] {
  const out: number[] = [];
  let cum = 0;
  let prev = 0;
  for (const c of columns) {
    cum += c;
    const b = toTwip(cum as Emu);
    out.push(b - prev);
    prev = b;
  }
  return out;
}
