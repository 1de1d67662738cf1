/**
 * DOCX conformance of every flow document, from its XML and as LibreOffice prints it (issue 4):
 * page size and orientation, margins, every table's grid in DXA equal to the layout's column widths,
 * header rows marked to repeat, half-point sizes and East Asian font names per style; then the full
 * examples converted in one soffice run with the project's fonts.conf: page size, and the first
 * table's column rules on page 1 within 0.5 mm of the layout spec.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/pipeline/engine.js';
import { renderDocument } from '../../src/pipeline/render-document.js';
import { resolveFlowForm } from '../../src/pipeline/render-flow.js';
import { docxFontNames } from '../../src/render/docx/index.js';
import type { FlowDocument, FlowTable } from '../../src/layout/flow/types.js';
import { EMU_PER_MM, EMU_PER_PT, EMU_PER_TWIP } from '../../src/layout/units.js';
import { formRegistry } from '../../src/forms/registry.js';
import { readInput } from '../../src/cli/load-input.js';
import { attrs, docxParts, tables as docxTables } from '../render-docx/docx-read.js';
import { docxToPdf } from '../helpers/libreoffice.js';
import { pageBoxes } from '../helpers/pdf-read.js';
import { deltas, pageRules, ruledColumnEdges } from '../helpers/table-geometry.js';

const TOLERANCE_MM = 0.5;
const engine = createEngine();
const flowForms = [...formRegistry().values()].filter((f) => f.flow);
const official = new Set(Object.values(docxFontNames(engine.fonts.config)).flatMap((n) => [n.eastAsia, n.latin]));
const twips = (e: number) => Math.round(e / EMU_PER_TWIP);

interface Case { id: string; example: string; doc: FlowDocument; docx: Uint8Array }
const cases: Case[] = [];
let dir: string;
const loPdf = new Map<string, string>();
const measured: number[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sef-docx-conf-'));
  for (const f of flowForms)
    for (const ex of f.examples.filter((e) => e.name === 'minimal' || e.name === 'full')) {
      const input = readInput(ex.file);
      const { doc } = resolveFlowForm(engine, f.id, input);
      const r = await renderDocument(engine, { formId: f.id, input, format: 'docx', creationDate: new Date(0) });
      cases.push({ id: f.id, example: ex.name, doc, docx: r.bytes });
    }
  // LibreOffice prints the full examples, all in one soffice run (startup dominates).
  const full = cases.filter((c) => c.example === 'full');
  const files = full.map((c) => {
    const file = join(dir, `${c.id}.docx`);
    writeFileSync(file, c.docx);
    return file;
  });
  const out = await docxToPdf(files, dir);
  full.forEach((c, i) => loPdf.set(c.id, out[i]!));
}, 900_000);

afterAll(async () => {
  await engine.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (measured.length) console.log(`LibreOffice vs spec, first table's column rules on page 1: max |Δ| ${Math.max(...measured.map(Math.abs)).toFixed(3)} mm over ${measured.length} rules`);
});

describe.each(flowForms.map((f) => [f.id] as const))('%s', (id) => {
  it('DOCX XML: page size, orientation and margins in twips', async () => {
    for (const c of cases.filter((x) => x.id === id)) {
      const xml = (await docxParts(c.docx)).get('word/document.xml')!;
      const pg = attrs(xml, 'w:pgSz')!;
      const p = c.doc.page;
      expect(Number(pg['w:w']), c.example).toBe(twips(p.width));
      expect(Number(pg['w:h']), c.example).toBe(twips(p.height));
      expect(pg['w:orient'] ?? 'portrait').toBe(p.orientation);
      const mar = attrs(xml, 'w:pgMar')!;
      expect([mar['w:top'], mar['w:right'], mar['w:bottom'], mar['w:left']].map(Number)).toEqual([p.margins.top, p.margins.right, p.margins.bottom, p.margins.left].map(twips));
    }
  }, 120_000);

  it('DOCX XML: every table grid in DXA is the layout columns, header rows marked to repeat', async () => {
    for (const c of cases.filter((x) => x.id === id)) {
      const xml = (await docxParts(c.docx)).get('word/document.xml')!;
      const got = docxTables(xml);
      const want = c.doc.blocks.filter((b): b is FlowTable => b.type === 'table');
      expect(got.length, c.example).toBe(want.length);
      want.forEach((t, i) => {
        const g = got[i]!;
        const total = twips(t.columns.reduce((a, b) => a + b, 0));
        expect(g.grid.reduce((a, b) => a + b, 0), `${c.example} ${t.id}: grid sum`).toBe(total);
        g.grid.forEach((w, k) => expect(Math.abs(w - twips(t.columns[k]!)), `${c.example} ${t.id}: column ${k}`).toBeLessThanOrEqual(1));
        const lead = t.rows.findIndex((r) => !r.header);
        const headerRows = lead < 0 ? t.rows.length : lead;
        expect(g.rows.filter((r) => r.header).length, `${c.example} ${t.id}: header rows`).toBe(headerRows);
      });
    }
  }, 120_000);

  it('DOCX XML: each style at its half-point size, East Asian fonts by their official names', async () => {
    for (const c of cases.filter((x) => x.id === id)) {
      const parts = await docxParts(c.docx);
      const styles = parts.get('word/styles.xml')!;
      for (const s of c.doc.styles.values()) {
        const m = new RegExp(`<w:style [^>]*w:styleId="s-${s.name}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles);
        expect(m, `style s-${s.name}`).not.toBeNull();
        expect(Number(attrs(m![0], 'w:sz')?.['w:val']), `s-${s.name} size`).toBe(Math.round((s.size / EMU_PER_PT) * 2));
      }
      const names = [...(parts.get('word/document.xml')! + styles).matchAll(/<w:rFonts [^>]*w:eastAsia="([^"]+)"/g)].map((x) => x[1]!);
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(official.has(n), `eastAsia font ${n}`).toBe(true);
    }
  }, 120_000);

  it('LibreOffice: every page at the layout size, the first table\'s column rules within 0.5 mm', async () => {
    const c = cases.find((x) => x.id === id && x.example === 'full')!;
    const file = loPdf.get(id)!;
    const wPt = (c.doc.page.width / EMU_PER_MM) * (72 / 25.4);
    const hPt = (c.doc.page.height / EMU_PER_MM) * (72 / 25.4);
    for (const b of pageBoxes(file)) {
      expect(Math.abs(b.media[2]! - wPt)).toBeLessThan(0.1);
      expect(Math.abs(b.media[3]! - hPt)).toBeLessThan(0.1);
    }
    const first = c.doc.blocks.find((b): b is FlowTable => b.type === 'table');
    const edges = first ? ruledColumnEdges(first, c.doc.page.margins.left / EMU_PER_MM) : [];
    if (edges.length === 0) return; // a borderless layout table (covers): no column rules to measure
    const rules = await pageRules(file, 1, { minLengthMm: 5 });
    const d = deltas(edges, rules.vertical);
    measured.push(...d);
    d.forEach((x, i) => expect(Math.abs(x), `rule at ${edges[i]!.toFixed(2)} mm`).toBeLessThanOrEqual(TOLERANCE_MM));
  }, 120_000);
});
