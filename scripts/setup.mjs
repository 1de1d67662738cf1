#!/usr/bin/env node
// First-run setup shared by `npm run demo`, `npm test` and `npm run bench`.
// Uses only Node built-ins (it runs before node_modules exists). Idempotent and quick on
// the second run: every step checks before it acts.
//   1. npm dependencies (npm ci when node_modules is missing or older than package-lock.json)
//   2. Debian packages: chromium + poppler-utils always; qpdf, zbar-tools and
//      libreoffice-writer-nogui (DOCX conformance) for tests;
//      python3-fonttools to prepare the 仿宋 font. Installed with apt-get when root,
//      otherwise the exact command to run is printed.
//   3. fonts: the optional FandolFang extraction into fonts/cache (see fonts/README.md)
//   4. generated code: precompiled templates and TypeScript types from the schemas
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const forTests = args.has('--test');
const log = (m) => { if (!quiet) console.log(`[setup] ${m}`); };
const say = (m) => console.log(`[setup] ${m}`);

function fail(msg) {
  console.error(`[setup] ${msg}`);
  process.exit(1);
}

// --- 0. node
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) fail(`Node.js 20 or newer is required (found ${process.versions.node}).`);

// --- 1. npm dependencies
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000)) {
  say('installing npm dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (r.status !== 0) {
    // Registries that serve only this platform's optional binaries (e.g. rollup's) make `npm ci`
    // reject any lock file written here ("Missing: @rollup/rollup-android-… from lock file").
    // `npm install` installs the same locked versions and skips the unavailable optional packages.
    if (/Missing: .* from lock file/.test(r.stderr ?? '')) {
      say('npm ci cannot verify optional packages of other platforms on this registry; installing the locked versions with npm install…');
      const r2 = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save'], { cwd: root, stdio: 'inherit' });
      if (r2.status !== 0) fail('npm install failed; see the output above.');
    } else {
      process.stderr.write(r.stderr ?? '');
      fail('npm ci failed; see the output above.');
    }
  }
} else log('npm dependencies present');

// --- 2. Debian packages
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const hasFontTools = () => spawnSync('/usr/bin/python3', ['-c', 'import fontTools'], { stdio: 'ignore' }).status === 0;
const wanted = [
  ['chromium', () => existsSync(process.env.SEF_CHROMIUM ?? '/usr/bin/chromium')],
  ['poppler-utils', () => have('pdfinfo') && have('pdffonts') && have('pdftoppm')],
  ['python3-fonttools', () => existsSync('/usr/bin/python3') && hasFontTools()],
  ...(forTests ? [['qpdf', () => have('qpdf')], ['zbar-tools', () => have('zbarimg')], ['libreoffice-writer-nogui', () => have('soffice')]] : []),
];
const missing = wanted.filter(([, ok]) => !ok()).map(([p]) => p);
if (missing.length) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !have('apt-get')) {
    fail(`missing system packages: ${missing.join(' ')}\n  Install them, e.g.:  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n  (Debian/Ubuntu; the browser must be Debian's chromium at /usr/bin/chromium or set SEF_CHROMIUM.)`);
  }
  say(`installing Debian packages: ${missing.join(' ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const cmd of [['apt-get', ['update', '-qq']], ['apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]]]) {
    const r = spawnSync(cmd[0], cmd[1], { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', env });
    if (r.status !== 0) fail(`${cmd[0]} ${cmd[1].join(' ')} failed.`);
  }
} else log('system packages present');

// --- 3. fonts (仿宋: licensed file in fonts/local wins; else FandolFang cache; else fallback)
const fetchFangsong = join(root, 'scripts', 'fetch-fangsong.mjs');
if (existsSync(fetchFangsong)) {
  const mod = await import(pathToFileURL(fetchFangsong).href);
  if (typeof mod.fetchFangsong === 'function') await mod.fetchFangsong({ quiet });
}

// --- 4. generated code
const tsx = join(root, 'node_modules', '.bin', 'tsx');
execFileSync(process.execPath, [join(root, 'scripts', 'precompile-templates.mjs')], { cwd: root, stdio: quiet ? 'ignore' : 'inherit' });
if (existsSync(join(root, 'scripts', 'gen-types.mjs')))
  execFileSync(process.execPath, [join(root, 'scripts', 'gen-types.mjs')], { cwd: root, stdio: quiet ? 'ignore' : 'inherit' });
log(`ready (${tsx})`);
