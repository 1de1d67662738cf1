import { describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { createAjv } from '../../src/schema/ajv.js';
import { comparePointers, compileFormValidator, MAX_ISSUES } from '../../src/schema/validate.js';
import { schemaMessages } from '../../src/errors/messages/schema.js';
import { catalog } from '../../src/errors/catalog.js';
import { pairs, validateFixture, validDoc } from './helpers.js';

type Doc = ReturnType<typeof validDoc>;
const run = (mutate: (d: Doc) => void) => {
  const d = validDoc();
  mutate(d);
  return validateFixture(d);
};

describe('the fixture document', () => {
  it('is valid, with no warnings', () => {
    const r = validateFixture(validDoc());
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.valid).toBe(true);
  });
});

describe('x-citizen-id (R-ID-1, GB 11643)', () => {
  it('one wrong digit → ID_CHECKSUM at /holder/idNumber', () => {
    const r = run((d) => (d.holder.idNumber = '410305199003151231'));
    expect(r.valid).toBe(false);
    expect(pairs(r.errors)).toEqual([['/holder/idNumber', 'ID_CHECKSUM']]);
    expect(r.errors[0]).toMatchObject({
      severity: 'error',
      zh: '证件号码校验位错误：按 GB 11643 应为“0”，实为“1”',
      en: 'ID number check digit is wrong: GB 11643 expects "0", found "1"',
      value: '410305199003151231',
    });
  });

  it('a birth date that disagrees with the ID → ID_BIRTHDATE_MISMATCH at /holder/birthDate', () => {
    const r = run((d) => (d.holder.birthDate = '1990-03-16'));
    expect(pairs(r.errors)).toEqual([['/holder/birthDate', 'ID_BIRTHDATE_MISMATCH']]);
    expect(r.errors[0]!.zh).toContain('1990-03-15');
  });

  it('both disagreements are reported at once, each at its own field', () => {
    const r = run((d) => {
      d.holder.birthDate = '1990-03-16';
      d.holder.gender = '女';
    });
    expect(pairs(r.errors)).toEqual([
      ['/holder/birthDate', 'ID_BIRTHDATE_MISMATCH'],
      ['/holder/gender', 'ID_SEX_MISMATCH'],
    ]);
  });

  it('runs only for 居民身份证 and 港澳台居民居住证', () => {
    expect(run((d) => Object.assign(d.holder, { idType: '护照', idNumber: 'E12345678' })).errors).toEqual([]);
    const permit = run((d) => Object.assign(d.holder, { idType: '港澳台居民居住证', idNumber: '810000199001010019', birthDate: '1990-01-01' }));
    expect(permit.errors).toEqual([]);
    // A mainland region is not a permit number.
    expect(pairs(run((d) => Object.assign(d.holder, { idType: '港澳台居民居住证' })).errors)).toEqual([['/holder/idNumber', 'ID_REGION']]);
  });
});

describe('x-uscc (GB 32100)', () => {
  it('a wrong check character → USCC_CHECKSUM at /institution/uscc', () => {
    const r = run((d) => (d.institution.uscc = '911100007109355558'));
    expect(pairs(r.errors)).toEqual([['/institution/uscc', 'USCC_CHECKSUM']]);
    expect(r.errors[0]!.zh).toMatch(/K/);
  });

  it('a character outside the set → USCC_CHARSET, and maxLength noise is superseded', () => {
    const r = run((d) => (d.institution.uscc = '91350100M000100Y4Z'));
    expect(pairs(r.errors)).toEqual([['/institution/uscc', 'USCC_CHARSET']]);
    const long = run((d) => (d.institution.uscc = '91350100M000100Y43X'));
    expect(pairs(long.errors)).toEqual([['/institution/uscc', 'USCC_LENGTH']]);
  });
});

