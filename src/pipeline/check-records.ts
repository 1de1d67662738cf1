/**
 * One document's input is one record (an object) or a batch (an array of records, rendered
 * as ONE document). This checks every record with the form's validator and reports all
 * issues at once, with pointers prefixed by the record index for a batch (`/3/holder/idNumber`).
 */
import { UserError } from '../errors/user-error.js';
import type { ValidationIssue } from '../errors/issue.js';
import type { FormValidator } from '../schema/validate.js';

export const MAX_RECORDS_PER_DOCUMENT = 2000;

export interface CheckedRecords {
  readonly records: unknown[];
  readonly batch: boolean;
  readonly errors: ValidationIssue[];
  readonly warnings: ValidationIssue[];
}

export function checkRecords(validate: FormValidator, input: unknown): CheckedRecords {
  const batch = Array.isArray(input);
  const records = batch ? (input as unknown[]) : [input];
  if (records.length === 0) throw new UserError({ pointer: '', code: 'RECORDS_EMPTY' });
  if (records.length > MAX_RECORDS_PER_DOCUMENT)
    throw new UserError({ pointer: '', code: 'BATCH_TOO_LARGE', params: { max: MAX_RECORDS_PER_DOCUMENT, count: records.length } });
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  records.forEach((r, i) => {
    const res = validate(r);
    const prefix = batch ? `/${i}` : '';
    for (const e of res.errors) errors.push({ ...e, pointer: prefix + e.pointer });
    for (const w of res.warnings) warnings.push({ ...w, pointer: prefix + w.pointer });
  });
  return { records, batch, errors, warnings };
}
