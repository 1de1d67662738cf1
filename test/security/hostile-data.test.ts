/**
 * Layer 1 of renderer isolation (reliability-anchors.md §1.2, R-TPL-1/2):
 * hostile strings in every free-text field of a certificate come out as
 * literal text in the PDF, and a canary server on 127.0.0.1 receives no
 * request while they are rendered through the real pipeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { renderForm } from '../../src/pipeline/render-form.js';
import { formRegistry } from '../../src/forms/registry.js';
import { readInput } from '../../src/cli/load-input.js';
import { withTempPdf } from '../helpers/pdf-read.js';
import { startCanary, CANARY_TOKEN, type Canary } from '../helpers/canary-server.js';

let canary: Canary;
let engine: Engine;

beforeAll(async () => {
  canary = await startCanary();
  engine = createEngine({ poolSize: 1 });
});
afterAll(async () => {
  await engine?.close();
  await canary?.close();
});

const payloads = (p: number) => ({
  holderName: '<img src=file:///etc/passwd>',
  institutionName: `<iframe src=http://127.0.0.1:${p}/if></iframe>`,
  nameEn: `</tspan></text><image href="http://127.0.0.1:${p}/svg"/>`,
  occupation: '{{constructor.constructor}}',
  job: '{{#with __proto__}}x{{/with}}',
});

describe('hostile strings in certificate data', () => {
  it('print literally and trigger no request', async () => {
    const form = formRegistry().get('national-skill-certificate-2021-style-1')!;
    const ex = form.examples.find((e) => e.name === 'full')!;
    const d = readInput(ex.file) as Record<string, Record<string, unknown>>;
    const p = payloads(canary.port);
    d.holder!.name = p.holderName;
    d.institution!.name = p.institutionName;
    d.institution!.nameEn = p.nameEn;
    d.occupation!.name = p.occupation;
    d.occupation!.job = p.job;
    const html = await renderForm(engine, { formId: form.id, input: d, format: 'html' });
    const text = new TextDecoder().decode(html.bytes);
    expect(text).not.toContain('<img src=file');
    expect(text).not.toContain('<iframe');
    expect(text).toContain('&lt;img src&#x3D;file:///etc/passwd&gt;');
    const r = await renderForm(engine, { formId: form.id, input: d, format: 'pdf' });
    const pdfText = await withTempPdf(r.bytes, (f) => execFileSync('pdftotext', ['-raw', f, '-'], { encoding: 'utf8' }));
    const flat = pdfText.replace(/\s+/g, '');
    for (const v of Object.values(p)) expect(flat).toContain(v.replace(/\s+/g, ''));
    expect(pdfText).not.toContain('root:x:0:0');
    expect(pdfText).not.toContain(CANARY_TOKEN);
    expect(canary.hits).toEqual([]);
  });
});
