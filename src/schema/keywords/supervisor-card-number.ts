/**
 * `x-supervisor-card-number` (object-level): the 技能人才评价质量督导员 证卡编号 in context —
 * catalogue §8.5–8.6, R-SC-1, R-SC-2 (人社职司便函〔2020〕53号 附件1).
 *
 * Options (data references as in x-certificate-number: "/a/b" relative, "#/a/b" from the root):
 *   { "number": "/card/number",
 *     "kind": "外督" | "内督" | "external" | "internal" | "auto" | { "pointer": "/card/type", "default": "auto" },
 *     "issueDate": "/card/issueDate",
 *     "issuerCode": "/issuer/code" }
 * `auto` (the default) reads the variant from the number's letter (R → 外督, H/Y/S → 内督).
 * The issuer code is read by shape: 外督 — the 2-digit authority code (`00` 人社部 or a §9.1 province);
 * 内督 — a 13-character Y/S institution code (the card's issuer segment is derived from it per
 * R-SC-2) or a 6-digit 行业部门 code (H). Every SCARD_* failure points at the number.
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import {
  normalizeSupervisorCardNumber,
  validateSupervisorCardNumber,
  type SupervisorCardIssuer,
  type SupervisorCardVariant,
} from '../../codes/index.js';
import { asString, choiceOption, choiceOptionSchema, dataRefSchema, keywordError, makeCheck, optionalRef, parseDataRef, resolveRef, type DataRef } from './support.js';

const KEYWORD = 'x-supervisor-card-number';
const KIND_VALUES = ['外督', '内督', 'external', 'internal', 'auto'] as const;
type KindChoice = (typeof KIND_VALUES)[number];

interface Options {
  readonly number: string;
  readonly kind?: KindChoice | { readonly pointer: string; readonly default?: KindChoice };
  readonly issueDate?: string;
  readonly issuerCode?: string;
}


const variantOf = (choice: KindChoice, number: string): SupervisorCardVariant => {
  if (choice === '外督' || choice === 'external') return 'external';
  if (choice === '内督' || choice === 'internal') return 'internal';
  return normalizeSupervisorCardNumber(number).startsWith('R') ? 'external' : 'internal';
};

const issuerOf = (variant: SupervisorCardVariant, code: string | undefined): SupervisorCardIssuer | undefined => {
  if (code === undefined) return undefined;
  const c = code.normalize('NFKC').trim().toUpperCase();
  if (variant === 'external') return /^[0-9]{2}$/.test(c) ? { kind: 'R', authorityCode: c } : undefined;
  if (/^[YS][0-9]{12}$/.test(c)) return { kind: c[0] as 'Y' | 'S', institutionCode: c };
  if (/^[0-9]{6}$/.test(c)) return { kind: 'H', ministryAssignedCode: c };
  return undefined;
};

export const supervisorCardNumberKeyword: FuncKeywordDefinition = {
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
      issuerCode: dataRefSchema,
      kind: choiceOptionSchema(KIND_VALUES),
    },
  },
  compile(o: Options) {
    const refs = { number: parseDataRef(o.number), issueDate: optionalRef(o.issueDate), issuerCode: optionalRef(o.issuerCode) };
    const kindChoice = choiceOption<KindChoice>(KIND_VALUES, o.kind, 'auto');

    return makeCheck((_ctx, data, cxt) => {
      const num = resolveRef(refs.number, data, cxt);
      const number = asString(num.value);
      if (number === undefined) return [];
      const get = (r: DataRef | undefined): unknown => (r === undefined ? undefined : resolveRef(r, data, cxt).value);
      const variant = variantOf(kindChoice(data, cxt), number);
      const issueDate = asString(get(refs.issueDate));
      const issuer = issuerOf(variant, asString(get(refs.issuerCode)));
      return validateSupervisorCardNumber(number, {
        variant,
        ...(issueDate !== undefined ? { issueDate } : {}),
        ...(issuer !== undefined ? { issuer } : {}),
      }).map((f) => keywordError(KEYWORD, num.pointer, f, number));
    });
  },
};
