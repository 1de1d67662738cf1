/**
 * The web pages in real Chromium against the whole service (buildApp on loopback): fill the 2021
 * certificate form, see the server's message for a bad ID number next to the field, fix it, see the
 * preview and download the PDF; issue a 3-person batch from the batch page and watch it finish;
 * open the public verification page from the QR code printed on an issued certificate.
 * Each scenario saves a screenshot to output/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstitutionFile } from '../../src/issuance/institution.js';
import { maskName } from '../../src/issuance/verification.js';
import { projectRoot } from '../../src/paths.js';
import { people } from '../issuance/batch/fixtures.js';
import { generateRoster, INSTITUTION_FILE, INSTITUTION_ID } from '../issuance/cli/roster-gen.js';
import { withBadCheck, zipStored } from '../issuance/roster/fixtures.js';
import { ISSUE_SECRET, launchBrowser, recordProblems, screenshot, startService, type BrowserSession, type Service } from './service.js';

const FORM = 'national-skill-certificate-2021-style-1';
const FORM_DIR = join(projectRoot, 'schemas', 'forms', FORM);
const GOOD_ID = '410302198507082642'; // the minimal example's holder (李娜)
const BAD_ID = '410302198507082643'; // same, check digit wrong
const HOLDER = '李娜';
const ROSTER_SIZE = 3;

let service: Service;
let session: BrowserSession;
const work = mkdtempSync(join(tmpdir(), 'sef-web-test-'));
/** The certificates PDF the batch scenario downloads, read by the verification scenario. */
let issuedPdf: string | undefined;

beforeAll(async () => {
  [service, session] = await Promise.all([startService(), launchBrowser()]);
  const store = await service.app.sef.store();
  await store.putInstitution(loadInstitutionFile(INSTITUTION_FILE), 'browser-test');
});

afterAll(async () => {
  await session?.close();
  await service?.close();
  rmSync(work, { recursive: true, force: true });
});

const sel = {
  idField: '[data-schemapath="root.holder.idNumber"]',
  idInput: '[data-schemapath="root.holder.idNumber"] input',
  photoInput: 'input[type=file][data-path="root.holder.photo"]',
} as const;

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

