/**
 * The command line as a clerk meets it: exit codes (0 ok, 1 system, 2 input), the bilingual
 * issue table with JSON pointers, JSON output, no stack trace, and no file written when the
 * input is bad.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');
const cli = (args: string[], input?: string) =>
  spawnSync(tsx, [join(projectRoot, 'src/cli/main.ts'), ...args], { cwd: projectRoot, encoding: 'utf8', input, timeout: 120_000 });
const ex = (form: string, name: string) => join(projectRoot, 'schemas/forms', form, 'examples', name);
const S1 = 'national-skill-certificate-2021-style-1';

describe('sef validate', () => {
  it('exits 0 for a valid document', () => {
    const r = cli(['validate', S1, ex(S1, 'full.json')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('通过 / Valid');
  });
  it('exits 2 and names the field in Chinese and English for a wrong check digit', () => {
    const r = cli(['validate', S1, ex(S1, 'invalid/id-check-digit.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\/holder\/idNumber\s+ID_CHECKSUM\s+证件号码校验位错误.*ID number check digit is wrong/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });
  it('prints issues as JSON with --json', () => {
    const r = cli(['validate', S1, ex(S1, 'invalid/number-year-disagrees.json'), '--json']);
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as { ok: boolean; errors: { pointer: string; code: string; zh: string; en: string }[] };
    expect(out.ok).toBe(false);
    expect(out.errors).toContainEqual(expect.objectContaining({ pointer: '/certificate/number', code: 'CERTNO_YEAR_MISMATCH' }));
  });
  it('reads stdin and reports malformed JSON as an input error', () => {
    const r = cli(['validate', S1, '-'], '{"certificate":');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('JSON_SYNTAX');
  });
  it('refuses an image path outside the data folder', () => {
    const r = cli(['validate', S1, '-'], JSON.stringify({ holder: { photo: { file: '../../../../etc/passwd' } } }));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\/holder\/photo\/file\s+FILE_OUTSIDE_BASE/);
  });
});

describe('sef render', () => {
  it('writes nothing and exits 2 when the data is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sef-cli-'));
    try {
      const out = join(dir, 'c.pdf');
      const r = cli(['render', S1, ex(S1, 'invalid/number-level-disagrees.json'), '-o', out]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('CERTNO_LEVEL_MISMATCH');
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('names an unknown form before reading any file', () => {
    const r = cli(['render', 'no-such-form', 'missing.json', '-o', '/tmp/none.pdf']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('FORM_UNKNOWN');
  });
  it('renders a batch (an array) as one PDF and reports pages and fonts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sef-cli-'));
    try {
      const out = join(dir, 'batch.pdf');
      const r = cli(['render', S1, ex(S1, 'batch.json'), '-o', out, '--json']);
      expect(r.status, r.stderr).toBe(0);
      const rep = JSON.parse(r.stdout) as { pages: number; records: number; fonts: { roles: Record<string, { file: string }> } };
      expect(rep.records).toBe(3);
      expect(rep.pages).toBe(3);
      expect(Object.keys(rep.fonts.roles)).toEqual(expect.arrayContaining(['kai', 'fangsong', 'times']));
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
      expect(statSync(out).size).toBeGreaterThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('exits 2 with usage help for a bad option value', () => {
    const r = cli(['render', S1, ex(S1, 'full.json'), '-o', '/tmp/x.pdf', '--mode', 'sideways']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--mode must be pages or imposed');
  });
});
