/**
 * demo: renders every valid example of every document into output/<form-id>/,
 * in every render mode the document declares, and prints what it wrote.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createEngine } from '../../pipeline/engine.js';
import { renderForm } from '../../pipeline/render-form.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { projectRoot } from '../../paths.js';
import { readInput } from '../load-input.js';
import { table } from '../output.js';
import { fontSummary } from './render.js';
import type { Command } from './index.js';

export const demoCommand: Command = async (_args, opts) => {
  const outRoot = opts.out ?? join(projectRoot, 'output');
  const engine = createEngine();
  const rows: string[][] = [];
  const started = Date.now();
  try {
    for (const form of engine.forms.values()) {
      if (!form.layout) continue;
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
  } finally {
    await engine.close();
  }
  process.stdout.write(table(['file', 'pages', 'records', 'KB', 'fonts (role=family; fallbacks)'], rows) + '\n');
  process.stdout.write(`\n${rows.length} PDF files in ${relative(process.cwd(), outRoot) || '.'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return 0;
};
