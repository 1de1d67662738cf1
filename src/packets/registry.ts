/**
 * The packet registry: every packets/<id>.json is a packet definition, checked against
 * schemas/meta/packet.schema.json (a bad definition is a build error naming the file and pointer)
 * and against the form registry (every generated item's form and the checklist form must exist).
 * Loaded once per process (definitions are our files, not user input).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, schemasDir } from '../paths.js';
import { formRegistry } from '../forms/registry.js';
import { UserError } from '../errors/user-error.js';
import type { PacketDefinition, PacketRegistry } from './types.js';

export const packetsDir = join(projectRoot, 'packets');

let cached: PacketRegistry | undefined;

/** Whether the checklist schema has the property path "a" or "a/b" (nested groups of items). */
function checklistHas(schema: Record<string, unknown>, path: string): boolean {
  let node: unknown = schema;
  for (const key of path.split('/')) {
    const props = (node as { properties?: Record<string, unknown> }).properties;
    if (!props || !(key in props)) return false;
    node = props[key];
  }
  return true;
}

export function packetRegistry(): PacketRegistry {
  cached ??= loadPacketRegistry(packetsDir);
  return cached;
}

export function loadPacketRegistry(dir: string): PacketRegistry {
  const ajv = new Ajv2020.default({ strict: true, allErrors: true, strictRequired: false });
  ajv.addKeyword('x-source');
  ajv.addKeyword('x-decisions');
  const validate = ajv.compile(JSON.parse(readFileSync(join(schemasDir, 'meta', 'packet.schema.json'), 'utf8')) as object);
  const forms = formRegistry();
  const packets = new Map<string, PacketDefinition>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const file = join(dir, f);
    const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!validate(raw)) {
      const msg = (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n  ');
      throw new Error(`${file} does not match schemas/meta/packet.schema.json:\n  ${msg}`);
    }
    const def = raw as PacketDefinition;
    if (`${def.id}.json` !== f) throw new Error(`${file}: id "${def.id}" differs from the file name`);
    const checklist = forms.get(def.checklistFormId);
    if (checklist?.manifest.kind !== 'checklist') throw new Error(`${file}: checklistFormId "${def.checklistFormId}" is not a checklist form`);
    const seen = new Set<string>();
    def.items.forEach((item, i) => {
      if (seen.has(item.id)) throw new Error(`${file}: /items/${i}/id "${item.id}" appears twice`);
      seen.add(item.id);
      if (item.source.type === 'generated') {
        const form = forms.get(item.source.formId);
        // Whether it can render yet (a flow layout, pdf in its outputs) is checked per build, not here.
        if (!form) throw new Error(`${file}: /items/${i}/source/formId "${item.source.formId}" is not a form`);
      }
      if (item.checklistItem && !checklistHas(checklist.schema, item.checklistItem))
        throw new Error(`${file}: /items/${i}/checklistItem "${item.checklistItem}" is not a property of ${def.checklistFormId}`);
    });
    packets.set(def.id, def);
  }
  const list = [...packets.values()];
  return {
    packets,
    list: () => list,
    get(id) {
      const p = packets.get(id);
      if (!p) throw new UserError({ pointer: '/packetId', code: 'PACKET_UNKNOWN', params: { id, known: [...packets.keys()].join(', ') } });
      return p;
    },
  };
}
