/**
 * Filing packets (issue 4 part 4): the three enterprise packets built from their example
 * requests and read back — page count = contents + every item; each item's pages in the packet
 * are its own pages (text per page with pdftotext, compared with the supplied file or the
 * document rendered alone); the contents page prints each item's page range; every page A4; the
 * manifest's SHA-256 match the bytes; the ZIP holds one DOCX per generated item. Bad requests fail
 * before rendering with the exact code, pointer and item named.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { PDFDocument } from 'pdf-lib';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { renderDocument } from '../../src/pipeline/render-document.js';
import { UserError } from '../../src/errors/user-error.js';
import { toIssue } from '../../src/errors/catalog.js';
import { buildPacket, packetRegistry, packetZip, type PacketResult, type SuppliedFile } from '../../src/packets/index.js';
import { loadSuppliedFiles } from '../../src/packets/load-files.js';

const EXAMPLES = join(process.cwd(), 'packets', 'examples');
const CREATED = new Date('2024-06-03T00:00:00+08:00');
const A4_PT = { w: (210 * 72) / 25.4, h: (297 * 72) / 25.4 };

const readRequest = (id: string) => {
  const file = join(EXAMPLES, `${id}.request.json`);
  const request = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return { request, files: loadSuppliedFiles(request, dirname(file)) };
};

let engine: Engine;
let tmp: string;
const built = new Map<string, PacketResult>();

function pageText(pdf: Uint8Array, page: number): string {
  const f = join(tmp, `p-${createHash('sha1').update(pdf).digest('hex')}.pdf`);
  writeFileSync(f, pdf);
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), f, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function zipEntries(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (e: yauzl.Entry) => {
        zip.openReadStream(e, (er, s) => {
          if (er || !s) return reject(er);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => { out.set(e.fileName, Buffer.concat(chunks)); zip.readEntry(); });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

/** The issues of a UserError thrown by fn (fails the test if it resolves or throws anything else). */
async function issuesOf(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (e) {
    if (e instanceof UserError) return e.issues.map(toIssue);
    throw e;
  }
  throw new Error('expected a UserError');
}

beforeAll(async () => {
  engine = createEngine();
  tmp = mkdtempSync(join(tmpdir(), 'sef-packets-'));
  for (const id of ['henan-enterprise', 'shandong-enterprise', 'liaoning-enterprise']) {
    const { request, files } = readRequest(id);
    built.set(id, await buildPacket(engine, { packetId: id, request, files, creationDate: CREATED }));
  }
}, 120_000);

