/**
 * prepareRoster: a roster file (+ photos) → render inputs ready to be numbered, or every problem.
 *
 * Each row is normalised cell by cell (cells.ts), turned into the render input of the form
 * (certificate 样式一/样式二 or the supervisor card) and validated with that form's own schema
 * validator — with a provisional number (serial 1 of the row's counter key), so the number rules
 * (year, level, prefix) are checked too — and the schema pointers are mapped back to the row and
 * column. Batch rules on top: duplicate ID numbers (both rows), the filed scope (R-CERT-7, R-OCC-3),
 * 评价机构编码 = the institution code (R-CN-5), 评价机构名称 = the filed name (R-CERT-2), photos
 * (R-CERT-5), 证书编号 empty at submission (§16.11).
 *
 * Supervisor cards are numbered per issuer and year on the issuer's full identity (R-SC-1..3): a 评价机构
 * (Y/S) issues 内督 cards under its own 13-character code; a card-issuing body issues 外督 cards (R, an
 * HRSS department: `R` + 00/province + YY + serial) or 内督 cards (H, an industry department: `H` + its
 * 6-digit code + YY + serial). A card-issuing body cannot issue certificates (ROSTER_CARD_ISSUER_ONLY);
 * with neither kind nor form given it issues cards.
 *
 * All or nothing: if any row has an error, `items` is empty. Bad rows never throw; an unreadable
 * file, missing/unknown columns, a bad photo archive or bad arguments throw UserError.
 */
import { sha256Hex } from '../../io/atomic-write.js';
import { messageFor } from '../../errors/catalog.js';
import type { ValidationIssue } from '../../errors/issue.js';
import { UserError } from '../../errors/user-error.js';
import { requireForm } from '../../forms/registry.js';
import { createAjv, type Ajv } from '../../schema/ajv.js';
import { compileFormValidator, type FormValidator } from '../../schema/validate.js';
import {
  buildCertificateNumber,
  buildSupervisorCardNumber,
  certificateCounterKey,
  checkScope,
  certificateText,
  formatLevelList,
  isIsoDate,
  isSkillLevelCode,
  MAX_CERTIFICATE_SERIAL,
  MAX_SUPERVISOR_CARD_SERIAL,
  normalizeCertificateNumber,
  profileForProvince,
  supervisorCardCounterKey,
  yearCode,
  type CertificateProfile,
  type SkillLevelCode,
  type SupervisorCardIssuer,
} from '../../codes/index.js';
import {
  CARD_ISSUER_CATEGORY_LABEL,
  filedScope,
  findBranch,
  institutionDocument,
  issuesCertificates,
  supervisorCardIssuerOf,
  type CertificateInstitutionDocument,
  type InstitutionBranch,
  type InstitutionDocument,
} from '../institution.js';
import type { DocumentKind, FiledScopeEntry } from '../store/types.js';
import { withValueAt } from '../store/json-pointer-set.js';
import {
  cellText,
  codeText,
  genderText,
  idTypeText,
  isBlank,
  parseDateCell,
  parseIdNumber,
  parseLevelCell,
  parseOccupationSince,
  parseYesNo,
  type Parsed,
  type RawCell,
} from './cells.js';
import {
  columnDef,
  PHOTO_COLUMN,
  REQUIRED_ROSTER_COLUMNS,
  REQUIRED_SUPERVISOR_COLUMNS,
  ROSTER_COLUMNS,
  SUPERVISOR_COLUMNS,
  type ColumnDef,
} from './columns.js';
import { noPhotos, openPhotoSource, type PhotoSource } from './photos.js';
import { readRoster, type RawRow, type RosterLayout } from './read.js';
import type { ColumnId, PreparedItem, PreparedRoster, PrepareRosterInput, RosterCellIssue } from './types.js';

export const STYLE_1 = 'national-skill-certificate-2021-style-1';
export const STYLE_2 = 'national-skill-certificate-2021-style-2';
export const SUPERVISOR_CARD = 'supervisor-id-card';

/** Where each form keeps its number. */
export const NUMBER_POINTERS: Readonly<Record<string, string>> = {
  [STYLE_1]: '/certificate/number',
  [STYLE_2]: '/certificate/number',
  [SUPERVISOR_CARD]: '/card/number',
};

