/**
 * buildPacket: a filing packet (catalogue §10, §14.1) from its definition and a request. Order:
 * check everything (check-request.ts; nothing renders on bad input) → render each generated
 * document to PDF and DOCX → contents page with each item's page range (rendered, counted and
 * re-rendered until its own page count is stable, since the numbers depend on it) → one PDF on
 * A4 → the manifest (status of every checklist item, SHA-256 of every file).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { sha256Hex } from '../io/atomic-write.js';
import { documentFormats, renderDocumentFormats } from '../pipeline/render-document.js';
import type { Engine } from '../pipeline/engine.js';
import { packetRegistry, packetsDir } from './registry.js';
import { checkPacketRequest, type CheckedFile, type CheckedPacket } from './check-request.js';
import { contentsLayoutPage, renderContentsPage, type ContentsRow } from './contents-page.js';
import { assemblePdf, type PacketPart, type SheetSpec } from './assemble-pdf.js';
import type {
  BuildPacketInput, ItemStatus, ManifestFile, PacketDefinition, PacketItemDefinition, PacketManifest, PacketManifestItem, PacketResult,
} from './types.js';

/** Re-renders of the contents page before giving up on a stable page count (each pass can only grow it). */
const CONTENTS_PASSES = 4;

let sheets: Omit<SheetSpec, 'widthMm' | 'heightMm'> | undefined;
function sheetSpec(): SheetSpec {
  if (!sheets) {
    const raw = JSON.parse(readFileSync(join(packetsDir, 'layouts', 'sheets.json'), 'utf8')) as { imageMarginMm: number; a4ToleranceMm: number };
    sheets = { imageMarginMm: raw.imageMarginMm, toleranceMm: raw.a4ToleranceMm };
  }
  const page = contentsLayoutPage();
  return { ...sheets, widthMm: page.widthMm, heightMm: page.heightMm };
}

interface ItemParts {
  readonly item: PacketItemDefinition;
  readonly status: ItemStatus;
  readonly parts: PacketPart[];
  readonly pageCount: number;
  readonly files: ManifestFile[];
  readonly docx?: { readonly name: string; readonly bytes: Uint8Array };
}

export async function buildPacket(engine: Engine, input: BuildPacketInput): Promise<PacketResult> {
  const def = packetRegistry().get(input.packetId);
  const checked = await checkPacketRequest(engine, def, input.request, input.files);
  const creationDate = input.creationDate ?? new Date();
  const items = await renderItems(engine, def, checked, creationDate);
  const contents = await renderContents(engine, def, checked, items, creationDate);
  const sheet = sheetSpec();
  const { bytes: pdf, pagesPerPart } = await assemblePdf(
    [{ type: 'pdf', bytes: contents.bytes, pages: contents.pageCount }, ...items.flatMap((i) => i.parts)],
    { sheet, title: def.title.zh, creationDate },
  );
  // The assembled page counts must be those the contents page printed.
  const expected = [contents.pageCount, ...items.flatMap((i) => i.parts.map((p) => (p.type === 'pdf' ? p.pages : 1)))];
  if (pagesPerPart.some((n, k) => n !== expected[k])) throw new Error(`packet ${def.id}: assembled page counts ${pagesPerPart.join(',')} differ from the planned ${expected.join(',')}`);
  const docx = items.flatMap((i) => (i.docx ? [i.docx] : []));
  const manifest = packetManifest(def, checked, items, contents.pageCount, pdf, docx, creationDate);
  return { pdf, docx, manifest };
}

