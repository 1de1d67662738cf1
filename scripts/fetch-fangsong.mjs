#!/usr/bin/env node
/**
 * Setup-time step for the 仿宋 (fangsong) role — see fonts/README.md.
 *
 *   1. a licensed 仿宋 TrueType file in fonts/local/ (e.g. simfang.ttf)  → nothing to do;
 *   2. fonts/cache/FandolFang-Regular.ttf exists                          → nothing to do;
 *   3. FandolFang from Debian's texlive-lang-chinese: the installed .otf if the package is
 *      installed, else (as root with apt) `apt-get download` + `dpkg-deb` into a temp dir;
 *      converted to TrueType outlines with /usr/bin/python3 + fontTools
 *      (scripts/prepare-fonts.py otf2ttf) into the git-ignored fonts/cache/;
 *   4. otherwise print what to install and carry on: the documented fallback (the kai role)
 *      serves 仿宋 and every render's font report says so.
 *
 * FandolFang's licence is disputed (GPL + font exception per its README; its author reportedly
 * restricted it to TeX use): it is never committed. SEF_NO_FANDOL=1 skips steps 3–4.
 *
 * Idempotent; the second run only reads fonts.json and lists fonts/local/.
 * Usage: node scripts/fetch-fangsong.mjs [--quiet] [--force]
 *        import { fetchFangsong } from './fetch-fangsong.mjs'; await fetchFangsong({ quiet })
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = 'texlive-lang-chinese';
const OTF_IN_PKG = 'usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf';
const README_IN_PKG = 'usr/share/doc/texlive-doc/fonts/fandol/README';
const COPYING_IN_PKG = 'usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz';
const PYTHON = '/usr/bin/python3';
const FONT_EXT = /\.(ttf|otf|ttc|otc)$/i;

const norm = (s) => s.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');

/** Family names + outline kind of every face in a font file (fontkit), or null when unreadable. */
function inspectFont(file) {
  try {
    const fontkit = createRequire(join(ROOT, 'package.json'))('fontkit');
    const parsed = fontkit.create(readFileSync(file));
    const faces = parsed.fonts ?? [parsed];
    return faces.map((f) => {
      const names = new Set([f.familyName]);
      for (const key of ['fontFamily', 'preferredFamily', 'fullName'])
        for (const v of Object.values(f.name?.records?.[key] ?? {})) names.add(String(v));
      const tables = f.directory.tables;
      return { names: [...names], truetype: Object.prototype.hasOwnProperty.call(tables, 'glyf'), weight: f['OS/2']?.usWeightClass ?? 400 };
    });
  } catch {
    return null;
  }
}

/** A licensed 仿宋 in the local dir: { file, truetype } or null. */
export function findLocalFangsong({ root = ROOT, localDir } = {}) {
  const cfg = JSON.parse(readFileSync(join(root, 'fonts', 'fonts.json'), 'utf8'));
  const dir = localDir ?? join(root, 'fonts', 'local');
  if (!existsSync(dir)) return null;
  const local = cfg.roles.fangsong.candidates.filter((c) => c.source === 'local');
  const files = new Set(local.flatMap((c) => c.files.map((f) => f.toLowerCase())));
  const fams = new Set(local.flatMap((c) => c.families.map(norm)));
  const entries = readdirSync(dir).filter((n) => FONT_EXT.test(n)).sort();
  let cffOnly = null;
  // file-name matches first (no parsing), then family names
  for (const pass of ['file', 'family']) {
    for (const name of entries) {
      const file = join(dir, name);
      if (pass === 'file' && !files.has(name.toLowerCase())) continue;
      const faces = inspectFont(file);
      if (!faces) continue;
      const hit = faces.filter((f) => f.weight <= 600 && (pass === 'file' || f.names.some((n) => fams.has(norm(n)))));
      if (hit.some((f) => f.truetype)) return { file, truetype: true };
      if (hit.length) cffOnly ??= { file, truetype: false };
    }
  }
  return cffOnly;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) return { ok: false, out: String(r.error.message) };
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

const hasPythonFontTools = () => existsSync(PYTHON) && run(PYTHON, ['-c', 'import fontTools.ttLib, fontTools.pens.cu2quPen']).ok;

function instructions(reason) {
  return [
    `仿宋 (fangsong): ${reason}`,
    '  The documented fallback serves 仿宋 for now (the kai role, AR PL UKai CN; every render reports it).',
    '  Better, in order of preference:',
    '   - copy a licensed 仿宋 TrueType font into fonts/local/ (e.g. fonts/local/simfang.ttf); it always wins;',
    `   - or, as root: apt-get install python3-fonttools && node scripts/fetch-fangsong.mjs   (extracts FandolFang from Debian's ${PKG}; its licence is disputed, see fonts/README.md);`,
    `   - or install ${PKG} and python3-fonttools, then rerun node scripts/fetch-fangsong.mjs.`,
    '  Set SEF_NO_FANDOL=1 to never use FandolFang.',
  ].join('\n');
}

/**
 * @param {{ root?: string, quiet?: boolean, force?: boolean, localDir?: string, cacheDir?: string }} [opts]
 * @returns {Promise<{ status: 'local' | 'cached' | 'extracted' | 'skipped' | 'fallback', file?: string, message: string }>}
 */