/** Schema pointer prefixes → roster column (the rest are row-level). */
const HOLDER_POINTER_COLUMNS: readonly (readonly [string, ColumnId])[] = [
  ['/holder/name', 'name'],
  ['/holder/idNumber', 'idNumber'],
  ['/holder/idType', 'idType'],
  ['/holder/gender', 'gender'],
  ['/holder/birthDate', 'birthDate'],
  ['/holder/photo', 'photo'],
];
const CERT_POINTER_COLUMNS: readonly (readonly [string, ColumnId])[] = [
  ...HOLDER_POINTER_COLUMNS,
  ['/occupation/code', 'occupationCode'],
  ['/occupation/name', 'occupationName'],
  ['/occupation/job', 'job'],
  ['/level', 'level'],
];
const CARD_POINTER_COLUMNS: readonly (readonly [string, ColumnId])[] = [
  ...HOLDER_POINTER_COLUMNS,
  ['/workUnit', 'workUnit'],
  ['/card/validUntil', 'validUntil'],
];

/** 工种 cells meaning "none" (R-OCC-4 prints `--`/`——` for an empty 工种). */
const NO_JOB = new Set(['--', '——', '—', '-', '/', '无']);

let ajv: Ajv | undefined;
const validators = new Map<string, FormValidator>();
const formValidator = (formId: string): FormValidator => {
  let v = validators.get(formId);
  if (!v) {
    ajv ??= createAjv();
    v = compileFormValidator(ajv, requireForm(formId).schema);
    validators.set(formId, v);
  }
  return v;
};

/** What both kinds of batch decide up front: the form and the roster's columns. */
interface PlanBase {
  readonly formId: string;
  readonly columns: readonly ColumnDef[];
  readonly required: readonly ColumnId[];
}

interface CertificatePlan extends PlanBase {
  readonly kind: 'certificate';
  readonly doc: CertificateInstitutionDocument;
  readonly branch?: InstitutionBranch;
  /** The 13-character code printed numbers start with (the branch's own code for a coded branch). */
  readonly numberCode: string;
}

interface CardPlan extends PlanBase {
  readonly kind: 'supervisor-card';
  readonly doc: InstitutionDocument;
  /** Who issues the cards: the identity the counter is keyed on (R-SC-3). */
  readonly issuer: SupervisorCardIssuer;
}

type Plan = CertificatePlan | CardPlan;

function plan(doc: InstitutionDocument, input: PrepareRosterInput): Plan {
  const cardsByDefault = input.formId === SUPERVISOR_CARD || (input.formId === undefined && !issuesCertificates(doc));
  const kind: DocumentKind = input.kind ?? (cardsByDefault ? 'supervisor-card' : 'certificate');
  if (kind === 'certificate' && !issuesCertificates(doc)) {
    const label = CARD_ISSUER_CATEGORY_LABEL[doc.category];
    throw new UserError({
      pointer: '',
      code: 'ROSTER_CARD_ISSUER_ONLY',
      params: { institution: doc.name, category: doc.category, categoryZh: label.zh, categoryEn: label.en, formId: input.formId ?? STYLE_1 },
    });
  }
  let branch: InstitutionBranch | undefined;
  if (input.branch !== undefined) {
    branch = issuesCertificates(doc) ? findBranch(doc, input.branch) : undefined;
    if (!branch) throw new UserError({ pointer: '', code: 'INSTDOC_BRANCH_UNKNOWN', params: { institution: doc.name, value: input.branch } });
  }
  if (kind === 'supervisor-card') {
    const formId = input.formId ?? SUPERVISOR_CARD;
    if (formId !== SUPERVISOR_CARD) throw new UserError({ pointer: '', code: 'ROSTER_FORM_UNSUPPORTED', params: { formId } });
    return { kind, doc, formId, columns: SUPERVISOR_COLUMNS, required: REQUIRED_SUPERVISOR_COLUMNS, issuer: supervisorCardIssuerOf(doc) };
  }
  if (kind !== 'certificate' || !issuesCertificates(doc)) throw new UserError({ pointer: '', code: 'ROSTER_FORM_UNSUPPORTED', params: { formId: input.formId ?? kind } });
  const formId = input.formId ?? (branch ? STYLE_2 : (doc.certificateForm ?? STYLE_1));
  if (formId !== STYLE_1 && formId !== STYLE_2) throw new UserError({ pointer: '', code: 'ROSTER_FORM_UNSUPPORTED', params: { formId } });
  if (formId === STYLE_2 && !branch) {
    if (doc.branches?.length === 1) branch = doc.branches[0];
    else throw new UserError({ pointer: '', code: 'INSTDOC_BRANCH_REQUIRED', params: { formId } });
  }
  const numberCode = normalizeCertificateNumber(formId === STYLE_2 && branch?.code !== undefined ? branch.code : doc.code);
  return { kind, doc, formId, columns: ROSTER_COLUMNS, required: REQUIRED_ROSTER_COLUMNS, numberCode, ...(formId === STYLE_2 && branch ? { branch } : {}) };
}

