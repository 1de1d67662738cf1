/**
 * The error catalogue is complete: every code that any module under src/ can raise (in a
 * UserError, a SystemError, an IssueRef or a code-rule failure) has Chinese and English text,
 * and every {placeholder} in a text is one the raising site can fill.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalog, messageFor } from '../../src/errors/catalog.js';
import { projectRoot } from '../../src/paths.js';

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? (f === 'generated' ? [] : walk(p)) : p.endsWith('.ts') ? [p] : [];
  });

const raised = new Map<string, string>();
for (const f of walk(join(projectRoot, 'src'))) {
  const src = readFileSync(f, 'utf8');
  for (const m of src.matchAll(/\bcode:\s*'([A-Z][A-Z0-9_]{3,})'/g)) raised.set(m[1]!, f);
  for (const m of src.matchAll(/\b(?:fail|SystemError)\(\s*'([A-Z][A-Z0-9_]{3,})'/g)) raised.set(m[1]!, f);
}

describe('error catalogue', () => {
  it('finds the codes the modules raise', () => {
    for (const c of ['TEXT_OVERFLOW', 'TEXT_NO_ROOM', 'IMAGE_INVALID', 'FORM_UNKNOWN', 'ID_CHECKSUM', 'RENDER_TIMEOUT']) expect(raised.has(c), c).toBe(true);
  });
  it.each([...raised.entries()])('%s has Chinese and English text', (code, file) => {
    const t = catalog.get(code);
    expect(t, `${code} raised in ${file}`).toBeDefined();
    expect(t!.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(t!.en).toMatch(/[A-Za-z]/);
    expect(messageFor(code).http).toBeGreaterThanOrEqual(400);
  });
  it('keeps the same placeholders in both languages', () => {
    for (const [code, t] of catalog) {
      // a language-specific variant of a value is allowed: {declaredZh} in Chinese, {declared} in English
      const names = (s: string) => [...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!.replace(/(Zh|En)$/, '')).sort();
      expect(names(t.zh), code).toEqual(names(t.en));
    }
  });
});
