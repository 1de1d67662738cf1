/**
 * Static guarantees of the template layer (reliability-anchors.md §2.2, R-TPL-1/2).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { projectRoot } from '../../src/paths.js';

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

describe('templates', () => {
  it('use handlebars >= 4.7.10', () => {
    const v = createRequire(import.meta.url)('handlebars/package.json').version as string;
    const [a, b, c] = v.split('.').map(Number) as [number, number, number];
    expect(a * 1e6 + b * 1e3 + c).toBeGreaterThanOrEqual(4_007_010);
  });
  it('render code imports only handlebars/runtime', () => {
    for (const f of walk(join(projectRoot, 'src')).filter((f) => f.endsWith('.ts') && !f.includes('/generated/'))) {
      const src = readFileSync(f, 'utf8');
      expect(src, f).not.toMatch(/from ['"]handlebars['"]/);
      expect(src, f).not.toMatch(/allowProto(Properties|Methods)ByDefault/);
      // Handlebars compile() must not exist on the render path (ajv's compile elsewhere is fine)
      if (f.includes('/src/render/')) expect(src, f).not.toMatch(/\.compile\(/);
    }
  });
  it('never use triple-stash or data in style/href/src contexts', () => {
    const files = [...walk(join(projectRoot, 'templates')), ...walk(join(projectRoot, 'schemas/forms'))].filter((f) => f.endsWith('.hbs'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      expect(src, f).not.toContain('{{{');
      expect(src, f).not.toMatch(/<style[^>]*>[^<]*\{\{/);
      expect(src, f).not.toMatch(/style="[^"]*\{\{/);
      // URL attributes may only hold server-built values (href/cssUrl), never a bound data path
      for (const m of src.matchAll(/(?:href|src)="\{\{([^}]+)\}\}"/g)) expect(['href', 'cssUrl']).toContain(m[1]!.trim());
    }
  });
});