/** Numbering of the batch: counter keys, number builder, bound. */
interface Numbering {
  readonly maxSerial: number;
  readonly numberPointer: string;
  /** Counter key of a row (level for certificates), or a failure to report on the row. */
  key(level: SkillLevelCode | undefined): { ok: true; key: string; provisional: string } | { ok: false; code: string; params: Record<string, string | number> } | undefined;
  numberFor(counterKey: string, serial: number): string;
}

function certificateNumbering(p: CertificatePlan, issueDate: string): Numbering {
  const doc = p.doc;
  const profile: CertificateProfile = doc.profile === 'national' ? 'national' : profileForProvince(p.numberCode.slice(5, 7));
  const ctx = { institutionType: doc.institutionType };
  const build = (level: SkillLevelCode, serial: number) =>
    buildCertificateNumber({ institutionCode: p.numberCode, issueDate, level, serial }, profile, ctx);
  const cache = new Map<number, ReturnType<Numbering['key']>>();
  const numberPointer = NUMBER_POINTERS[p.formId]!;
  return {
    maxSerial: MAX_CERTIFICATE_SERIAL,
    numberPointer,
    key(level) {
      if (level === undefined) return undefined;
      let r = cache.get(level);
      if (!r) {
        const n = build(level, 1);
        r = n.ok ? { ok: true, key: certificateCounterKey(n.value), provisional: n.value } : { ok: false, code: n.code, params: { ...n.params } };
        cache.set(level, r);
      }
      return r;
    },
    numberFor(counterKey, serial) {
      const level = Number(counterKey.slice(15, 16));
      if (counterKey.length !== 16 || counterKey.slice(0, 13) !== p.numberCode || counterKey.slice(13, 15) !== yearCode(issueDate) || !isSkillLevelCode(level)) {
        throw new RangeError(`numberFor: counter key ${counterKey} does not belong to this batch (${p.numberCode}, ${issueDate})`);
      }
      const n = build(level, serial);
      if (!n.ok) throw new UserError({ pointer: numberPointer, code: n.code, params: n.params });
      return n.value;
    },
  };
}

function cardNumbering(p: CardPlan, issueDate: string): Numbering {
  const issuer = p.issuer;
  const key = supervisorCardCounterKey(issuer, issueDate);
  const first = buildSupervisorCardNumber({ issuer, issueDate, serial: 1 });
  const numberPointer = NUMBER_POINTERS[SUPERVISOR_CARD]!;
  return {
    maxSerial: MAX_SUPERVISOR_CARD_SERIAL,
    numberPointer,
    key: () => (first.ok ? { ok: true, key, provisional: first.value } : { ok: false, code: first.code, params: { ...first.params } }),
    numberFor(counterKey, serial) {
      if (counterKey !== key) throw new RangeError(`numberFor: counter key ${counterKey} does not belong to this batch (${key})`);
      const n = buildSupervisorCardNumber({ issuer, issueDate, serial });
      if (!n.ok) throw new UserError({ pointer: numberPointer, code: n.code, params: n.params });
      return n.value;
    },
  };
}

const imageOf = (img: CertificateInstitutionDocument['seal']): Record<string, unknown> | undefined => (img ? { ...img } : undefined);

