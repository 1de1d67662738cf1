/**
 * zh/en texts for every code emitted by src/codes/*.ts (pure code rules).
 * Placeholders `{name}` are filled from the failure's params; test/codes/messages.test.ts checks that
 * every emitted code has a text here, that no text is orphaned, and that every placeholder is filled.
 * Rule ids (catalogue §13) are in `codeRuleIds`, so an issue can cite its rule.
 */
import type { MessageText } from '../issue.js';

export const codeMessages: Record<string, MessageText> = {
  // ── 公民身份号码, GB 11643-1999 (R-ID-1) ─────────────────────────────────────────────
  ID_LENGTH: {
    zh: '证件号码长度错误：居民身份证号码应为 {expected} 位，实为 {length} 位',
    en: 'ID number has the wrong length: a resident ID number has {expected} characters, found {length}',
  },
  ID_CHARSET: {
    zh: '证件号码第 {position} 位含非法字符“{char}”：前 17 位应为数字，第 18 位应为数字或 X',
    en: 'ID number has an invalid character "{char}" at position {position}: the first 17 must be digits, the 18th a digit or X',
  },
  ID_CHECKSUM: {
    zh: '证件号码校验位错误：按 GB 11643 应为“{expected}”，实为“{actual}”',
    en: 'ID number check digit is wrong: GB 11643 expects "{expected}", found "{actual}"',
  },
  ID_REGION: {
    zh: '证件号码的地址码“{value}”不是有效的省级行政区划代码（GB/T 2260）',
    en: 'The address code "{value}" of the ID number is not a valid province-level division code (GB/T 2260)',
  },
  ID_BIRTHDATE: {
    zh: '证件号码中的出生日期无效（{value}）',
    en: 'The birth date in the ID number is not a valid date ({value})',
  },
  ID_BIRTHDATE_FUTURE: {
    zh: '证件号码中的出生日期 {value} 晚于今天（{today}）',
    en: 'The birth date {value} in the ID number is after today ({today})',
  },
  ID_SEX_MISMATCH: {
    zh: '性别与证件号码不符：证件号码表明为“{fromIdZh}”，填写为“{declaredZh}”',
    en: 'Sex does not match the ID number: the ID number says {fromId}, the form says {declared}',
  },
  ID_BIRTHDATE_MISMATCH: {
    zh: '出生日期与证件号码不符：证件号码为 {fromId}，填写为 {declared}',
    en: 'Birth date does not match the ID number: the ID number says {fromId}, the form says {declared}',
  },

  // ── 统一社会信用代码, GB 32100-2015 / GB 11714 (R-ID-1) ──────────────────────────────
  USCC_LENGTH: {
    zh: '统一社会信用代码长度错误：应为 {expected} 位，实为 {length} 位',
    en: 'Unified social credit code has the wrong length: {expected} characters expected, found {length}',
  },
  USCC_CHARSET: {
    zh: '统一社会信用代码第 {position} 位含非法字符“{char}”（不得使用 I、O、S、V、Z 及其他非代码字符）',
    en: 'Unified social credit code has an invalid character "{char}" at position {position} (I, O, S, V, Z and other characters are not allowed)',
  },
  USCC_CHECKSUM: {
    zh: '统一社会信用代码校验位错误：按 GB 32100 应为“{expected}”，实为“{actual}”',
    en: 'Unified social credit code check character is wrong: GB 32100 expects "{expected}", found "{actual}"',
  },
  USCC_UNKNOWN_CATEGORY: {
    zh: '统一社会信用代码的登记管理部门代码“{department}”与机构类别代码“{category}”组合不在已知代码表中，请核实',
    en: 'The registration department "{department}" and organisation category "{category}" of the unified social credit code are not a known combination; please check',
  },
  USCC_ORG_CODE_CHECKSUM: {
    zh: '统一社会信用代码第 9–17 位（组织机构代码 {value}）校验位按 GB 11714 应为“{expected}”，实为“{actual}”，请核实',
    en: 'Positions 9–17 of the unified social credit code (organisation code {value}) fail the GB 11714 check: expected "{expected}", found "{actual}"; please check',
  },

  // ── 职业技能等级 (R-LVL-1 … R-LVL-3) ──────────────────────────────────────────────────
  LEVEL_LIST_FORMAT: {
    zh: '等级列表“{value}”格式错误：应为 1–5 的阿拉伯数字，以顿号“、”分隔，如“5、4、3”',
    en: 'Level list "{value}" is malformed: use the digits 1–5 separated by "、", e.g. "5、4、3"',
  },
  LEVEL_LIST_DUPLICATE: {
    zh: '等级列表“{value}”中等级 {level} 重复',
    en: 'Level {level} appears more than once in the level list "{value}"',
  },

  // ── 机构代码 / 职业技能等级证书编号 (R-CN-1 … R-CN-5, R-LVL-4) ────────────────────────
  INSTCODE_FORMAT: {
    zh: '评价机构代码“{value}”格式错误：应为 1 位大写字母（Y 或 S）加 12 位数字，共 13 位',
    en: 'Institution code "{value}" is malformed: one capital letter (Y or S) followed by 12 digits, 13 characters in all',
  },
  CERTNO_FORMAT: {
    zh: '证书编号“{value}”格式错误：应为 1 位大写字母（Y 或 S）加 21 位数字，共 22 位，第 16 位为等级 1–5',
    en: 'Certificate number "{value}" is malformed: one capital letter (Y or S) followed by 21 digits, 22 characters in all, with the level 1–5 in position 16',
  },
  CERTNO_PLACEHOLDER: {
    zh: '编码“{value}”第 {positions} 位仍是占位符“X”，须填写实际赋码',
    en: 'Code "{value}" still has the placeholder "X" in position(s) {positions}; use the assigned digits',
  },
  CERTNO_CATEGORY: {
    zh: '评价机构类别代码（第 1 位）“{value}”不符：应为 {expected}',
    en: 'Institution category code (position 1) "{value}" is wrong: expected {expected}',
  },
  CERTNO_PROVINCE: {
    zh: '编码第 6–7 位省级代码“{value}”不在省级代码表中',
    en: 'Positions 6–7 "{value}" are not a code of the province table',
  },
  CERTNO_PROFILE_PROVINCE: {
    zh: '按{profileZh}编码规则，第 6–7 位应为“{expected}”，实为“{actual}”',
    en: 'Under the {profile} numbering rule, positions 6–7 must be "{expected}", found "{actual}"',
  },
  CERTNO_HENAN_CITY: {
    zh: '编码第 8–9 位“{value}”不在河南省省直和市级代码表（00–28）中',
    en: 'Positions 8–9 "{value}" are not in the Henan city code table (00–28)',
  },
  CERTNO_HENAN_POS10: {
    zh: '编码第 10 位“{value}”不符合豫职鉴〔2021〕1号：该类评价机构应为 {expected}',
    en: 'Position 10 "{value}" breaks 豫职鉴〔2021〕1号: this kind of institution must have {expected}',
  },
  CERTNO_LIAONING_CITY: {
    zh: '编码第 8–9 位“{value}”不在辽宁省城市代码（01–14）中',
    en: 'Positions 8–9 "{value}" are not a Liaoning city code (01–14)',
  },
  CERTNO_LIAONING_CATEGORY: {
    zh: '编码第 10 位机构类别代码“{value}”不在辽宁省机构类别代码（1–6）中',
    en: 'Position 10 "{value}" is not a Liaoning institution category code (1–6)',
  },
  CERTNO_SERIAL_ZERO: {
    zh: '证书序列码（第 17–22 位）不能为 000000，应从 000001 起',
    en: 'The certificate serial (positions 17–22) cannot be 000000; serials start at 000001',
  },
  CERTNO_SERIAL_EXHAUSTED: {
    zh: '证书序列码已用尽：{serial} 超过上限 {max}（同一机构、年份、等级）',
    en: 'Certificate serials are exhausted: {serial} exceeds the maximum {max} for this institution, year and level',
  },
  CERTNO_YEAR_MISMATCH: {
    zh: '证书编号第 14–15 位年份“{actual}”与发证日期年份“{expected}”不符',
    en: 'Positions 14–15 "{actual}" do not match the issue year "{expected}"',
  },
  CERTNO_LEVEL_MISMATCH: {
    zh: '证书编号第 16 位等级“{actual}”与证书等级“{expected}”不符',
    en: 'Position 16 "{actual}" does not match the certificate level "{expected}"',
  },
  CERTNO_PREFIX_MISMATCH: {
    zh: '证书编号前 13 位“{actual}”与评价机构代码“{expected}”不符',
    en: 'The first 13 characters "{actual}" do not match the institution code "{expected}"',
  },

  // ── 质量督导员证卡编号 (R-SC-1 … R-SC-3) ─────────────────────────────────────────────
  SCARD_FORMAT: {
    zh: '{variantZh}证卡编号“{value}”格式错误：外督为 R 加 8 位数字，内督为 H、Y 或 S 加 12 位数字',
    en: 'Supervisor card number "{value}" ({variant}) is malformed: external cards are R plus 8 digits, internal cards H, Y or S plus 12 digits',
  },
  SCARD_KIND: {
    zh: '证卡类别代码“{value}”不符：应为 {expected}',
    en: 'Card category code "{value}" is wrong: expected {expected}',
  },
  SCARD_ISSUER: {
    zh: '证卡颁发机构代码“{value}”无效：外督应为 00（人力资源社会保障部）或省级代码，内督应为 6 位数字',
    en: 'Card issuer code "{value}" is invalid: 00 (the Ministry) or a province code for external cards, 6 digits for internal cards',
  },
  SCARD_SERIAL_ZERO: {
    zh: '证卡序列码不能为 0000，应从 0001 起',
    en: 'The card serial cannot be 0000; serials start at 0001',
  },
  SCARD_SERIAL_EXHAUSTED: {
    zh: '证卡序列码已用尽：{serial} 超过上限 {max}（同一颁发机构、年份）',
    en: 'Card serials are exhausted: {serial} exceeds the maximum {max} for this issuer and year',
  },
  SCARD_YEAR_MISMATCH: {
    zh: '证卡编号年份“{actual}”与发证日期年份“{expected}”不符',
    en: 'The card number year "{actual}" does not match the issue year "{expected}"',
  },
  SCARD_ISSUER_MISMATCH: {
    zh: '证卡颁发机构代码“{actual}”与颁发机构不符：应为“{expected}”',
    en: 'The card issuer code "{actual}" does not match the issuing body: expected "{expected}"',
  },

  // ── 河南省专项职业能力 (R-SA-1, R-SA-2) ───────────────────────────────────────────────
  SA_FORMAT: {
    zh: '专项职业能力证书编码“{value}”格式错误：应为 15 位阿拉伯数字',
    en: 'Special-ability certificate number "{value}" is malformed: 15 digits expected',
  },
  SA_INSTITUTION_CODE: {
    zh: '专项职业能力考核机构编码“{value}”格式错误：应为 8 位数字，第 5 位为 5',
    en: 'Special-ability institution code "{value}" is malformed: 8 digits with 5 in position 5',
  },
  SA_AREA_CODE: {
    zh: '专项职业能力考核机构编码的地区编码“{value}”不在已配置的地区编码中',
    en: 'The area code "{value}" of the special-ability institution code is not a configured area code',
  },
  SA_SERIAL_ZERO: {
    zh: '专项职业能力证书流水编码不能为 00000，应从 00001 起',
    en: 'The special-ability certificate serial cannot be 00000; serials start at 00001',
  },
  SA_SERIAL_EXHAUSTED: {
    zh: '专项职业能力证书流水编码已用尽：{serial} 超过上限 {max}',
    en: 'Special-ability certificate serials are exhausted: {serial} exceeds the maximum {max}',
  },
  SA_YEAR_MISMATCH: {
    zh: '专项职业能力证书编码年份“{actual}”与发证日期年份“{expected}”不符',
    en: 'The special-ability certificate year "{actual}" does not match the issue year "{expected}"',
  },
  SA_INSTITUTION_MISMATCH: {
    zh: '专项职业能力证书编码第 3–10 位“{actual}”与考核机构编码“{expected}”不符',
    en: 'Positions 3–10 "{actual}" do not match the institution code "{expected}"',
  },

  // ── 官方查询网址 (R-CERT-8) ──────────────────────────────────────────────────────────
  URL_REJECTED_VARIANT: {
    zh: '网址“{value}”是已知的错误写法，应为“{canonical}”',
    en: 'The URL "{value}" is a known misprint; use "{canonical}"',
  },
  URL_NOT_CANONICAL: {
    zh: '网址“{value}”不是规定的查询网址，应为“{canonical}”',
    en: 'The URL "{value}" is not the official query address; use "{canonical}"',
  },

  // ── 准入类职业 (R-OCC-2, 人社部公告 2021-11-23 《国家职业资格目录(2021年版)》) ─────────────
  OCCUPATION_LICENSED: {
    zh: '“{occupation}”是《国家职业资格目录（2021年版）》中的准入类职业资格（实施部门：{department}），不得列入职业技能等级认定范围',
    en: '"{occupation}" is a licensed (准入类) qualification of the 2021 national qualification catalogue (administered by {department}) and cannot be in a skill-level evaluation scope',
  },
  OCCUPATION_PENDING_LICENSED: {
    zh: '“{occupation}”涉及安全，拟依法调整为准入类职业资格（实施部门：{department}），河南省不得申报（豫职鉴〔2021〕1号）',
    en: '"{occupation}" is to become a licensed qualification (safety-related; administered by {department}); Henan does not accept it in a scope (豫职鉴〔2021〕1号)',
  },
};

