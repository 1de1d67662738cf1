/**
 * demo: renders every valid example of every document into output/<form-id>/, in every render
 * mode the document declares; validates the examples of the documents that have no print layout
 * yet; issues a sample certificate batch and a supervisor-card batch end to end (demo-batch.ts);
 * and prints what it wrote.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createEngine } from '../../pipeline/engine.js';
import { renderForm } from '../../pipeline/render-form.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { SystemError } from '../../errors/user-error.js';
import { projectRoot } from '../../paths.js';
import { readInput } from '../load-input.js';
import { table } from '../output.js';
import { fontSummary } from './render.js';
import { demoBatch } from './demo-batch.js';
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
      if (!form.layout) {
        // No print layout yet (issue 4): the examples still go through the document's validator.
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
      for (const ex of form.examples) {
        const input = readInput(ex.file);
        for (const mode of form.manifest.renderModes ?? ['pages']) {
          const r = await renderForm(engine, { formId: form.id, input, format: 'pdf', mode });
          const file = join(dir, `${ex.name}${mode === 'pages' ? '' : `-${mode}`}.pdf`);
          await writeFileAtomic(file, r.bytes);
          rows.push([relative(process.cwd(), file), String(r.pageCount), String(r.records), (statSync(file).size / 1024).toFixed(0), fontSummary(r)]);
        }
      }
    }
    process.stdout.write(table(['file', 'pages', 'records', 'KB', 'fonts (role=family; fallbacks)'], rows) + '\n');
    process.stdout.write(`\n${rows.length} PDF files in ${relative(process.cwd(), outRoot) || '.'}; ${checked} examples of ${schemaOnly} documents without a print layout yet validated (${((Date.now() - started) / 1000).toFixed(1)} s)\n\n`);
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
