import { createAjv } from '../../schema/ajv.js';
import { compileFormValidator } from '../../schema/validate.js';
import { requireForm } from '../../forms/registry.js';
import { UserError } from '../../errors/user-error.js';
import { readInput } from '../load-input.js';
import { issueTable } from '../output.js';
import { checkRecords } from '../../pipeline/check-records.js';
import type { Command } from './index.js';

export const validateCommand: Command = async (args, opts) => {
  const [id, file] = args;
  if (!id || !file) throw new UserError({ pointer: '', code: 'USAGE', params: { reason: 'validate <form-id> <data.json|->' } });
  const f = requireForm(id);
  const loaded = readInput(file);
  const validate = compileFormValidator(createAjv(), f.schema);
  const { records, errors, warnings } = checkRecords(validate, loaded);
  if (opts.json) process.stdout.write(JSON.stringify({ ok: errors.length === 0, errors, warnings }, null, 2) + '\n');
  else {
    if (errors.length) process.stderr.write(`错误 / Errors (${errors.length}):\n${issueTable(errors)}\n`);
    if (warnings.length) process.stderr.write(`警告 / Warnings (${warnings.length}):\n${issueTable(warnings)}\n`);
    if (!errors.length) process.stdout.write(`通过 / Valid: ${id}, ${records.length} record(s)${warnings.length ? `, ${warnings.length} warning(s)` : ''}\n`);
  }
  return errors.length ? 2 : 0;
};
