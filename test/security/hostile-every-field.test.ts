/**
 * "Hostile strings in every text field appear as literal text in the PDF" — for every
 * document: each free-text string of its full example (a string the schema accepts with
 * markup in it) is replaced by a markup/template payload short enough for its box; the
 * document must validate, render, print each payload literally, and make no request to a
 * canary on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { renderForm, validateRecords } from '../../src/pipeline/render-form.js';
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

// longest first; each is tried until the field's box and schema accept it
const payloads = () => [`<img src=http://127.0.0.1:${canary.port}/i>`, '<img src=x>', '{{x}}', '<b>'];

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
    for (const ptr of stringLeaves(rec)) {
      if (ptr.startsWith('/options/')) continue;
      for (const p of payloads()) {
        const trial = structuredClone(rec);
        setAt(trial, ptr, p);
        try {
          validateRecords(engine, id, trial);
          await renderForm(engine, { formId: id, input: trial, format: 'html' }); // fits its box?
          setAt(rec, ptr, p);
          placed.set(ptr, p);
          break;
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
        }
      }
    }
    expect(placed.size, 'some fields accept a payload').toBeGreaterThan(2);
    const r = await renderForm(engine, { formId: id, input: rec, format: 'pdf' });
    const printed = (await withTempPdf(r.bytes, (f) => execFileSync('pdftotext', ['-raw', f, '-'], { encoding: 'utf8' }))).replace(/\s+/g, '');
    const shown = r.resolved.textRuns.map((t) => t.text).join('');
    for (const [ptr, p] of placed) if (shown.includes(p)) expect(printed, `${ptr} prints ${p}`).toContain(p.replace(/\s+/g, ''));
    expect(printed).not.toContain(CANARY_TOKEN);
    expect(canary.hits).toEqual([]);
  });
});
