/**
 * Everything about a packet request is checked before anything is rendered: the request's own
 * schema (schemas/packets/request.schema.json), every generated document's data with its form's
 * validator (pointers under /documents/<itemId>), mandatory items present, and every supplied file
 * (magic bytes, accepted type, size, PDF pages). All problems come back in one UserError.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { schemasDir } from '../paths.js';
import { createAjv } from '../schema/ajv.js';
import { compileFormValidator, type FormValidator } from '../schema/validate.js';
import { UserError, type IssueRef } from '../errors/user-error.js';
import type { ValidationIssue } from '../errors/issue.js';
import { sniffImageType } from '../layout/image-type.js';
import { documentFormats } from '../pipeline/render-document.js';
import type { Engine } from '../pipeline/engine.js';
import type { PacketDefinition, PacketItemDefinition, PacketRequest, SuppliedFile, SuppliedMediaType } from './types.js';

export const requestSchemaFile = join(schemasDir, 'packets', 'request.schema.json');

let requestSchema: Record<string, unknown> | undefined;
/** The packet request's JSON Schema (for the API's documentation). */
export const packetRequestSchema = (): Record<string, unknown> =>
  (requestSchema ??= JSON.parse(readFileSync(requestSchemaFile, 'utf8')) as Record<string, unknown>);

let requestValidator: FormValidator | undefined;
function validateRequestShape(request: unknown): ValidationIssue[] {
  requestValidator ??= compileFormValidator(createAjv(), packetRequestSchema());
  return requestValidator(request).errors;
}

/** What the checks found usable: the request, each item's data or files, the warnings of the forms. */
export interface CheckedPacket {
  readonly request: PacketRequest;
  readonly documents: ReadonlyMap<string, unknown>;
  readonly files: ReadonlyMap<string, readonly CheckedFile[]>;
  readonly warnings: readonly ValidationIssue[];
}

export interface CheckedFile extends SuppliedFile {
  /** Pages of a PDF; 1 for an image. */
  readonly pages: number;
  /** Images: pixel size (EXIF orientation applied) and the EXIF orientation (1 = upright). */
  readonly image?: { readonly widthPx: number; readonly heightPx: number; readonly orientation: number };
}

const MEDIA_LABEL: Record<SuppliedMediaType, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/** The type by the first bytes: %PDF- for PDF, the JPEG and PNG signatures for images. */
export function sniffSuppliedType(bytes: Uint8Array): SuppliedMediaType | undefined {
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d];
  if (pdf.every((b, i) => bytes[i] === b)) return 'application/pdf';
  return sniffImageType(bytes);
}

const itemParams = (item: PacketItemDefinition) => ({ item: item.id, no: item.no, title: item.title, titleEn: item.titleEn });

