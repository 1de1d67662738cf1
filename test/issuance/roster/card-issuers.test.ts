/**
 * Card-issuing bodies (人社职司便函〔2020〕53号 规程第七条, 附件1; catalogue §7.7, §8.5, §8.6, R-SC-1..3):
 * an HRSS department (category R, 外督 cards) and an industry department (category H, 内督 cards) are
 * registered from the institution file, prepare supervisor-card rosters numbered on their own identity,
 * produce records the supervisor-id-card form accepts, and are refused a certificate batch.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../src/errors/catalog.js';
import { UserError } from '../../../src/errors/user-error.js';
import { requireForm } from '../../../src/forms/registry.js';
import {
  institutionDocument,
  loadInstitutionFile,
  supervisorCardIssuerOf,
  toInstitutionRecord,
  validateInstitution,
} from '../../../src/issuance/institution.js';
import { prepareRoster } from '../../../src/issuance/roster/prepare.js';
import type { InstitutionRecord } from '../../../src/issuance/store/types.js';
import { projectRoot } from '../../../src/paths.js';
import { createAjv } from '../../../src/schema/ajv.js';
import { compileFormValidator } from '../../../src/schema/validate.js';
import { citizenId, institution, tempDir, writePhotos } from './fixtures.js';

const exampleFile = (name: string) => join(projectRoot, 'schemas/issuance/examples', `${name}.json`);
const record = (name: string): InstitutionRecord => ({ ...loadInstitutionFile(exampleFile(name)), updatedAt: '2021-09-01T00:00:00.000Z' });
const HENAN_HRSS = 'henan-hrss-external-supervisors';
const INDUSTRY = 'industry-dept-supervisors';
const cardForm = () => compileFormValidator(createAjv(), requireForm('supervisor-id-card').schema);

/** A JSON card roster of n people with photos in the same folder. */
async function cardRoster(n: number): Promise<{ file: string; dir: string; ids: string[] }> {
  const dir = tempDir('sef-card-issuers-');
  const ids = Array.from({ length: n }, (_, i) => citizenId(`198${i}-0${i + 1}-1${i}`, 101 + 2 * i)); // odd sequence → 男
  writeFileSync(
    join(dir, 'cards.json'),
    JSON.stringify(ids.map((id, i) => ({ name: `王${'一二三四五'[i]}`, gender: '男', idNumber: id, workUnit: '洛阳豫华职业技能培训学校', validUntil: '2024-09-14' }))),
  );
  await writePhotos(dir, ids);
  return { file: join(dir, 'cards.json'), dir, ids };
}

