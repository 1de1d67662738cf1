/**
 * `x-institution-code` (string): a 13-character 评价机构（站点）代码 / 机构备案号 = positions 1–13 of
 * its certificate numbers (catalogue §8.1–8.4, R-CN-1…R-CN-3).
 *
 * Options: `true` (profile chosen by positions 6–7: 41 → henan, 21 → liaoning, otherwise national) or
 * { "profile": "national" | "henan" | "liaoning" | "auto" }. Errors INSTCODE_FORMAT, CERTNO_* at the string.
 * The category-vs-institution-type check needs the sibling type and is done by x-certificate-number.
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import {
  CERTIFICATE_PROFILES,
  normalizeCertificateNumber,
  profileForProvince,
  validateInstitutionCode,
  type CertificateProfile,
} from '../../codes/index.js';
import { keywordError, makeCheck } from './support.js';

const KEYWORD = 'x-institution-code';
const PROFILE_VALUES = [...CERTIFICATE_PROFILES, 'auto'] as const;

export const institutionCodeKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  type: 'string',
  errors: true,
  metaSchema: {
    anyOf: [
      { type: 'boolean', const: true },
      { type: 'object', additionalProperties: false, properties: { profile: { type: 'string', enum: [...PROFILE_VALUES] } } },
    ],
  },
  compile(schema: true | { readonly profile?: CertificateProfile | 'auto' }) {
    const choice = schema === true ? 'auto' : (schema.profile ?? 'auto');
    return makeCheck((_ctx, data, cxt) => {
      if (typeof data !== 'string') return [];
      const profile = choice === 'auto' ? profileForProvince(normalizeCertificateNumber(data).slice(5, 7)) : choice;
      return validateInstitutionCode(data, profile).map((f) => keywordError(KEYWORD, cxt?.instancePath ?? '', f, data));
    });
  },
};
