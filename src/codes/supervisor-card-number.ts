/**
 * 技能人才评价质量督导员证卡编号, 人社职司便函〔2020〕53号 附件1《技能人才评价质量督导员证卡编码规则（试行）》.
 *
 *   外督 (external), catalogue §8.5, R-SC-1: 9 characters `R` + issuer (2: `00` 人力资源社会保障部 or a
 *        §9.1 province code) + YY + serial 0001–9999.
 *   内督 (internal), catalogue §8.6, R-SC-2: 13 characters `[HYS]` + issuer (6) + YY + serial 0001–9999.
 *        H 行业部门: a ministry-assigned 6-digit code. Y/S filed with 人社部: `00` + the institution's
 *        positions 2–5. Y/S filed with a province (route 0000): the institution's positions 8–13.
 *
 * UNIQUENESS (§8.6 hazard, R-SC-3): a 内督 code string is NOT unique. It has no province segment, so two
 * provincially filed institutions in different provinces with the same 6-digit sequence produce the
 * same codes; and within Henan a 省直 institution with sequence 0001 (positions 8–13 `000001`) collides
 * with a ministry-filed institution whose code is 0001 (`00` + `0001`). The counter and the registry
 * must therefore be keyed on the issuer's FULL identity — for Y/S the institution's whole 13-character
 * code — plus year and serial: see supervisorCardCounterKey and supervisorCardRegistryKey.
 * 外督 issuers (`00` or a province) are unique by their 2-digit code.
 */
import { fail, ok, type CodeFailure, type CodeResult } from '../errors/issue.js';
import { isIsoDate, yearCode, yearMismatch } from './dates.js';
import { isSupervisorCardIssuer } from './reference.js';

export type SupervisorCardVariant = 'external' | 'internal';
/** R 外部质量督导员; H 行业部门, Y 用人单位, S 社会培训评价组织 (内督). */
export type SupervisorCardKind = 'R' | 'H' | 'Y' | 'S';

export interface ExternalCardParts {
  readonly variant: 'external';
  readonly kind: 'R';
  /** Positions 2–3: `00` or a §9.1 province code. */
  readonly issuer: string;
  /** Positions 4–5. */
  readonly year: string;
  /** Positions 6–9 as a number. */
  readonly serial: number;
}
export interface InternalCardParts {
  readonly variant: 'internal';
  readonly kind: 'H' | 'Y' | 'S';
  /** Positions 2–7. */
  readonly issuer: string;
  /** Positions 8–9. */
  readonly year: string;
  /** Positions 10–13 as a number. */
  readonly serial: number;
}
export type SupervisorCardParts = ExternalCardParts | InternalCardParts;

/** Who issues a card; for Y/S the full institution code is the identity (see the header). */
export type SupervisorCardIssuer =
  | { readonly kind: 'R'; readonly authorityCode: string }
  | { readonly kind: 'H'; readonly ministryAssignedCode: string }
  | { readonly kind: 'Y' | 'S'; readonly institutionCode: string };

export const MAX_SUPERVISOR_CARD_SERIAL = 9_999;

const SHAPE = { external: /^[A-Z]\d{8}$/, internal: /^[A-Z]\d{12}$/ } as const;
const KINDS = { external: ['R'], internal: ['H', 'Y', 'S'] } as const;
const KIND_LABEL = { external: 'R', internal: 'H/Y/S' } as const;

/** NFKC, drop whitespace, uppercase. */
export const normalizeSupervisorCardNumber = (s: string): string =>
  s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/**
 * Structural parse. Failures: SCARD_KIND {value, expected} when the letter (or the whole shape)
 * belongs to the other variant or is not a card letter, SCARD_FORMAT {value, variant, variantZh} otherwise.
 */
export const parseSupervisorCardNumber = (
  s: string,
  variant: SupervisorCardVariant,
): CodeResult<SupervisorCardParts & { readonly normalized: string }> => {
  const n = normalizeSupervisorCardNumber(s);
  const other: SupervisorCardVariant = variant === 'external' ? 'internal' : 'external';
  if (!SHAPE[variant].test(n)) {
    if (SHAPE[other].test(n) && (KINDS[other] as readonly string[]).includes(n[0]!)) {
      return fail('SCARD_KIND', { value: n[0]!, expected: KIND_LABEL[variant] });
    }
    return fail('SCARD_FORMAT', { value: s, variant, variantZh: variant === 'external' ? '外督' : '内督' });
  }
  if (!(KINDS[variant] as readonly string[]).includes(n[0]!)) {
    return fail('SCARD_KIND', { value: n[0]!, expected: KIND_LABEL[variant] });
  }
  if (variant === 'external') {
    return ok({ variant, kind: 'R', issuer: n.slice(1, 3), year: n.slice(3, 5), serial: Number(n.slice(5, 9)), normalized: n });
  }
  return ok({
    variant,
    kind: n[0] as 'H' | 'Y' | 'S',
    issuer: n.slice(1, 7),
    year: n.slice(7, 9),
    serial: Number(n.slice(9, 13)),
    normalized: n,
  });
};