/** Catalogue §13 rule id behind each code. */
export const codeRuleIds: Readonly<Record<string, string>> = {
  ID_LENGTH: 'R-ID-1', ID_CHARSET: 'R-ID-1', ID_CHECKSUM: 'R-ID-1', ID_REGION: 'R-ID-1', ID_BIRTHDATE: 'R-ID-1',
  ID_BIRTHDATE_FUTURE: 'R-ID-1', ID_SEX_MISMATCH: 'R-ID-1', ID_BIRTHDATE_MISMATCH: 'R-ID-1',
  USCC_LENGTH: 'R-ID-1', USCC_CHARSET: 'R-ID-1', USCC_CHECKSUM: 'R-ID-1', USCC_UNKNOWN_CATEGORY: 'R-ID-1',
  USCC_ORG_CODE_CHECKSUM: 'R-ID-1',
  LEVEL_LIST_FORMAT: 'R-LVL-3', LEVEL_LIST_DUPLICATE: 'R-LVL-3',
  INSTCODE_FORMAT: 'R-CN-1', CERTNO_FORMAT: 'R-CN-1', CERTNO_PLACEHOLDER: 'R-CN-1', CERTNO_CATEGORY: 'R-CN-1',
  CERTNO_PROVINCE: 'R-CN-1', CERTNO_PROFILE_PROVINCE: 'R-CN-2', CERTNO_HENAN_CITY: 'R-CN-2', CERTNO_HENAN_POS10: 'R-CN-2',
  CERTNO_LIAONING_CITY: 'R-CN-3', CERTNO_LIAONING_CATEGORY: 'R-CN-3', CERTNO_SERIAL_ZERO: 'R-CN-1',
  CERTNO_SERIAL_EXHAUSTED: 'R-CN-4', CERTNO_YEAR_MISMATCH: 'R-CN-1', CERTNO_LEVEL_MISMATCH: 'R-LVL-4',
  CERTNO_PREFIX_MISMATCH: 'R-CN-5',
  SCARD_FORMAT: 'R-SC-1', SCARD_KIND: 'R-SC-2', SCARD_ISSUER: 'R-SC-1', SCARD_SERIAL_ZERO: 'R-SC-1',
  SCARD_SERIAL_EXHAUSTED: 'R-SC-3', SCARD_YEAR_MISMATCH: 'R-SC-1', SCARD_ISSUER_MISMATCH: 'R-SC-2',
  SA_FORMAT: 'R-SA-2', SA_INSTITUTION_CODE: 'R-SA-1', SA_AREA_CODE: 'R-SA-1', SA_SERIAL_ZERO: 'R-SA-2',
  SA_SERIAL_EXHAUSTED: 'R-SA-2', SA_YEAR_MISMATCH: 'R-SA-2', SA_INSTITUTION_MISMATCH: 'R-SA-2',
  URL_REJECTED_VARIANT: 'R-CERT-8', URL_NOT_CANONICAL: 'R-CERT-8',
  OCCUPATION_LICENSED: 'R-OCC-2', OCCUPATION_PENDING_LICENSED: 'R-OCC-2',
};

/** Codes that are warnings, not errors (the value is still accepted). */
export const codeWarnings: ReadonlySet<string> = new Set(['USCC_UNKNOWN_CATEGORY', 'USCC_ORG_CODE_CHECKSUM']);

/** Fills `{name}` placeholders from params; unknown placeholders are left as written. */
export const formatMessage = (text: string, params: Readonly<Record<string, string | number>> = {}): string =>
  text.replace(/\{([A-Za-z0-9_]+)\}/g, (all, k: string) => (Object.hasOwn(params, k) ? String(params[k]) : all));