/** The institution (and branch) blocks of a certificate record — names as filed (R-CERT-2). */
function issuerBlocks(doc: CertificateInstitutionDocument, p: CertificatePlan): Record<string, unknown> {
  const seal = imageOf(doc.seal);
  const institution = {
    name: doc.name,
    ...(doc.nameEn !== undefined ? { nameEn: doc.nameEn } : {}),
    code: normalizeCertificateNumber(doc.code),
    institutionType: doc.institutionType,
    ...(seal ? { seal } : {}),
  };
  if (!p.branch) return { institution };
  const b = p.branch;
  const bseal = imageOf(b.seal);
  const branch = {
    name: b.name,
    ...(b.nameEn !== undefined ? { nameEn: b.nameEn } : {}),
    ...(b.code !== undefined ? { code: normalizeCertificateNumber(b.code) } : {}),
    institutionType: doc.institutionType,
    ...(bseal ? { seal: bseal } : {}),
  };
  return { institution, branch };
}

function certificateOptions(doc: CertificateInstitutionDocument, defaultVerifyUrlBase: string | undefined): Record<string, unknown> {
  const verifyUrlBase = doc.verifyUrlBase ?? defaultVerifyUrlBase;
  return {
    bilingual: doc.bilingual ?? doc.nameEn !== undefined,
    ...(verifyUrlBase !== undefined ? { verifyUrlBase } : {}),
    ...(doc.provincialQueryUrl !== undefined ? { provincialQueryUrl: doc.provincialQueryUrl } : {}),
  };
}

interface RowContext {
  readonly raw: RawRow;
  readonly issues: RosterCellIssue[];
  readonly warnings: RosterCellIssue[];
  readonly cells: Record<ColumnId, string>;
}

/** Builds issues for one batch: header texts from the source, canonical otherwise. */
class IssueFactory {
  constructor(
    private readonly columns: readonly ColumnDef[],
    private readonly layout: RosterLayout,
  ) {}

  header(column: ColumnId): string {
    return this.layout.headers[column] ?? columnDef(this.columns, column)?.header ?? column;
  }

  make(raw: RawRow, column: ColumnId | undefined, code: string, params: Record<string, string | number> = {}, value?: string): RosterCellIssue {
    const header = column === undefined ? undefined : this.header(column);
    const m = messageFor(code, { ...(header !== undefined ? { header } : {}), ...params });
    return {
      row: raw.row,
      ...(column !== undefined ? { column, header: header! } : {}),
      pointer: column === undefined ? `/${raw.index}` : `/${raw.index}/${column}`,
      code,
      zh: m.zh,
      en: m.en,
      ...(value !== undefined && value !== '' ? { value } : {}),
    };
  }

  fromSchema(raw: RawRow, map: readonly (readonly [string, ColumnId])[], i: ValidationIssue): RosterCellIssue {
    const hit = map.find(([p]) => i.pointer === p || i.pointer.startsWith(`${p}/`));
    const column = hit?.[1];
    const header = column === undefined ? undefined : this.header(column);
    const value = typeof i.value === 'string' || typeof i.value === 'number' ? String(i.value) : undefined;
    return {
      row: raw.row,
      ...(column !== undefined ? { column, header: header! } : {}),
      pointer: column === undefined ? `/${raw.index}` : `/${raw.index}/${column}`,
      code: i.code,
      zh: column === undefined ? i.zh : `${header}：${i.zh}`,
      en: column === undefined ? i.en : `${header}: ${i.en}`,
      ...(value !== undefined && value !== '' && value.length <= 200 ? { value } : {}),
    };
  }
}

/** Reads one cell with a parser; records the failure on the cell. */
function parseCell<T>(ctx: RowContext, f: IssueFactory, column: ColumnId, parse: (v: RawCell) => Parsed<T>): T | undefined {
  const v = ctx.raw.cells[column];
  if (isBlank(v)) return undefined;
  const r = parse(v);
  if (!r.ok) {
    ctx.issues.push(f.make(ctx.raw, column, r.code, r.params ?? {}, cellText(v)));
    return undefined;
  }
  return r.value;
}

const text = (ctx: RowContext, column: ColumnId): string | undefined => {
  const t = cellText(ctx.raw.cells[column]);
  return t === '' ? undefined : t;
};

const requireText = (ctx: RowContext, f: IssueFactory, column: ColumnId): string | undefined => {
  const t = text(ctx, column);
  if (t === undefined) ctx.issues.push(f.make(ctx.raw, column, 'ROSTER_CELL_REQUIRED'));
  return t;
};

