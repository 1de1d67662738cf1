/**
 * One integer unit for every length: the OOXML EMU (914 400 per inch), in which
 * mm, pt, twip and half-point are all whole numbers (aesthetics-anchors.md §6):
 * 1 mm = 36 000, 1 pt = 12 700, 1 twip = 635, 1 half-point = 6 350.
 * Layout specs are written in decimal mm/pt; they are converted here, once,
 * and every backend converts back from the same integers.
 */
export type Emu = number & { readonly __emu: unique symbol };

export const EMU_PER_MM = 36_000;
export const EMU_PER_PT = 12_700;
export const EMU_PER_TWIP = 635;
export const EMU_PER_HALF_PT = 6_350;

export const mm = (v: number): Emu => Math.round(v * EMU_PER_MM) as Emu;
export const pt = (v: number): Emu => Math.round(v * EMU_PER_PT) as Emu;
export const toMm = (e: Emu): number => e / EMU_PER_MM;
export const toPt = (e: Emu): number => e / EMU_PER_PT;
export const toTwip = (e: Emu): number => Math.round(e / EMU_PER_TWIP);
export const toHalfPt = (e: Emu): number => Math.round(e / EMU_PER_HALF_PT);
export const ptToMm = (v: number): number => (v * 25.4) / 72;
export const mmToPt = (v: number): number => (v * 72) / 25.4;

/** Shortest exact decimal for SVG/CSS output (EMU/36000 has at most 5 decimals in mm). */
export const cssMm = (e: Emu): string => String(+(e / EMU_PER_MM).toFixed(5));
