/**
 * Institutions as data: the filed 评价机构 (schemas/issuance/institution.schema.json) — validated with
 * the project's ajv (pointed, bilingual issues), checked for the cross-field rules a schema cannot say
 * (category / province / route agree with the 13-character code; the profile fits the province;
 * branches and scope entries unique), and converted to the store's InstitutionRecord.
 *
 * The same file registers a body that only issues supervisor cards (人社职司便函〔2020〕53号 规程第七条,
 * 附件1): category R, an HRSS department (外督 cards, code `00` or a province code, R-SC-1), or H, an
 * industry department (内督 cards, the 6-digit ministry-assigned code, R-SC-2). Such a body has no
 * filing route, numbering profile or scope; its record keeps the 2- or 6-digit code as `code` and
 * profile `national` (the store needs one; the card rule is national and no certificate is numbered
 * with it). supervisorCardIssuerOf turns any record into the issuer the card counter is keyed on.
 *
 * Scope helpers answer R-CERT-7 (occupation, 工种 and level inside the filed scope) and R-OCC-3 (an
 * occupation filed with 工种s needs one on the certificate).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFileReferences, readJsonInput } from '../cli/load-input.js';
import { toIssue } from '../errors/catalog.js';
import type { ValidationIssue } from '../errors/issue.js';
import { UserError } from '../errors/user-error.js';
import { schemasDir } from '../paths.js';
import { createAjv } from '../schema/ajv.js';
import { compileFormValidator, type FormValidationResult, type FormValidator } from '../schema/validate.js';
import {
  checkScope,
  isSupervisorCardIssuer,
  normalizeCertificateNumber,
  parseLevelList,
  type CertificateProfile,
  type ScopeQuery,
  type SupervisorCardIssuer,
} from '../codes/index.js';
import type { FiledScopeEntry, InstitutionRecord } from './store/types.js';

export const institutionSchemaFile = join(schemasDir, 'issuance', 'institution.schema.json');

/** An image as written in the file ({file}) or as loaded ({mediaType, base64}). */
export type ImageRef = { readonly file: string } | { readonly mediaType: 'image/jpeg' | 'image/png'; readonly base64: string };

export interface InstitutionBranch {
  readonly name: string;
  readonly nameEn?: string;
  readonly code?: string;
  readonly seal?: ImageRef;
}

export interface InstitutionScopeEntry {
  readonly occupation: { readonly code: string; readonly name: string; readonly job?: string };
  /** Scope level list, e.g. `5、4、3` (R-LVL-3). */
  readonly levels: string;
  readonly standardType?: string;
  readonly note?: string;
}

/** A filed 评价机构 (category Y/S): issues certificates, and 内督 cards of its own. */
export interface CertificateInstitutionDocument {
  readonly id: string;
  readonly name: string;
  readonly nameEn?: string;
  readonly uscc?: string;
  readonly category: 'Y' | 'S';
  readonly institutionType: 'enterprise' | 'technical-school' | 'social-training' | 'college';
  readonly filingRoute: 'ministry' | 'province';
  readonly province: string;
  readonly profile: CertificateProfile;
  readonly code: string;
  readonly filingNo?: string;
  readonly filingAuthority?: string;
  readonly filingValidUntil?: string;
  readonly seal?: ImageRef;
  readonly branches?: readonly InstitutionBranch[];
  readonly scope: readonly InstitutionScopeEntry[];
  readonly certificateForm?: 'national-skill-certificate-2021-style-1' | 'national-skill-certificate-2021-style-2';
  readonly bilingual?: boolean;
  readonly verifyUrlBase?: string;
  readonly provincialQueryUrl?: string;
}

/**
 * Fields of the file that belong to certificates only: a card-issuing body (R/H) that gives one
 * is told so (INSTDOC_CARD_ISSUER_FIELD) rather than having it silently ignored.
 */
export const CERTIFICATE_ONLY_FIELDS = [
  'nameEn',
  'filingRoute',
  'province',
  'profile',
  'filingNo',
  'filingAuthority',
  'filingValidUntil',
  'seal',
  'branches',
  'scope',
  'certificateForm',
  'bilingual',
  'verifyUrlBase',
  'provincialQueryUrl',
] as const;

export type CertificateOnlyField = (typeof CERTIFICATE_ONLY_FIELDS)[number];

/**
 * A body that only issues supervisor cards: R = HRSS department (外督), H = industry department (内督).
 * The certificate-only fields are declared absent, so code reading them off any document sees `undefined`.
 */
export type CardIssuerDocument = {
  readonly id: string;
  readonly name: string;
  readonly uscc?: string;
  readonly category: 'R' | 'H';
  readonly institutionType: 'hrss' | 'industry-dept';
  /** R: `00` or a province code (R-SC-1); H: the 6-digit ministry-assigned code (R-SC-2). */
  readonly code: string;
} & { readonly [K in CertificateOnlyField]?: undefined };

/** The institution document (the schema's shape). */
export type InstitutionDocument = CertificateInstitutionDocument | CardIssuerDocument;