async function photoFor(ctx: RowContext, f: IssueFactory, photos: PhotoSource, idNumber: string | undefined): Promise<Record<string, unknown> | undefined> {
  if (idNumber === undefined || idNumber === '') return undefined;
  const r = await photos.find(idNumber);
  switch (r.status) {
    case 'ok':
      return { ...r.image };
    case 'missing':
      ctx.issues.push(f.make(ctx.raw, PHOTO_COLUMN.id, 'ROSTER_PHOTO_MISSING', { value: idNumber }));
      return undefined;
    case 'ambiguous':
      ctx.issues.push(f.make(ctx.raw, PHOTO_COLUMN.id, 'ROSTER_PHOTO_AMBIGUOUS', { value: idNumber, files: r.files.slice(0, 5).join(', ') }));
      return undefined;
    case 'invalid':
      ctx.issues.push(f.make(ctx.raw, PHOTO_COLUMN.id, 'ROSTER_PHOTO_INVALID', { file: r.file, reason: r.reason }));
      return undefined;
  }
}

/** The holder block shared by certificates and cards; fills ctx.cells. */
async function holderOf(ctx: RowContext, f: IssueFactory, photos: PhotoSource): Promise<{ holder: Record<string, unknown>; idNumber?: string }> {
  const name = requireText(ctx, f, 'name');
  const idNumber = parseCell(ctx, f, 'idNumber', parseIdNumber);
  if (isBlank(ctx.raw.cells.idNumber)) ctx.issues.push(f.make(ctx.raw, 'idNumber', 'ROSTER_CELL_REQUIRED'));
  const idType = idTypeText(ctx.raw.cells.idType);
  const gender = isBlank(ctx.raw.cells.gender) ? undefined : genderText(ctx.raw.cells.gender);
  const birthDate = parseCell(ctx, f, 'birthDate', parseDateCell);
  const photo = await photoFor(ctx, f, photos, idNumber);
  Object.assign(ctx.cells, {
    ...(name !== undefined ? { name } : {}),
    idType,
    ...(idNumber !== undefined ? { idNumber } : {}),
    ...(gender !== undefined ? { gender } : {}),
    ...(birthDate !== undefined ? { birthDate } : {}),
  });
  const holder = {
    ...(name !== undefined ? { name } : {}),
    ...(gender !== undefined ? { gender } : {}),
    ...(birthDate !== undefined ? { birthDate } : {}),
    idType,
    ...(idNumber !== undefined && idNumber !== '' ? { idNumber } : {}),
    ...(photo ? { photo } : {}),
  };
  return { holder, ...(idNumber ? { idNumber } : {}) };
}

interface BatchEnv<P extends Plan = Plan> {
  readonly plan: P;
  readonly issueDate: string;
  readonly numbering: Numbering;
  readonly photos: PhotoSource;
  readonly f: IssueFactory;
}

interface CertificateEnv extends BatchEnv<CertificatePlan> {
  readonly scope: readonly FiledScopeEntry[];
  /** verifyUrlBase when the institution files none (PrepareRosterInput.defaultVerifyUrlBase). */
  readonly defaultVerifyUrlBase?: string;
}

/** The code a card record names its issuer by (the form's /issuer/code). */
const issuerCode = (issuer: SupervisorCardIssuer): string =>
  issuer.kind === 'R' ? issuer.authorityCode : issuer.kind === 'H' ? issuer.ministryAssignedCode : issuer.institutionCode;

