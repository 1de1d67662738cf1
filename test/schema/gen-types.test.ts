/**
 * scripts/gen-types.mjs works offline (reliability-anchors §3.2): it succeeds with every proxy pointing
 * at a dead port, produces the root types named from the titles, respects additionalProperties:false,
 * and refuses a schema with a network $ref.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script without typings
import { generateTypes } from '../../scripts/gen-types.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'sef-gen-types-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const DEAD = 'http://127.0.0.1:9';
type Gen = (o: { outDir?: string; files?: string[] }) => Promise<{ types: { file: string; title: string }[] }>;

describe('gen-types', () => {
  it('runs standalone, offline, and produces Person', () => {
    const stdout = execFileSync(process.execPath, [join(root, 'scripts/gen-types.mjs'), '--out', out], {
      cwd: root,
      env: { ...process.env, HTTP_PROXY: DEAD, HTTPS_PROXY: DEAD, http_proxy: DEAD, https_proxy: DEAD, NO_PROXY: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(stdout).toMatch(/root types/);
    const index = readFileSync(join(out, 'index.ts'), 'utf8');
    const types = readFileSync(join(out, 'schemas.ts'), 'utf8');
    expect(index).toContain('DO NOT MODIFY');
    expect(types).toContain('DO NOT MODIFY');
    for (const t of ['Person', 'Image', 'Organization', 'Occupation', 'SkillLevel', 'DateIso', 'Contact', 'CertificateNumber', 'InstitutionCode', 'SupervisorCardNumber']) {
      expect(index).toMatch(new RegExp(`^  ${t}, // schemas/common/`, 'm'));
      expect(types).toMatch(new RegExp(`^export (interface|type) ${t}\\b`, 'm'));
    }
    const person = /export interface Person \{[\s\S]*?\n\}/.exec(types)![0];
    expect(person).toMatch(/\n  name: string;/);
    expect(person).toMatch(/\n  idType\?:[\s|]*"居民身份证"\s*\|\s*"港澳台居民居住证"/);
    expect(person).toMatch(/\n  photo\?: Image;/);
    expect(person).not.toMatch(/\[k: string\]/); // additionalProperties: false respected
    expect(types).toMatch(/export type SkillLevel = 1 \| 2 \| 3 \| 4 \| 5;/);
    expect(types).not.toMatch(/\bPerson1\b|\bImage1\b/); // each common type declared once
    // The output typechecks on its own.
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck'];
    expect(() => execFileSync(process.execPath, [tsc, ...args, join(out, 'index.ts'), join(out, 'schemas.ts')], { encoding: 'utf8' })).not.toThrow();
  });

  it('names a form from its $id layout and narrows $ref + required precisely', async () => {
    const { types } = await (generateTypes as Gen)({ outDir: out, files: [join(root, 'test/schema/fixtures/test-form.schema.json')] });
    expect(types.map((t) => t.title)).toEqual(expect.arrayContaining(['TestFixtureForm', 'Person', 'Organization']));
    const ts = readFileSync(join(out, 'schemas.ts'), 'utf8');
    expect(ts).toMatch(/holder: Person & Required<Pick<Person, "name" \| "idType" \| "idNumber">>;/);
    expect(ts).toMatch(/export interface TestFixtureForm \{/);
  });

  it('refuses a network $ref before resolving anything', async () => {
    await expect((generateTypes as Gen)({ outDir: out, files: [join(root, 'test/schema/fixtures/bad-http-ref.schema.json')] })).rejects.toThrow(
      /is absolute; only relative file references are allowed/,
    );
  });
});