describe('structure errors point at the field', () => {
  it('an unknown field → UNKNOWN_FIELD at its own pointer', () => {
    const r = run((d) => Object.assign(d.holder, { nickname: '小王' }));
    expect(pairs(r.errors)).toEqual([['/holder/nickname', 'UNKNOWN_FIELD']]);
    expect(r.errors[0]).toMatchObject({ zh: '未定义的字段“nickname”，请删除或更正拼写', value: '小王' });
  });

  it('a missing required child → REQUIRED at the child, labelled with its title', () => {
    const r = run((d) => delete (d.certificate as Partial<Doc['certificate']>).number);
    expect(pairs(r.errors)).toEqual([['/certificate/number', 'REQUIRED']]);
    expect(r.errors[0]).toMatchObject({ zh: '缺少必填项“证书编号”', en: 'Required field "Certificate number" is missing' });
  });

  it('a required child added next to a $ref (form narrowing) is reported at the child', () => {
    const r = run((d) => delete (d.holder as Partial<Doc['holder']>).idType);
    expect(pairs(r.errors)).toEqual([['/holder/idType', 'REQUIRED']]);
    expect(r.errors[0]!.zh).toBe('缺少必填项“证件类型”');
  });

  it('labels come from the sibling title of a $ref, else from the referenced schema', () => {
    const r = run((d) => (d.holder.birthDate = '1990-02-30'));
    expect(pairs(r.errors)).toEqual([['/holder/birthDate', 'FORMAT']]);
    expect(r.errors[0]!.zh).toBe('“出生日期”不是有效的日期（YYYY-MM-DD，须为真实日期）');
    const nested = run((d) => (d.scope[0]!.occupation.code = '6-18-1-01'));
    expect(pairs(nested.errors)).toEqual([['/scope/0/occupation/code', 'PATTERN']]);
    expect(nested.errors[0]!.zh).toBe('“职业编码”格式不正确（示例：6-18-01-01）');
  });

  it('level out of range → MAXIMUM at /level; wrong type → TYPE', () => {
    expect(pairs(run((d) => (d.level = 7)).errors)).toEqual([['/level', 'MAXIMUM']]);
    expect(pairs(run((d) => ((d as { level: unknown }).level = '3')).errors)).toEqual([['/level', 'TYPE']]);
  });

  it('image oneOf noise collapses to the most specific branch error', () => {
    const traversal = run((d) => (d.holder.photo = { file: '../../etc/passwd.png' }));
    expect(pairs(traversal.errors)).toEqual([['/holder/photo/file', 'PATTERN']]);
    for (const file of ['/etc/photo.png', 'C:/photo.png', 'a\\b.png', 'a/../b.png', 'photo.gif']) {
      expect(pairs(run((d) => (d.holder.photo = { file })).errors), file).toEqual([['/holder/photo/file', 'PATTERN']]);
    }
    const gif = run((d) => ((d.holder as { photo: unknown }).photo = { mediaType: 'image/gif', base64: 'R0lGODlh' }));
    expect(pairs(gif.errors)).toEqual([['/holder/photo/mediaType', 'ENUM']]);
    const both = run((d) => ((d.holder as { photo: unknown }).photo = { file: 'a.png', base64: 'AAAA' }));
    expect(pairs(both.errors)).toEqual([['/holder/photo/base64', 'UNKNOWN_FIELD']]);
    const str = run((d) => ((d.holder as { photo: unknown }).photo = 'photo.jpg'));
    expect(pairs(str.errors)).toEqual([['/holder/photo', 'TYPE']]);
  });

  it('a non-object document → ROOT_TYPE (HTTP 400)', () => {
    for (const data of [null, [], 'x', 42, true]) {
      const r = validateFixture(data);
      expect(pairs(r.errors)).toEqual([['', 'ROOT_TYPE']]);
    }
    expect(catalog.get('ROOT_TYPE')?.http).toBe(400);
  });
});

