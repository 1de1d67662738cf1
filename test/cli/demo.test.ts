/**
 * `npm run demo` is the README's first command: it must render every example and issue the sample
 * batches end to end. Run once into a temp folder, twice to show it is repeatable (same numbers).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { formRegistry } from '../../src/forms/registry.js';
import { run } from '../helpers/run.js';

const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');
const demo = (out: string) => run(tsx, [join(projectRoot, 'src/cli/main.ts'), 'demo', '--out', out], { cwd: projectRoot, timeout: 300_000 });

interface Manifest { counts: { documents: number; pages: number }; numbers: { first: string; last: string }; files: { path: string; role: string }[] }
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

describe('sef demo', () => {
  it('renders every example (filing documents as PDF and DOCX), builds the example packets, and issues the sample batches twice with the same numbers', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sef-demo-'));
    try {
      const r = await demo(out);
      expect(r.status, r.stderr).toBe(0);
      const forms = [...formRegistry().values()];
      for (const f of forms) {
        const shown = f.examples.filter((e) => e.name !== 'stress').length;
        const files = readdirSync(join(out, f.id));
        expect(files.filter((n) => n.endsWith('.pdf')).length, f.id).toBeGreaterThanOrEqual(shown);
        if (f.flow) expect(files.filter((n) => n.endsWith('.docx')).length, f.id).toBe(shown);
      }
      for (const id of ['henan-enterprise', 'shandong-enterprise', 'liaoning-enterprise']) {
        const m = JSON.parse(readFileSync(join(out, 'packets', id, 'manifest.json'), 'utf8')) as { totals: { missing: number; pages: number } };
        expect(m.totals.missing, id).toBe(0);
        expect(m.totals.pages, id).toBeGreaterThan(1);
      }

      const certs = manifest(join(out, 'batch-demo', 'certificates'));
      expect(certs.counts).toMatchObject({ documents: 12, pages: 12 });
      expect(certs.files.map((f) => f.role).sort()).toEqual(['documents', 'roster-pdf', 'roster-xlsx']);
      const cards = manifest(join(out, 'batch-demo', 'supervisor-cards'));
      expect(cards.counts.documents).toBe(4);
      expect([cards.numbers.first, cards.numbers.last]).toEqual(['R41240001', 'R41240004']);
      expect(r.stdout).toMatch(/ledger OK \(\d+ entries\)/);

      const again = await demo(out);
      expect(again.status, again.stderr).toBe(0);
      expect(manifest(join(out, 'batch-demo', 'certificates')).numbers).toEqual(certs.numbers);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 600_000);
});
