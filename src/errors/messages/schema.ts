/**
 * zh/en texts of the schema-validation stage (src/schema/validate.ts and the keywords in
 * src/schema/keywords/ that have no code of their own in src/codes).
 * Every issue carries `{label}` (Chinese field label) and `{labelEn}` (English field label), taken
 * from the schema's `title` / `x-title-en` at the issue's pointer, or the property name.
 */
import type { MessageText } from '../issue.js';

export const schemaMessages: Record<string, MessageText> = {
  REQUIRED: { zh: '缺少必填项“{label}”', en: 'Required field "{labelEn}" is missing', http: 422 },
  UNKNOWN_FIELD: {
    zh: '未定义的字段“{property}”，请删除或更正拼写',
    en: 'Unknown field "{property}": remove it or correct its spelling',
    http: 422,
  },
  TYPE: { zh: '“{label}”应为{typeZh}', en: '"{labelEn}" must be {typeEn}', http: 422 },
  ROOT_TYPE: { zh: '提交的数据应为{typeZh}', en: 'The submitted data must be {typeEn}', http: 400 },
  TOO_LONG: { zh: '“{label}”过长：最多 {limit} 个字符', en: '"{labelEn}" is too long: at most {limit} characters', http: 422 },
  TOO_SHORT: { zh: '“{label}”过短：至少 {limit} 个字符', en: '"{labelEn}" is too short: at least {limit} characters', http: 422 },
  PATTERN: { zh: '“{label}”格式不正确{hint}', en: '"{labelEn}" is not in the required format{hintEn}', http: 422 },
  ENUM: { zh: '“{label}”应为以下之一：{allowed}', en: '"{labelEn}" must be one of: {allowedEn}', http: 422 },
  CONST: { zh: '“{label}”应为 {allowed}', en: '"{labelEn}" must be {allowedEn}', http: 422 },
  FORMAT: { zh: '“{label}”不是有效的{formatZh}', en: '"{labelEn}" is not a valid {formatEn}', http: 422 },
  TOO_MANY_ITEMS: { zh: '“{label}”最多 {limit} 项', en: '"{labelEn}" has more than {limit} item(s)', http: 422 },
  TOO_FEW_ITEMS: { zh: '“{label}”至少需要 {limit} 项', en: '"{labelEn}" needs at least {limit} item(s)', http: 422 },
  DUPLICATE_ITEMS: { zh: '“{label}”中第 {i} 项与第 {j} 项重复', en: '"{labelEn}": items {i} and {j} are identical', http: 422 },
  MINIMUM: { zh: '“{label}”应{cmpZh} {limit}', en: '"{labelEn}" must be {cmpEn} {limit}', http: 422 },
  MAXIMUM: { zh: '“{label}”应{cmpZh} {limit}', en: '"{labelEn}" must be {cmpEn} {limit}', http: 422 },
  MULTIPLE_OF: { zh: '“{label}”应为 {multipleOf} 的整数倍', en: '"{labelEn}" must be a multiple of {multipleOf}', http: 422 },
  TOO_MANY_PROPERTIES: { zh: '“{label}”最多 {limit} 个字段', en: '"{labelEn}" has more than {limit} fields', http: 422 },
  TOO_FEW_PROPERTIES: { zh: '“{label}”至少需要 {limit} 个字段', en: '"{labelEn}" needs at least {limit} fields', http: 422 },
  ONE_OF: {
    zh: '“{label}”应恰好符合一种允许的写法',
    en: '"{labelEn}" must match exactly one of the allowed forms',
    http: 422,
  },
  ANY_OF: { zh: '“{label}”不符合任何一种允许的写法', en: '"{labelEn}" matches none of the allowed forms', http: 422 },
  NOT: { zh: '“{label}”的内容不被允许', en: '"{labelEn}" has a value that is not allowed', http: 422 },
  NOT_ALLOWED: { zh: '此处不允许出现“{label}”', en: '"{labelEn}" is not allowed here', http: 422 },
  CONTAINS: { zh: '“{label}”缺少符合要求的项', en: '"{labelEn}" lacks an item of the required kind', http: 422 },
  PROPERTY_NAME: { zh: '字段名“{property}”不符合要求', en: 'The field name "{property}" is not allowed', http: 422 },
  SCHEMA_OTHER: { zh: '“{label}”不符合要求：{detail}', en: '"{labelEn}" is not acceptable: {detailEn}', http: 422 },
  ISSUES_TRUNCATED: {
    zh: '问题过多，仅列出前 {shown} 项（共 {total} 项）',
    en: 'Too many problems: only the first {shown} of {total} are listed',
    http: 422,
  },
  VALIDATOR_FAILURE: { zh: '校验程序内部错误，请联系维护人员（{reason}）', en: 'Internal validator error; contact the maintainers ({reason})', http: 500 },
  CERT_BANNED_TERM: {
    zh: '“{label}”含证书禁用字样：{terms}（人社鉴发〔2021〕1号 五(二)）',
    en: '"{labelEn}" contains words barred from certificates: {termsEn} (人社鉴发〔2021〕1号 五(二))',
    http: 422,
  },
  LEVEL_LIST_ORDER: {
    zh: '等级列表“{value}”宜按从低到高的等级书写，即“{expected}”（仅提示，R-LVL-3）',
    en: 'Write the level list "{value}" from the lowest level up, i.e. "{expected}" (advice only, R-LVL-3)',
    http: 422,
  },
  SUM_MISMATCH: {
    zh: '“{label}”应为 {expected}（各项之和），实为 {actual}',
    en: '"{labelEn}" should be {expected} (the sum of its parts) but is {actual}',
    http: 422,
  },
  SUM_NOT_TOTAL: {
    zh: '“{label}”各项合计应为 {expected}，实为 {actual}',
    en: 'The parts of "{labelEn}" should add up to {expected} but add up to {actual}',
    http: 422,
  },
  DUPLICATE_ROW: {
    zh: '“{label}”第 {row} 行与第 {first} 行重复（{key}）',
    en: '"{labelEn}": row {row} repeats row {first} ({key})',
    http: 422,
  },
  NAME_CONVENTION: {
    zh: '“{label}”“{value}”不符合命名惯例“{expected}”（仅提示）',
    en: '"{labelEn}" "{value}" does not follow the naming convention "{expected}" (advice only)',
    http: 422,
  },
  OCCUPATION_OUT_OF_SCOPE: {
    zh: '职业“{occupation}”不在机构备案的认定范围内（R-CERT-7）',
    en: 'The occupation "{occupation}" is not in the institution\'s filed scope (R-CERT-7)',
    http: 422,
  },
  OCCUPATION_NAME_MISMATCH: {
    zh: '职业编码对应的备案职业名称为“{expected}”，而非“{occupation}”（R-OCC-3）',
    en: 'The occupation code is filed as "{expected}", not "{occupation}" (R-OCC-3)',
    http: 422,
  },
  JOB_OUT_OF_SCOPE: {
    zh: '工种“{job}”不在职业“{occupation}”的备案认定范围内（R-CERT-7）',
    en: 'The job "{job}" is not filed for the occupation "{occupation}" (R-CERT-7)',
    http: 422,
  },
  JOB_REQUIRED: {
    zh: '职业“{occupation}”备案了工种（{jobs}），须填写工种（R-OCC-3）',
    en: 'The occupation "{occupation}" is filed with jobs ({jobs}); name one (R-OCC-3)',
    http: 422,
  },
  LEVEL_OUT_OF_SCOPE: {
    zh: '等级 {level} 不在“{occupation}”备案的等级（{levels}）内（R-CERT-7）',
    en: 'Level {level} is not among the levels filed for "{occupation}" ({levels}) (R-CERT-7)',
    http: 422,
  },
};
