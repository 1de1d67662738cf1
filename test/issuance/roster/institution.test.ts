/**
 * Institutions as data: the examples are valid and agree with the example certificates; cross-field
 * rules point at the field at fault; scope look-ups (R-CERT-7, R-OCC-3).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors/user-error.js';
import {
  checkScope,
  filedScope,
  findBranch,
  institutionDocument,
  isInScope,
  loadInstitutionFile,
  occupationHasJobs,
  scopeEntriesFor,
  toInstitutionRecord,
  validateInstitution,
} from '../../../src/issuance/institution.js';
import { projectRoot } from '../../../src/paths.js';

const example = (name: string) => join(projectRoot, 'schemas/issuance/examples', `${name}.json`);
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;

describe('institution examples', () => {
  it('load, with seal images read into {mediaType, base64}', () => {
    const nat = loadInstitutionFile(example('national-enterprise'));
    expect(nat).toMatchObject({ id: 'yuhua-machinery', code: 'Y000041030001', profile: 'national', name: '河南豫华重工机械有限公司' });
    expect(nat.data.seal).toMatchObject({ mediaType: 'image/png' });
    const henan = loadInstitutionFile(example('henan-enterprise-branch'));
    expect(henan).toMatchObject({ id: 'yuhua-heavy', code: 'Y000041030002', profile: 'henan' });
    expect(findBranch(institutionDocument(henan), 'Y000041030018')?.name).toBe('河南豫华重工有限公司洛阳分公司');
  });

  it('agree with the example certificates (names, codes and scope)', () => {
    const cert1 = readJson(join(projectRoot, 'schemas/forms/national-skill-certificate-2021-style-1/examples/full.json')) as {
      institution: { name: string; code: string; nameEn: string };
      occupation: { code: string; name: string; job: string };
      level: number;
    };
    const nat = institutionDocument(loadInstitutionFile(example('national-enterprise')));
    expect([nat.name, nat.code, nat.nameEn]).toEqual([cert1.institution.name, cert1.institution.code, cert1.institution.nameEn]);
    expect(isInScope(filedScope(nat), { occupationCode: cert1.occupation.code, occupationName: cert1.occupation.name, job: cert1.occupation.job, level: cert1.level })).toBe(true);
    const cert2 = readJson(join(projectRoot, 'schemas/forms/national-skill-certificate-2021-style-2/examples/full.json')) as {
      institution: { name: string; code: string };
      branch: { name: string; code: string };
    };
    const henan = institutionDocument(loadInstitutionFile(example('henan-enterprise-branch')));
    expect([henan.name, henan.code, henan.branches?.[0]?.name, henan.branches?.[0]?.code]).toEqual([cert2.institution.name, cert2.institution.code, cert2.branch.name, cert2.branch.code]);
  });
});

describe('validation', () => {
  it('schema errors are pointed and bilingual', () => {
    const d = { ...readJson(example('national-enterprise')), code: 'Y000099030001', scope: [{ occupation: { code: '6-18-01-01', name: '车工' }, levels: '5,4' }] };
    const r = validateInstitution(d);
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/code', 'CERTNO_PROVINCE'],
      ['/scope/0/levels', 'LEVEL_LIST_FORMAT'],
    ]);
    expect(r.errors[1]!.zh).toMatch(/等级/);
  });

  it('cross-field rules: category, province, profile, route, duplicate branches and scope entries, names per code, 工种 mixed', () => {
    const d = readJson(example('henan-enterprise-branch'));
    const bad = {
      ...d,
      category: 'S',
      province: '11',
      filingRoute: 'ministry',
      branches: [{ name: '甲分公司' }, { name: '甲分公司' }],
      scope: [
        { occupation: { code: '6-18-01-01', name: '车工', job: '数控车床' }, levels: '5、4、3' },
        { occupation: { code: '6-18-01-01', name: '车工', job: '数控车床' }, levels: '5' },
        { occupation: { code: '6-18-01-01', name: '车床工' }, levels: '5' },
      ],
    };
    const r = validateInstitution(bad);
    expect(r.errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/category', 'INSTDOC_CATEGORY_MISMATCH'],
      ['/province', 'INSTDOC_PROVINCE_MISMATCH'],
      ['/profile', 'INSTDOC_PROFILE_PROVINCE'],
      ['/filingRoute', 'INSTDOC_ROUTE_MISMATCH'],
      ['/branches/1/name', 'INSTDOC_BRANCH_DUPLICATE'],
      ['/scope/1/occupation', 'INSTDOC_SCOPE_DUPLICATE'],
      ['/scope/2/occupation/name', 'INSTDOC_SCOPE_NAME_CONFLICT'],
      ['/scope/2/occupation/job', 'INSTDOC_SCOPE_JOB_MIXED'],
    ]);
    expect(() => toInstitutionRecord(bad)).toThrow(UserError);
  });
});

describe('scope look-ups (R-CERT-7, R-OCC-3)', () => {
  const scope = filedScope(institutionDocument(loadInstitutionFile(example('national-enterprise'))));
  it('in scope, and each reason for being out of it', () => {
    expect(checkScope(scope, { occupationCode: '6-18-01-01', occupationName: '车工', job: '数控车床', level: 3 })).toMatchObject({ ok: true, entry: { job: '数控车床', levels: [5, 4, 3] } });
    expect(checkScope(scope, { occupationName: '钳工', level: 2 }).ok).toBe(true);
    expect(checkScope(scope, { occupationCode: '4-10-01-06', occupationName: '家政服务员' })).toEqual({ ok: false, reason: 'occupation-unknown', by: 'code' });
    expect(checkScope(scope, { occupationName: '家政服务员' })).toEqual({ ok: false, reason: 'occupation-unknown', by: 'name' });
    expect(checkScope(scope, { occupationCode: '6-20-01-01', occupationName: '装配钳工' })).toEqual({ ok: false, reason: 'occupation-name-mismatch', expected: '钳工' });
    expect(checkScope(scope, { occupationCode: '6-18-01-01', occupationName: '车工', level: 5 })).toEqual({ ok: false, reason: 'job-required', occupation: '车工', jobs: ['数控车床', '普通车床'] });
    expect(checkScope(scope, { occupationCode: '6-20-01-01', job: '划线', level: 5 })).toEqual({ ok: false, reason: 'job-out-of-scope', occupation: '钳工', jobs: [] });
    expect(checkScope(scope, { occupationCode: '6-18-01-01', job: '普通车床', level: 3 })).toEqual({ ok: false, reason: 'level-out-of-scope', occupation: '车工（普通车床）', levels: [5, 4] });
    expect(occupationHasJobs(scopeEntriesFor(scope, { occupationCode: '6-18-01-01' }))).toBe(true);
    expect(occupationHasJobs(scopeEntriesFor(scope, { occupationCode: '6-20-01-01' }))).toBe(false);
  });
});
