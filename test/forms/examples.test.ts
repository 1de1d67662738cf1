/**
 * Data-driven: every valid example of every form validates (and loads its
 * images); every invalid example fails with exactly its expected pointers and
 * codes (aesthetics-anchors.md lesson 11).
 */
import { describe, expect, it } from 'vitest';
import { formRegistry } from '../../src/forms/registry.js';
import { createAjv } from '../../src/schema/ajv.js';
import { compileFormValidator } from '../../src/schema/validate.js';
import { readInput } from '../../src/cli/load-input.js';
import { checkRecords } from '../../src/pipeline/check-records.js';

const ajv = createAjv();
const forms = [...formRegistry().values()];

describe.each(forms)('$id', (form) => {
  const validate = compileFormValidator(ajv, form.schema);
  const run = (file: string) => {
    const loaded = readInput(file);
    return checkRecords(validate, loaded).errors;
  };

  it('has minimal and full examples and at least one invalid case', () => {
    const names = form.examples.map((e) => e.name);
    expect(names).toContain('minimal');
    expect(names).toContain('full');
    expect(form.invalidExamples.length).toBeGreaterThan(0);
  });

  it.each(form.examples.map((e) => [e.name, e.file]))('example %s is valid', (_n, file) => {
    expect(run(file as string)).toEqual([]);
  });

  it.each(form.invalidExamples.map((e) => [e.name, e.file, e.expected]))('invalid example %s fails as expected', (_n, file, expected) => {
    const errors = run(file as string);
    for (const e of errors) {
      expect(e.zh.length).toBeGreaterThan(0);
      expect(e.en.length).toBeGreaterThan(0);
    }
    const got = errors.map((e) => ({ pointer: e.pointer, code: e.code }));
    for (const want of expected as { pointer: string; code: string }[]) expect(got).toContainEqual(want);
  });
});