async function renderItems(engine: Engine, def: PacketDefinition, checked: CheckedPacket, creationDate: Date): Promise<ItemParts[]> {
  const out: ItemParts[] = [];
  let n = 0;
  for (const item of def.items) {
    if (item.source.type === 'generated') {
      const data = checked.documents.get(item.id);
      if (data === undefined) {
        out.push({ item, status: absentStatus(item), parts: [], pageCount: 0, files: [] });
        continue;
      }
      const formId = item.source.formId;
      const withDocx = documentFormats(engine, formId).includes('docx');
      const [pdf, d] = await renderDocumentFormats(engine, { formId, input: data, formats: withDocx ? ['pdf', 'docx'] : ['pdf'], creationDate });
      const parts: PacketPart[] = [{ type: 'pdf', bytes: pdf!.bytes, pages: pdf!.pageCount ?? 0 }];
      let docx: ItemParts['docx'];
      const files: ManifestFile[] = [];
      if (d) {
        n += 1;
        docx = { name: `docx/${String(n).padStart(2, '0')}-${item.id}.docx`, bytes: d.bytes };
        files.push({ path: docx.name, sha256: sha256Hex(d.bytes), bytes: d.bytes.length });
      }
      out.push({ item, status: 'present', parts, pageCount: pdf!.pageCount ?? 0, files, ...(docx ? { docx } : {}) });
      continue;
    }
    const supplied = checked.files.get(item.id) ?? [];
    if (!supplied.length) {
      out.push({ item, status: absentStatus(item), parts: [], pageCount: 0, files: [] });
      continue;
    }
    const parts: PacketPart[] = [];
    for (const f of supplied) parts.push(await suppliedPart(f));
    out.push({
      item,
      status: 'present',
      parts,
      pageCount: supplied.reduce((s, f) => s + f.pages, 0),
      files: supplied.map((f) => ({ path: f.name, sha256: sha256Hex(f.bytes), bytes: f.bytes.length, mediaType: f.mediaType, pages: f.pages })),
    });
  }
  return out;
}

async function suppliedPart(f: CheckedFile): Promise<PacketPart> {
  if (f.mediaType === 'application/pdf') return { type: 'pdf', bytes: f.bytes, pages: f.pages };
  const img = f.image!;
  // pdf-lib places the stored pixels and ignores EXIF: a turned photo is turned upright first.
  const bytes = img.orientation === 1 ? f.bytes : new Uint8Array(await sharp(f.bytes).rotate().toFormat(f.mediaType === 'image/png' ? 'png' : 'jpeg').toBuffer());
  return { type: 'image', mediaType: f.mediaType, bytes, widthPx: img.widthPx, heightPx: img.heightPx };
}

/** Absent and not an error (mandatory items were checked): 备查 or 免. */
const absentStatus = (_item: PacketItemDefinition): ItemStatus => 'optional-absent';

const STATUS_ZH = { present: '已附', missing: '缺', 'keep-for-inspection': '备查', 'optional-absent': '免' } as const;

function contentsRows(items: readonly ItemParts[], firstPage: number, placeholder: boolean): ContentsRow[] {
  let page = firstPage;
  return items.map(({ item, status, pageCount, files }) => {
    const kept = status !== 'present' && item.requirement === 'keep-for-inspection';
    let pages = '—';
    if (status === 'present') {
      pages = placeholder ? '888–888' : pageCount > 1 ? `${page}–${page + pageCount - 1}` : String(page);
      page += pageCount;
    }
    const notes: string[] = [];
    if (item.requirement === 'conditional' && item.condition) notes.push(item.condition.zh);
    if (item.source.type === 'supplied' && files.length > 1) notes.push(`${files.length} 个文件`);
    if (item.note) notes.push(item.note);
    return { no: item.no, title: item.title, pages, status: kept ? STATUS_ZH['keep-for-inspection'] : STATUS_ZH[status], note: notes.join('；') };
  });
}

