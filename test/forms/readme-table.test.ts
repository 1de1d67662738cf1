/** The README's documents table is the registry's (issue 3): regenerate with `npx tsx scripts/readme-documents.ts --write`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formRegistry } from '../../src/forms/registry.js';
import { documentsTable, TABLE_BEGIN, TABLE_END } from '../../src/forms/documents-table.js';
import { projectRoot } from '../../src/paths.js';

describe('README documents table', () => {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const inReadme = readme.slice(readme.indexOf(TABLE_BEGIN) + TABLE_BEGIN.length, readme.indexOf(TABLE_END)).trim();

  it('equals the table built from the registry', () => {
    expect(inReadme).toBe(documentsTable(formRegistry().values()));
  });

  it('lists every form and the catalogue entries they also cover, with PDF/DOCX status and completeness', () => {
    for (const f of formRegistry().values()) {
      const row = inReadme.split('\n').find((l) => l.includes(`| \`${f.id}\` |`));
      expect(row, f.id).toBeDefined();
      expect(row).toMatch(/\| (yes|yes \(\+ imposed A4\)|not yet) \| (yes|not yet) \| (complete|partial)/);
      for (const a of f.manifest.alsoCovers ?? []) expect(inReadme).toContain(`| \`${a.id}\` |`);
    }
  });
});
