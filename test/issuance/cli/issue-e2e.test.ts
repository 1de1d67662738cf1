/**
 * The end-to-end requirement: a generated 2,000-person roster (valid ID numbers, one photo
 * each) issues through the CLI into a temp folder with a temp SQLite registry. Then:
 *  - the completed 名册 (XLSX) numbers equal the numbers printed in the PDFs (pdftotext on every
 *    chunk), each exactly once, and page by page in the same order;
 *  - every certificate's QR code (cropped from every page with pdftoppm, decoded by one zbarimg
 *    call) decodes to verifyUrlBase + that page's own number;
 *  - the manifest's SHA-256 sums and sizes match the files.
 * No timing assertions: the bench measures speed.
 */
import { describe, expect, it, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { run } from '../../helpers/run.js';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { projectRoot } from '../../../src/paths.js';
import type { BatchManifest } from '../../../src/issuance/batch/manifest.js';
import { tempDir } from '../batch/fixtures.js';
import { generateRoster, INSTITUTION_FILE, INSTITUTION_ID } from './roster-gen.js';

const N = Number(process.env.SEF_E2E_ROWS ?? 2000);
const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');
const cli = (args: string[]) => run(tsx, [join(projectRoot, 'src/cli/main.ts'), ...args], { cwd: projectRoot, timeout: 2_400_000 });
const root = tempDir('e2e');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Certificate QR: 30 mm square at (239, 28.5) mm on the 297 × 210 mm page (layout.json); crop it with a 3 mm margin. */
const DPI = 200;
const px = (mm: number) => Math.round((mm * DPI) / 25.4);
const QR_CROP = { x: px(236), y: px(25.5), w: px(36), h: px(36) };

describe(`sef issue: a ${N}-person roster end to end`, () => {
  it('issues, and the 名册, the PDF text and every QR code agree on every number', async () => {
    const roster = await generateRoster(root, N);
    const db = join(root, 'registry.sqlite');
    const out = join(root, 'out');
    const add = await cli(['institution', 'add', INSTITUTION_FILE, '--db', db]);
    expect(add.status, add.stderr).toBe(0);
    const r = await cli(['issue', INSTITUTION_ID, roster.file, '--photos', roster.photos, '-o', out, '--issue-date', '2024-06-28', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    // progress per stage (plain lines: stderr is not a TTY here) and the summary
    for (const stage of ['校验 validate', '编号 number', '排版 render']) expect(r.stderr).toContain(`${stage}: ${N}/${N}`);
    expect(r.stdout).toContain('发证完成 / Issued');
    expect(r.stdout).toMatch(new RegExp(`documents\\s+${N} of ${N} rows, ${Math.ceil(N / 250)} PDF file\\(s\\), ${N} pages`));
    expect(r.stderr + r.stdout).not.toMatch(/\bat .*\.ts:\d+/);

    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as BatchManifest;
    for (const f of m.files) {
      const bytes = readFileSync(join(out, f.path));
      expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
      expect(bytes.length).toBe(f.bytes);
    }
    const chunks = m.files.filter((f) => f.role === 'documents').map((f) => f.path);
    expect(chunks.length).toBe(Math.ceil(N / 250));

    // the completed 名册: 证书编号 column, in roster order
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '职业技能等级认定人员名册.xlsx'));
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(2).values as unknown[]).map((v) => String(v ?? ''));
    const numCol = headers.indexOf('证书编号'), idCol = headers.indexOf('证件号');
    const rosterNumbers: string[] = [], rosterIds: string[] = [];
    for (let i = 3; i <= ws.rowCount; i++) {
      rosterNumbers.push(String(ws.getRow(i).getCell(numCol).value));
      rosterIds.push(String(ws.getRow(i).getCell(idCol).value));
    }
    expect(rosterIds).toEqual(roster.ids);
    expect(new Set(rosterNumbers).size).toBe(N);

    // the PDFs: one number per page, page by page in roster order
    const pageNumbers: string[] = [];
    for (const c of chunks) {
      const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, c), '-'], { encoding: 'utf8', maxBuffer: 256 << 20 }).split('\f').slice(0, -1);
      for (const p of pages) {
        const found = p.match(/[YS]\d{21}/g) ?? [];
        expect(new Set(found).size, `${c}: one number per page`).toBe(1);
        pageNumbers.push(found[0]!);
      }
    }
    expect(pageNumbers).toEqual(rosterNumbers);

    // every QR: crop all pages of all chunks, decode in one zbarimg call, map page → payload
    const qrDir = join(root, 'qr');
    mkdirSync(qrDir);
    chunks.forEach((c, i) =>
      execFileSync('pdftoppm', ['-r', String(DPI), '-x', String(QR_CROP.x), '-y', String(QR_CROP.y), '-W', String(QR_CROP.w), '-H', String(QR_CROP.h), '-gray', '-png', join(out, c), join(qrDir, `c${String(i).padStart(2, '0')}`)]),
    );
    const pngs = readdirSync(qrDir).filter((f) => f.endsWith('.png')).sort((a, b) => {
      const [ca, pa] = a.match(/\d+/g)!.map(Number), [cb, pb] = b.match(/\d+/g)!.map(Number);
      return ca! - cb! || pa! - pb!;
    });
    expect(pngs.length).toBe(N);
    const xml = (await run('zbarimg', ['--xml', '-q', ...pngs], { cwd: qrDir })).stdout;
    const decoded = new Map<string, string[]>();
    for (const m2 of xml.matchAll(/<source href='([^']+)'>([\s\S]*?)<\/source>/g))
      decoded.set(m2[1]!, [...m2[2]!.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((d) => d[1]!));
    pngs.forEach((f, i) => expect(decoded.get(f), f).toEqual([`http://jndj.osta.org.cn/?zsbh=${pageNumbers[i]}`]));
  }, 2_700_000); // a hang guard only (the machine is shared); speed is the bench's job
});
