/**
 * The monthly summary as the data of the liaoning-monthly-result-summary form
 * (schemas/forms/liaoning-monthly-result-summary), validated with that form's schema: counts are
 * non-negative integers, 小计 and 合计 are checked by x-sum (R-FORM-5), and 机构备案号 must be a
 * Liaoning filing number (the table is Liaoning's; an institution filed elsewhere gets the
 * schema's pointed error). options.countBy = 'issue-date' records the §16.12 basis.
 */
import { UserError } from '../../errors/user-error.js';
import { requireForm } from '../../forms/registry.js';
import { createAjv } from '../../schema/ajv.js';
import { compileFormValidator, type FormValidator } from '../../schema/validate.js';
import type { MonthlySummary } from './monthly-summary.js';

export const SUMMARY_FORM_ID = 'liaoning-monthly-result-summary';

type Counts = { level5: number; level4: number; level3: number; level2: number; level1: number; subtotal: number };
const countsOf = (c: readonly number[], subtotal: number): Counts => ({
  level5: c[0]!, level4: c[1]!, level3: c[2]!, level2: c[3]!, level1: c[4]!, subtotal,
});

export function summaryFormData(s: MonthlySummary): Record<string, unknown> {
  return {
    reportingUnit: { name: s.institution.name, filingNo: s.institution.code },
    reportingMonth: s.month,
    rows: s.rows.map((r) => ({
      occupation: { ...(r.occupationCode ? { code: r.occupationCode } : {}), name: r.occupationName, ...(r.job ? { job: r.job } : {}) },
      ...countsOf(r.counts, r.subtotal),
    })),
    total: countsOf(s.total.counts, s.total.subtotal),
    options: { countBy: 'issue-date' },
  };
}

/** The form data, checked against the form's schema; throws UserError with the schema's issues. */
let validator: FormValidator | undefined;

export function checkedSummaryFormData(s: MonthlySummary): Record<string, unknown> {
  const data = summaryFormData(s);
  validator ??= compileFormValidator(createAjv(), requireForm(SUMMARY_FORM_ID).schema);
  const res = validator(data);
  if (res.errors.length) throw new UserError(res.errors.map((e) => ({ ...e })));
  return data;
}