describe('cross-field keywords report at the exact field, all at once', () => {
  it('x-certificate-number: every failure at /certificate/number, with the level error at /level', () => {
    const r = run((d) => {
      d.certificate.number = 'Y000041030001225000000';
      d.level = 7;
    });
    expect(pairs(r.errors)).toEqual([
      ['/certificate/number', 'CERTNO_SERIAL_ZERO'],
      ['/certificate/number', 'CERTNO_YEAR_MISMATCH'],
      ['/level', 'MAXIMUM'],
    ]);
  });

  it('x-certificate-number: level, prefix, and Henan position 10 (profile auto → henan)', () => {
    const r = run((d) => {
      d.certificate.number = 'Y000041039001214000001';
    });
    expect(pairs(r.errors)).toEqual([
      ['/certificate/number', 'CERTNO_HENAN_POS10'],
      ['/certificate/number', 'CERTNO_LEVEL_MISMATCH'],
      ['/certificate/number', 'CERTNO_PREFIX_MISMATCH'],
    ]);
  });

  it('x-certificate-number: the profile pointer decides (national ignores the Henan rule)', () => {
    const r = run((d) => {
      d.certificate.number = 'Y000041039001213000001';
      d.institution.code = 'Y000041039001';
      d.card.number = 'Y039001210001';
      d.options.profile = 'national';
    });
    expect(r.errors).toEqual([]);
  });

  it('x-supervisor-card-number with a root reference (#/institution/code)', () => {
    expect(pairs(run((d) => (d.card.number = 'Y000001210001')).errors)).toEqual([['/card/number', 'SCARD_ISSUER_MISMATCH']]);
    expect(pairs(run((d) => (d.card.issueDate = '2022-01-01')).errors)).toEqual([['/card/number', 'SCARD_YEAR_MISMATCH']]);
    expect(pairs(run((d) => Object.assign(d.card, { type: '外督', number: 'R41210001' })).errors)).toEqual([]);
    expect(pairs(run((d) => Object.assign(d.card, { type: '外督' })).errors)).toEqual([['/card/number', 'SCARD_KIND']]);
  });

  it('x-special-ability-number', () => {
    const r = run((d) => Object.assign(d.specialAbility, { number: '211601500200000' }));
    expect(pairs(r.errors)).toEqual([
      ['/specialAbility/number', 'SA_SERIAL_ZERO'],
      ['/specialAbility/number', 'SA_YEAR_MISMATCH'],
      ['/specialAbility/number', 'SA_INSTITUTION_MISMATCH'],
    ]);
  });

  it('x-level-list and x-institution-code', () => {
    const r = run((d) => {
      d.scope = [
        { occupation: { code: '6-18-01-01', name: '车工' }, levels: '3,4' },
        { occupation: { code: '6-18-01-01', name: '车工' }, levels: '5、5' },
      ];
      d.institution.code = 'Y000041990001';
      d.card.number = 'Y990001210001';
    });
    expect(pairs(r.errors)).toEqual([
      ['/certificate/number', 'CERTNO_PREFIX_MISMATCH'],
      ['/institution/code', 'CERTNO_HENAN_CITY'],
      ['/scope/0/levels', 'LEVEL_LIST_FORMAT'],
      ['/scope/1/levels', 'LEVEL_LIST_DUPLICATE'],
    ]);
  });

  it('x-official-url (R-CERT-8): misprints are rejected', () => {
    const r = run((d) => (d.urls = { certificate: 'https://mjdj.costa.org.cn/', provincial: 'http://pjgg.osta.org.cn/' }));
    expect(pairs(r.errors)).toEqual([
      ['/urls/certificate', 'URL_REJECTED_VARIANT'],
      ['/urls/provincial', 'URL_REJECTED_VARIANT'],
    ]);
  });
});

describe('warnings', () => {
  it('a banned term in a data field is a warning, not an error (R-CERT-BAN, §16 item 2)', () => {
    const r = run((d) => Object.assign(d.certificate, { remark: '中国石油天然气集团有限公司 国家级' }));
    expect(r.valid).toBe(true);
    expect(r.errors).toEqual([]);
    expect(pairs(r.warnings)).toEqual([['/certificate/remark', 'CERT_BANNED_TERM']]);
    expect(r.warnings[0]).toMatchObject({ severity: 'warning' });
    expect(r.warnings[0]!.zh).toBe('“证书备注”含证书禁用字样：中国、国家（人社鉴发〔2021〕1号 五(二)）');
  });

  it('USCC findings outside the 2015 table are warnings', () => {
    // 9A…: department 9 (工商) has no category A; the check character is recomputed to stay valid.
    const r = run((d) => (d.institution.uscc = '9A350100M000100Y47'));
    expect(r.errors).toEqual([]);
    expect(pairs(r.warnings)).toEqual([['/institution/uscc', 'USCC_UNKNOWN_CATEGORY']]);
  });

  it('warnings and errors are reported together', () => {
    const r = run((d) => {
      Object.assign(d.certificate, { remark: '全国通用' });
      d.holder.idNumber = '410305199003151231';
    });
    expect(pairs(r.errors)).toEqual([['/holder/idNumber', 'ID_CHECKSUM']]);
    expect(pairs(r.warnings)).toEqual([['/certificate/remark', 'CERT_BANNED_TERM']]);
  });
});

