/**
 * `x-special-ability-number` (object-level): the 15-digit 河南省专项职业能力证书编码 in context —
 * catalogue §8.7–8.8, R-SA-1, R-SA-2 (豫人社办函〔2020〕41号 二(四)、四(一)).
 *
 * Options (data references as in x-certificate-number):
 *   { "number": "/certificate/number", "issueDate": "/certificate/issueDate",
 *     "institutionCode": "/institution/specialAbilityCode", "areaCodes": ["1601"] }
 * `areaCodes` (optional) restricts the legacy 4-digit area codes (only 1601 郑州 is in the seeds).
 * Every SA_* failure points at the number.
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { validateSpecialAbilityCertificateNumber } from '../../codes/index.js';
import { asString, dataRefSchema, keywordError, makeCheck, optionalRef, parseDataRef, resolveRef, type DataRef } from './support.js';

const KEYWORD = 'x-special-ability-number';

interface Options {
  readonly number: string;
  readonly issueDate?: string;
  readonly institutionCode?: string;
  readonly areaCodes?: readonly string[];
}

export const specialAbilityNumberKeyword: FuncKeywordDefinition = {
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
      institutionCode: dataRefSchema,
      areaCodes: { type: 'array', maxItems: 200, items: { type: 'string', pattern: '^[0-9]{4}$', maxLength: 4 } },
    },
  },
  compile(o: Options) {
    const refs = { number: parseDataRef(o.number), issueDate: optionalRef(o.issueDate), institutionCode: optionalRef(o.institutionCode) };
    return makeCheck((_ctx, data, cxt) => {
      const num = resolveRef(refs.number, data, cxt);
      const number = asString(num.value);
      if (number === undefined) return [];
      const get = (r: DataRef | undefined): string | undefined => (r === undefined ? undefined : asString(resolveRef(r, data, cxt).value));
      const issueDate = get(refs.issueDate);
      const institutionCode = get(refs.institutionCode);
      return validateSpecialAbilityCertificateNumber(number, {
        ...(issueDate !== undefined ? { issueDate } : {}),
        ...(institutionCode !== undefined && /^[0-9]{4}5[0-9]{3}$/.test(institutionCode) ? { institutionCode } : {}),
        ...(o.areaCodes !== undefined ? { areaCodes: o.areaCodes } : {}),
      }).map((f) => keywordError(KEYWORD, num.pointer, f, number));
    });
  },
};
