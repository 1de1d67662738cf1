/**
 * The html format is one self-contained file: stylesheet inline, every font and image a data: URL,
 * no reference left to the renderer's asset origin (a browser showing it would be refused by its
 * CSP), no script, and its own Content-Security-Policy allowing nothing else.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/pipeline/engine.js';
import { renderDocument } from '../../src/pipeline/render-document.js';
import { readInput } from '../../src/cli/load-input.js';

const engine = createEngine();
afterAll(() => engine.close());

describe.each(['national-skill-certificate-2021-style-1', 'supervisor-id-card', 'henan-enterprise-filing-application', 'shandong-certified-personnel-roster'])('%s as html', (id) => {
  it('refers to nothing outside itself', async () => {
    const r = await renderDocument(engine, { formId: id, input: readInput(`schemas/forms/${id}/examples/full.json`), format: 'html' });
    const html = new TextDecoder().decode(r.bytes);
    expect(html).not.toContain('assets.invalid');
    expect(html).not.toMatch(/<script|<link /i);
    expect(html).toContain(`content="default-src 'none'; font-src data:; img-src data:; style-src 'unsafe-inline'"`);
    expect(html).toMatch(/@font-face \{[^}]*url\('data:font\/ttf;base64,/);
  }, 60_000);
});
