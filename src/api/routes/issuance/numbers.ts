/**
 * Well-formed document numbers, checked before any registry look-up (a malformed one is 400, an
 * unknown well-formed one 404): certificates are 22 characters (Y/S + 21 digits with a level 1–5 in
 * position 16: src/codes/certificate-number.ts), supervisor cards 9 (外督 R…) or 13 (内督 H/Y/S…).
 */
import { UserError } from '../../../errors/user-error.js';
import { parseCertificateNumber, parseSupervisorCardNumber } from '../../../codes/index.js';
import type { DocumentKind } from '../../../issuance/store/types.js';

export type NumberKind = Extract<DocumentKind, 'certificate' | 'supervisor-card'>;

const KIND_TEXT: Readonly<Record<NumberKind | 'any', { zh: string; en: string }>> = {
  certificate: { zh: '证书', en: 'certificate' },
  'supervisor-card': { zh: '督导员证卡', en: 'supervisor card' },
  any: { zh: '证书或证卡', en: 'certificate or card' },
};

/** The kind of a well-formed number, or undefined. */
export function numberKind(s: string): { kind: NumberKind; normalized: string } | undefined {
  const c = parseCertificateNumber(s, 'national');
  if (c.ok) return { kind: 'certificate', normalized: c.value.normalized };
  for (const variant of ['external', 'internal'] as const) {
    const r = parseSupervisorCardNumber(s, variant);
    if (r.ok) return { kind: 'supervisor-card', normalized: r.value.normalized };
  }
  return undefined;
}

/** The normalised number, or 400 NUMBER_MALFORMED (pointer /number) when it is not a well-formed number of `expected`. */
export function requireWellFormed(s: string, expected?: NumberKind): string {
  const k = numberKind(s);
  if (!k || (expected !== undefined && k.kind !== expected)) {
    const t = KIND_TEXT[expected ?? 'any'];
    throw new UserError({ pointer: '/number', code: 'NUMBER_MALFORMED', params: { value: s.slice(0, 64), kindZh: t.zh, kindEn: t.en }, value: s.slice(0, 64) });
  }
  return k.normalized;
}
