/**
 * Official query URLs printed on certificates, 人社鉴发〔2021〕1号 二(一) and its samples; catalogue §9.19,
 * §12 E2/E3, rule R-CERT-8 (print the canonical constants; reject `pjgg`, `costa`, `mjdj`).
 * Data: schemas/reference/official-query-urls.json.
 */
import { fail, ok, type CodeResult } from '../errors/issue.js';
import { classifyOfficialUrl, officialUrl } from './reference.js';

/**
 * Checks a URL meant for the §9.19 slot `id` (`certificate-query`, `institution-query`, …) and returns
 * the canonical value to print. A known OCR/typo variant is URL_REJECTED_VARIANT {value, canonical};
 * anything else that is not the canonical or an accepted spelling is URL_NOT_CANONICAL {value, canonical}.
 * Throws RangeError for an unknown `id` (a programming error).
 */
export const validateOfficialUrl = (id: string, value: string): CodeResult<string> => {
  const e = officialUrl(id);
  if (e === undefined) throw new RangeError(`validateOfficialUrl: unknown URL slot ${id}`);
  switch (classifyOfficialUrl(id, value)) {
    case 'canonical':
    case 'accepted':
      return ok(e.canonical);
    case 'rejected':
      return fail('URL_REJECTED_VARIANT', { value: value.trim(), canonical: e.canonical });
    case 'unknown':
      return fail('URL_NOT_CANONICAL', { value: value.trim(), canonical: e.canonical });
  }
};
