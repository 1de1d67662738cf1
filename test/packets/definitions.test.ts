/**
 * Packet definitions (packets/*.json) as data: each is valid against its meta-schema, names real
 * forms, and accepts the full examples of its generated forms (checked without rendering); a
 * broken definition is refused naming the file and the pointer; the copies note follows the rules.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/pipeline/engine.js';
import { packetRegistry } from '../../src/packets/index.js';
import { loadPacketRegistry } from '../../src/packets/registry.js';
import { checkPacketRequest } from '../../src/packets/check-request.js';
import { copiesNote } from '../../src/packets/build.js';
import type { SuppliedFile } from '../../src/packets/types.js';

const engine = createEngine();
afterAll(() => engine.close());
const sample: SuppliedFile = { name: 'sample.pdf', mediaType: 'application/pdf', bytes: new Uint8Array(readFileSync('packets/examples/files/henan-report.pdf')) };

describe('packet definitions', () => {
  const list = packetRegistry().list();

  it('cover the three enterprise packets and the other §10 routes, each with the checklist form it assembles', () => {
    const ids = list.map((p) => p.id);
    for (const id of ['henan-enterprise', 'shandong-enterprise', 'liaoning-enterprise', 'henan-vocational-school', 'national-employer']) expect(ids).toContain(id);
    for (const p of list) expect(engine.form(p.checklistFormId).manifest.kind).toBe('checklist');
  });

  it.each(list.map((p) => [p.id, p] as const))('%s accepts its generated forms\' full examples and one file per required supplied item', async (_id, def) => {
    const documents: Record<string, unknown> = {};
    const files = new Map<string, SuppliedFile[]>();
    for (const i of def.items) {
      if (i.source.type === 'generated') documents[i.id] = JSON.parse(readFileSync(join('schemas/forms', i.source.formId, 'examples/full.json'), 'utf8'));
      else if (i.requirement === 'required') files.set(i.id, [sample]);
    }
    const checked = await checkPacketRequest(engine, def, { documents }, files);
    expect([...checked.documents.keys()]).toEqual(def.items.filter((i) => i.source.type === 'generated').map((i) => i.id));
  });

  it('refuses a definition that breaks its meta-schema, naming the file and the pointer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sef-packet-defs-'));
    try {
      const def = JSON.parse(readFileSync('packets/liaoning-enterprise.json', 'utf8')) as { items: { requirement: string }[] };
      def.items[1]!.requirement = 'sometimes';
      writeFileSync(join(dir, 'liaoning-enterprise.json'), JSON.stringify(def));
      expect(() => loadPacketRegistry(dir)).toThrow(/liaoning-enterprise\.json[\s\S]*\/items\/1\/requirement/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('notes the copies the rules ask for, or 一式N份 when the request asks for another number', () => {
    const school = packetRegistry().get('henan-vocational-school');
    expect(school.copies.count).toBe(2);
    expect(copiesNote(school, 2)).toContain('一式2份');
    expect(copiesNote(school, 3)).toBe('一式三份');
  });
});