afterAll(async () => {
  await engine?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.each(['henan-enterprise', 'shandong-enterprise', 'liaoning-enterprise'])('%s packet', (id) => {
  const def = () => packetRegistry().get(id);
  const r = () => built.get(id)!;

  it('has the contents pages then every present item, in checklist order, all on A4', async () => {
    const m = r().manifest;
    expect(m.items.map((i) => i.id)).toEqual(def().items.map((i) => i.id));
    const doc = await PDFDocument.load(r().pdf);
    const itemPages = m.items.reduce((s, i) => s + (i.pages ? i.pages.to - i.pages.from + 1 : 0), 0);
    expect(doc.getPageCount()).toBe(m.totals.coverPages + itemPages);
    expect(m.totals.pages).toBe(doc.getPageCount());
    let next = m.totals.coverPages + 1;
    for (const i of m.items.filter((x) => x.status === 'present')) {
      expect(i.pages!.from).toBe(next);
      next = i.pages!.to + 1;
    }
    for (const p of doc.getPages()) {
      const { width, height } = p.getSize();
      const [a, b] = width < height ? [width, height] : [height, width];
      expect(Math.abs(a - A4_PT.w)).toBeLessThan(1);
      expect(Math.abs(b - A4_PT.h)).toBeLessThan(1);
    }
  });

  it('prints each item with its page range and status on the contents page', () => {
    const m = r().manifest;
    const text = pageText(r().pdf, 1);
    expect(text).toContain(def().title.zh);
    expect(text).toContain('材料清单');
    expect(text).toContain(m.copies.note.replace(/\s+/g, ''));
    for (const i of m.items) {
      expect(text).toContain(i.title.replace(/\s+/g, ''));
      if (i.pages) expect(text).toContain(i.pages.from === i.pages.to ? String(i.pages.from) : `${i.pages.from}–${i.pages.to}`);
    }
    const printed = (text.match(/已附/g) ?? []).length;
    // 已附 also appears once in the explanatory note under the table.
    expect(printed - 1).toBe(m.totals.present);
  });

  it('puts each supplied file on its own pages (PDF text page by page; images as one image page each)', async () => {
    const { files } = readRequest(id);
    for (const item of r().manifest.items.filter((i) => i.source === 'supplied' && i.status === 'present')) {
      let page = item.pages!.from;
      for (const f of files.get(item.id)!) {
        if (f.mediaType === 'application/pdf') {
          const n = (await PDFDocument.load(f.bytes)).getPageCount();
          for (let k = 1; k <= n; k++) expect(pageText(r().pdf, page++), `${item.id} page ${k}`).toBe(pageText(f.bytes, k));
        } else {
          expect(pageText(r().pdf, page++), `${item.id} image page`).toBe('');
        }
      }
      expect(page - 1).toBe(item.pages!.to);
    }
  });

  it('states SHA-256 and size of every file, and zips one DOCX per generated item', async () => {
    const res = r();
    const m = res.manifest;
    expect(m.files[0]).toEqual({ path: 'packet.pdf', sha256: sha256(res.pdf), bytes: res.pdf.length });
    const generated = m.items.filter((i) => i.source === 'generated' && i.status === 'present');
    expect(res.docx.map((d) => d.name)).toEqual(generated.map((i, k) => `docx/${String(k + 1).padStart(2, '0')}-${i.id}.docx`));
    for (const d of res.docx) expect(m.files).toContainEqual({ path: d.name, sha256: sha256(d.bytes), bytes: d.bytes.length });
    const { files } = readRequest(id);
    for (const i of m.items.filter((x) => x.source === 'supplied' && x.status === 'present'))
      expect(i.files.map((f) => f.sha256)).toEqual(files.get(i.id)!.map((f) => sha256(f.bytes)));
    const zip = await zipEntries(await packetZip(res));
    expect([...zip.keys()]).toEqual(['packet.pdf', ...res.docx.map((d) => d.name), 'manifest.json']);
    expect(sha256(zip.get('packet.pdf')!)).toBe(m.files[0]!.sha256);
    for (const d of res.docx) {
      const entries = await zipEntries(zip.get(d.name)!);
      expect(entries.has('word/document.xml'), d.name).toBe(true);
    }
    expect(JSON.parse(zip.get('manifest.json')!.toString('utf8'))).toEqual(m);
  });
});

describe('henan-enterprise packet, generated items', () => {
  it('copies each generated document page for page (text equal to the document rendered alone)', async () => {
    const { request } = readRequest('henan-enterprise');
    const res = built.get('henan-enterprise')!;
    for (const item of res.manifest.items.filter((i) => i.source === 'generated' && i.status === 'present')) {
      const alone = await renderDocument(engine, { formId: item.formId!, input: (request.documents as Record<string, unknown>)[item.id], format: 'pdf', creationDate: CREATED });
      expect(item.pages!.to - item.pages!.from + 1).toBe(alone.pageCount);
      for (let k = 1; k <= alone.pageCount!; k++) expect(pageText(res.pdf, item.pages!.from + k - 1), `${item.id} page ${k}`).toBe(pageText(alone.bytes, k));
    }
  }, 60_000);

  it('prints 备查 for the kept-for-inspection items not attached and 已附 for the one attached', () => {
    const m = built.get('henan-enterprise')!.manifest;
    expect(m.items.filter((i) => i.status === 'optional-absent').map((i) => i.id)).toEqual(['talent-policies', 'occupations-standards', 'organisation-staff']);
    expect(m.items.find((i) => i.id === 'asset-list')!.status).toBe('present');
    const text = pageText(built.get('henan-enterprise')!.pdf, 1);
    expect((text.match(/备查/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });
});

describe('bad requests fail before rendering', () => {
  it('names a missing mandatory item (zh and en title) with PACKET_ITEM_MISSING', async () => {
    const { request, files } = readRequest('henan-enterprise');
    const documents = { ...(request.documents as Record<string, unknown>) };
    delete documents['work-plan'];
    const withoutReport = new Map([...files].filter(([k]) => k !== 'report'));
    const supplied = { ...(request.supplied as Record<string, unknown>) };
    delete supplied.report;
    const issues = await issuesOf(() => buildPacket(engine, { packetId: 'henan-enterprise', request: { ...request, documents, supplied }, files: withoutReport }));
    expect(issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/supplied/report', 'PACKET_ITEM_MISSING'],
      ['/documents/work-plan', 'PACKET_ITEM_MISSING'],
    ]);
    expect(issues[0]!.zh).toContain('企业申请备案报告');
    expect(issues[0]!.en).toContain("The enterprise's filing request letter");
    expect(issues[1]!.zh).toContain('《企业职业技能等级认定工作方案》');
  });

  it('refuses a file whose bytes are not its type with a 415 code, pointing at the file', async () => {
    const { request, files } = readRequest('liaoning-enterprise');
    const fake: SuppliedFile = { name: 'files/liaoning-business-license.png', mediaType: 'image/png', bytes: new TextEncoder().encode('%PDF-1.7 not a png') };
    const issues = await issuesOf(() => buildPacket(engine, { packetId: 'liaoning-enterprise', request, files: new Map([...files, ['business-license', [fake]]]) }));
    expect(issues.map((i) => [i.pointer, i.code])).toEqual([['/supplied/business-license/0', 'PACKET_FILE_TYPE']]);
    const { messageFor } = await import('../../src/errors/catalog.js');
    expect(messageFor('PACKET_FILE_TYPE').http).toBe(415);
  });

  it('reports every problem at once: unknown item, document data by its form schema, too many files', async () => {
    const { request, files } = readRequest('henan-enterprise');
    const documents = { ...(request.documents as Record<string, Record<string, unknown>>) };
    documents['application-form'] = { ...documents['application-form'], applicant: { ...(documents['application-form']!.applicant as object), uscc: '91410100MA3X7K2B80' } };
    documents['nonsense'] = {};
    const report = files.get('report')!;
    const six = Array.from({ length: 6 }, (_, k) => ({ ...report[0]!, name: `r${k}.pdf` }));
    const issues = await issuesOf(() => buildPacket(engine, { packetId: 'henan-enterprise', request: { ...request, documents, supplied: { ...(request.supplied as object), report: six.map((f) => f.name) } }, files: new Map([...files, ['report', six]]) }));
    const codes = issues.map((i) => `${i.pointer} ${i.code}`);
    expect(codes).toContain('/documents/nonsense PACKET_ITEM_UNKNOWN');
    expect(codes).toContain('/supplied/report PACKET_TOO_MANY_FILES');
    expect(codes.some((c) => c.startsWith('/documents/application-form/applicant/uscc '))).toBe(true);
  });

  it('points into the request for a request that does not match its schema, and names an unknown packet', async () => {
    const issues = await issuesOf(() => buildPacket(engine, { packetId: 'henan-enterprise', request: { copies: 0, documents: [] }, files: new Map() }));
    expect(issues.map((i) => i.pointer).sort()).toEqual(['/copies', '/documents']);
    const unknown = await issuesOf(() => buildPacket(engine, { packetId: 'henan-nothing', request: {}, files: new Map() }));
    expect(unknown.map((i) => i.code)).toEqual(['PACKET_UNKNOWN']);
  });
});