/** Formats parts (no spaces). Throws RangeError on malformed parts. */
export const formatSupervisorCardNumber = (p: SupervisorCardParts): string => {
  const bad = (what: string): never => {
    throw new RangeError(`formatSupervisorCardNumber: ${what}`);
  };
  if (!/^\d{2}$/.test(p.year)) bad('year must be 2 digits');
  if (!Number.isInteger(p.serial) || p.serial < 0 || p.serial > MAX_SUPERVISOR_CARD_SERIAL) bad('serial must be 0–9999');
  if (p.variant === 'external') {
    if (p.kind !== 'R') bad('external cards are R');
    if (!/^\d{2}$/.test(p.issuer)) bad('external issuer must be 2 digits');
  } else {
    if (!['H', 'Y', 'S'].includes(p.kind)) bad('internal cards are H, Y or S');
    if (!/^\d{6}$/.test(p.issuer)) bad('internal issuer must be 6 digits');
  }
  return `${p.kind}${p.issuer}${p.year}${String(p.serial).padStart(4, '0')}`;
};

/**
 * R-SC-2: the 6-digit 内督 issuer code of a Y/S institution from its 13-character institution code
 * (positions 1–13 of its certificate numbers). Route ≠ 0000 (filed with 人社部) → `00` + positions 2–5;
 * route 0000 (filed with a province) → positions 8–13. Failure: INSTCODE_FORMAT {value}.
 */
export const internalIssuerCodeFor = (
  institutionCode13: string,
): CodeResult<{ readonly kind: 'Y' | 'S'; readonly issuer: string; readonly filedWith: 'ministry' | 'province' }> => {
  const n = normalizeSupervisorCardNumber(institutionCode13);
  if (!/^[YS]\d{12}$/.test(n)) return fail('INSTCODE_FORMAT', { value: institutionCode13 });
  const route = n.slice(1, 5);
  const kind = n[0] as 'Y' | 'S';
  return route === '0000'
    ? ok({ kind, issuer: n.slice(7, 13), filedWith: 'province' })
    : ok({ kind, issuer: `00${route}`, filedWith: 'ministry' });
};

export interface SupervisorCardContext {
  readonly variant: SupervisorCardVariant;
  /** 发证日期, YYYY-MM-DD; the year segment must equal its YY. Ignored if not a real date. */
  readonly issueDate?: string;
  /** The issuer; its code (derived per R-SC-2 for Y/S) must equal the issuer segment. */
  readonly issuer?: SupervisorCardIssuer;
}

/** The issuer segment a card of this issuer must carry, or a failure if the issuer itself is malformed. */
const issuerSegment = (issuer: SupervisorCardIssuer): CodeResult<{ kind: SupervisorCardKind; code: string }> => {
  switch (issuer.kind) {
    case 'R':
      return ok({ kind: 'R', code: issuer.authorityCode });
    case 'H':
      return ok({ kind: 'H', code: issuer.ministryAssignedCode });
    case 'Y':
    case 'S': {
      const r = internalIssuerCodeFor(issuer.institutionCode);
      if (!r.ok) return r;
      if (r.value.kind !== issuer.kind) return fail('SCARD_KIND', { value: r.value.kind, expected: issuer.kind });
      return ok({ kind: issuer.kind, code: r.value.issuer });
    }
  }
};

/**
 * Every failure of a card number ([] = valid): the structural failure alone, else SCARD_ISSUER
 * {value} (外督 issuer not `00` or a §9.1 code), SCARD_SERIAL_ZERO, SCARD_YEAR_MISMATCH
 * {expected, actual}, SCARD_KIND {value, expected} (card letter ≠ the issuer's kind),
 * SCARD_ISSUER_MISMATCH {expected, actual} (issuer segment ≠ the issuer's code, R-SC-2).
 */
export const validateSupervisorCardNumber = (s: string, ctx: SupervisorCardContext): CodeFailure[] => {
  const r = parseSupervisorCardNumber(s, ctx.variant);
  if (!r.ok) return [r];
  const p = r.value;
  const out: CodeFailure[] = [];
  if (p.variant === 'external' && !isSupervisorCardIssuer(p.issuer)) out.push(fail('SCARD_ISSUER', { value: p.issuer }));
  if (p.serial === 0) out.push(fail('SCARD_SERIAL_ZERO', {}));
  const wrongYear = yearMismatch(ctx.issueDate, p.year);
  if (wrongYear) out.push(fail('SCARD_YEAR_MISMATCH', wrongYear));
  if (ctx.issuer !== undefined) {
    const seg = issuerSegment(ctx.issuer);
    if (!seg.ok) out.push(seg);
    else {
      if (seg.value.kind !== p.kind) out.push(fail('SCARD_KIND', { value: p.kind, expected: seg.value.kind }));
      if (seg.value.code !== p.issuer) out.push(fail('SCARD_ISSUER_MISMATCH', { expected: seg.value.code, actual: p.issuer }));
    }
  }
  return out;
};

