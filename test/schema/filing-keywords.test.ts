/**
 * The keywords added for the filing documents: x-within-scope (R-CERT-7, R-OCC-3), x-sum (R-FORM-5,
 * R-SA-3) and x-advisory-pattern (R-FORM-8), and the common entities that the filing forms share.
 */
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/schema/ajv.js';
import { compileFormValidator } from '../../src/schema/validate.js';

const ajv = createAjv();
const pairs = (issues: readonly { pointer: string; code: string }[]) => issues.map((i) => [i.pointer, i.code]);

describe('x-within-scope (R-CERT-7)', () => {
  const v = compileFormValidator(ajv, {
    $id: 'https://schemas.skill-eval-forms.invalid/test/within-scope.schema.json',
    type: 'object',
    'x-within-scope': { scope: '#/institution/filedScope', occupation: '/occupation', level: '/level' },
    properties: {
      occupation: { $ref: 'https://schemas.skill-eval-forms.invalid/common/occupation.schema.json' },
      level: { $ref: 'https://schemas.skill-eval-forms.invalid/common/skill-level.schema.json' },
      institution: { $ref: 'https://schemas.skill-eval-forms.invalid/common/organization.schema.json' },
    },
  });
  const scope = [
    { occupation: { code: '6-18-01-01', name: '车工' }, levels: '5、4、3' },
    { occupation: { code: '6-20-01-01', name: '钳工', job: '装配钳工' }, levels: '4、3' },
    { occupation: { code: '6-20-01-01', name: '钳工', job: '机修钳工' }, levels: '5' },
  ];
  const doc = (occupation: object, level: number, filedScope: object[] | null = scope) => ({
    occupation, level, institution: { name: '某机构', ...(filedScope ? { filedScope } : {}) },
  });

  it('accepts an occupation, 工种 and level inside the filed scope', () => {
    expect(v(doc({ code: '6-18-01-01', name: '车工' }, 3)).errors).toEqual([]);
    expect(v(doc({ code: '6-20-01-01', name: '钳工', job: '机修钳工' }, 5)).errors).toEqual([]);
  });
  it('does not check when no scope is supplied', () => {
    expect(v(doc({ name: '焊工' }, 1, null)).errors).toEqual([]);
  });
  it('refuses an occupation outside the scope at the field it was looked up by', () => {
    expect(pairs(v(doc({ name: '焊工' }, 3)).errors)).toEqual([['/occupation/name', 'OCCUPATION_OUT_OF_SCOPE']]);
    const r = v(doc({ code: '6-19-01-02', name: '焊工' }, 3));
    expect(pairs(r.errors)).toEqual([['/occupation/code', 'OCCUPATION_OUT_OF_SCOPE']]);
    expect(r.errors[0]!.zh).toContain('焊工');
    expect(r.errors[0]!.en).toContain('filed scope');
  });
  it('needs a 工种 when the occupation is filed with 工种, and refuses an unfiled one', () => {
    const r1 = v(doc({ code: '6-20-01-01', name: '钳工' }, 4));
    expect(pairs(r1.errors)).toEqual([['/occupation/job', 'JOB_REQUIRED']]);
    expect(r1.errors[0]!.zh).toContain('装配钳工、机修钳工');
    const r2 = v(doc({ code: '6-20-01-01', name: '钳工', job: '工具钳工' }, 4));
    expect(pairs(r2.errors)).toEqual([['/occupation/job', 'JOB_OUT_OF_SCOPE']]);
  });
  it('refuses a level the scope entry does not list, per 工种', () => {
    expect(pairs(v(doc({ code: '6-18-01-01', name: '车工' }, 1)).errors)).toEqual([['/level', 'LEVEL_OUT_OF_SCOPE']]);
    // 机修钳工 is filed for level 5 only, 装配钳工 for 4、3
    expect(pairs(v(doc({ code: '6-20-01-01', name: '钳工', job: '机修钳工' }, 4)).errors)).toEqual([['/level', 'LEVEL_OUT_OF_SCOPE']]);
    expect(v(doc({ code: '6-20-01-01', name: '钳工', job: '装配钳工' }, 4)).errors).toEqual([]);
  });
  it('a filed code with another name is refused (R-OCC-3)', () => {
    const r = v(doc({ code: '6-18-01-01', name: '车床工' }, 3));
    expect(pairs(r.errors)).toEqual([['/occupation/name', 'OCCUPATION_NAME_MISMATCH']]);
    expect(r.errors[0]!.zh).toContain('“车工”');
  });
  it('matches by name when either side has no code', () => {
    expect(v(doc({ name: '车工' }, 5)).errors).toEqual([]);
  });
});

describe('x-sum (R-FORM-5, R-SA-3)', () => {
  const v = compileFormValidator(ajv, {
    type: 'object',
    'x-sum': { each: '/rows', field: '/n', equals: '/total' },
    properties: {
      rows: { type: 'array', items: { type: 'object', 'x-sum': { of: ['/a', '/b'], equals: '/n' } } },
      weights: { type: 'array', items: { type: 'object' } },
      w: { type: 'object', 'x-sum': { each: '/items', field: '/pct', equals: 100 } },
    },
  });
  it('accepts matching totals', () => {
    expect(v({ rows: [{ a: 1, b: 2, n: 3 }, { a: 0, b: 4, n: 4 }], total: 7, w: { items: [{ pct: 60 }, { pct: 40 }] } }).errors).toEqual([]);
  });
  it('points at the wrong 小计 and the wrong 合计', () => {
    const r = v({ rows: [{ a: 1, b: 2, n: 4 }, { a: 0, b: 4, n: 4 }], total: 7 });
    expect(pairs(r.errors)).toEqual([['/rows/0/n', 'SUM_MISMATCH'], ['/total', 'SUM_MISMATCH']]);
    expect(r.errors[0]!.zh).toBe('“n”应为 3（各项之和），实为 4');
  });
  it('a constant total is reported at the object', () => {
    const r = v({ w: { items: [{ pct: 50 }, { pct: 40 }] } });
    expect(pairs(r.errors)).toEqual([['/w', 'SUM_NOT_TOTAL']]);
    expect(r.errors[0]!.zh).toBe('“w”各项合计应为 100，实为 90');
  });
  it('refuses options without parts at compile time', () => {
    expect(() => createAjv().compile({ type: 'object', 'x-sum': { equals: 1 } })).toThrow();
  });
});

