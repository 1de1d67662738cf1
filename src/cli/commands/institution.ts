/**
 * institution add <file.json>: validates the filed institution (schemas/issuance) and stores it
 * (the registry's source of the printed name and the code prefix: R-CERT-2, R-CERT-7).
 * institution list: the registered institutions.
 */
import { resolve } from 'node:path';
import { UserError } from '../../errors/user-error.js';
import { loadInstitutionFile } from '../../issuance/institution.js';
import { cliActor, withStore } from '../../issuance/batch/with-store.js';
import { table } from '../output.js';
import type { Command } from './index.js';

const usage = (reason: string): UserError => new UserError({ pointer: '', code: 'USAGE', params: { reason } });

export const institutionCommand: Command = async (args, opts) => {
  const [sub, file] = args;
  if (sub === 'add') {
    if (!file) throw usage('institution add <institution.json>');
    const rec = loadInstitutionFile(resolve(file));
    const saved = await withStore(opts.db, (store) => store.putInstitution(rec, cliActor()));
    if (opts.json) process.stdout.write(JSON.stringify({ ok: true, id: saved.id, name: saved.name, code: saved.code, profile: saved.profile }, null, 2) + '\n');
    else process.stdout.write(`已登记 / Registered: ${saved.id}  ${saved.name}  ${saved.code} (${saved.profile})\n`);
    return 0;
  }
  if (sub === 'list') {
    const list = await withStore(opts.db, (store) => store.listInstitutions());
    if (opts.json) {
      process.stdout.write(JSON.stringify(list.map((i) => ({ id: i.id, name: i.name, code: i.code, profile: i.profile, updatedAt: i.updatedAt })), null, 2) + '\n');
      return 0;
    }
    process.stdout.write(table(['id', '名称 name', '编码 code', 'profile', 'updated'], list.map((i) => [i.id, i.name, i.code, i.profile, i.updatedAt])) + '\n');
    return 0;
  }
  throw usage('institution add <institution.json> | institution list');
};
