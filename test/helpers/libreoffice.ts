/**
 * LibreOffice for the DOCX conformance tests: converts DOCX files to PDF with
 * `soffice --headless --convert-to pdf`, in ONE call for many files (startup dominates: about 1.3 s
 * for one file, 2.5 s for twenty; rendering-notes.md), with a private profile
 * (-env:UserInstallation) so runs never share or lock one, and FONTCONFIG_FILE = the project's
 * fonts.conf, which maps the official names the DOCX carries (仿宋, 黑体 …) to the project's fonts
 * (without it LibreOffice sets every CJK role in Noto Sans CJK JP).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { loadFontSet, writeFontconfig } from '../../src/fonts/index.js';

const run = promisify(execFile);

export const SOFFICE = process.env['SEF_SOFFICE'] ?? 'soffice';

/** Whether soffice can be started here (tests skip the LibreOffice part, loudly, when not). */
export function hasLibreOffice(): boolean {
  return ['/usr/bin/soffice', '/usr/local/bin/soffice'].some((p) => existsSync(p)) || process.env['SEF_SOFFICE'] !== undefined;
}

/** Writes the project's fonts.conf (src/fonts/fontconfig.ts) into `dir` and returns its path. */
export function projectFontconfig(dir: string): string {
  return writeFontconfig(loadFontSet(), dir);
}

export interface ConvertOptions {
  /** fonts.conf for LibreOffice; default: the project's, written to a temporary directory. */
  readonly fontconfigFile?: string;
  readonly timeoutMs?: number;
}

/**
 * Converts every DOCX in `files` to `<outDir>/<name>.pdf` in one soffice run and returns the PDF
 * paths in the same order. Throws with soffice's output when a PDF is missing.
 */
export async function docxToPdf(files: readonly string[], outDir: string, opts: ConvertOptions = {}): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'sef-lo-'));
  try {
    const fontconfigFile = opts.fontconfigFile ?? projectFontconfig(join(work, 'fontconfig'));
    const profile = pathToFileURL(join(work, 'profile')).href;
    const { stdout, stderr } = await run(
      SOFFICE,
      ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', outDir, ...files],
      { env: { ...process.env, FONTCONFIG_FILE: fontconfigFile, HOME: work }, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 16 << 20 },
    );
    const pdfs = files.map((f) => join(outDir, basename(f).replace(/\.docx$/i, '') + '.pdf'));
    const missing = pdfs.filter((p) => !existsSync(p));
    if (missing.length) throw new Error(`soffice did not write ${missing.join(', ')}\n${stdout}\n${stderr}`);
    return pdfs;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
