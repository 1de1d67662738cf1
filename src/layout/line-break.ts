/**
 * Line breaking for wrapped text (certificate body paragraphs). We break lines
 * ourselves, from the font metrics, so the resolved layout fixes every line and
 * its baseline before any backend sees it; Chromium then only draws glyphs.
 *
 * Rules: a CJK character is a break opportunity on both sides; Latin words
 * break at spaces; 避头尾 (kinsoku): closing punctuation never starts a line
 * (it hangs on the previous one) and opening punctuation never ends one.
 */
import type { ResolvedRun } from './types.js';

export type MeasureRun = (run: ResolvedRun, text: string) => number; // mm

const NO_LINE_START = new Set([...'，。、；：？！）》」』”’〕】〉…·,.;:?!)]}%-—']);
const NO_LINE_END = new Set([...'（《「『“‘〔【〈([{']);
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[\ud840-\ud87f][\udc00-\udfff]/u;

interface Token { run: ResolvedRun; text: string; width: number; space: boolean }

function tokenize(runs: readonly ResolvedRun[], measure: MeasureRun): Token[] {
  const tokens: Token[] = [];
  for (const run of runs) {
    // Words of non-CJK characters with their trailing spaces; each CJK char alone.
    const parts = run.text.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[\ud840-\ud87f][\udc00-\udfff]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\ud840-\ud87f]+|\s+/gu) ?? [];
    for (const p of parts) {
      tokens.push({ run, text: p, width: measure(run, p), space: /^\s+$/.test(p) && !CJK.test(p) });
    }
  }
  return tokens;
}

/** Splits runs into lines no wider than widthMm (the first line minus indentMm). */
export function breakLines(
  runs: readonly ResolvedRun[],
  widthMm: number,
  indentMm: number,
  measure: MeasureRun,
): { runs: ResolvedRun[]; widthMm: number }[] {
  const tokens = tokenize(runs, measure);
  const lines: Token[][] = [];
  let cur: Token[] = [];
  let curW = 0;
  const avail = () => widthMm - (lines.length === 0 ? indentMm : 0);
  const EPS = 1e-6;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.space && cur.length === 0 && lines.length > 0) continue; // no leading space on a new line
    if (curW + t.width > avail() + EPS && cur.length > 0 && !t.space) {
      const first = [...t.text][0] ?? '';
      if (NO_LINE_START.has(first)) {
        // hanging punctuation: keep it on this line
        cur.push(t); curW += t.width; continue;
      }
      // do not leave an opening bracket at the end of a line
      const carry: Token[] = [];
      while (cur.length > 1 && NO_LINE_END.has([...cur[cur.length - 1]!.text].pop() ?? '')) carry.unshift(cur.pop()!);
      lines.push(cur);
      cur = [...carry];
      curW = carry.reduce((s, c) => s + c.width, 0);
    }
    cur.push(t); curW += t.width;
  }
  if (cur.length) lines.push(cur);
  return lines.map((ln) => {
    while (ln.length && ln[ln.length - 1]!.space) ln.pop();
    return { runs: mergeTokens(ln), widthMm: ln.reduce((s, t) => s + t.width, 0) };
  });
}

function mergeTokens(tokens: Token[]): ResolvedRun[] {
  const out: ResolvedRun[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (last && sameStyle(last, t.run)) out[out.length - 1] = { ...last, text: last.text + t.text };
    else out.push({ ...t.run, text: t.text });
  }
  return out;
}

const sameStyle = (a: ResolvedRun, b: ResolvedRun) => a.font === b.font && a.bold === b.bold && a.underline === b.underline;
