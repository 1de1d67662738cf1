/**
 * renderDocumentFormats: several formats from one validation and one resolve give exactly what
 * renderDocument gives format by format (DOCX bytes are deterministic), and a format the document
 * lacks is refused before anything renders.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/pipeline/engine.js';
import { renderDocument, renderDocumentFormats } from '../../src/pipeline/render-document.js';
import { readInput } from '../../src/cli/load-input.js';
import { UserError } from '../../src/errors/user-error.js';

const engine = createEngine({ poolSize: 1 });
afterAll(() => engine.close());
const ID = 'liaoning-monthly-result-summary';
const input = readInput(`schemas/forms/${ID}/examples/full.json`);
const creationDate = new Date(Date.UTC(2024, 0, 1));

describe('renderDocumentFormats', () => {
  it('gives the same PDF page count and the same DOCX bytes as one render per format', async () => {
    const [pdf, docx] = await renderDocumentFormats(engine, { formId: ID, input, formats: ['pdf', 'docx'], creationDate });
    const onePdf = await renderDocument(engine, { formId: ID, input, format: 'pdf', creationDate });
    const oneDocx = await renderDocument(engine, { formId: ID, input, format: 'docx', creationDate });
    expect([pdf!.format, docx!.format]).toEqual(['pdf', 'docx']);
    expect(pdf!.pageCount).toBe(onePdf.pageCount);
    expect(Buffer.from(docx!.bytes).equals(Buffer.from(oneDocx.bytes))).toBe(true);
  }, 60_000);

  it('refuses a format the document does not have, naming it', async () => {
    const cert = 'national-skill-certificate-2021-style-1';
    const err = await renderDocumentFormats(engine, { formId: cert, input: {}, formats: ['pdf', 'docx'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).issues[0]).toMatchObject({ code: 'FORMAT_UNSUPPORTED', params: { format: 'docx' } });
  });
});