/** Waits until a file with `ext` appears complete in `dir`. */
async function downloaded(dir: string, ext: string, timeoutMs = 45_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const done = readdirSync(dir).find((f) => f.endsWith(ext));
    if (done) return join(dir, done);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${ext} downloaded into ${dir}`);
}

describe('web pages in Chromium', () => {
  it('index lists the documents with links to their form pages', async () => {
    const page = await session.newPage();
    // GET /packets (the list of packet definitions) is optional for the index: without it the packet links are left out.
    const problems = recordProblems(page, ['/packets']);
    const response = await page.goto(`${service.baseUrl}/`, { waitUntil: 'networkidle0' });
    expect(page.url()).toBe(`${service.baseUrl}/ui/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector(`tr[data-form="${FORM}"] a`);
    const href = await page.$eval(`tr[data-form="${FORM}"] a`, (a) => a.getAttribute('href'));
    expect(href).toBe(`/ui/forms/${FORM}`);
    if (service.app.hasRoute({ method: 'GET', url: '/packets' })) await page.waitForSelector('#packets a[href="/ui/packets/henan-enterprise"]');
    const rows = await page.$$eval('#forms tbody tr', (trs) => trs.length);
    const list = (await (await fetch(`${service.baseUrl}/forms`)).json()) as unknown[];
    expect(rows).toBe(list.length);
    await screenshot(page, 'index');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('certificate form: bad ID number → message at the field; fixed → preview; PDF downloads', async () => {
    const page = await session.newPage();
    const problems = recordProblems(page);
    await page.goto(`${service.baseUrl}/ui/forms/${FORM}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector(sel.idInput);
    expect(await page.$eval(sel.idInput, (i) => (i as HTMLInputElement).value)).toBe(GOOD_ID);

    // The photo: uploaded through the page's file control (the JSON gets { mediaType, base64 }).
    const photo = await page.waitForSelector(sel.photoInput);
    await photo!.uploadFile(join(FORM_DIR, 'examples', 'assets', 'photo-2.jpg'));

    await typeInto(page, sel.idInput, BAD_ID);
    const note = await page.waitForSelector(`${sel.idField} .field-issue[data-pointer="/holder/idNumber"]`, { timeout: 45_000 });
    const noteText = await note!.evaluate((n) => n.textContent ?? '');
    expect(noteText).toMatch(/校验/);
    const listed = await page.$eval('#issue-list li[data-pointer="/holder/idNumber"]', (li) => ({ code: li.getAttribute('data-code'), text: li.querySelector('.message')?.textContent }));
    expect(listed).toEqual({ code: 'ID_CHECKSUM', text: noteText });
    await page.$eval(sel.idField, (f) => f.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'form-invalid-id');

    await typeInto(page, sel.idInput, GOOD_ID);
    await page.waitForFunction(() => document.querySelectorAll('#editor .field-issue').length === 0 && document.querySelector('#issue-list li.ok') !== null, { timeout: 45_000 });
    await page.waitForFunction(() => !document.querySelector('#preview')!.classList.contains('stale') && (document.querySelector('#preview-frame') as HTMLIFrameElement | null)?.srcdoc.includes('李娜'), { timeout: 60_000 });
    const sandbox = await page.$eval('#preview-frame', (f) => f.getAttribute('sandbox'));
    expect(sandbox).toBe('');
    const previewFrame = page.frames().find((f) => f !== page.mainFrame());
    expect(await previewFrame!.$eval('body', (b) => b.textContent ?? '')).toContain(HOLDER);
    await page.evaluate(() => window.scrollTo(0, 0));
    await new Promise((r) => setTimeout(r, 300));
    await screenshot(page, 'form-preview');

    // English labels from the schemas' x-title-en.
    await page.click('#lang-switch');
    await page.waitForFunction((s) => document.querySelector(s)?.textContent?.includes('ID number'), {}, `${sel.idField} label`);
    expect(await page.$eval('#download-pdf', (b) => b.textContent)).toBe('Download PDF');
    await page.click('#lang-switch');
    await page.waitForSelector(sel.idInput);

    await page.click('#download-pdf');
    const pdfFile = await downloaded(session.downloadDir, '.pdf', 60_000);
    const bytes = readFileSync(pdfFile);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
    expect(info).toMatch(/^Pages:\s+1$/m);
    const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info)!;
    expect(Math.abs(Number(w) - 841.89)).toBeLessThan(1); // A4 landscape
    expect(Math.abs(Number(h) - 595.28)).toBeLessThan(1);
    expect(execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' })).toContain(HOLDER);
    rmSync(pdfFile);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('batch page: roster + photos with the key → progress to 100 % → result files download', async () => {
    const roster = await generateRoster(work, ROSTER_SIZE);
    const zip = join(work, 'photos.zip');
    writeFileSync(zip, zipStored(readdirSync(roster.photos).map((f) => ({ name: f, data: readFileSync(join(roster.photos, f)) }))));

    const page = await session.newPage();
    const problems = recordProblems(page);
    await page.goto(`${service.baseUrl}/ui/batches`, { waitUntil: 'networkidle0' });
    await page.type('#api-key', ISSUE_SECRET);
    await page.click('#load-institutions');
    await page.waitForSelector(`#institution option[value="${INSTITUTION_ID}"]`);
    await page.select('#institution', INSTITUTION_ID);
    await (await page.$('input#roster'))!.uploadFile(roster.file);
    await (await page.$('input#photos'))!.uploadFile(zip);
    await page.$eval('#issue-date', (i) => ((i as HTMLInputElement).value = '2024-06-28'));
    await page.click('#batch-form button[type=submit]');

    await page.waitForSelector('#state[data-state="done"]', { timeout: 120_000 });
    expect(await page.$eval('#progress', (p) => (p as HTMLProgressElement).value)).toBe(100);
    expect(await page.evaluate(() => sessionStorage.getItem('sef-api-key'))).toBe(ISSUE_SECRET);
    const links = await page.$$eval('#result-list a', (as) => as.map((a) => ({ href: a.getAttribute('href')!, role: a.getAttribute('data-role') })));
    expect(links.map((l) => l.role)).toEqual(expect.arrayContaining(['documents', 'roster-xlsx', 'roster-pdf']));
    await screenshot(page, 'batch-done');

    // Each link downloads with the key (fetch + Authorization, as the page does).
    const documents = links.find((l) => l.role === 'documents')!;
    const fetched = await page.evaluate(async (href, key) => {
      const r = await fetch(href, { headers: { authorization: `Bearer ${key}` } });
      const b = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, head: String.fromCharCode(...b.subarray(0, 5)), base64: btoa(Array.from(b, (c) => String.fromCharCode(c)).join('')) };
    }, documents.href, ISSUE_SECRET);
    expect(fetched.status).toBe(200);
    expect(fetched.head).toBe('%PDF-');
    issuedPdf = join(work, 'certificates.pdf');
    writeFileSync(issuedPdf, Buffer.from(fetched.base64, 'base64'));
    expect(execFileSync('pdfinfo', [issuedPdf], { encoding: 'utf8' })).toMatch(new RegExp(`^Pages:\\s+${ROSTER_SIZE}$`, 'm'));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('batch page: a roster with a wrong ID check digit is refused with the report table and the error XLSX', async () => {
    const dir = join(work, 'faulty');
    const roster = await generateRoster(dir, 2, (row, i) => {
      if (i === 1) row['证件号'] = withBadCheck(row['证件号']!);
    });
    const page = await session.newPage();
    const problems = recordProblems(page);
    await page.goto(`${service.baseUrl}/ui/batches`, { waitUntil: 'networkidle0' });
    // The key typed in the previous scenario is gone (new tab): sessionStorage is per tab.
    expect(await page.$eval('#api-key', (i) => (i as HTMLInputElement).value)).toBe('');
    await page.type('#api-key', ISSUE_SECRET);
    await page.click('#load-institutions');
    await page.waitForSelector(`#institution option[value="${INSTITUTION_ID}"]`);
    await (await page.$('input#roster'))!.uploadFile(roster.file);
    await page.click('#batch-form button[type=submit]');
    await page.waitForSelector('#state[data-state="rejected"]', { timeout: 60_000 });
    await page.waitForSelector('#problem-rows tr');
    const rows = await page.$$eval('#problem-rows tr', (trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent ?? '')));
    // Row 4 of the sheet: title row, header row, then the second person.
    expect(rows).toContainEqual(['4', '证件号', 'ID_CHECKSUM', expect.stringMatching(/校验/)]);
    const xlsx = await page.$eval('#error-xlsx a', (a) => ({ role: a.getAttribute('data-role'), href: a.getAttribute('href') }));
    expect(xlsx.role).toBe('error-report-xlsx');
    const head = await page.evaluate(async (href, key) => {
      const r = await fetch(href!, { headers: { authorization: `Bearer ${key}` } });
      return [r.status, String.fromCharCode(...new Uint8Array(await r.arrayBuffer()).subarray(0, 2))];
    }, xlsx.href, ISSUE_SECRET);
    expect(head).toEqual([200, 'PK']);
    expect(await page.$('#results:not([hidden])')).toBeNull();
    await screenshot(page, 'batch-rejected');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('packet page: checklist status follows the request JSON and the chosen files; submit downloads the ZIP', async (ctx) => {
    if (!service.app.hasRoute({ method: 'GET', url: '/packets/:packetId' })) ctx.skip(); // the packet routes are not in the API yet
    const example = JSON.parse(readFileSync(join(projectRoot, 'packets', 'examples', 'henan-enterprise.request.json'), 'utf8')) as Record<string, unknown>;
    const { $schema: _schema, ...request } = example;
    const files = { report: 'henan-report.pdf', 'asset-list': 'henan-asset-list.png' } as const;
    request.supplied = Object.fromEntries(Object.entries(files).map(([item, name]) => [item, [name]]));

    const page = await session.newPage();
    const problems = recordProblems(page);
    await page.goto(`${service.baseUrl}/ui/packets/henan-enterprise`, { waitUntil: 'networkidle0' });
    const status = (item: string) => page.$eval(`tr[data-item="${item}"] .badge`, (b) => b.getAttribute('data-status'));
    await page.waitForSelector('tr[data-item="report"]');
    expect(await status('report')).toBe('missing');
    await page.$eval('#request', (t, text) => {
      (t as HTMLTextAreaElement).value = text;
      t.dispatchEvent(new Event('input', { bubbles: true }));
    }, JSON.stringify(request, null, 2));
    await page.waitForFunction(() => document.querySelector('tr[data-item="application-form"] .badge')?.getAttribute('data-status') === 'present');
    for (const [item, name] of Object.entries(files)) {
      await (await page.$(`input[data-item="${item}"]`) as ElementHandle<HTMLInputElement>).uploadFile(join(projectRoot, 'packets', 'examples', 'files', name));
    }
    expect(await status('report')).toBe('present');
    expect(await page.$$eval('#items .badge[data-status="missing"]', (b) => b.length)).toBe(0);
    await screenshot(page, 'packet');

    await page.click('#packet-form button[type=submit]');
    const zipFile = await downloaded(session.downloadDir, '.zip', 90_000);
    const zip = readFileSync(zipFile);
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(zip.includes(Buffer.from('manifest.json'))).toBe(true);
    rmSync(zipFile);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('verification page opened from the QR code of an issued certificate', async () => {
    expect(issuedPdf && existsSync(issuedPdf)).toBeTruthy();
    execFileSync('pdftoppm', ['-r', '200', '-f', '1', '-l', '1', '-png', '-singlefile', issuedPdf!, join(work, 'page1')]);
    const payload = execFileSync('zbarimg', ['--raw', '-q', join(work, 'page1.png')], { encoding: 'utf8' }).trim();
    expect(payload.startsWith(`${service.baseUrl}/verify/`)).toBe(true);
    const number = /[YS]\d{21}$/.exec(payload)![0];

    const page = await session.newPage();
    const response = await page.goto(payload, { waitUntil: 'networkidle0' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    const text = await page.$eval('body', (b) => b.innerText);
    const holder = people(ROSTER_SIZE)[0]!.name;
    expect(text).toContain(number);
    expect(text).toContain(maskName(holder));
    expect(text).not.toContain(holder);
    expect(text).toMatch(/有效/);
    await screenshot(page, 'verify');
    await page.close();
  });
});
