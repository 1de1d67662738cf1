/**
 * `x-not-licensed-occupation` (R-OCC-2, 人社部公告 2021-11-23): a 准入类 occupation is refused with the
 * exact pointer and code; an ordinary one passes; Henan's option also refuses 拟调整为准入类.
 */
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/schema/ajv.js';
import { compileFormValidator } from '../../src/schema/validate.js';

const ajv = createAjv();
const OCC = 'https://schemas.skill-eval-forms.invalid/common/occupation.schema.json';
const SCOPE = 'https://schemas.skill-eval-forms.invalid/common/occupation-scope-entry.schema.json';
const pairs = (issues: readonly { pointer: string; code: string }[]) => issues.map((i) => [i.pointer, i.code]);

describe('x-not-licensed-occupation on a scope list (national rule)', () => {
  const v = compileFormValidator(ajv, {
    $id: 'https://schemas.skill-eval-forms.invalid/test/licensed-occupation.schema.json',
    type: 'object',
    additionalProperties: false,
    properties: {
      scope: {
        type: 'array',
        maxItems: 50,
        items: { $ref: SCOPE, type: 'object', properties: { occupation: { $ref: OCC, 'x-not-licensed-occupation': true } } },
      },
      name: { type: 'string', maxLength: 50, 'x-not-licensed-occupation': true },
    },
  });

  it('accepts ordinary occupations', () => {
    const r = v({ scope: [{ occupation: { code: '6-18-01-01', name: '车工', job: '数控车床' }, levels: '4、3、2、1' }, { occupation: { name: '焊工' }, levels: '5、4' }], name: '钳工' });
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('refuses a 准入类 occupation at <entry>/occupation/name with OCCUPATION_LICENSED and bilingual text', () => {
    const r = v({ scope: [{ occupation: { code: '6-18-01-01', name: '车工' }, levels: '5' }, { occupation: { code: '4-07-05-01', name: '保安员' }, levels: '5、4、3' }] });
    expect(pairs(r.errors)).toEqual([['/scope/1/occupation/name', 'OCCUPATION_LICENSED']]);
    expect(r.errors[0]!.zh).toBe('“保安员”是《国家职业资格目录（2021年版）》中的准入类职业资格（实施部门：公安部门及相关机构），不得列入职业技能等级认定范围');
    expect(r.errors[0]!.en).toContain('administered by 公安部门及相关机构');
    expect(r.errors[0]!.value).toBe('保安员');
  });

  it('points at the 工种 when the direction is what makes it licensed', () => {
    const r = v({ scope: [{ occupation: { name: '社会体育指导员', job: '潜水' } }] });
    expect(pairs(r.errors)).toEqual([['/scope/0/occupation/job', 'OCCUPATION_LICENSED']]);
    expect(v({ scope: [{ occupation: { name: '社会体育指导员', job: '健身指导' } }] }).errors).toEqual([]);
  });

  it('works on a bare 职业名称 string', () => {
    expect(pairs(v({ name: '消防设施操作员' }).errors)).toEqual([['/name', 'OCCUPATION_LICENSED']]);
    expect(pairs(v({ name: '消防员' }).errors)).toEqual([]); // 水平评价类: only Henan refuses it
  });

  it('reports every licensed row in one pass', () => {
    const r = v({ scope: [{ occupation: { name: '轨道交通司机' } }, { occupation: { name: '车工' } }, { occupation: { name: '家畜繁殖员' } }] });
    expect(pairs(r.errors)).toEqual([['/scope/0/occupation/name', 'OCCUPATION_LICENSED'], ['/scope/2/occupation/name', 'OCCUPATION_LICENSED']]);
  });
});

describe('x-not-licensed-occupation with includePending (Henan, 豫职鉴〔2021〕1号 三(一))', () => {
  const v = compileFormValidator(ajv, {
    $id: 'https://schemas.skill-eval-forms.invalid/test/licensed-occupation-henan.schema.json',
    type: 'object',
    additionalProperties: false,
    properties: { occupation: { $ref: OCC, 'x-not-licensed-occupation': { includePending: true } } },
  });
  it('refuses 拟调整为准入类 occupations with OCCUPATION_PENDING_LICENSED', () => {
    expect(pairs(v({ occupation: { name: '应急救援员' } }).errors)).toEqual([['/occupation/name', 'OCCUPATION_PENDING_LICENSED']]);
    expect(pairs(v({ occupation: { name: '保安员' } }).errors)).toEqual([['/occupation/name', 'OCCUPATION_LICENSED']]);
    expect(v({ occupation: { code: '4-10-01-06', name: '家政服务员', job: '母婴护理员' } }).errors).toEqual([]);
  });
});

describe('keyword options are checked when a schema is compiled', () => {
  it.each([[false], ['yes'], [{ includePending: 'yes' }], [{ other: true }]])('rejects %j', (opt) => {
    expect(() => createAjv().compile({ type: 'string', maxLength: 10, 'x-not-licensed-occupation': opt })).toThrow();
  });
});
