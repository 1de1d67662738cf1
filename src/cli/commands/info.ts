import { readFileSync } from 'node:fs';
import { formRegistry, requireForm } from '../../forms/registry.js';
import { UserError } from '../../errors/user-error.js';
import { table } from '../output.js';
import type { Command } from './index.js';

const need = (id: string | undefined, what: string): string => {
  if (!id) throw new UserError({ pointer: '', code: 'USAGE', params: { reason: `missing ${what}` } });
  return id;
};

export const formsCommand: Command = async (_args, opts) => {
  const forms = [...formRegistry().values()];
  if (opts.json) {
    process.stdout.write(JSON.stringify(forms.map((f) => ({ id: f.id, title: f.manifest.title, kind: f.manifest.kind, jurisdiction: f.manifest.jurisdiction, outputs: f.manifest.outputs, completeness: f.manifest.completeness.status })), null, 2) + '\n');
    return 0;
  }
  process.stdout.write(
    table(['id', '名称', 'kind', 'jurisdiction', 'outputs', 'status'],
      forms.map((f) => [f.id, f.manifest.title.zh, f.manifest.kind, f.manifest.jurisdiction, f.manifest.outputs.join(',') || '—', f.manifest.completeness.status])) + '\n',
  );
  return 0;
};

export const schemaCommand: Command = async (args) => {
  process.stdout.write(JSON.stringify(requireForm(need(args[0], 'form id')).schema, null, 2) + '\n');
  return 0;
};

export const exampleCommand: Command = async (args) => {
  const f = requireForm(need(args[0], 'form id'));
  const name = args[1] ?? 'full';
  const ex = f.examples.find((e) => e.name === name);
  if (!ex) throw new UserError({ pointer: '', code: 'USAGE', params: { reason: `no example "${name}" for ${f.id}; have ${f.examples.map((e) => e.name).join(', ')}` } });
  process.stdout.write(readFileSync(ex.file, 'utf8'));
  return 0;
};