describe('the institution file registers card-issuing bodies', () => {
  it('an HRSS department (R) and an industry department (H) load as store records: code = the authority code, profile national', () => {
    expect(loadInstitutionFile(exampleFile(HENAN_HRSS))).toEqual({
      id: 'henan-hrss',
      name: '河南省职业技能鉴定指导中心',
      code: '41',
      profile: 'national',
      data: { id: 'henan-hrss', name: '河南省职业技能鉴定指导中心', category: 'R', institutionType: 'hrss', code: '41' },
    });
    expect(loadInstitutionFile(exampleFile(INDUSTRY))).toMatchObject({ id: 'yuhua-machinery-assoc', name: '豫华机械行业协会', code: '100001', profile: 'national' });
  });

  it('each record stands for the card issuer its counter is keyed on (R-SC-3)', () => {
    expect(supervisorCardIssuerOf(institutionDocument(record(HENAN_HRSS)))).toEqual({ kind: 'R', authorityCode: '41' });
    expect(supervisorCardIssuerOf(institutionDocument(record(INDUSTRY)))).toEqual({ kind: 'H', ministryAssignedCode: '100001' });
    expect(supervisorCardIssuerOf(institutionDocument(institution()))).toEqual({ kind: 'Y', institutionCode: 'Y000041030001' });
  });

  it('R: the code is 00 or a province code of table 3; the type is hrss; certificate fields are named and refused', () => {
    const base = { id: 'hrss-x', name: '某省职业技能鉴定指导中心', category: 'R', institutionType: 'hrss' };
    expect(validateInstitution({ ...base, code: '00' }).valid).toBe(true);
    const unknown = validateInstitution({ ...base, code: '99' });
    expect(unknown.errors.map((e) => [e.pointer, e.code])).toEqual([['/code', 'INSTDOC_AUTHORITY_CODE']]);
    expect(unknown.errors[0]!.zh).toContain('“99”不在证卡编码规则表3中');
    expect(unknown.errors[0]!.en).toContain('use 00 (the Ministry) or a province code');
    const wrong = validateInstitution({ ...base, institutionType: 'enterprise', code: 'Y000041030001', profile: 'henan', scope: [{ occupation: { code: '6-20-01-01', name: '钳工' }, levels: '5' }] });
    expect(wrong.errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/code', 'PATTERN'],
      ['/institutionType', 'CONST'],
      ['/profile', 'INSTDOC_CARD_ISSUER_FIELD'],
      ['/scope', 'INSTDOC_CARD_ISSUER_FIELD'],
    ]);
    const scopeIssue = wrong.errors[3]!;
    expect(scopeIssue.zh).toBe('“认定范围”（scope）只适用于颁发职业技能等级证书的评价机构（类别 Y/S）；类别 R（人力资源社会保障部门）只颁发质量督导员证卡，请删除此项');
    expect(scopeIssue.en).toBe('"Filed scope" (scope) applies only to evaluation institutions that issue skill certificates (category Y/S); category R (an HRSS department) issues supervisor cards only: remove it');
    expect(() => toInstitutionRecord({ ...base, code: '99' })).toThrow(UserError);
  });

  it('H: the code is the 6-digit ministry-assigned code; the name fits the card (60 characters)', () => {
    const base = { id: 'dept-x', name: '某行业部门', category: 'H', institutionType: 'industry-dept' };
    expect(validateInstitution({ ...base, code: '100001' }).valid).toBe(true);
    expect(validateInstitution({ ...base, code: '41' }).errors.map((e) => [e.pointer, e.code])).toEqual([['/code', 'PATTERN']]);
    expect(validateInstitution({ ...base, code: '100001', name: '行'.repeat(61) }).errors.map((e) => [e.pointer, e.code])).toEqual([['/name', 'TOO_LONG']]);
    expect(validateInstitution({ ...base, code: '100001', institutionType: 'hrss' }).errors.map((e) => [e.pointer, e.code])).toEqual([['/institutionType', 'CONST']]);
  });

  it('Y/S keep every rule: filing route, province, profile and scope required; 13-character code; certificate types only', () => {
    const bare = { id: 'y-x', name: '某公司', category: 'Y', institutionType: 'enterprise', code: 'Y000041030001' };
    expect(validateInstitution(bare).errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/filingRoute', 'REQUIRED'],
      ['/profile', 'REQUIRED'],
      ['/province', 'REQUIRED'],
      ['/scope', 'REQUIRED'],
    ]);
    const full = { ...bare, filingRoute: 'province', province: '41', profile: 'national', scope: [{ occupation: { code: '6-20-01-01', name: '钳工' }, levels: '5' }] };
    expect(validateInstitution(full).valid).toBe(true);
    expect(validateInstitution({ ...full, code: '41', institutionType: 'hrss' }).errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/code', 'INSTCODE_FORMAT'],
      ['/institutionType', 'ENUM'],
    ]);
  });
});

