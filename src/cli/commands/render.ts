import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { createEngine } from '../../pipeline/engine.js';
import { renderDocument, documentFormats, type DocumentFormat } from '../../pipeline/render-document.js';
import type { FontReport } from '../../fonts/index.js';
import { UserError } from '../../errors/user-error.js';
import { requireForm } from '../../forms/registry.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { readInput } from '../load-input.js';
import { issueTable, table } from '../output.js';
import type { Command } from './index.js';

const USAGE = 'render <form-id> <data.json|-> -o <file> [--format pdf|docx|html] [--mode pages|imposed]';
const BY_EXTENSION: Readonly<Record<string, DocumentFormat>> = { '.pdf': 'pdf', '.docx': 'docx', '.html': 'html', '.htm': 'html' };

export function fontSummary(fonts: FontReport): string {
  const roles = Object.entries(fonts.roles).map(([role, f]) => `${role}=${f.family}`).join(', ');
  const fb = fonts.fallbacks.length ? `; fallback: ${fonts.fallbacks.map((f) => `${f.char}(${f.codePoint})→${f.servedBy?.family ?? 'MISSING'}`).join(' ')}` : '';
  return roles + fb;
}

/** render: any document to PDF, DOCX (filing documents) or self-contained HTML; the format follows --format or the file extension. */
export const renderCommand: Command = async (args, opts) => {
  const [id, file] = args;
  if (!id || !file || !opts.out) throw new UserError({ pointer: '', code: 'USAGE', params: { reason: USAGE } });
  const format = (opts.format ?? BY_EXTENSION[extname(opts.out).toLowerCase()] ?? 'pdf') as DocumentFormat;
  if (format !== 'pdf' && format !== 'html' && format !== 'docx') throw new UserError({ pointer: '', code: 'USAGE', params: { reason: '--format must be pdf, docx or html' } });
  const mode = opts.mode as 'pages' | 'imposed' | undefined;
  if (mode !== undefined && mode !== 'pages' && mode !== 'imposed') throw new UserError({ pointer: '', code: 'USAGE', params: { reason: '--mode must be pages or imposed' } });
  requireForm(id); // before reading any file: an unknown id is the first thing to report
  const engine = createEngine();
  try {
    const formats = documentFormats(engine, id);
    if (!formats.includes(format)) throw new UserError({ pointer: '', code: 'FORMAT_UNSUPPORTED', params: { id, format, formats: formats.join(', ') || '—' } });
    const input = readInput(file);
    const r = await renderDocument(engine, { formId: id, input, format, ...(mode ? { mode } : {}) });
    await writeFileAtomic(opts.out, r.bytes);
    const pages = r.pageCount === undefined ? '' : String(r.pageCount);
    if (opts.json) {
      process.stdout.write(JSON.stringify({ ok: true, file: opts.out, format, pages: r.pageCount, records: r.records, bytes: r.bytes.length, fonts: r.fonts, warnings: r.warnings }, null, 2) + '\n');
    } else {
      process.stdout.write(table(['file', 'format', 'pages', 'records', 'KB', 'fonts'], [[opts.out, format, pages, String(r.records), (statSync(opts.out).size / 1024).toFixed(0), r.fonts ? fontSummary(r.fonts) : '']]) + '\n');
      if (r.warnings.length) process.stderr.write(`警告 / Warnings (${r.warnings.length}):\n${issueTable(r.warnings)}\n`);
    }
    return 0;
  } finally {
    await engine.close();
  }
};
