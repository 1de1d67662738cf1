import { statSync } from 'node:fs';
import { createEngine } from '../../pipeline/engine.js';
import { renderForm, type RenderResult } from '../../pipeline/render-form.js';
import { UserError } from '../../errors/user-error.js';
import { requireForm } from '../../forms/registry.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { readInput } from '../load-input.js';
import { issueTable, table } from '../output.js';
import type { Command } from './index.js';

export function fontSummary(r: RenderResult): string {
  const roles = Object.entries(r.fonts.roles).map(([role, f]) => `${role}=${f.family}`).join(', ');
  const fb = r.fonts.fallbacks.length ? `; fallback: ${r.fonts.fallbacks.map((f) => `${f.char}(${f.codePoint})→${f.servedBy?.family ?? 'MISSING'}`).join(' ')}` : '';
  return roles + fb;
}

export const renderCommand: Command = async (args, opts) => {
  const [id, file] = args;
  if (!id || !file || !opts.out) throw new UserError({ pointer: '', code: 'USAGE', params: { reason: 'render <form-id> <data.json|-> -o <file> [--format pdf|html] [--mode pages|imposed]' } });
  const format = (opts.format ?? (opts.out.endsWith('.html') ? 'html' : 'pdf')) as 'pdf' | 'html';
  if (format !== 'pdf' && format !== 'html') throw new UserError({ pointer: '', code: 'USAGE', params: { reason: '--format must be pdf or html' } });
  const mode = (opts.mode ?? 'pages') as 'pages' | 'imposed';
  if (mode !== 'pages' && mode !== 'imposed') throw new UserError({ pointer: '', code: 'USAGE', params: { reason: '--mode must be pages or imposed' } });
  requireForm(id); // before reading any file: an unknown id is the first thing to report
  const input = readInput(file);
  const engine = createEngine();
  try {
    const r = await renderForm(engine, { formId: id, input, format, mode });
    await writeFileAtomic(opts.out, r.bytes);
    if (opts.json) {
      process.stdout.write(JSON.stringify({ ok: true, file: opts.out, pages: r.pageCount, records: r.records, bytes: r.bytes.length, fonts: r.fonts, warnings: r.warnings }, null, 2) + '\n');
    } else {
      process.stdout.write(table(['file', 'pages', 'records', 'KB', 'fonts'], [[opts.out, String(r.pageCount), String(r.records), (statSync(opts.out).size / 1024).toFixed(0), fontSummary(r)]]) + '\n');
      if (r.warnings.length) process.stderr.write(`警告 / Warnings (${r.warnings.length}):\n${issueTable(r.warnings)}\n`);
    }
    return 0;
  } finally {
    await engine.close();
  }
};
