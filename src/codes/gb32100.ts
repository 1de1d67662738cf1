/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015, 18 characters, with the embedded
 * 组织机构代码 check of GB 11714-1997 on positions 9–17.
 *
 * Structure: 1 登记管理部门代码, 2 机构类别代码, 3–8 登记管理机关行政区划码 (GB/T 2260),
 * 9–17 主体标识码 (组织机构代码), 18 校验码. Character set of 31 (no I, O, S, V, Z).
 * Algorithm, department/category table and test vectors: reliability-anchors.md §7.2.
 * Catalogue rule R-ID-1 (§13) and the `uscc` field of the Organization entity (§15).
 *
 * Errors: USCC_LENGTH, USCC_CHARSET, USCC_CHECKSUM. Warnings (the code still validates):
 * USCC_UNKNOWN_CATEGORY (the department/category table grew after 2015) and
 * USCC_ORG_CODE_CHECKSUM (some registration paths issue bodies that fail GB 11714).
 */
import { fail, ok, type CodeFailure, type CodeResult } from '../errors/issue.js';

/** GB 32100 character set; the index of a character is its value. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** W[i] = 3^(i-1) mod 31, i = 1..17. */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 weights for the 8-character body of the organisation code. */
export const ORG_CODE_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

/** Position 1 → allowed position-2 values (anchors §7.2 code table). */
export const USCC_CATEGORIES: Readonly<Record<string, { readonly department: string; readonly categories: readonly string[] }>> = {
  '1': { department: '机构编制', categories: ['1', '2', '3', '9'] },
  '2': { department: '外交', categories: ['1', '9'] },
  '3': { department: '司法行政', categories: ['1', '2', '3', '4', '5', '9'] },
  '4': { department: '文化', categories: ['1', '9'] },
  '5': { department: '民政', categories: ['1', '2', '3', '9'] },
  '6': { department: '旅游', categories: ['1', '2', '9'] },
  '7': { department: '宗教', categories: ['1', '2', '9'] },
  '8': { department: '工会', categories: ['1', '9'] },
  '9': { department: '工商', categories: ['1', '2', '3'] },
  A: { department: '中央军委改革和编制办公室', categories: ['1', '9'] },
  N: { department: '农业', categories: ['1', '2', '3', '9'] },
  Y: { department: '其他', categories: ['1'] },
};

export interface Uscc {
  /** Trimmed, NFKC, uppercase: the form to store. */
  readonly normalized: string;
  /** Non-fatal findings (USCC_UNKNOWN_CATEGORY, USCC_ORG_CODE_CHECKSUM). */
  readonly warnings: readonly CodeFailure[];
}

/** Trim, NFKC (full-width ＡＢＣ１２３ become ASCII), uppercase. */
export const normalizeUscc = (s: string): string => s.normalize('NFKC').trim().toUpperCase();

/** The GB 32100 check character for a 17-character body. Throws RangeError on a bad body. */
export const usccCheckChar = (body17: string): string => {
  if (body17.length !== 17) throw new RangeError('usccCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(body17[i]!);
    if (v < 0) throw new RangeError(`usccCheckChar: ${body17[i]} is not in the GB 32100 character set`);
    sum += v * USCC_WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET[c === 31 ? 0 : c]!;
};

/**
 * The GB 11714 check character for an 8-character organisation-code body (digits, A=10 … Z=35).
 * Throws RangeError on characters outside 0-9A-Z.
 */
export const orgCodeCheckChar = (body8: string): string => {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError('orgCodeCheckChar needs 8 characters of 0-9A-Z');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i]!, 36) * ORG_CODE_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
};

/**
 * Validates a 统一社会信用代码: length 18 (USCC_LENGTH {length, expected}), every character in the
 * 31-character set (USCC_CHARSET {char, position}), check character (USCC_CHECKSUM {expected, actual}).
 * A valid code may carry warnings.
 */
export const validateUscc = (s: string): CodeResult<Uscc> => {
  const n = normalizeUscc(s);
  const length = [...n].length;
  if (length !== 18) return fail('USCC_LENGTH', { length, expected: 18 });
  for (let i = 0; i < 18; i++) {
    if (!USCC_CHARSET.includes(n[i]!)) return fail('USCC_CHARSET', { char: n[i]!, position: i + 1 });
  }
  const expected = usccCheckChar(n.slice(0, 17));
  const actual = n[17]!;
  if (expected !== actual) return fail('USCC_CHECKSUM', { expected, actual });

  const warnings: CodeFailure[] = [];
  const dept = USCC_CATEGORIES[n[0]!];
  if (dept === undefined || !dept.categories.includes(n[1]!)) {
    warnings.push(fail('USCC_UNKNOWN_CATEGORY', { department: n[0]!, category: n[1]! }));
  }
  const orgExpected = orgCodeCheckChar(n.slice(8, 16));
  if (orgExpected !== n[16]) {
    warnings.push(fail('USCC_ORG_CODE_CHECKSUM', { expected: orgExpected, actual: n[16]!, value: n.slice(8, 17) }));
  }
  return ok({ normalized: n, warnings });
};
