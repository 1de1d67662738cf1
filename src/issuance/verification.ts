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
import type { FormDataById } from '../forms/typed-data.js';
import type { DocumentKind, DocumentStatus, StoredDocument } from './store/types.js';

/** What a registry record is: the validated render input of its form (checked before it was numbered). */
type CertificateData =
  | FormDataById['national-skill-certificate-2021-style-1']
  | FormDataById['national-skill-certificate-2021-style-2']
  | FormDataById['national-skill-certificate-2019'];
type CardData = FormDataById['supervisor-id-card'];

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
  const view = doc.kind === 'supervisor-card' ? cardView(doc.record as unknown as CardData) : certificateView(doc.record as unknown as CertificateData);
  return {
    number: doc.number,
    kind: doc.kind,
    status: doc.status,
    ...(doc.voidedAt ? { voidedAt: doc.voidedAt } : {}),
    holderName: maskName(view.holderName),
    idNumber: maskIdNumber(view.idNumber ?? doc.subject),
    ...(view.occupation ? { occupation: view.occupation } : {}),
    ...(view.job ? { job: view.job } : {}),
    ...(view.level !== undefined && isSkillLevelCode(view.level) ? { level: { code: view.level, text: certificateText(view.level) } } : {}),
    institution: view.institution,
    issueDate: doc.issueDate,
    qrPayload: (verifyUrlBase(doc.record, formDefaults, institutionData) ?? '') + doc.number,
  };
}

interface View {
  readonly holderName: string;
  readonly idNumber?: string;
  readonly occupation?: { readonly code?: string; readonly name: string };
  readonly job?: string;
  readonly level?: number;
  readonly institution: { readonly name: string; readonly code?: string };
}

function certificateView(r: CertificateData): View {
  const occ = r.occupation;
  return {
    holderName: r.holder.name,
    ...(str(r.holder.idNumber) ? { idNumber: r.holder.idNumber } : {}),
    occupation: { ...(str(occ.code) ? { code: occ.code } : {}), name: occ.name },
    ...(str(occ.job) ? { job: occ.job } : {}),
    level: r.level,
    institution: { name: r.institution.name, ...(str(r.institution.code) ? { code: r.institution.code } : {}) },
  };
}

function cardView(r: CardData): View {
  return {
    holderName: r.holder.name,
    ...(str(r.holder.idNumber) ? { idNumber: r.holder.idNumber } : {}),
    institution: { name: r.issuer.name, ...(str(r.issuer.code) ? { code: r.issuer.code } : {}) },
  };
}
