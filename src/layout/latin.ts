/**
 * Latin letters, digits and spaces set in another role, as Word sets the ascii font beside an East
 * Asian font (fonts.json `latin`: 仿宋 fill-ins with Times New Roman digits). Used by the canvas and
 * the flow resolve steps alike.
 */
import type { FontRole } from './types.js';

const LATIN = /[\u0020-\u024f]+/gu;

/** Splits a run so its Latin letters, digits and spaces are set in `latin`. */
export function splitLatin<R extends { readonly text: string; readonly font: FontRole }>(run: R, latin: FontRole | undefined): R[] {
  if (!latin || latin === run.font) return [run];
  const out: R[] = [];
  let last = 0;
  for (const m of run.text.matchAll(LATIN)) {
    if (m.index! > last) out.push({ ...run, text: run.text.slice(last, m.index) });
    out.push({ ...run, font: latin, text: m[0] });
    last = m.index! + m[0].length;
  }
  if (last < run.text.length) out.push({ ...run, text: run.text.slice(last) });
  return out;
}