describe('bounds, order and fallbacks', () => {
  it(`at most ${MAX_ISSUES} issues, sorted by pointer, the last one saying how many were cut`, () => {
    const d = validDoc();
    d.scope = Array.from({ length: 50 }, () => ({ occupation: { code: 'x', name: '' }, levels: '9', a: 1, b: 2 }) as never);
    const r = validateFixture(d);
    expect(r.errors).toHaveLength(MAX_ISSUES);
    expect(r.errors.at(-1)).toMatchObject({ code: 'ISSUES_TRUNCATED', pointer: '' });
    expect(r.errors.at(-1)!.en).toBe(`Too many problems: only the first ${MAX_ISSUES - 1} of 250 are listed`);
    const shown = r.errors.slice(0, -1).map((e) => e.pointer);
    expect(shown).toEqual([...shown].sort(comparePointers));
    expect(shown[0]).toBe('/scope/0/a');
    expect(shown).toContain('/scope/10/levels'); // numeric order: 2 < 10
    expect(shown.indexOf('/scope/2/a')).toBeLessThan(shown.indexOf('/scope/10/a'));
  });

  it('comparePointers orders array indices numerically', () => {
    expect(['/a/10', '/a/2', '', '/a', '/a/2/b'].sort(comparePointers)).toEqual(['', '/a', '/a/2', '/a/2/b', '/a/10']);
  });

  it('an unmapped keyword falls back to SCHEMA_OTHER with ajv-i18n Chinese', () => {
    const ajv = createAjv();
    ajv.addKeyword({ keyword: 'x-test-always-fails', type: 'string', errors: false, validate: () => false });
    const v = compileFormValidator(ajv, {
      type: 'object',
      additionalProperties: false,
      properties: { a: { type: 'string', maxLength: 5, title: '甲', 'x-title-en': 'A', 'x-test-always-fails': true } },
    });
    const r = v({ a: 'x' });
    expect(pairs(r.errors)).toEqual([['/a', 'SCHEMA_OTHER']]);
    expect(r.errors[0]!.zh).toMatch(/^“甲”不符合要求：/);
  });

  it('never throws when a keyword does: VALIDATOR_FAILURE (HTTP 500)', () => {
    const ajv = createAjv();
    ajv.addKeyword({
      keyword: 'x-test-throws',
      type: 'string',
      validate: () => {
        throw new Error('boom');
      },
    });
    const v = compileFormValidator(ajv, { type: 'object', additionalProperties: false, properties: { a: { type: 'string', maxLength: 5, 'x-test-throws': true } } });
    const r = v({ a: 'x' });
    expect(pairs(r.errors)).toEqual([['', 'VALIDATOR_FAILURE']]);
    expect(catalog.get('VALIDATOR_FAILURE')?.http).toBe(500);
  });
});