/**
 * The counter key for sequential serials: (issuer FULL identity, year). 外督 `R:<00|province>:<YY>`;
 * 行业部门 `H:<6-digit code>:<YY>`; Y/S `Y:<13-character institution code>:<YY>` — never the 6-digit
 * issuer segment, which collides (see the header). `year` is YY or a YYYY/ISO date. Throws RangeError
 * on a malformed issuer or year (a key for a malformed issuer is a bug).
 */
export const supervisorCardCounterKey = (issuer: SupervisorCardIssuer, year: string | number): string => {
  const y = String(year);
  const yy = /^\d{2}$/.test(y) ? y : /^\d{4}(-\d{2}-\d{2})?$/.test(y) ? y.slice(2, 4) : undefined;
  if (yy === undefined) throw new RangeError(`supervisorCardCounterKey: bad year ${y}`);
  switch (issuer.kind) {
    case 'R':
      if (!isSupervisorCardIssuer(issuer.authorityCode)) throw new RangeError(`bad 外督 issuer ${issuer.authorityCode}`);
      return `R:${issuer.authorityCode}:${yy}`;
    case 'H':
      if (!/^\d{6}$/.test(issuer.ministryAssignedCode)) throw new RangeError(`bad 行业部门 code ${issuer.ministryAssignedCode}`);
      return `H:${issuer.ministryAssignedCode}:${yy}`;
    case 'Y':
    case 'S': {
      const n = normalizeSupervisorCardNumber(issuer.institutionCode);
      if (!/^[YS]\d{12}$/.test(n) || n[0] !== issuer.kind) throw new RangeError(`bad institution code ${issuer.institutionCode}`);
      return `${issuer.kind}:${n}:${yy}`;
    }
  }
};

/**
 * The uniqueness key of an issued card (R-SC-3): counter key + serial, after checking that the card
 * really belongs to this issuer (SCARD_* failures as in validateSupervisorCardNumber, first one).
 */
export const supervisorCardRegistryKey = (cardNumber: string, issuer: SupervisorCardIssuer): CodeResult<string> => {
  const variant: SupervisorCardVariant = issuer.kind === 'R' ? 'external' : 'internal';
  const problems = validateSupervisorCardNumber(cardNumber, { variant, issuer });
  if (problems.length > 0) return problems[0]!;
  const p = parseSupervisorCardNumber(cardNumber, variant);
  if (!p.ok) return p;
  return ok(`${supervisorCardCounterKey(issuer, p.value.year)}:${String(p.value.serial).padStart(4, '0')}`);
};

/**
 * Builds and validates a card number for `issuer`. Failures: the issuer's own (INSTCODE_FORMAT,
 * SCARD_ISSUER), SCARD_SERIAL_ZERO, SCARD_SERIAL_EXHAUSTED {serial, max} above 9999. Throws RangeError
 * for a negative/non-integer serial or an issueDate that is not a real YYYY-MM-DD date.
 */
export const buildSupervisorCardNumber = (
  input: { readonly issuer: SupervisorCardIssuer; readonly issueDate: string; readonly serial: number },
): CodeResult<string> => {
  const { issuer, issueDate, serial } = input;
  if (!Number.isInteger(serial) || serial < 0) throw new RangeError(`buildSupervisorCardNumber: bad serial ${serial}`);
  if (!isIsoDate(issueDate)) throw new RangeError(`buildSupervisorCardNumber: bad issueDate ${issueDate}`);
  if (serial === 0) return fail('SCARD_SERIAL_ZERO', {});
  if (serial > MAX_SUPERVISOR_CARD_SERIAL) return fail('SCARD_SERIAL_EXHAUSTED', { serial, max: MAX_SUPERVISOR_CARD_SERIAL });
  const seg = issuerSegment(issuer);
  if (!seg.ok) return seg;
  const year = yearCode(issueDate);
  if (seg.value.kind === 'R') {
    if (!isSupervisorCardIssuer(seg.value.code)) return fail('SCARD_ISSUER', { value: seg.value.code });
    return ok(formatSupervisorCardNumber({ variant: 'external', kind: 'R', issuer: seg.value.code, year, serial }));
  }
  if (!/^\d{6}$/.test(seg.value.code)) return fail('SCARD_ISSUER', { value: seg.value.code });
  return ok(formatSupervisorCardNumber({ variant: 'internal', kind: seg.value.kind, issuer: seg.value.code, year, serial }));
};