/** The 名册 columns that are not printed on the certificate but still checked (catalogue §4.1). */
function rosterOnlyCells(ctx: RowContext, env: CertificateEnv): void {
  const { f, plan: p, issueDate } = env;
  const doc = p.doc;
  const instCode = isBlank(ctx.raw.cells.institutionCode) ? undefined : codeText(ctx.raw.cells.institutionCode);
  if (instCode !== undefined) {
    ctx.cells.institutionCode = instCode;
    if (instCode !== p.numberCode) ctx.issues.push(f.make(ctx.raw, 'institutionCode', 'ROSTER_INSTITUTION_CODE_MISMATCH', { value: instCode, expected: p.numberCode }, instCode));
  }
  const instName = text(ctx, 'institutionName');
  if (instName !== undefined) {
    ctx.cells.institutionName = instName;
    const filed = [doc.name, ...(p.branch ? [p.branch.name] : [])];
    if (!filed.includes(instName.replace(/[\s\u3000]+/g, ''))) {
      ctx.issues.push(f.make(ctx.raw, 'institutionName', 'ROSTER_INSTITUTION_NAME_MISMATCH', { value: instName, expected: filed.join(' / ') }, instName));
    }
  }
  for (const c of ['phone', 'email', 'post'] as const) {
    const t = text(ctx, c);
    if (t !== undefined) ctx.cells[c] = t;
  }
  const employer = text(ctx, 'employer');
  if (employer !== undefined) ctx.cells.employer = employer;
  const own = parseCell(ctx, f, 'isEmployee', parseYesNo);
  if (own !== undefined) ctx.cells.isEmployee = own ? '是' : '否';
  if (own === false && employer === undefined) ctx.issues.push(f.make(ctx.raw, 'employer', 'ROSTER_EMPLOYER_REQUIRED'));
  const since = parseCell(ctx, f, 'occupationSince', parseOccupationSince);
  if (since !== undefined) ctx.cells.occupationSince = since;
  const hire = parseCell(ctx, f, 'hireDate', parseDateCell);
  if (hire !== undefined) ctx.cells.hireDate = hire;
  const number = text(ctx, 'certificateNumber');
  if (number !== undefined) ctx.issues.push(f.make(ctx.raw, 'certificateNumber', 'ROSTER_NUMBER_PREFILLED', { value: number }, number));
  const rowDate = parseCell(ctx, f, 'issueDate', parseDateCell);
  if (rowDate !== undefined) ctx.cells.issueDate = rowDate;
  if (rowDate !== undefined && rowDate !== issueDate) {
    ctx.issues.push(f.make(ctx.raw, 'issueDate', 'ROSTER_ISSUE_DATE_MISMATCH', { value: rowDate, expected: issueDate }, rowDate));
  }
  const seq = text(ctx, 'seq');
  if (seq !== undefined) ctx.cells.seq = seq;
}

/** The scope checks (R-CERT-7, R-OCC-3) as cell issues. */
function scopeIssues(ctx: RowContext, env: CertificateEnv, q: { occupationCode?: string; occupationName: string; job?: string; level?: SkillLevelCode }): void {
  const { f } = env;
  const r = checkScope(env.scope, q);
  if (r.ok) return;
  switch (r.reason) {
    case 'occupation-unknown':
      if (r.by === 'code') ctx.issues.push(f.make(ctx.raw, 'occupationCode', 'ROSTER_OCCUPATION_UNKNOWN', { value: q.occupationCode! }, q.occupationCode));
      else ctx.issues.push(f.make(ctx.raw, 'occupationName', 'ROSTER_OCCUPATION_OUT_OF_SCOPE', { value: q.occupationName }, q.occupationName));
      return;
    case 'occupation-name-mismatch':
      ctx.issues.push(f.make(ctx.raw, 'occupationName', 'ROSTER_OCCUPATION_NAME_MISMATCH', { code: q.occupationCode!, expected: r.expected, value: q.occupationName }, q.occupationName));
      return;
    case 'job-required':
      ctx.issues.push(f.make(ctx.raw, 'job', 'ROSTER_JOB_REQUIRED', { occupation: r.occupation, jobs: r.jobs.join('、') }));
      return;
    case 'job-out-of-scope':
      ctx.issues.push(f.make(ctx.raw, 'job', 'ROSTER_JOB_OUT_OF_SCOPE', { value: q.job!, occupation: r.occupation, jobs: r.jobs.length > 0 ? r.jobs.join('、') : '无' }, q.job));
      return;
    case 'level-out-of-scope':
      ctx.issues.push(
        f.make(
          ctx.raw,
          'level',
          'ROSTER_LEVEL_OUT_OF_SCOPE',
          { value: certificateText(q.level!), occupation: r.occupation, levels: r.levels.length > 0 ? formatLevelList(r.levels as SkillLevelCode[]) : '—' },
          cellText(ctx.raw.cells.level),
        ),
      );
      return;
  }
}