describe('message table', () => {
  it('every code validate.ts can emit has zh + en + http, and zh and en use the same placeholders', () => {
    const emitted = [
      'REQUIRED', 'UNKNOWN_FIELD', 'TYPE', 'ROOT_TYPE', 'TOO_LONG', 'TOO_SHORT', 'PATTERN', 'ENUM', 'CONST', 'FORMAT',
      'TOO_MANY_ITEMS', 'TOO_FEW_ITEMS', 'DUPLICATE_ITEMS', 'MINIMUM', 'MAXIMUM', 'MULTIPLE_OF', 'TOO_MANY_PROPERTIES',
      'TOO_FEW_PROPERTIES', 'ONE_OF', 'ANY_OF', 'NOT', 'NOT_ALLOWED', 'CONTAINS', 'PROPERTY_NAME', 'SCHEMA_OTHER',
      'ISSUES_TRUNCATED', 'VALIDATOR_FAILURE', 'CERT_BANNED_TERM', 'SUM_MISMATCH', 'SUM_NOT_TOTAL', 'DUPLICATE_ROW', 'NAME_CONVENTION',
      'OCCUPATION_OUT_OF_SCOPE', 'OCCUPATION_NAME_MISMATCH', 'JOB_OUT_OF_SCOPE', 'JOB_REQUIRED', 'LEVEL_OUT_OF_SCOPE', 'LEVEL_LIST_ORDER',
    ];
    expect(Object.keys(schemaMessages).sort()).toEqual([...emitted].sort());
    const ph = (s: string) =>
      new Set([...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!.replace(/(Zh|En)$/, '').replace(/^labelEn$/, 'label')));
    for (const [code, t] of Object.entries(schemaMessages)) {
      expect(t.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(t.en.trim(), code).not.toBe('');
      expect([400, 422, 500], code).toContain(t.http);
      expect(ph(t.zh), code).toEqual(ph(t.en));
    }
  });

  it('the remaining built-in keywords map to their codes', () => {
    const ajv = createAjv();
    const v = compileFormValidator(ajv, {
      type: 'object',
      additionalProperties: false,
      required: ['list'],
      properties: {
        list: { title: '清单', type: 'array', minItems: 2, maxItems: 3, uniqueItems: true, items: { type: 'integer', multipleOf: 2, exclusiveMinimum: 0 } },
        fixed: { title: '固定', type: 'string', maxLength: 3, const: 'abc' },
        tags: { title: '标签', type: 'object', maxProperties: 1, additionalProperties: { type: 'string', maxLength: 2 } },
      },
    });
    const r = v({ list: [3, 3, 0, 4], fixed: 'abcd', tags: { a: 'x', b: 'y' } });
    const got = pairs(r.errors);
    expect(got).toEqual(
      expect.arrayContaining([
        ['/fixed', 'CONST'],
        ['/fixed', 'TOO_LONG'],
        ['/list', 'TOO_MANY_ITEMS'],
        ['/list', 'DUPLICATE_ITEMS'],
        ['/list/0', 'MULTIPLE_OF'],
        ['/list/2', 'MINIMUM'],
        ['/tags', 'TOO_MANY_PROPERTIES'],
      ]),
    );
    const dup = r.errors.find((e) => e.code === 'DUPLICATE_ITEMS')!;
    expect(dup.zh).toBe('“清单”中第 1 项与第 2 项重复');
    expect(r.errors.find((e) => e.pointer === '/list/2')!.zh).toBe('“清单第 3 项”应大于 0');
  });
});

describe('keyword options are checked when a form compiles', () => {
  const compile = (keyword: string, value: unknown) => () =>
    compileFormValidator(createAjv(), { type: 'object', additionalProperties: false, [keyword]: value, properties: {} });
  it.each([
    ['x-certificate-number', { numbr: '/certificate/number' }],
    ['x-certificate-number', { number: 'certificate/number' }],
    ['x-certificate-number', { number: '/n', profile: 'shandong' }],
    ['x-supervisor-card-number', { number: '/n', kind: '外部' }],
    ['x-special-ability-number', { number: '/n', areaCodes: ['16'] }],
    ['x-citizen-id', { idNumbr: 'idNumber' }],
    ['x-citizen-id', false],
  ])('%s: %j is rejected', (keyword, value) => {
    expect(compile(keyword, value)).toThrow();
  });
  it('well-formed options compile', () => {
    expect(compile('x-certificate-number', { number: '/n', profile: { pointer: '#/options/profile', default: 'national' } })).not.toThrow();
    expect(compile('x-supervisor-card-number', { number: '/n', kind: '外督', issuerCode: '#/issuer/code' })).not.toThrow();
  });
});

describe('ajv errors carry the custom code untouched', () => {
  it('the keyword error object has code and params and the child instancePath', () => {
    const ajv = createAjv();
    const v = ajv.compile({ $ref: 'https://schemas.skill-eval-forms.invalid/common/person.schema.json' });
    const d = { ...validDoc().holder, idNumber: '410305199003151231' };
    expect(v(d)).toBe(false);
    const e = (v.errors ?? []).find((x: ErrorObject) => x.keyword === 'x-citizen-id')!;
    expect(e.instancePath).toBe('/idNumber');
    expect(e.params).toMatchObject({ code: 'ID_CHECKSUM', params: { expected: '0', actual: '1' } });
  });
});