describe('x-advisory-pattern (R-FORM-8)', () => {
  const v = compileFormValidator(ajv, {
    type: 'object',
    properties: { centre: { type: 'string', maxLength: 80, 'x-advisory-pattern': { pattern: '^.+(学校|学院|大学)职业技能等级认定中心$', expected: 'XX学校（院）职业技能等级认定中心' } } },
  });
  it('warns, never fails', () => {
    const r = v({ centre: '郑州某某培训部' });
    expect(r.valid).toBe(true);
    expect(r.errors).toEqual([]);
    expect(pairs(r.warnings)).toEqual([['/centre', 'NAME_CONVENTION']]);
    expect(r.warnings[0]!.zh).toContain('“郑州某某培训部”');
    expect(r.warnings[0]!.zh).not.toContain('{');
    expect(v({ centre: '河南工业大学职业技能等级认定中心' }).warnings).toEqual([]);
  });
});

describe('common filing entities', () => {
  const staff = compileFormValidator(ajv, { $ref: 'https://schemas.skill-eval-forms.invalid/common/staff-member.schema.json' });
  it('a staff row checks its ID number (R-ID-1) and the yes/no choice (R-FORM-1)', () => {
    expect(staff({ name: '李强', idNumber: '11010519491231002X', isOwnEmployee: '是' }).errors).toEqual([]);
    expect(pairs(staff({ name: '李强', idNumber: '110105194912310021', isOwnEmployee: '是否' }).errors))
      .toEqual([['/idNumber', 'ID_CHECKSUM'], ['/isOwnEmployee', 'ENUM']]);
  });
  const content = compileFormValidator(ajv, { $ref: 'https://schemas.skill-eval-forms.invalid/common/plan-content.schema.json' });
  it('plan content is paragraphs, lists and tables only', () => {
    expect(content([{ type: 'paragraph', text: '一段' }, { type: 'list', ordered: true, items: ['甲', '乙'] }, { type: 'table', columns: ['序号', '名称'], rows: [['1', '车工']] }]).errors).toEqual([]);
    expect(content([{ type: 'image', src: 'x' }]).valid).toBe(false);
  });
  const scopeEntry = compileFormValidator(ajv, { $ref: 'https://schemas.skill-eval-forms.invalid/common/occupation-scope-entry.schema.json' });
  it('a scope entry checks the 职业编码 format (R-OCC-1) and the level list (R-LVL-3)', () => {
    expect(scopeEntry({ occupation: { code: '6-18-01-01', name: '车工' }, levels: '5、4、3', standardType: '国家职业技能标准' }).errors).toEqual([]);
    expect(pairs(scopeEntry({ occupation: { code: '6180101', name: '车工' }, levels: '3,4,5' }).errors))
      .toEqual([['/levels', 'LEVEL_LIST_FORMAT'], ['/occupation/code', 'PATTERN']]);
  });
});

describe('x-level-list order (R-LVL-3)', () => {
  const v = compileFormValidator(ajv, { type: 'object', properties: { levels: { $ref: 'https://schemas.skill-eval-forms.invalid/common/level-list.schema.json' } } });
  it('an ascending list is accepted with a warning naming the descending form', () => {
    const r = v({ levels: '3、4、5' });
    expect(r.errors).toEqual([]);
    expect(pairs(r.warnings)).toEqual([['/levels', 'LEVEL_LIST_ORDER']]);
    expect(r.warnings[0]!.zh).toContain('“5、4、3”');
    expect(v({ levels: '5、4、3' }).warnings).toEqual([]);
  });
});

describe('x-unique-by (one row per person / per occupation)', () => {
  const v = compileFormValidator(ajv, {
    type: 'object',
    properties: {
      rows: { type: 'array', 'x-unique-by': { key: ['/idNumber'] }, items: { type: 'object' } },
      scope: { type: 'array', 'x-unique-by': { key: ['/occupation/name', '/occupation/job'] }, items: { type: 'object' } },
    },
  });
  it('reports the later row at its key field, normalising full-width characters and spaces', () => {
    const r = v({ rows: [{ idNumber: '11010519491231002X' }, { idNumber: '110105194912310011' }, { idNumber: '１１０１０５１９４９１２３１００２Ｘ ' }] });
    expect(pairs(r.errors)).toEqual([['/rows/2/idNumber', 'DUPLICATE_ROW']]);
    expect(r.errors[0]!.en).toContain('row 3 repeats row 1');
  });
  it('a compound key: the same occupation with another 工种 is fine, the same pair is not', () => {
    const occ = (name: string, job?: string) => ({ occupation: { name, ...(job ? { job } : {}) } });
    expect(v({ scope: [occ('钳工', '装配钳工'), occ('钳工', '机修钳工'), occ('车工')] }).errors).toEqual([]);
    expect(pairs(v({ scope: [occ('车工'), occ('钳工'), occ('车工')] }).errors)).toEqual([['/scope/2/occupation/name', 'DUPLICATE_ROW']]);
  });
  it('rows without the key are skipped', () => {
    expect(v({ rows: [{}, {}] }).errors).toEqual([]);
  });
});