/** One certificate row → its record (without number) and counter key, or issues. */
async function certificateRow(ctx: RowContext, env: CertificateEnv): Promise<{ record: Record<string, unknown>; level?: SkillLevelCode }> {
  const { f } = env;
  const { holder } = await holderOf(ctx, f, env.photos);
  const occupationCode = isBlank(ctx.raw.cells.occupationCode) ? undefined : cellText(ctx.raw.cells.occupationCode).normalize('NFKC').replace(/\s+/g, '');
  const occupationName = requireText(ctx, f, 'occupationName');
  const jobText = text(ctx, 'job');
  const job = jobText === undefined || NO_JOB.has(jobText.normalize('NFKC')) ? undefined : jobText;
  if (isBlank(ctx.raw.cells.level)) ctx.issues.push(f.make(ctx.raw, 'level', 'ROSTER_CELL_REQUIRED'));
  const level = parseCell(ctx, f, 'level', parseLevelCell);
  Object.assign(ctx.cells, {
    ...(occupationCode !== undefined ? { occupationCode } : {}),
    ...(occupationName !== undefined ? { occupationName } : {}),
    ...(job !== undefined ? { job } : {}),
    ...(level !== undefined ? { level: String(level) } : {}),
  });
  rosterOnlyCells(ctx, env);
  if (occupationName !== undefined) {
    scopeIssues(ctx, env, { ...(occupationCode !== undefined ? { occupationCode } : {}), occupationName, ...(job !== undefined ? { job } : {}), ...(level !== undefined ? { level } : {}) });
  }
  const record: Record<string, unknown> = {
    certificate: { issueDate: env.issueDate },
    holder,
    occupation: { ...(occupationCode !== undefined ? { code: occupationCode } : {}), ...(occupationName !== undefined ? { name: occupationName } : {}), ...(job !== undefined ? { job } : {}) },
    ...(level !== undefined ? { level } : {}),
    ...issuerBlocks(env.plan.doc, env.plan),
    options: certificateOptions(env.plan.doc, env.defaultVerifyUrlBase),
  };
  return { record, ...(level !== undefined ? { level } : {}) };
}

/**
 * One supervisor-card row (catalogue §7.7, §8.5, §8.6): 外督 when an HRSS department (R) issues it,
 * 内督 otherwise; the issuer block carries the body's filed name and its code (2 digits for R, 6 for
 * H, the 13-character institution code for Y/S — the form derives the card's issuer segment from it).
 */
async function cardRow(ctx: RowContext, env: BatchEnv<CardPlan>): Promise<{ record: Record<string, unknown> }> {
  const { f, plan: p } = env;
  const { holder } = await holderOf(ctx, f, env.photos);
  const workUnit = requireText(ctx, f, 'workUnit');
  const validUntil = parseCell(ctx, f, 'validUntil', parseDateCell);
  Object.assign(ctx.cells, { ...(workUnit !== undefined ? { workUnit } : {}), ...(validUntil !== undefined ? { validUntil } : {}) });
  const record: Record<string, unknown> = {
    holder,
    workUnit: workUnit !== undefined ? { name: workUnit } : {},
    card: { kind: p.issuer.kind === 'R' ? '外督' : '内督', issueDate: env.issueDate, ...(validUntil !== undefined ? { validUntil } : {}) },
    issuer: { name: p.doc.name, code: issuerCode(p.issuer) },
  };
  return { record };
}

const columnOrder = (columns: readonly ColumnDef[]) => {
  const order = new Map<string, number>(columns.map((c, i) => [c.id, i]));
  order.set(PHOTO_COLUMN.id, order.get('idNumber') ?? columns.length);
  return (a: RosterCellIssue, b: RosterCellIssue): number =>
    a.row - b.row || (order.get(a.column ?? '') ?? 999) - (order.get(b.column ?? '') ?? 999) || a.code.localeCompare(b.code);
};

