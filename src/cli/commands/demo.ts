/**
 * demo: renders every example of every document into output/<form-id>/ — certificates and cards
 * in every render mode they declare, filing documents (flow layouts) as PDF and DOCX from their
 * minimal and full examples (the 200-row stress examples are left to the tests); validates the
 * examples of any document without a print layout; builds the example filing packets
 * (packets/examples/*.request.json, demo-packets.ts); issues a sample certificate batch and a
 * supervisor-card batch end to end (demo-batch.ts); and prints what it wrote.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createEngine } from '../../pipeline/engine.js';
import { renderDocumentFormats } from '../../pipeline/render-document.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { SystemError } from '../../errors/user-error.js';
import { projectRoot } from '../../paths.js';
import { readInput } from '../load-input.js';
import { table } from '../output.js';
import { fontSummary } from './render.js';
import { demoBatch } from './demo-batch.js';
import { demoPackets } from './demo-packets.js';
import { checkRecords } from '../../pipeline/check-records.js';
import type { Command } from './index.js';

export const demoCommand: Command = async (_args, opts) => {
  const outRoot = opts.out ?? join(projectRoot, 'output');
  const engine = createEngine();
  const rows: string[][] = [];
  const started = Date.now();
  try {
    let schemaOnly = 0, checked = 0;
    for (const form of engine.forms.values()) {
      if (!form.layout && !form.flow) {
        // No print layout: the examples still go through the document's validator.
        schemaOnly++;
        for (const ex of form.examples) {
          const { errors } = checkRecords(engine.validator(form.id), readInput(ex.file));
          if (errors.length) throw new SystemError('DEMO_FAILED', `${ex.file}: ${errors.map((e) => `${e.pointer} ${e.code}`).join(', ')}`);
          checked++;
        }
        continue;
      }
      const dir = join(outRoot, form.id);
      mkdirSync(dir, { recursive: true });
      for (const ex of form.examples.filter((e) => e.name !== 'stress')) {
        const input = readInput(ex.file);
        const runs = form.flow
          ? [{ formats: ['pdf', 'docx'] as const, suffixes: ['.pdf', '.docx'] }]
          : (form.manifest.renderModes ?? ['pages']).map((mode) => ({ mode, formats: ['pdf'] as const, suffixes: [`${mode === 'pages' ? '' : `-${mode}`}.pdf`] }));
        for (const run of runs) {
          const results = await renderDocumentFormats(engine, { formId: form.id, input, formats: run.formats, ...('mode' in run ? { mode: run.mode } : {}) });
          for (const [k, r] of results.entries()) {
            const file = join(dir, `${ex.name}${run.suffixes[k]}`);
            await writeFileAtomic(file, r.bytes);
            rows.push([relative(process.cwd(), file), r.pageCount === undefined ? '' : String(r.pageCount), String(r.records), (statSync(file).size / 1024).toFixed(0), r.fonts ? fontSummary(r.fonts) : '']);
          }
        }
      }
    }
    process.stdout.write(table(['file', 'pages', 'records', 'KB', 'fonts (role=family; fallbacks)'], rows) + '\n');
    process.stdout.write(`\n${rows.length} files (PDF, DOCX) in ${relative(process.cwd(), outRoot) || '.'}${schemaOnly ? `; ${checked} examples of ${schemaOnly} documents without a print layout validated` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)\n\n`);
    const packetsStarted = Date.now();
    const packets = await demoPackets(engine, join(outRoot, 'packets'));
    process.stdout.write('备案材料包演示 / Filing packets (the same path as `sef packet`):\n');
    process.stdout.write(table(['packet', 'pages', 'present / absent / missing', 'docx', 'folder'], packets.map((p) => [p.id, String(p.pages), p.items, String(p.docx), p.dir])) + '\n');
    process.stdout.write(`\n(${((Date.now() - packetsStarted) / 1000).toFixed(1)} s)\n\n`);
    const batchStarted = Date.now();
    const batch = await demoBatch(engine, outRoot);
    process.stdout.write('批量发证演示 / Batch issuance demo (the same path as `sef issue`):\n');
    process.stdout.write(table(['file', 'pages', 'numbers / role'], batch.map((b) => [b.file, b.pages ? String(b.pages) : '', b.note])) + '\n');
    process.stdout.write(`\n(${((Date.now() - batchStarted) / 1000).toFixed(1)} s)\n`);
  } finally {
    await engine.close();
  }
  return 0;
};
