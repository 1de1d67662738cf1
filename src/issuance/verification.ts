/**
 * The verification record of one issued document: what the QR code on the certificate points to
 * (catalogue §16.3: payload = verifyUrlBase + number) and what `sef verify <number>` prints.
 * It is public, so personal data is masked (project decision, documented in the README):
 *  - holder name: the first and last character kept, the middle masked (王建军 → 王*军;
 *    a two-character name keeps the first: 王军 → 王*; one character is shown as is);
 *  - ID number: the first 3 and the last 4 characters kept, the rest masked
 *    (410305199003151230 → 410***********1230): the region prefix and the check tail let a holder
 *    recognise their own record without exposing the birth date.
 * Status: issued or voided (with the void date; the reason stays in the registry's audit log).
 */
import { certificateText, isSkillLevelCode } from '../codes/skill-level.js';
import type { DocumentKind, DocumentStatus, StoredDocument } from './store/types.js';

export interface VerificationRecord {
  readonly number: string;
  readonly kind: DocumentKind;
  readonly status: DocumentStatus;
  readonly voidedAt?: string;
  readonly holderName: string;
  readonly idNumber: string;
  readonly occupation?: { readonly code?: string; readonly name: string };
  /** 工种/职业方向 */
  readonly job?: string;
  readonly level?: { readonly code: number; readonly text: string };
  /** The issuing institution (certificates) or card issuer (supervisor cards). */
  readonly institution: { readonly name: string; readonly code?: string };
  readonly issueDate: string;
  /** What the printed QR code encodes (verifyUrlBase + number; the bare number when there is no base). */
  readonly qrPayload: string;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function maskName(name: string): string {
  const cs = [...name];
  if (cs.length <= 1) return name;
  if (cs.length === 2) return `${cs[0]}*`;
  return cs[0] + '*'.repeat(cs.length - 2) + cs[cs.length - 1];
}

export function maskIdNumber(id: string): string {
  const cs = [...id];
  if (cs.length <= 7) return '*'.repeat(cs.length);
  return cs.slice(0, 3).join('') + '*'.repeat(cs.length - 7) + cs.slice(-4).join('');
}

/**
 * The QR payload: the record's own options.verifyUrlBase (what was printed), else the
 * institution's, else the form manifest default (national: http://jndj.osta.org.cn/?zsbh=).
 * Undefined when neither gives one (supervisor cards print no QR code).
 */
export function verifyUrlBase(record: Readonly<Record<string, unknown>>, formDefaults: Readonly<Record<string, unknown>>, institutionData?: Readonly<Record<string, unknown>>): string | undefined {
  return str(obj(record['options'])['verifyUrlBase']) ?? str(institutionData?.['verifyUrlBase']) ?? str(formDefaults['verifyUrlBase']);
}

export function verificationRecord(doc: StoredDocument, formDefaults: Readonly<Record<string, unknown>>, institutionData?: Readonly<Record<string, unknown>>): VerificationRecord {
  const r = doc.record;
  const holder = obj(r['holder']);
  const occ = obj(r['occupation']);
  const inst = obj(r['institution'] ?? r['issuer']);
  const level = r['level'];
  const occName = str(occ['name']);
  const occCode = str(occ['code']);
  const job = str(occ['job']);
  const instCode = str(inst['code']);
  return {
    number: doc.number,
    kind: doc.kind,
    status: doc.status,
    ...(doc.voidedAt ? { voidedAt: doc.voidedAt } : {}),
    holderName: maskName(str(holder['name']) ?? ''),
    idNumber: maskIdNumber(str(holder['idNumber']) ?? doc.subject),
    ...(occName ? { occupation: { ...(occCode ? { code: occCode } : {}), name: occName } } : {}),
    ...(job ? { job } : {}),
    ...(isSkillLevelCode(level) ? { level: { code: level, text: certificateText(level) } } : {}),
    institution: { name: str(inst['name']) ?? '', ...(instCode ? { code: instCode } : {}) },
    issueDate: doc.issueDate,
    qrPayload: (verifyUrlBase(r, formDefaults, institutionData) ?? '') + doc.number,
  };
}