/** Reads, checks and converts a roster (see the module comment). */
export async function prepareRoster(input: PrepareRosterInput): Promise<PreparedRoster> {
  if (!isIsoDate(input.issueDate)) throw new UserError({ pointer: '', code: 'ROSTER_BATCH_ISSUE_DATE', params: { value: input.issueDate } });
  const doc = institutionDocument(input.institution);
  const p = plan(doc, input);
  const raw = await readRoster(input.file, { columns: p.columns, required: p.required });
  const photos = input.photos !== undefined ? await openPhotoSource(input.photos) : noPhotos;
  const f = new IssueFactory(p.columns, raw.layout);
  const numbering = p.kind === 'certificate' ? certificateNumbering(p, input.issueDate) : cardNumbering(p, input.issueDate);
  const common = { issueDate: input.issueDate, numbering, photos, f };
  const buildRow: (ctx: RowContext) => Promise<{ record: Record<string, unknown>; level?: SkillLevelCode }> =
    p.kind === 'certificate'
      ? (() => {
          const env: CertificateEnv = {
            ...common,
            plan: p,
            scope: filedScope(p.doc),
            ...(input.defaultVerifyUrlBase !== undefined ? { defaultVerifyUrlBase: input.defaultVerifyUrlBase } : {}),
          };
          return (ctx) => certificateRow(ctx, env);
        })()
      : (ctx) => cardRow(ctx, { ...common, plan: p });
  const validate = (input.validator ?? formValidator)(p.formId);
  const pointerMap = p.kind === 'certificate' ? CERT_POINTER_COLUMNS : CARD_POINTER_COLUMNS;

  const errors: RosterCellIssue[] = [];
  const warnings: RosterCellIssue[] = [];
  const built: PreparedItem[] = [];
  const byId = new Map<string, RawRow[]>();
  try {
    for (const row of raw.rows) {
      const ctx: RowContext = { raw: row, issues: [], warnings: [], cells: {} };
      const r = await buildRow(ctx);
      const level = r.level;
      const key = numbering.key(p.kind === 'certificate' ? level : undefined);
      if (key && !key.ok) {
        const reason = messageFor(key.code, key.params);
        ctx.issues.push(f.make(row, undefined, 'ROSTER_NUMBER_UNBUILDABLE', { reason: reason.zh, reasonEn: reason.en }));
      }
      // The form's own schema, with a provisional number so the number rules run as well.
      const probe = key?.ok ? withValueAt(r.record, numbering.numberPointer, key.provisional) : r.record;
      const v = validate(probe);
      const flagged = new Set(ctx.issues.map((i) => i.column));
      if (flagged.has('idNumber')) flagged.add(PHOTO_COLUMN.id); // photos are found by the ID number
      for (const i of v.errors) {
        if (!key?.ok && i.pointer === numbering.numberPointer) continue; // reported as ROSTER_NUMBER_UNBUILDABLE or a cell error
        const issue = f.fromSchema(row, pointerMap, i);
        if (issue.column !== undefined && flagged.has(issue.column)) continue; // the cell already has its own error
        ctx.issues.push(issue);
      }
      for (const w of v.warnings) ctx.warnings.push(f.fromSchema(row, pointerMap, w));
      if (ctx.cells.idNumber) {
        const list = byId.get(ctx.cells.idNumber);
        if (list) list.push(row);
        else byId.set(ctx.cells.idNumber, [row]);
      }
      errors.push(...ctx.issues);
      warnings.push(...ctx.warnings);
      if (ctx.issues.length === 0 && key?.ok) {
        built.push({ row: row.row, subject: ctx.cells.idNumber!, counterKey: key.key, maxSerial: numbering.maxSerial, ...(level !== undefined ? { level } : {}), record: r.record, cells: ctx.cells });
      }
    }
  } finally {
    await photos.close();
  }
  for (const [id, rows] of byId) {
    if (rows.length < 2) continue;
    const list = rows.map((r) => r.row).join('、');
    for (const row of rows) errors.push(f.make(row, 'idNumber', 'ROSTER_DUPLICATE_ID', { value: id, rows: list }, id));
  }
  const order = columnOrder(p.columns);
  errors.sort(order);
  warnings.sort(order);
  return {
    formId: p.formId,
    kind: p.kind,
    issueDate: input.issueDate,
    items: errors.length === 0 ? built : [],
    errors,
    warnings,
    rows: raw.rows.length,
    numberFor: numbering.numberFor,
    numberPointer: numbering.numberPointer,
    source: { file: input.file, format: raw.format, sha256: sha256Hex(raw.bytes) },
    layout: raw.layout,
  };
}

export { writeRosterErrorReport } from './error-report.js';
