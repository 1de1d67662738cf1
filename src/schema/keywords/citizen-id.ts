/**
 * `x-citizen-id` (object-level): R-ID-1, GB 11643-1999 on the sibling 证件号码, and the agreement of
 * 出生日期 and 性别 with the number (catalogue §13 R-ID-1; reliability-anchors §7.1, §7.3).
 *
 * The check runs only when the sibling 证件类型 is 居民身份证, or 港澳台居民居住证 (same check digit,
 * region 810000/820000/830000). Other document types get only the schema's length bounds. When the
 * 证件类型 property is absent, `defaultIdType` decides (default 居民身份证: a 身份证号 column without a
 * type column means a resident ID).
 *
 * Options (`true` = all defaults): property names of the siblings, not pointers.
 *   { "idNumber": "idNumber", "idType": "idType", "birthDate": "birthDate", "gender": "gender",
 *     "defaultIdType": "居民身份证" }
 * Errors point at the field at fault: ID_* at idNumber, ID_BIRTHDATE_MISMATCH at birthDate,
 * ID_SEX_MISMATCH at gender.
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { checkCitizenIdAgreement, isIsoDate, validateCitizenId, type CitizenIdOptions } from '../../codes/index.js';
import { asString, keywordError, makeCheck, propertyRef, resolveRef } from './support.js';

export const ID_TYPES = ['居民身份证', '港澳台居民居住证', '护照', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '外国人永久居留身份证', '其他'] as const;

const DOCUMENT: Readonly<Record<string, CitizenIdOptions['document']>> = {
  居民身份证: 'resident-id',
  港澳台居民居住证: 'hmt-residence-permit',
};

interface Options {
  readonly idNumber?: string;
  readonly idType?: string;
  readonly birthDate?: string;
  readonly gender?: string;
  readonly defaultIdType?: string;
}

const KEYWORD = 'x-citizen-id';
const SEXES: ReadonlySet<string> = new Set(['男', '女', 'male', 'female']);
const name = { type: 'string', minLength: 1, maxLength: 100 } as const;

export const citizenIdKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  type: 'object',
  errors: true,
  metaSchema: {
    anyOf: [
      { type: 'boolean', const: true },
      {
        type: 'object',
        additionalProperties: false,
        properties: { idNumber: name, idType: name, birthDate: name, gender: name, defaultIdType: { type: 'string', enum: [...ID_TYPES] } },
      },
    ],
  },
  compile(schema: true | Options) {
    const o: Options = schema === true ? {} : schema;
    const refs = {
      idNumber: propertyRef(o.idNumber ?? 'idNumber'),
      idType: propertyRef(o.idType ?? 'idType'),
      birthDate: propertyRef(o.birthDate ?? 'birthDate'),
      gender: propertyRef(o.gender ?? 'gender'),
    };
    const defaultIdType = o.defaultIdType ?? '居民身份证';
    return makeCheck((_ctx, data, cxt) => {
      const id = resolveRef(refs.idNumber, data, cxt);
      const idNumber = asString(id.value);
      if (idNumber === undefined) return [];
      const typeValue = resolveRef(refs.idType, data, cxt).value;
      const idType = typeValue === undefined ? defaultIdType : asString(typeValue);
      const document = idType === undefined ? undefined : DOCUMENT[idType];
      if (document === undefined) return [];

      const r = validateCitizenId(idNumber, { document });
      if (!r.ok) return [keywordError(KEYWORD, id.pointer, r, idNumber)];

      const birth = resolveRef(refs.birthDate, data, cxt);
      const gender = resolveRef(refs.gender, data, cxt);
      // A malformed date or gender is its own field's error (FORMAT, ENUM), not a disagreement.
      const birthDate = asString(birth.value);
      const sex = asString(gender.value);
      const declared = {
        ...(birthDate !== undefined && isIsoDate(birthDate) ? { birthDate } : {}),
        ...(sex !== undefined && SEXES.has(sex) ? { sex } : {}),
      };
      return checkCitizenIdAgreement(idNumber, declared, { document }).map((f) =>
        f.code === 'ID_SEX_MISMATCH' ? keywordError(KEYWORD, gender.pointer, f, gender.value) : keywordError(KEYWORD, birth.pointer, f, birth.value),
      );
    });
  },
};
