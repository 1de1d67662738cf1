import { describe, expect, it } from 'vitest';
import {
  bannedTermTable,
  canonicalOfficialUrl,
  certificateProvinceCodes,
  classifyOfficialUrl,
  findBannedTerms,
  henanCity,
  henanCityTable,
  isCertificateProvince,
  isRejectedOfficialUrl,
  isSupervisorCardIssuer,
  liaoningCity,
  liaoningCityTable,
  liaoningInstitutionCategory,
  liaoningCategoryTable,
  officialUrlTable,
  provinceName,
  provinceTable,
  skillLevel,
  skillLevelTable,
  type ReferenceTable,
} from '../../src/codes/reference.js';
import { validateOfficialUrl } from '../../src/codes/official-url.js';

const tables: [string, ReferenceTable<unknown>][] = [
  ['province-codes', provinceTable],
  ['henan-city-codes', henanCityTable],
  ['liaoning-city-codes', liaoningCityTable],
  ['liaoning-institution-category-codes', liaoningCategoryTable],
  ['skill-levels', skillLevelTable],
  ['official-query-urls', officialUrlTable],
  ['certificate-banned-terms', bannedTermTable],
];

describe('reference table envelopes', () => {
  it.each(tables)('%s has $id, title, x-source, corrections, entries', (name, t) => {
    expect(t.$id).toBe(`https://schemas.skill-eval-forms.invalid/reference/${name}.json`);
    expect(t.title.length).toBeGreaterThan(0);
    expect(t['x-source'].length).toBeGreaterThan(0);
    for (const src of t['x-source']) expect(src).toMatch(/S00\d:\d+/);
    for (const c of t.corrections) expect(c).toEqual({ seed: expect.stringMatching(/^S00\d:\d+/), printed: expect.any(String), corrected: expect.any(String), catalogue: expect.stringMatching(/^§12 E\d+$/) });
    expect(t.entries.length).toBeGreaterThan(0);
    expect(Object.isFrozen(t.entries)).toBe(true);
  });
});

describe('province codes (§9.1)', () => {
  it('35 certificate codes (34 GB/T 2260 provinces + 66 兵团) plus 00 for supervisor-card issuers only', () => {
    // The catalogue says "34 + 00", but the seed table (S003:2544-2557) has 35 codes: 66 is the 35th.
    expect(provinceTable.entries).toHaveLength(36);
    expect(certificateProvinceCodes()).toHaveLength(35);
    expect(provinceTable.entries.filter((e) => e.inGbt2260)).toHaveLength(34);
    expect(isCertificateProvince('00')).toBe(false);
    expect(isSupervisorCardIssuer('00')).toBe(true);
    expect(provinceName('00')).toBe('人力资源社会保障部');
    expect(isCertificateProvince('66')).toBe(true);
  });
  it('14 is 山西省 (§12 E1 corrected), 61 is 陕西省', () => {
    expect(provinceName('14')).toBe('山西省');
    expect(provinceName('61')).toBe('陕西省');
    expect(provinceTable.corrections[0]).toMatchObject({ printed: '14 陕西省', corrected: '14 山西省', catalogue: '§12 E1' });
    expect(new Set(provinceTable.entries.map((e) => e.name)).size).toBe(36);
  });
});

describe('Henan and Liaoning tables', () => {
  it('Henan 00–28 with currentName', () => {
    expect(henanCityTable.entries.map((e) => e.code)).toEqual(Array.from({ length: 29 }, (_, i) => String(i).padStart(2, '0')));
    expect(henanCity('00')).toMatchObject({ name: '省直', kind: 'provincial' });
    expect(henanCity('12')).toMatchObject({ name: '三门峡市', kind: 'city' });
    expect(henanCity('18')).toMatchObject({ name: '济源市', currentName: '济源示范区' });
    expect(henanCity('23')).toMatchObject({ name: '长垣县', currentName: '长垣市', kind: 'county-level-direct' });
    expect(henanCity('29')).toBeUndefined();
  });
  it('Liaoning cities 01–14 and categories 1–6', () => {
    expect(liaoningCityTable.entries).toHaveLength(14);
    expect(liaoningCity('14')?.name).toBe('葫芦岛市');
    expect(liaoningCity('00')).toBeUndefined();
    expect(liaoningInstitutionCategory('4')?.name).toBe('技工院校');
    expect(liaoningCategoryTable.entries).toHaveLength(6);
  });
  it('skill levels carry the §12 E8 corrections', () => {
    expect(skillLevel(3)?.henanTableLabel).toBe('三级 / 高级');
    expect(skillLevel(3)?.certificateText).toBe('三级/高级工');
    expect(skillLevelTable.corrections.map((c) => c.corrected)).toContain('三级/高级工');
  });
});

describe('official URLs (§9.19, R-CERT-8)', () => {
  it('canonical values', () => {
    expect(canonicalOfficialUrl('certificate-query')).toBe('http://jndj.osta.org.cn/');
    expect(canonicalOfficialUrl('institution-query')).toBe('http://pjjg.osta.org.cn/');
  });
  it.each(['http://pjgg.osta.org.cn/', 'http://pjgg.osta.org.cn', 'http://pjjg.costa.org.cn/', 'https://mjdj.costa.org.cn/'])(
    '%s is a rejected variant',
    (v) => {
      expect(isRejectedOfficialUrl(v)).toBe(true);
    },
  );
  it('classify and validate', () => {
    expect(classifyOfficialUrl('institution-query', 'http://pjjg.osta.org.cn')).toBe('accepted');
    expect(validateOfficialUrl('institution-query', ' http://pjjg.osta.org.cn ')).toEqual({ ok: true, value: 'http://pjjg.osta.org.cn/' });
    expect(validateOfficialUrl('institution-query', 'http://pjgg.osta.org.cn/')).toEqual({
      ok: false,
      code: 'URL_REJECTED_VARIANT',
      params: { value: 'http://pjgg.osta.org.cn/', canonical: 'http://pjjg.osta.org.cn/' },
    });
    expect(validateOfficialUrl('certificate-query', 'http://example.org/')).toMatchObject({ code: 'URL_NOT_CANONICAL' });
    expect(() => validateOfficialUrl('nope', 'x')).toThrow(RangeError);
  });
  it('no rejected variant is anyone’s canonical or accepted value', () => {
    const good = officialUrlTable.entries.flatMap((e) => [e.canonical, ...e.accepted]);
    for (const e of officialUrlTable.entries) for (const r of e.rejected) expect(good).not.toContain(r.value);
    for (const v of good) expect(v).not.toMatch(/pjgg|costa|mjdj/);
  });
});

describe('banned terms (§9.18)', () => {
  it('both lists', () => {
    expect(bannedTermTable.entries.map((e) => e.id)).toEqual(['skill-certificate-2021', 'industry-association-2020']);
    expect(bannedTermTable.entries[0]!.words).toHaveLength(12);
    expect(bannedTermTable.entries[1]!.words).toContain('人员资格');
  });
  it('finds terms, including full-width compatibility forms', () => {
    expect(findBannedTerms('本证书由中国就业培训技术指导中心颁发').map((h) => h.term)).toEqual(['中国就业培训技术指导中心', '中国']);
    expect(findBannedTerms('职业技能等级证书')).toEqual([]);
    expect(findBannedTerms('人员资格证书', 'industry-association-2020')).toEqual([{ term: '人员资格', index: 0 }]);
    expect(findBannedTerms('人员资格证书')).toEqual([]);
  });
});