async function renderContents(engine: Engine, def: PacketDefinition, checked: CheckedPacket, items: readonly ItemParts[], creationDate: Date) {
  const req = checked.request;
  const count = req.copies ?? def.copies.count;
  const applicant = req.applicant?.name ?? applicantFromDocuments(checked);
  const base = {
    title: def.title.zh,
    ...(applicant ? { applicant } : {}),
    ...(def.submittedTo ? { submittedTo: def.submittedTo } : {}),
    copiesNote: copiesNote(def, count),
    ...(def.rule ? { rule: def.rule } : {}),
    date: req.date ?? chinaDate(creationDate),
  };
  // Pass 0 prints the widest page ranges to learn how many pages the contents take.
  let pages = (await renderContentsPage(engine, { ...base, items: contentsRows(items, 1, true) }, creationDate)).pageCount;
  for (let pass = 0; pass < CONTENTS_PASSES; pass++) {
    const r = await renderContentsPage(engine, { ...base, items: contentsRows(items, pages + 1, false) }, creationDate);
    if (r.pageCount === pages) return r;
    pages = r.pageCount;
  }
  throw new Error(`packet ${def.id}: the contents page count does not settle`);
}

/** The applicant's name as the first generated document gives it (/applicant/name or /institution/name). */
function applicantFromDocuments(checked: CheckedPacket): string | undefined {
  for (const data of checked.documents.values()) {
    const d = data as { applicant?: { name?: unknown }; institution?: { name?: unknown } };
    const name = d.applicant?.name ?? d.institution?.name;
    if (typeof name === 'string' && name) return name;
  }
  return undefined;
}

function applicantOf(checked: CheckedPacket): Pick<PacketManifest, 'applicant'> {
  if (checked.request.applicant) return { applicant: checked.request.applicant };
  const name = applicantFromDocuments(checked);
  return name ? { applicant: { name } } : {};
}

/** The calendar date in China (UTC+8) of an instant, YYYY-MM-DD. */
const chinaDate = (d: Date): string => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

const CN_DIGITS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The copies note: the rules' note when the request keeps their count, else 一式N份. */
export function copiesNote(def: PacketDefinition, count: number): string {
  if (count === def.copies.count) return def.copies.note;
  return `一式${CN_DIGITS[count] ?? String(count)}份`;
}

function packetManifest(
  def: PacketDefinition,
  checked: CheckedPacket,
  items: readonly ItemParts[],
  coverPages: number,
  pdf: Uint8Array,
  docx: readonly { name: string; bytes: Uint8Array }[],
  creationDate: Date,
): PacketManifest {
  let page = coverPages + 1;
  const manifestItems: PacketManifestItem[] = items.map(({ item, status, pageCount, files }) => {
    const from = page;
    if (status === 'present') page += pageCount;
    return {
      id: item.id,
      no: item.no,
      title: item.title,
      titleEn: item.titleEn,
      requirement: item.requirement,
      status,
      source: item.source.type,
      ...(item.source.type === 'generated' ? { formId: item.source.formId } : {}),
      ...(status === 'present' ? { pages: { from, to: from + pageCount - 1 } } : {}),
      files,
    };
  });
  const count = (s: ItemStatus) => manifestItems.filter((i) => i.status === s).length;
  const req = checked.request;
  return {
    format: 'sef-packet-manifest/1',
    packetId: def.id,
    title: def.title,
    jurisdiction: def.jurisdiction,
    applicantType: def.applicantType,
    checklistFormId: def.checklistFormId,
    ...applicantOf(checked),
    createdAt: creationDate.toISOString(),
    copies: { count: req.copies ?? def.copies.count, note: copiesNote(def, req.copies ?? def.copies.count) },
    items: manifestItems,
    files: [
      { path: 'packet.pdf', sha256: sha256Hex(pdf), bytes: pdf.length },
      ...docx.map((d) => ({ path: d.name, sha256: sha256Hex(d.bytes), bytes: d.bytes.length })),
    ],
    totals: {
      items: manifestItems.length,
      present: count('present'),
      missing: count('missing'),
      optionalAbsent: count('optional-absent'),
      pages: page - 1,
      coverPages,
      suppliedFiles: manifestItems.filter((i) => i.source === 'supplied').reduce((s, i) => s + i.files.length, 0),
      docx: docx.length,
    },
  };
}
