/**
 * The packet's contents page (材料清单, catalogue §10/§14.1): a flow document
 * (packets/layouts/contents.layout.json) rendered through the same HTML → Chromium path as every
 * filing document, so its Chinese text is set in the project's fonts (pdf-lib cannot shape CJK).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFlowLayout } from '../forms/flow-layout.js';
import { resolveFlow } from '../layout/flow/resolve.js';
import type { FlowLayoutSpec } from '../layout/flow/types.js';
import { flowPdf } from '../pipeline/render-flow.js';
import type { Engine } from '../pipeline/engine.js';
import { packetsDir } from './registry.js';

export const contentsLayoutFile = join(packetsDir, 'layouts', 'contents.layout.json');

let layout: FlowLayoutSpec | undefined;
const contentsLayout = (): FlowLayoutSpec => (layout ??= loadFlowLayout(JSON.parse(readFileSync(contentsLayoutFile, 'utf8')), contentsLayoutFile));

/** The contents page's sheet (every packet page is printed on it). */
export const contentsLayoutPage = (): FlowLayoutSpec['page'] => contentsLayout().page;

export interface ContentsRow {
  readonly no: string;
  readonly title: string;
  /** "3–7", "8", or "—" when the item is not attached. */
  readonly pages: string;
  readonly status: string;
  readonly note?: string;
}

export interface ContentsData {
  readonly title: string;
  readonly applicant?: string;
  readonly submittedTo?: string;
  readonly copiesNote: string;
  readonly rule?: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly items: readonly ContentsRow[];
}

export async function renderContentsPage(engine: Engine, data: ContentsData, creationDate: Date): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const doc = resolveFlow({
    formId: 'packet-contents',
    title: `${data.title} 材料清单`,
    layout: contentsLayout(),
    data,
    defaults: {},
    latinRoles: engine.latinRoles,
  });
  const pdf = await flowPdf(engine, doc, creationDate);
  return { bytes: pdf.bytes, pageCount: pdf.pageCount };
}