describe('prepareRoster for card-issuing bodies', () => {
  it('R (河南, 41): 外督 cards, counter R:41:YY, numbers R + 41 + 21 + serial; every record is a valid supervisor-id-card', async () => {
    const { file, dir, ids } = await cardRoster(3);
    const p = await prepareRoster({ institution: record(HENAN_HRSS), file, photos: dir, issueDate: '2021-09-15', kind: 'supervisor-card' });
    expect(p.errors).toEqual([]);
    expect(p.formId).toBe('supervisor-id-card');
    expect(p.items.map((i) => [i.subject, i.counterKey, i.maxSerial])).toEqual(ids.map((id) => [id, 'R:41:21', 9999]));
    expect(p.items[0]!.record).toMatchObject({
      card: { kind: '外督', issueDate: '2021-09-15', validUntil: '2024-09-14' },
      issuer: { name: '河南省职业技能鉴定指导中心', code: '41' },
      workUnit: { name: '洛阳豫华职业技能培训学校' },
    });
    expect([1, 2, 9999].map((s) => p.numberFor('R:41:21', s))).toEqual(['R41210001', 'R41210002', 'R41219999']);
    expect(() => p.numberFor('R:00:21', 1)).toThrow(RangeError);
    expect(() => p.numberFor('R:41:21', 10_000)).toThrow(UserError);
    const validate = cardForm();
    p.items.forEach((it, i) => {
      const numbered = { ...it.record, card: { ...(it.record.card as object), number: p.numberFor(it.counterKey, i + 1) } };
      expect(validate(numbered)).toMatchObject({ valid: true, errors: [] });
    });
    // The form itself ties the number to this issuer: another authority's number is refused at /card/number.
    const foreign = { ...p.items[0]!.record, card: { ...(p.items[0]!.record.card as object), number: 'R00210001' } };
    expect(validate(foreign).errors.map((e) => [e.pointer, e.code])).toEqual([['/card/number', 'SCARD_ISSUER_MISMATCH']]);
  });

  it('H (行业部门 100001): 内督 cards, counter H:100001:YY, numbers H + 100001 + 22 + serial', async () => {
    const { file, dir } = await cardRoster(2);
    const p = await prepareRoster({ institution: record(INDUSTRY), file, photos: dir, issueDate: '2022-03-01', kind: 'supervisor-card' });
    expect(p.errors).toEqual([]);
    expect(p.items.map((i) => i.counterKey)).toEqual(['H:100001:22', 'H:100001:22']);
    expect(p.items[1]!.record).toMatchObject({ card: { kind: '内督', issueDate: '2022-03-01' }, issuer: { name: '豫华机械行业协会', code: '100001' } });
    expect(p.numberFor('H:100001:22', 3)).toBe('H100001220003');
    const validate = cardForm();
    const numbered = { ...p.items[0]!.record, card: { ...(p.items[0]!.record.card as object), number: p.numberFor('H:100001:22', 1) } };
    expect(validate(numbered).valid).toBe(true);
  });

  it('with neither kind nor form, a card-issuing body prepares cards', async () => {
    const { file, dir } = await cardRoster(1);
    const p = await prepareRoster({ institution: record(HENAN_HRSS), file, photos: dir, issueDate: '2021-09-15' });
    expect([p.kind, p.formId, p.items[0]!.counterKey]).toEqual(['supervisor-card', 'supervisor-id-card', 'R:41:21']);
  });

  it('a certificate batch for a card-issuing body is refused with ROSTER_CARD_ISSUER_ONLY (before the roster is read)', async () => {
    const missing = join(tempDir('sef-card-issuers-'), 'no-such-roster.xlsx');
    for (const [name, category] of [[HENAN_HRSS, 'R'], [INDUSTRY, 'H']] as const) {
      const attempt = prepareRoster({ institution: record(name), file: missing, issueDate: '2021-09-15', kind: 'certificate' });
      await expect(attempt).rejects.toBeInstanceOf(UserError);
      await expect(attempt).rejects.toMatchObject({ issues: [{ pointer: '', code: 'ROSTER_CARD_ISSUER_ONLY', params: { category } }] });
    }
    const byForm = prepareRoster({ institution: record(HENAN_HRSS), file: missing, issueDate: '2021-09-15', formId: 'national-skill-certificate-2021-style-1' });
    await expect(byForm).rejects.toMatchObject({ issues: [{ code: 'ROSTER_CARD_ISSUER_ONLY', params: { formId: 'national-skill-certificate-2021-style-1' } }] });
    const m = messageFor('ROSTER_CARD_ISSUER_ONLY', { institution: '河南省职业技能鉴定指导中心', category: 'R', categoryZh: '人力资源社会保障部门', categoryEn: 'an HRSS department', formId: 'national-skill-certificate-2021-style-1' });
    expect(m.zh).toBe('“河南省职业技能鉴定指导中心”（类别 R，人力资源社会保障部门）只颁发质量督导员证卡，不能颁发证书（“national-skill-certificate-2021-style-1”）；请用 --kind supervisor-card');
    expect(m.en).toContain('issues supervisor cards only, not certificates');
  });

  it('a branch cannot be chosen for a card-issuing body (it has none)', async () => {
    const { file, dir } = await cardRoster(1);
    await expect(prepareRoster({ institution: record(INDUSTRY), file, photos: dir, issueDate: '2022-03-01', branch: '某分会' })).rejects.toMatchObject({
      issues: [{ code: 'INSTDOC_BRANCH_UNKNOWN' }],
    });
  });
});
