/**
 * Rows of the completed 职业技能等级认定人员名册 (catalogue §4.1): one per issued document, with
 * 证书编号 and 发证日期 filled from the registry. Columns the certificate itself does not carry
 * (联系电话 … 入职时间) come from the source roster row when the caller has it (at issue time);
 * a reprint from the registry alone leaves them as they were stored (holder.phone/email) or empty.
 */
import { certificateText, isSkillLevelCode } from '../../codes/skill-level.js';
import type { StoredDocument } from '../store/types.js';
import type { RosterColumnId } from './roster-layout.js';

export type RosterRow = Readonly<Record<RosterColumnId, string>>;
/** Source values by column, for the columns the registry does not hold. */
export type SourceCells = Readonly<Partial<Record<RosterColumnId, string>>>;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Columns that only the source roster knows. */
export const SOURCE_ONLY_COLUMNS: readonly RosterColumnId[] = ['phone', 'email', 'isEmployee', 'employer', 'occupationSince', 'post', 'hireDate'];

export function rosterRowFromDocument(doc: StoredDocument, seq: number, source: SourceCells = {}): RosterRow {
  const r = doc.record;
  const holder = obj(r['holder']);
  const occ = obj(r['occupation']);
  const inst = obj(r['institution']);
  const level = r['level'];
  return {
    seq: String(seq),
    institutionCode: str(inst['code']),
    institutionName: str(inst['name']),
    name: str(holder['name']),
    idType: str(holder['idType']),
    idNumber: str(holder['idNumber']),
    gender: str(holder['gender']),
    birthDate: str(holder['birthDate']),
    phone: source.phone ?? str(holder['phone']),
    email: source.email ?? str(holder['email']),
    isEmployee: source.isEmployee ?? '',
    employer: source.employer ?? '',
    occupationSince: source.occupationSince ?? '',
    post: source.post ?? '',
    hireDate: source.hireDate ?? '',
    occupationCode: str(occ['code']),
    occupationName: str(occ['name']),
    job: str(occ['job']),
    level: isSkillLevelCode(level) ? certificateText(level) : str(level),
    certificateNumber: doc.number,
    issueDate: doc.issueDate,
  };
}

export function rosterRows(docs: readonly StoredDocument[], sourceBySubject?: ReadonlyMap<string, SourceCells>): RosterRow[] {
  return docs.map((d, i) => rosterRowFromDocument(d, i + 1, sourceBySubject?.get(d.subject)));
}