/** True for a 评价机构 (Y/S), false for a card-only issuing body (R/H). */
export const issuesCertificates = (d: InstitutionDocument): d is CertificateInstitutionDocument => d.category === 'Y' || d.category === 'S';


/**
 * The supervisor-card issuer a record stands for (the identity the card counter is keyed on, R-SC-3):
 * R → {kind 'R', authorityCode}, H → {kind 'H', ministryAssignedCode}, Y/S → the 13-character code.
 */
export function supervisorCardIssuerOf(doc: InstitutionDocument): SupervisorCardIssuer {
  switch (doc.category) {
    case 'R':
      return { kind: 'R', authorityCode: doc.code };
    case 'H':
      return { kind: 'H', ministryAssignedCode: doc.code };
    default:
      return { kind: doc.category, institutionCode: normalizeCertificateNumber(doc.code) };
  }
}

let schemaJson: Record<string, unknown> | undefined;
let validator: FormValidator | undefined;

const institutionSchema = (): Record<string, unknown> => (schemaJson ??= JSON.parse(readFileSync(institutionSchemaFile, 'utf8')) as Record<string, unknown>);

/** The compiled validator of the institution schema (compiled once per process). */
const institutionValidator = (): FormValidator => (validator ??= compileFormValidator(createAjv(), institutionSchema()));

/** A top-level field's Chinese title and English label, from the schema. */
const fieldLabel = (k: string): { zh: string; en: string } => {
  const p = (institutionSchema().properties as Record<string, { title?: string; 'x-title-en'?: string }> | undefined)?.[k];
  return { zh: p?.title ?? k, en: p?.['x-title-en'] ?? k };
};

const PROFILE_PROVINCE: Readonly<Record<CertificateProfile, string | undefined>> = { national: undefined, henan: '41', liaoning: '21' };

const scopeKey = (code: string, job: string | undefined): string => `${code}\u0000${job ?? ''}`;

/** How messages name a card-issuing body's category (R/H). */
export const CARD_ISSUER_CATEGORY_LABEL = { R: { zh: '人力资源社会保障部门', en: 'an HRSS department' }, H: { zh: '行业部门', en: 'an industry department' } } as const;

/**
 * Certificate-only fields given for a card-issuing body (R/H). Checked on any object whose category
 * is R or H, so these come with the schema's issues in one pass.
 */
const cardIssuerFieldIssues = (data: unknown): ValidationIssue[] => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  const d = data as Record<string, unknown>;
  if (d.category !== 'R' && d.category !== 'H') return [];
  const label = CARD_ISSUER_CATEGORY_LABEL[d.category];
  return CERTIFICATE_ONLY_FIELDS.filter((k) => d[k] !== undefined).map((k) => {
    const f = fieldLabel(k);
    return toIssue({ pointer: `/${k}`, code: 'INSTDOC_CARD_ISSUER_FIELD', params: { field: k, fieldZh: f.zh, fieldEn: f.en, category: d.category as string, categoryZh: label.zh, categoryEn: label.en } });
  });
};

/** Cross-field rules of a schema-valid card-issuing body (R/H). */
const cardIssuerIssues = (d: CardIssuerDocument): ValidationIssue[] =>
  d.category === 'R' && !isSupervisorCardIssuer(d.code)
    ? [toIssue({ pointer: '/code', code: 'INSTDOC_AUTHORITY_CODE', params: { value: d.code }, value: d.code })]
    : [];

/** Cross-field rules of a schema-valid document: issues with pointers and both languages. */
const crossFieldIssues = (doc: InstitutionDocument): ValidationIssue[] => {
  if (!issuesCertificates(doc)) return cardIssuerIssues(doc);
  const d = doc;
  const out: ValidationIssue[] = [];
  const code = normalizeCertificateNumber(d.code);
  if (code[0] !== d.category) {
    out.push(toIssue({ pointer: '/category', code: 'INSTDOC_CATEGORY_MISMATCH', params: { category: d.category, code, actual: code[0] ?? '' }, value: d.category }));
  }
  const province = code.slice(5, 7);
  if (province !== d.province) {
    out.push(toIssue({ pointer: '/province', code: 'INSTDOC_PROVINCE_MISMATCH', params: { province: d.province, code, actual: province }, value: d.province }));
  }
  const want = PROFILE_PROVINCE[d.profile];
  if (want !== undefined && d.province !== want) {
    out.push(toIssue({ pointer: '/profile', code: 'INSTDOC_PROFILE_PROVINCE', params: { profile: d.profile, province: d.province, expected: want }, value: d.profile }));
  }
  const route = code.slice(1, 5);
  if ((d.filingRoute === 'province') !== (route === '0000')) {
    out.push(toIssue({ pointer: '/filingRoute', code: 'INSTDOC_ROUTE_MISMATCH', params: { filingRoute: d.filingRoute, route }, value: d.filingRoute }));
  }
  const seenBranch = new Set<string>();
  (d.branches ?? []).forEach((b, i) => {
    for (const [k, v] of [['name', b.name], ['code', b.code]] as const) {
      if (v === undefined) continue;
      const key = `${k}:${k === 'code' ? normalizeCertificateNumber(v) : v}`;
      if (seenBranch.has(key)) out.push(toIssue({ pointer: `/branches/${i}/${k}`, code: 'INSTDOC_BRANCH_DUPLICATE', params: { value: v }, value: v }));
      seenBranch.add(key);
    }
  });
  const seenScope = new Set<string>();
  const nameOf = new Map<string, string>();
  const withJob = new Map<string, boolean>();
  d.scope.forEach((e, i) => {
    const { code: oc, name, job } = e.occupation;
    const key = scopeKey(oc, job);
    if (seenScope.has(key)) {
      out.push(toIssue({ pointer: `/scope/${i}/occupation`, code: 'INSTDOC_SCOPE_DUPLICATE', params: { occupation: name, job: job ? `/${job}` : '' } }));
    }
    seenScope.add(key);
    const other = nameOf.get(oc);
    if (other !== undefined && other !== name) {
      out.push(toIssue({ pointer: `/scope/${i}/occupation/name`, code: 'INSTDOC_SCOPE_NAME_CONFLICT', params: { code: oc, name, other }, value: name }));
    }
    nameOf.set(oc, name);
    const hasJob = job !== undefined && job.trim() !== '';
    const prev = withJob.get(oc);
    if (prev !== undefined && prev !== hasJob) {
      out.push(toIssue({ pointer: `/scope/${i}/occupation/job`, code: 'INSTDOC_SCOPE_JOB_MIXED', params: { occupation: name, code: oc } }));
    }
    withJob.set(oc, prev ?? hasJob);
  });
  return out;
};

