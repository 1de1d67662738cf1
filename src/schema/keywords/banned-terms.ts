/**
 * `x-banned-terms` (string): R-CERT-BAN, the words a certificate may not carry (catalogue §9.18;
 * 人社鉴发〔2021〕1号 五(二); 国办发〔2020〕21号 一(四) for 行业协会商会 certificates).
 *
 * Decision (catalogue §16 item 2): on DATA fields — institution names, English translations typed by
 * a user, holder data — a hit is a WARNING (many filed names contain 中国/国家, and the name must
 * equal the filed name). Static template text is checked as an error by the template tests, not here;
 * a form may still ask for `"severity": "error"` on a field that is decorative text.
 *
 * Options: `true` (= { "severity": "warning", "list": "skill-certificate-2021" }) or
 *   { "severity": "warning" | "error", "list": "skill-certificate-2021" | "industry-association-2020" }.
 * Reports CERT_BANNED_TERM {terms} once per field, listing every distinct term found.
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { findBannedTerms, type BannedTermList } from '../../codes/index.js';
import { keywordError, makeCheck, pushWarning } from './support.js';

const KEYWORD = 'x-banned-terms';

interface Options {
  readonly severity?: 'warning' | 'error';
  readonly list?: BannedTermList['id'];
}

export const bannedTermsKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  type: 'string',
  errors: true,
  metaSchema: {
    anyOf: [
      { type: 'boolean', const: true },
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          severity: { type: 'string', enum: ['warning', 'error'] },
          list: { type: 'string', enum: ['skill-certificate-2021', 'industry-association-2020'] },
        },
      },
    ],
  },
  compile(schema: true | Options) {
    const o: Options = schema === true ? {} : schema;
    const severity = o.severity ?? 'warning';
    const list = o.list ?? 'skill-certificate-2021';
    return makeCheck((ctx, data, cxt) => {
      if (typeof data !== 'string') return [];
      const terms = [...new Set(findBannedTerms(data, list).map((h) => h.term))];
      if (terms.length === 0) return [];
      const pointer = cxt?.instancePath ?? '';
      const failure = { code: 'CERT_BANNED_TERM', params: { terms: terms.join('、'), termsEn: terms.map((t) => `"${t}"`).join(', ') } };
      if (severity === 'error') return [keywordError(KEYWORD, pointer, failure, data)];
      pushWarning(ctx, pointer, failure, data);
      return [];
    });
  },
};
