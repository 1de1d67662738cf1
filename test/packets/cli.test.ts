/**
 * `sef packet` end to end (issue 4 part 5): the Liaoning example request built by the CLI (exit 0,
 * packet.pdf + docx/*.docx + packet.zip + manifest.json, the manifest's SHA-256 equal to the
 * written files, the manifest printed as a table), and a request missing a mandatory item
 * (exit 2, the item named in both languages, nothing written).
 */
import { run } from '../helpers/run.js';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';

const tmp = mkdtempSync(join(tmpdir(), 'sef-packet-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sef = (...args: string[]) => run('npx', ['tsx', 'src/cli/main.ts', ...args], { timeout: 120_000 });
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('sef packet', () => {
  it('builds the Liaoning packet from its example request and prints the manifest', async () => {
    const out = join(tmp, 'liaoning');
    const r = await sef('packet', 'liaoning-enterprise', 'packets/examples/liaoning-enterprise.request.json', '-o', out);
    expect(r.stderr).not.toMatch(/Error|错误/);
    expect(r.status, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; bytes: number }[]; items: { no: string; title: string }[] };
    for (const f of manifest.files) {
      const bytes = readFileSync(join(out, f.path));
      expect(sha256(bytes), f.path).toBe(f.sha256);
      expect(bytes.length).toBe(f.bytes);
    }
    expect(manifest.files.map((f) => f.path)).toEqual(['packet.pdf', 'docx/01-application-form.docx', 'docx/02-work-plan.docx']);
    expect(existsSync(join(out, 'packet.zip'))).toBe(true);
    expect(r.stdout).toContain('企业职业技能等级认定申请材料');
    expect(r.stdout).toContain('已附 present');
    for (const f of manifest.files) expect(r.stdout).toContain(f.sha256);
  }, 120_000);

  it('exits 2 naming the missing mandatory item and writes nothing', async () => {
    const dir = join(tmp, 'req');
    cpSync('packets/examples', dir, { recursive: true });
    const file = join(dir, 'liaoning-enterprise.request.json');
    const req = JSON.parse(readFileSync(file, 'utf8')) as { supplied: Record<string, string[]> };
    delete req.supplied['business-license'];
    writeFileSync(file, JSON.stringify(req));
    const out = join(tmp, 'bad');
    const r = await sef('packet', 'liaoning-enterprise', file, '-o', out);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('PACKET_ITEM_MISSING');
    expect(r.stderr).toContain('/supplied/business-license');
    expect(r.stderr).toContain('企业营业执照复印件');
    expect(r.stderr).toContain('Copy of the business licence');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 60_000);
});
