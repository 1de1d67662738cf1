/**
 * "Hostile strings in every text field appear as literal text in the PDF" (R-TPL-1/2, R-PDF-1):
 * for every document, each free-text string of its full example is replaced by a markup or
 * template payload (HTML and SVG injection, file:// and loopback URLs, Handlebars expressions,
 * prototype access) that fits its box; different fields get different payloads. The HTML must
 * carry every payload escaped, the PDF must print it literally, and a canary on 127.0.0.1 must
 * see no connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { renderForm } from '../../src/pipeline/render-form.js';
import { formRegistry } from '../../src/forms/registry.js';
import { readInput } from '../../src/cli/load-input.js';
import { UserError } from '../../src/errors/user-error.js';
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

/** Payloads for field number k: the hostile set rotated by k (so fields differ), then short fallbacks for small boxes. */
const payloadsFor = (k: number): string[] => {
  const hostile = [
    `<img src=http://127.0.0.1:${canary.port}/i>`,
    `</tspan></text><image href="http://127.0.0.1:${canary.port}/s"/>`,
    '<iframe src=file:///etc/passwd>',
    '{{constructor.constructor}}',
    '{{#with __proto__}}x{{/with}}',
  ];
  const short = ['<img src=x>', '{{#if a}}', '<script>', '{{x}}', '<b>'];
  const rotate = (a: string[]) => [...a.slice(k % a.length), ...a.slice(0, k % a.length)];
  return [...rotate(hostile), ...rotate(short)];
};

/** Handlebars' escaping of text content. */
const escaped = (s: string) =>
  s.replace(/[&<>"'`=]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' })[c]!);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Pointers of every string leaf, skipping images. */
function stringLeaves(v: Json, ptr = ''): string[] {
  if (typeof v === 'string') return [ptr];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringLeaves(x, `${ptr}/${i}`));
  if (v && typeof v === 'object') {
    if ('base64' in v) return [];
    return Object.entries(v).flatMap(([k, x]) => stringLeaves(x, `${ptr}/${k}`));
  }
  return [];
}
function setAt(root: Json, ptr: string, value: string): void {
  const parts = ptr.slice(1).split('/');
  let o = root as Record<string, Json>;
  for (const k of parts.slice(0, -1)) o = o[k] as Record<string, Json>;
  o[parts[parts.length - 1]!] = value;
}

const forms = [...formRegistry().values()].filter((f) => f.layout);

describe.each(forms.map((f) => [f.id]))('%s', (id) => {
  it('prints markup and template syntax in every free-text field literally, with no request', async () => {
    const form = formRegistry().get(id)!;
    const rec = readInput(form.examples.find((e) => e.name === 'full')!.file) as Json;
    const placed = new Map<string, string>();
    for (const [k, ptr] of stringLeaves(rec).filter((p) => !p.startsWith('/options/')).entries()) {
      for (const p of payloadsFor(k)) {
        const trial = structuredClone(rec);
        setAt(trial, ptr, p);
        try {
          await renderForm(engine, { formId: id, input: trial, format: 'html' }); // valid, and fits its box?
          setAt(rec, ptr, p);
          placed.set(ptr, p);
          break;
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
        }
      }
    }
    const html = new TextDecoder().decode((await renderForm(engine, { formId: id, input: rec, format: 'html' })).bytes);
    const r = await renderForm(engine, { formId: id, input: rec, format: 'pdf' });
    const printed = (await withTempPdf(r.bytes, (f) => execFileSync('pdftotext', ['-raw', f, '-'], { encoding: 'utf8' }))).replace(/\s+/g, '');
    // a field the layout does not print (e.g. an issuer code) cannot be checked in the PDF
    const flat = (s: string) => s.replace(/\s+/g, '');
    const laidOut = flat(r.resolved.textRuns.map((t) => t.text).join('')); // wrapped text spans several runs
    const shown = [...placed].filter(([, p]) => laidOut.includes(flat(p)));
    expect(shown.length, 'payloads printed on the page').toBeGreaterThanOrEqual(3);
    expect(new Set(shown.map(([, p]) => p)).size, 'different payloads in different fields').toBeGreaterThanOrEqual(2);
    // every laid-out piece of text (a wrapped payload spans several) reaches the HTML escaped …
    for (const run of r.resolved.textRuns) expect(html, `escaped in the HTML: ${run.text}`).toContain(escaped(run.text));
    // … so no injected tag exists in it (the templates themselves use none of these)
    expect(html).not.toMatch(/<img|<iframe|<script|<image href="http/);
    for (const [ptr, p] of shown) expect(printed, `${ptr} prints ${p}`).toContain(flat(p));
    expect(printed).not.toContain(CANARY_TOKEN);
    expect(printed).not.toContain('root:x:0:0');
    expect(canary.hits).toEqual([]);
  });
});