export async function fetchFangsong(opts = {}) {
  const root = opts.root ?? ROOT;
  const quiet = opts.quiet ?? false;
  const say = (m) => { if (!quiet) console.log(m); };
  const cacheDir = opts.cacheDir ?? join(root, 'fonts', 'cache');
  const target = join(cacheDir, 'FandolFang-Regular.ttf');

  const local = findLocalFangsong({ root, localDir: opts.localDir });
  if (local?.truetype) {
    const message = `仿宋: licensed font in fonts/local (${basename(local.file)}) is used; FandolFang not needed`;
    say(message);
    return { status: 'local', file: local.file, message };
  }
  if (local && !quiet)
    console.warn(`仿宋: fonts/local/${basename(local.file)} has CFF outlines (Chromium would print it as Type 3); convert it:\n` +
      `  ${PYTHON} scripts/prepare-fonts.py otf2ttf "fonts/local/${basename(local.file)}" "fonts/local/${basename(local.file).replace(FONT_EXT, '')}.ttf"`);

  if (process.env.SEF_NO_FANDOL === '1') {
    const message = '仿宋: SEF_NO_FANDOL=1, FandolFang skipped (and ignored by the fonts module); the documented fallback (kai) serves 仿宋';
    say(message);
    return { status: 'skipped', message };
  }
  if (!opts.force && existsSync(target) && statSync(target).size > 0) {
    const message = `仿宋: FandolFang cache present (${target})`;
    say(message);
    return { status: 'cached', file: target, message };
  }
  const fallback = (reason) => {
    const message = instructions(reason);
    if (!quiet) console.warn(message);
    return { status: 'fallback', message };
  };
  if (!hasPythonFontTools()) return fallback(`cannot convert FandolFang: ${PYTHON} with fontTools is missing (Debian package python3-fonttools)`);

  const t0 = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'sef-fandol-'));
  try {
    let otf = join('/', OTF_IN_PKG);
    let docDir = '/';
    let from = `installed ${PKG}`;
    if (!existsSync(otf)) {
      const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
      if (!isRoot || !existsSync('/usr/bin/apt-get') || !existsSync('/usr/bin/dpkg-deb'))
        return fallback(`no licensed file in fonts/local/ and no FandolFang cache; fetching ${PKG} needs root with apt-get and dpkg-deb`);
      say(`仿宋: downloading ${PKG} (about 50 MB) to extract FandolFang…`);
      let dl = run('apt-get', ['download', PKG], { cwd: work });
      if (!dl.ok) {
        // a fresh machine may have empty package lists: refresh them once and try again
        run('apt-get', ['update', '-qq'], { cwd: work });
        dl = run('apt-get', ['download', PKG], { cwd: work });
      }
      const deb = readdirSync(work).find((n) => n.endsWith('.deb'));
      if (!dl.ok || !deb) return fallback(`apt-get download ${PKG} failed: ${dl.out.split('\n').slice(-2).join(' ')}`);
      const x = run('sh', ['-c', 'dpkg-deb --fsys-tarfile "$1" | tar -x -C "$2" -f - "./$3" "./$4" "./$5"', 'sh',
        join(work, deb), work, OTF_IN_PKG, README_IN_PKG, COPYING_IN_PKG]);
      otf = join(work, OTF_IN_PKG);
      if (!existsSync(otf)) {
        // fall back to a full extraction (tar member names may differ)
        const full = run('dpkg-deb', ['-x', join(work, deb), join(work, 'x')]);
        otf = join(work, 'x', OTF_IN_PKG);
        if (!full.ok || !existsSync(otf)) return fallback(`FandolFang-Regular.otf not found in ${deb} (${x.out || full.out})`);
        docDir = join(work, 'x');
      } else docDir = work;
      from = deb;
    }
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${target}.${process.pid}.tmp.ttf`;
    const conv = run(PYTHON, [join(root, 'scripts', 'prepare-fonts.py'), 'otf2ttf', otf, tmp]);
    if (!conv.ok || !existsSync(tmp)) {
      rmSync(tmp, { force: true });
      return fallback(`converting FandolFang to TrueType failed: ${conv.out.split('\n').slice(-3).join(' ')}`);
    }
    // licence texts next to the font
    const readme = join(docDir, README_IN_PKG);
    const copying = join(docDir, COPYING_IN_PKG);
    const note = [
      'FandolFang-Regular.ttf — NOT part of skill-eval-forms and never committed (fonts/cache/ is git-ignored).',
      `Extracted from Debian package ${PKG} (${from}) by scripts/fetch-fangsong.mjs on ${new Date().toISOString().slice(0, 10)};`,
      'CFF outlines converted to TrueType (fontTools cu2qu), otherwise unmodified.',
      'Licence: "GPL + GPL font exception" according to the Fandol README (COPYING is the GNU GPL v3). DISPUTED: the',
      'Fandol author is reported to have restricted use to the TeX system. Use it only if that is acceptable to you;',
      'otherwise delete this directory, set SEF_NO_FANDOL=1, or drop a licensed 仿宋 into fonts/local/. See fonts/README.md.',
      '',
    ].join('\n');
    writeFileSync(join(cacheDir, 'FandolFang-LICENSE.txt'), note + (existsSync(readme) ? `\n----- Fandol README -----\n${readFileSync(readme, 'utf8')}` : '') +
      (existsSync(copying) ? `\n----- COPYING -----\n${gunzipSync(readFileSync(copying)).toString('utf8')}` : ''));
    if (existsSync(readme)) copyFileSync(readme, join(cacheDir, 'FandolFang-README.txt'));
    renameSync(tmp, target);
    const message = `仿宋: FandolFang extracted to ${target} in ${((Date.now() - t0) / 1000).toFixed(1)} s (licence disputed, see fonts/README.md)`;
    say(message);
    return { status: 'extracted', file: target, message };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  fetchFangsong({ quiet: args.includes('--quiet'), force: args.includes('--force') })
    .then((r) => { if (args.includes('--json')) console.log(JSON.stringify(r)); })
    .catch((e) => { console.error(e); process.exitCode = 1; });
}
