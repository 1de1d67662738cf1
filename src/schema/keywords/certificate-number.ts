/**
 * `x-certificate-number` (object-level, usually on a form's root object): the 22-character 职业技能等级
 * 证书编号 in context — catalogue §8.1–8.3, R-CN-1, R-CN-2, R-CN-3, R-CN-5, R-LVL-4 (人社鉴发〔2019〕2号
 * 附件1; 豫职鉴〔2020〕2号 附件1 and 豫职鉴〔2021〕1号; 辽人社〔2020〕22号 附件5).
 *
 * Options (data references are JSON pointers: "/a/b" from the object carrying the keyword, "#/a/b"
 * from the document root; only `number` is required):
 *   { "number": "/certificate/number", "issueDate": "/certificate/issueDate", "level": "/level",
 *     "institutionCode": "/institution/code", "institutionType": "/institution/institutionType",
 *     "profile": "national" | "henan" | "liaoning" | "auto"
 *              | { "pointer": "/options/profile", "default": "national" } }
 * `auto` chooses by positions 6–7 (41 → henan, 21 → liaoning, otherwise national). The default
 * profile is `auto`. Every failure (CERTNO_*) points at the number; all are reported at once.
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import {
  CERTIFICATE_PROFILES,
  normalizeCertificateNumber,
  profileForProvince,
  validateCertificateNumber,
  type CertificateNumberContext,
  type CertificateProfile,
  type InstitutionType,
} from '../../codes/index.js';
import { asString, choiceOption, choiceOptionSchema, dataRefSchema, keywordError, makeCheck, optionalRef, parseDataRef, resolveRef, type DataRef } from './support.js';

const KEYWORD = 'x-certificate-number';
const PROFILE_VALUES = [...CERTIFICATE_PROFILES, 'auto'] as const;
type ProfileChoice = CertificateProfile | 'auto';

interface Options {
  readonly number: string;
  readonly issueDate?: string;
  readonly level?: string;
  readonly institutionCode?: string;
  readonly institutionType?: string;
  readonly profile?: ProfileChoice | { readonly pointer: string; readonly default?: ProfileChoice };
}

/** organization.schema.json `institutionType` → the engine's institution types. */
const INSTITUTION_TYPE: Readonly<Record<string, InstitutionType>> = {
  enterprise: 'enterprise',
  'social-training': 'social-training',
  'technical-school': 'technical-school',
  college: 'college',
};

export const toEngineInstitutionType = (v: unknown): InstitutionType | undefined =>
  typeof v !== 'string' ? undefined : (INSTITUTION_TYPE[v] ?? 'other');


const resolveProfile = (choice: ProfileChoice, number: string): CertificateProfile =>
  choice !== 'auto' ? choice : profileForProvince(normalizeCertificateNumber(number).slice(5, 7));

export const certificateNumberKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  type: 'object',
  errors: true,
  metaSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['number'],
    properties: {
      number: dataRefSchema,
      issueDate: dataRefSchema,
      level: dataRefSchema,
      institutionCode: dataRefSchema,
      institutionType: dataRefSchema,
      profile: choiceOptionSchema(PROFILE_VALUES),
    },
  },
  compile(o: Options) {
    const refs = {
      number: parseDataRef(o.number),
      issueDate: optionalRef(o.issueDate),
      level: optionalRef(o.level),
      institutionCode: optionalRef(o.institutionCode),
      institutionType: optionalRef(o.institutionType),
    };
    const profileChoice = choiceOption<ProfileChoice>(PROFILE_VALUES, o.profile, 'auto');

    return makeCheck((_ctx, data, cxt) => {
      const num = resolveRef(refs.number, data, cxt);
      const number = asString(num.value);
      if (number === undefined) return [];
      const get = (r: DataRef | undefined): unknown => (r === undefined ? undefined : resolveRef(r, data, cxt).value);

      const profile = resolveProfile(profileChoice(data, cxt), number);
      const issueDate = asString(get(refs.issueDate));
      const level = get(refs.level);
      const institutionCode = asString(get(refs.institutionCode));
      const institutionType = toEngineInstitutionType(get(refs.institutionType));
      const ctx: CertificateNumberContext = {
        profile,
        ...(issueDate !== undefined ? { issueDate } : {}),
        ...(typeof level === 'number' ? { level } : {}),
        // A malformed institution code is reported on its own field; comparing against it adds noise.
        ...(institutionCode !== undefined && /^[YS][0-9]{12}$/.test(institutionCode) ? { institutionCode } : {}),
        ...(institutionType !== undefined ? { institutionType } : {}),
      };
      return validateCertificateNumber(number, ctx).map((f) => keywordError(KEYWORD, num.pointer, f, number));
    });
  },
};