export async function checkPacketRequest(
  engine: Engine,
  def: PacketDefinition,
  request: unknown,
  files: ReadonlyMap<string, readonly SuppliedFile[]>,
): Promise<CheckedPacket> {
  const shapeErrors = validateRequestShape(request);
  if (shapeErrors.length) throw new UserError(shapeErrors);
  const req = request as PacketRequest;
  const issues: IssueRef[] = [];
  const warnings: ValidationIssue[] = [];
  const byId = new Map(def.items.map((i) => [i.id, i]));

  for (const id of Object.keys(req.documents ?? {}))
    if (!byId.has(id)) issues.push({ pointer: `/documents/${id}`, code: 'PACKET_ITEM_UNKNOWN', params: { packet: def.id, item: id } });
  for (const id of new Set([...Object.keys(req.supplied ?? {}), ...files.keys()]))
    if (!byId.has(id)) issues.push({ pointer: `/supplied/${id}`, code: 'PACKET_ITEM_UNKNOWN', params: { packet: def.id, item: id } });

  const documents = new Map<string, unknown>();
  const checkedFiles = new Map<string, CheckedFile[]>();
  let totalBytes = 0;
  for (const item of def.items) {
    const data = req.documents?.[item.id];
    const listed = req.supplied?.[item.id];
    const sent = files.get(item.id) ?? [];
    if (item.source.type === 'generated') {
      if (listed || sent.length) issues.push({ pointer: `/supplied/${item.id}`, code: 'PACKET_ITEM_NOT_SUPPLIED', params: itemParams(item) });
      if (data === undefined) {
        if (item.requirement === 'required') issues.push({ pointer: `/documents/${item.id}`, code: 'PACKET_ITEM_MISSING', params: itemParams(item) });
        continue;
      }
      const formId = item.source.formId;
      const formats = documentFormats(engine, formId);
      if (!formats.includes('pdf'))
        issues.push({ pointer: `/documents/${item.id}`, code: 'FORMAT_UNSUPPORTED', params: { id: formId, format: 'pdf', formats: formats.join(', ') || '—' } });
      const v = engine.validator(formId)(data);
      for (const e of v.errors) issues.push({ ...e, pointer: `/documents/${item.id}${e.pointer}` });
      for (const w of v.warnings) warnings.push({ ...w, pointer: `/documents/${item.id}${w.pointer}` });
      documents.set(item.id, data);
      continue;
    }
    if (data !== undefined) issues.push({ pointer: `/documents/${item.id}`, code: 'PACKET_ITEM_NOT_GENERATED', params: itemParams(item) });
    const sentNames = new Set(sent.map((f) => f.name));
    (listed ?? []).forEach((name, k) => {
      if (!sentNames.has(name)) issues.push({ pointer: `/supplied/${item.id}/${k}`, code: 'PACKET_FILE_NOT_SENT', params: { name, ...itemParams(item) } });
    });
    if (!sent.length) {
      if (item.requirement === 'required' && !listed) issues.push({ pointer: `/supplied/${item.id}`, code: 'PACKET_ITEM_MISSING', params: itemParams(item) });
      continue;
    }
    if (sent.length > item.source.maxFiles)
      issues.push({ pointer: `/supplied/${item.id}`, code: 'PACKET_TOO_MANY_FILES', params: { ...itemParams(item), max: item.source.maxFiles, count: sent.length } });
    const ok: CheckedFile[] = [];
    for (const [k, f] of sent.entries()) {
      const pointer = `/supplied/${item.id}/${k}`;
      totalBytes += f.bytes.length;
      const actual = sniffSuppliedType(f.bytes);
      if (actual !== f.mediaType) {
        issues.push({ pointer, code: 'PACKET_FILE_TYPE', params: { name: f.name, expected: MEDIA_LABEL[f.mediaType] ?? String(f.mediaType) } });
        continue;
      }
      if (!item.source.mediaTypes.includes(actual)) {
        issues.push({ pointer, code: 'PACKET_FILE_TYPE_NOT_ACCEPTED', params: { ...itemParams(item), name: f.name, type: MEDIA_LABEL[actual], accepted: item.source.mediaTypes.map((m) => MEDIA_LABEL[m]).join(', ') } });
        continue;
      }
      if (f.bytes.length > def.limits.maxFileBytes) {
        issues.push({ pointer, code: 'PACKET_FILE_TOO_LARGE', params: { name: f.name, bytes: f.bytes.length, max: def.limits.maxFileBytes } });
        continue;
      }
      const opened = await openFile(f, pointer, def.limits.maxPdfPages, issues);
      if (opened) ok.push({ ...f, ...opened });
    }
    checkedFiles.set(item.id, ok);
  }
  if (totalBytes > def.limits.maxTotalBytes)
    issues.push({ pointer: '/supplied', code: 'PACKET_TOTAL_TOO_LARGE', params: { bytes: totalBytes, max: def.limits.maxTotalBytes } });
  if (issues.length) throw new UserError(issues);
  return { request: req, documents, files: checkedFiles, warnings };
}

/** Opens the file as a renderer will (pdf-lib, sharp) so a broken file fails here, not mid-render. */
async function openFile(f: SuppliedFile, pointer: string, maxPages: number, issues: IssueRef[]): Promise<Pick<CheckedFile, 'pages' | 'image'> | undefined> {
  if (f.mediaType === 'application/pdf') {
    let pages: number;
    try {
      pages = (await PDFDocument.load(f.bytes, { updateMetadata: false })).getPageCount();
    } catch {
      issues.push({ pointer, code: 'PACKET_PDF_UNREADABLE', params: { name: f.name } });
      return undefined;
    }
    if (pages === 0) {
      issues.push({ pointer, code: 'PACKET_PDF_UNREADABLE', params: { name: f.name } });
      return undefined;
    }
    if (pages > maxPages) {
      issues.push({ pointer, code: 'PACKET_PDF_TOO_MANY_PAGES', params: { name: f.name, pages, max: maxPages } });
      return undefined;
    }
    return { pages };
  }
  try {
    const m = await sharp(f.bytes).metadata();
    if (!m.width || !m.height) throw new Error('no size');
    const orientation = m.orientation ?? 1;
    const turned = orientation >= 5; // EXIF 5–8 swap width and height
    return { pages: 1, image: { widthPx: turned ? m.height : m.width, heightPx: turned ? m.width : m.height, orientation } };
  } catch {
    issues.push({ pointer, code: 'PACKET_IMAGE_UNREADABLE', params: { name: f.name } });
    return undefined;
  }
}
