import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CodeFailure } from '../../src/errors/issue.js';
import { codeMessages, codeRuleIds, codeWarnings, formatMessage } from '../../src/errors/messages/codes.js';
import * as codes from '../../src/codes/index.js';

const srcDir = new URL('../../src/codes/', import.meta.url);
const emitted = new Set<string>();
for (const f of readdirSync(srcDir).filter((n) => n.endsWith('.ts'))) {
  const text = readFileSync(new URL(f, srcDir), 'utf8');
  for (const m of text.matchAll(/\bfail\(\s*['"]([A-Z0-9_]+)['"]/g)) emitted.add(m[1]!);
  // Every fail( call must name its code literally, or the scan above would miss it.
  const calls = text.match(/\bfail\(/g)?.length ?? 0;
  const literal = text.match(/\bfail\(\s*['"][A-Z0-9_]+['"]/g)?.length ?? 0;
  expect(literal, `${f}: fail() with a non-literal code`).toBe(calls);
}

describe('message catalogue for src/codes', () => {
  it('the scan found the codes', () => {
    expect(emitted.size).toBeGreaterThan(40);
  });

  it.each([...emitted].sort())('%s has zh and en texts and a rule id', (code) => {
    const t = codeMessages[code];
    expect(t, code).toBeDefined();
    expect(t!.zh.trim()).not.toBe('');
    expect(t!.en.trim()).not.toBe('');
    expect(t!.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(codeRuleIds[code]).toMatch(/^R-[A-Z]+-(\d+|BAN)$/);
  });

  it('no orphan texts, rule ids or warnings', () => {
    expect(Object.keys(codeMessages).sort()).toEqual([...emitted].sort());
    expect(Object.keys(codeRuleIds).sort()).toEqual([...emitted].sort());
    for (const w of codeWarnings) expect(emitted).toContain(w);
  });

  it('zh and en templates use the same placeholders (zh may use a *Zh twin, e.g. {fromIdZh} for {fromId})', () => {
    const ph = (s: string, stripZh: boolean) =>
      new Set([...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => (stripZh ? m[1]!.replace(/Zh$/, '') : m[1]!)));
    for (const [code, t] of Object.entries(codeMessages)) expect(ph(t.zh, true), code).toEqual(ph(t.en, false));
  });

  it('formatMessage fills placeholders and leaves unknown ones', () => {
    expect(formatMessage(codeMessages.ID_CHECKSUM!.zh, { expected: 'X', actual: '1' })).toBe(
      '证件号码校验位错误：按 GB 11643 应为“X”，实为“1”',
    );
    expect(formatMessage(codeMessages.ID_CHECKSUM!.en, { expected: 'X', actual: '1' })).toBe(
      'ID number check digit is wrong: GB 11643 expects "X", found "1"',
    );
    expect(formatMessage('a {b} {c}', { b: 2 })).toBe('a 2 {c}');
  });
});

/** A battery of real calls that together emit every code; every placeholder must then be filled. */
const battery = (): CodeFailure[] => {
  const c = codes;
  const one = <T>(r: { ok: true; value: T } | CodeFailure): CodeFailure[] => (r.ok ? [] : [r]);
  const body = '11010520250701001';
  const uscc1 = '97350100M000100Y4';
  const uscc2 = '91350100M000100Y5';
  const usccWarnings = [uscc1, uscc2].flatMap((b) => {
    const r = c.validateUscc(b + c.usccCheckChar(b));
    return r.ok ? [...r.value.warnings] : [];
  });
  return [
    ...one(c.validateCitizenId('123')),
    ...one(c.validateCitizenId('1101051949123100A1')),
    ...one(c.validateCitizenId('110105194912310021')),
    ...one(c.validateCitizenId('990105194912310023')),
    ...one(c.validateCitizenId('110105194913310021')),
    ...one(c.validateCitizenId(body + c.citizenIdCheckChar(body), { today: '2025-01-01' })),
    ...c.checkCitizenIdAgreement('11010519491231002X', { sex: '男', birthDate: '1950-01-01' }),
    ...one(c.validateUscc('9135')),
    ...one(c.validateUscc('91350100M000100Y4I')),
    ...one(c.validateUscc('911100007109355558')),
    ...usccWarnings,
    ...one(c.parseLevelList('3,4,5')),
    ...one(c.parseLevelList('5、5')),
    ...c.validateInstitutionCode('Y12', 'national'),
    ...c.validateCertificateNumber('Y12', { profile: 'national' }),
    ...c.validateCertificateNumber('Y000123XXXXXX195000001', { profile: 'national' }),
    ...c.validateCertificateNumber('R000123000001195000001', { profile: 'national' }),
    ...c.validateCertificateNumber('Y000100000001195000000', { profile: 'henan', issueDate: '2020-01-01', level: 3, institutionCode: 'Y000141000001' }),
    ...c.validateCertificateNumber('Y000141299001195000001', { profile: 'henan', institutionType: 'enterprise' }),
    ...c.validateCertificateNumber('Y000021157001195000001', { profile: 'liaoning' }),
    ...one(c.buildCertificateNumber({ institutionCode: 'Y000021012001', issueDate: '2020-01-01', level: 5, serial: 1_000_000 }, 'liaoning')),
    ...c.validateSupervisorCardNumber('R4121', { variant: 'external' }),
    ...c.validateSupervisorCardNumber('Y41210001', { variant: 'external' }),
    ...c.validateSupervisorCardNumber('R99210000', { variant: 'external', issueDate: '2022-01-01', issuer: { kind: 'R', authorityCode: '41' } }),
    ...one(c.buildSupervisorCardNumber({ issuer: { kind: 'R', authorityCode: '41' }, issueDate: '2021-01-01', serial: 10_000 })),
    ...c.validateSpecialAbilityCertificateNumber('12'),
    ...c.validateSpecialAbilityCertificateNumber('211601600100001'),
    ...c.validateSpecialAbilityCertificateNumber('211602500100000', { issueDate: '2022-01-01', institutionCode: '16015001', areaCodes: ['1601'] }),
    ...one(c.buildSpecialAbilityCertificateNumber({ institutionCode: '16015001', issueDate: '2021-01-01', serial: 100_000 })),
    ...one(c.validateOfficialUrl('institution-query', 'http://pjgg.osta.org.cn/')),
    ...one(c.validateOfficialUrl('institution-query', 'http://example.org/')),
    ...[c.checkNotLicensedOccupation('保安员'), c.checkNotLicensedOccupation({ name: '消防员' }, { includePending: true })].flatMap((f) => (f ? [f] : [])),
  ];
};

describe('every emitted failure renders completely', () => {
  const failures = battery();
  it('the battery covers every code', () => {
    expect(new Set(failures.map((f) => f.code))).toEqual(emitted);
  });
  it.each(failures.map((f) => [f.code, f] as const))('%s', (_code, f) => {
    const t = codeMessages[f.code]!;
    for (const text of [formatMessage(t.zh, f.params), formatMessage(t.en, f.params)]) {
      expect(text, `${f.code}: ${text}`).not.toMatch(/\{[A-Za-z0-9_]+\}/);
    }
  });
});
