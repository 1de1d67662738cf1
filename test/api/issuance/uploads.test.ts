/**
 * POST /batches refuses a bad upload before any job exists, each with problem+json and a pointer:
 * not multipart (415), a roster or photo whose bytes are not what it claims (415), a file over its
 * bound or too many files (413), missing, unknown, duplicate or invalid fields (400). Nothing is
 * left in the data dir. Also: Accept negotiation of /verify and the well-formed number check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { expectProblem } from '../helpers.js';
import { prefersHtml, escapeHtml } from '../../../src/api/routes/issuance/verify-page.js';
import { numberKind } from '../../../src/api/routes/issuance/numbers.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../../src/api/routes/issuance/batch-upload.js';
import { zipStored } from '../../issuance/roster/fixtures.js';
import { auth, institutionBody, issuanceApp, INSTITUTION_ID, postBatch, type IssuanceTestApp } from './setup.js';

let t: IssuanceTestApp;
let jpeg: Buffer;
const fields = { institution: INSTITUTION_ID, issueDate: '2024-06-28' };
const csv = Buffer.from('姓名,证件号,职业名称,职业技能等级\n王建军,410305197001100013,车工,三级\n', 'utf8');

beforeAll(async () => {
  t = await issuanceApp();
  const r = await t.app.inject({ method: 'POST', url: '/institutions', headers: { ...auth(t.keys.admin), 'content-type': 'application/json' }, payload: JSON.stringify(institutionBody()) });
  expect(r.statusCode).toBe(201);
  jpeg = await sharp({ create: { width: 20, height: 28, channels: 3, background: { r: 200, g: 200, b: 200 } } }).jpeg().toBuffer();
});
afterAll(async () => {
  await t.app.close();
});

const jobsOnDisk = () => readdirSync(join(t.dataDir, 'batches'));

describe('POST /batches: refused uploads', () => {
  it('415 when the body is not multipart', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/batches', headers: { ...auth(t.keys.issuer), 'content-type': 'application/json' }, payload: '{}' });
    expect(r.statusCode).toBe(415);
    expectProblem(r, 415);
  });

  it('415 for a roster whose bytes are not its name\'s type (an XLSX that is text, a CSV that is a ZIP, a binary file)', async () => {
    const cases: [string, Buffer][] = [
      ['roster.xlsx', csv],
      ['roster.csv', zipStored([{ name: 'a.txt', data: Buffer.from('x') }])],
      ['roster.csv', Buffer.from([0x00, 0x01, 0x02, 0x03])],
      ['roster.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
    ];
    for (const [name, bytes] of cases) {
      const p = expectProblem(await postBatch(t.app, t.keys.issuer, { fields, roster: { name, bytes } }), 415, 'UPLOAD_FILE_TYPE');
      expect(p.issues[0]!.pointer).toBe('/roster');
    }
  });

  it('415 for a photo that is neither JPEG, PNG nor ZIP (a GIF named .jpg); 400 for a ZIP mixed with images', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
    const p = expectProblem(await postBatch(t.app, t.keys.issuer, { fields, roster: { name: 'r.csv', bytes: csv }, photos: [{ name: '410305197001100013.jpg', bytes: gif }] }), 415, 'UPLOAD_FILE_TYPE');
    expect(p.issues[0]!.pointer).toBe('/photos');
    const zip = zipStored([{ name: '410305197001100013.jpg', data: jpeg }]);
    const mixed = expectProblem(
      await postBatch(t.app, t.keys.issuer, { fields, roster: { name: 'r.csv', bytes: csv }, photos: [{ name: 'a.jpg', bytes: jpeg }, { name: 'p.zip', bytes: zip }] }),
      400,
      'UPLOAD_PHOTOS_MIXED',
    );
    expect(mixed.issues[0]!.pointer).toBe('/photos');
  });

  it('413 for a roster over its bound and for a photo over the per-photo bound', async () => {
    const big = Buffer.alloc(DEFAULT_UPLOAD_LIMITS.rosterBytes + 1, 0x41);
    const p = expectProblem(await postBatch(t.app, t.keys.issuer, { fields, roster: { name: 'r.csv', bytes: big } }), 413, 'UPLOAD_FILE_TOO_LARGE');
    expect(p.issues[0]!.pointer).toBe('/roster');
    const huge = Buffer.concat([jpeg, Buffer.alloc(DEFAULT_UPLOAD_LIMITS.photoBytes, 0)]);
    const q = expectProblem(await postBatch(t.app, t.keys.issuer, { fields, roster: { name: 'r.csv', bytes: csv }, photos: [{ name: 'big.jpg', bytes: huge }] }), 413, 'UPLOAD_FILE_TOO_LARGE');
    expect(q.issues[0]!.pointer).toBe('/photos');
  });

  it('413 for more photo parts than allowed', async () => {
    const photos = Array.from({ length: DEFAULT_UPLOAD_LIMITS.photoFiles + 1 }, (_, i) => ({ name: `p${i}.jpg`, bytes: jpeg }));
    const p = expectProblem(await postBatch(t.app, t.keys.issuer, { fields, roster: { name: 'r.csv', bytes: csv }, photos }), 413, 'UPLOAD_TOO_MANY_FILES');
    expect(p.issues[0]!.pointer).toBe('/photos');
  });

  it('400 naming the field: missing institution or roster, unknown field, duplicate field, bad date, bad kind, bad chunk size', async () => {
    const roster = { name: 'r.csv', bytes: csv };
    const cases: [Record<string, string>, typeof roster | undefined, string, string][] = [
      [{ issueDate: '2024-06-28' }, roster, 'UPLOAD_FIELD_REQUIRED', '/institution'],
      [fields, undefined, 'UPLOAD_FIELD_REQUIRED', '/roster'],
      [{ ...fields, colour: 'red' }, roster, 'UPLOAD_FIELD_UNKNOWN', '/colour'],
      [{ ...fields, issueDate: '2024-02-30' }, roster, 'ISSUE_DATE_FORMAT', '/issueDate'],
      [{ ...fields, kind: 'diploma' }, roster, 'UPLOAD_FIELD_INVALID', '/kind'],
      [{ ...fields, formId: 'henan-enterprise-filing-application' }, roster, 'UPLOAD_FIELD_INVALID', '/formId'],
      [{ ...fields, chunkSize: '0' }, roster, 'BATCH_CHUNK_SIZE', '/chunkSize'],
      [{ ...fields, institution: 'Bad Id' }, roster, 'UPLOAD_FIELD_INVALID', '/institution'],
    ];
    for (const [f, r, code, pointer] of cases) {
      const p = expectProblem(await postBatch(t.app, t.keys.issuer, { fields: f, ...(r ? { roster: r } : {}) }), 400, code);
      expect(p.issues[0]!.pointer, code).toBe(pointer);
    }
    const fd = new FormData();
    fd.append('institution', INSTITUTION_ID);
    fd.append('institution', INSTITUTION_ID);
    const dup = await t.app.inject({ method: 'POST', url: '/batches', headers: auth(t.keys.issuer), payload: fd });
    expect(expectProblem(dup, 400, 'UPLOAD_FIELD_DUPLICATE').issues[0]!.pointer).toBe('/institution');
  });

  it('404 for an unknown institution the key covers; 403 for one it does not (before the files are read)', async () => {
    const p = expectProblem(await postBatch(t.app, t.keys.admin, { fields: { ...fields, institution: 'nobody' }, roster: { name: 'r.csv', bytes: csv } }), 404, 'INSTITUTION_UNKNOWN');
    expect(p.issues[0]!.pointer).toBe('/institution');
    expectProblem(await postBatch(t.app, t.keys.issuer, { fields: { ...fields, institution: 'other-inst' }, roster: { name: 'r.csv', bytes: csv } }), 403, 'AUTH_INSTITUTION_FORBIDDEN');
  });

  it('leaves nothing behind in the data dir', () => {
    expect(jobsOnDisk()).toEqual([]);
  });
});

describe('helpers', () => {
  it('prefersHtml: a browser gets the page, curl and JSON clients get JSON', () => {
    expect(prefersHtml('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(true);
    expect(prefersHtml('text/html')).toBe(true);
    expect(prefersHtml('*/*')).toBe(false);
    expect(prefersHtml(undefined)).toBe(false);
    expect(prefersHtml('application/json')).toBe(false);
    expect(prefersHtml('application/json, text/html;q=0.5')).toBe(false);
    expect(prefersHtml('text/html;q=0.2, application/json;q=0.1')).toBe(true);
  });

  it('numberKind tells certificates from cards and refuses the rest', () => {
    expect(numberKind('Y000041030001243000001')?.kind).toBe('certificate');
    expect(numberKind('y0000 4103 0001 2430 00001')?.normalized).toBe('Y000041030001243000001');
    expect(numberKind('R41210001')?.kind).toBe('supervisor-card');
    expect(numberKind('H100001220001')?.kind).toBe('supervisor-card');
    expect(numberKind('Y000041030001246000001')).toBeUndefined(); // level 6
    expect(numberKind('../etc/passwd')).toBeUndefined();
  });

  it('escapeHtml escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