/** Every problem of an institution document: schema issues first, then the cross-field rules. */
export function validateInstitution(data: unknown): FormValidationResult {
  const r = institutionValidator()(data);
  const fields = cardIssuerFieldIssues(data);
  if (!r.valid) return { ...r, errors: [...r.errors, ...fields] };
  const extra = [...fields, ...(fields.length === 0 ? crossFieldIssues(data as InstitutionDocument) : [])];
  return { valid: extra.length === 0, errors: extra, warnings: r.warnings };
}

/**
 * Validates a document (throws UserError with every pointed issue) and converts it to the store's
 * record. Image references must already be loaded or be left as {file} on purpose.
 */
export function toInstitutionRecord(data: unknown): Omit<InstitutionRecord, 'updatedAt'> {
  const r = validateInstitution(data);
  if (!r.valid) throw new UserError(r.errors.map((e) => ({ pointer: e.pointer, code: e.code, zh: e.zh, en: e.en, value: e.value })));
  const d = data as InstitutionDocument;
  if (!issuesCertificates(d)) return { id: d.id, name: d.name, code: d.code, profile: 'national', data: d as unknown as Record<string, unknown> };
  return { id: d.id, name: d.name, code: normalizeCertificateNumber(d.code), profile: d.profile, data: d as unknown as Record<string, unknown> };
}

/**
 * Reads an institution JSON file: validates it as written (so a seal path is checked by the image
 * schema), then loads its {file} seal images relative to the file's folder into {mediaType, base64}
 * (the form the renderer accepts and the registry keeps).
 */
export function loadInstitutionFile(path: string): Omit<InstitutionRecord, 'updatedAt'> {
  const { data, baseDir } = readJsonInput(path);
  toInstitutionRecord(data);
  return toInstitutionRecord(loadFileReferences(data, baseDir));
}

/** The institution document kept in a record. */
export const institutionDocument = (rec: Pick<InstitutionRecord, 'data'>): InstitutionDocument => rec.data as unknown as InstitutionDocument;

// ── the filed scope (R-CERT-7, R-OCC-3) ─────────────────────────────────────────────────────────

/** The filed scope as the store's FiledScopeEntry list (levels parsed from `5、4、3`; none for a card-issuing body). */
export function filedScope(doc: Pick<InstitutionDocument, 'scope'>): FiledScopeEntry[] {
  return (doc.scope ?? []).map((e) => {
    const levels = parseLevelList(e.levels);
    return {
      occupationCode: e.occupation.code,
      occupationName: e.occupation.name,
      ...(e.occupation.job !== undefined && e.occupation.job.trim() !== '' ? { job: e.occupation.job } : {}),
      levels: levels.ok ? levels.value : [],
    };
  });
}

/** True when the occupation, 工种 and level lie inside the filed scope (R-CERT-7). */
export const isInScope = (scope: readonly FiledScopeEntry[], q: ScopeQuery): boolean => checkScope(scope, q).ok;

// The check itself is src/codes/scope.ts, the one x-within-scope uses too.
export { checkScope, occupationHasJobs, scopeEntriesFor, type ScopeCheck, type ScopeQuery } from '../codes/index.js';

/** The branch named or coded `key` (NFKC-insensitive for codes), or undefined. */
export function findBranch(doc: Pick<InstitutionDocument, 'branches'>, key: string): InstitutionBranch | undefined {
  const k = key.trim();
  const code = normalizeCertificateNumber(k);
  return (doc.branches ?? []).find((b) => b.name === k || (b.code !== undefined && normalizeCertificateNumber(b.code) === code));
}
