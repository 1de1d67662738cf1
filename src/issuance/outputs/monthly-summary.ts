/**
 * The Liaoning 企业职业技能等级认定结果汇总表 (catalogue §5.1, 辽人社〔2020〕22号 附件7) for one
 * month, computed from the registry: one row per 职业（工种）, one column per level in the printed
 * order 初级工（五级） … 高级技师（一级）, 小计 = the row's sum, 合计 = the column sums including the
 * sum of 小计 (R-FORM-5).
 *
 * Date basis (§16.12, project decision): a certificate counts in the month of its 发证日期. The
 * registry only holds approved results (a number is allocated after approval, §14.2 step 5) and
 * 发证日期 is the date printed on the certificate, so the table agrees with the certificates and
 * with the 名册; 审核通过日期 is not recorded anywhere the registry can see. Voided certificates
 * do not count; supervisor cards are not skill-level results and do not count.
 */
import { formHeader, type SkillLevelCode } from '../../codes/skill-level.js';
import { UserError } from '../../errors/user-error.js';
import type { IssuanceStore, StoredDocument } from '../store/types.js';

/** Column order of the printed table: 五级 first (S002:524-530). */
export const SUMMARY_LEVEL_ORDER: readonly SkillLevelCode[] = [5, 4, 3, 2, 1];

export interface SummaryRow {
  readonly occupationCode?: string;
  readonly occupationName: string;
  readonly job?: string;
  /** 职业（工种）名称 as printed: 车工（数控车床）, or the occupation alone. */
  readonly label: string;
  /** Counts in SUMMARY_LEVEL_ORDER (五级 … 一级). */
  readonly counts: readonly number[];
  readonly subtotal: number;
}

export interface MonthlySummary {
  /** YYYY-MM */
  readonly month: string;
  readonly dateBasis: 'issueDate';
  readonly institution: { readonly id: string; readonly name: string; readonly code: string };
  readonly levelHeaders: readonly string[];
  readonly rows: readonly SummaryRow[];
  readonly total: { readonly counts: readonly number[]; readonly subtotal: number };
}

export function parseMonth(month: string): { from: string; to: string } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new UserError({ pointer: '/month', code: 'SUMMARY_MONTH_FORMAT', params: { value: month } });
  const y = Number(m[1]), mo = Number(m[2]);
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function summarize(docs: readonly StoredDocument[], month: string, institution: MonthlySummary['institution']): MonthlySummary {
  const { from, to } = parseMonth(month);
  const rows = new Map<string, { occupationCode?: string; occupationName: string; job?: string; counts: number[] }>();
  for (const d of docs) {
    if (d.kind !== 'certificate' || d.status !== 'issued' || d.issueDate < from || d.issueDate > to) continue;
    if (d.institutionId !== institution.id) continue;
    const occ = obj(d.record['occupation']);
    const level = d.record['level'];
    const col = SUMMARY_LEVEL_ORDER.indexOf(level as SkillLevelCode);
    if (col < 0) continue;
    const name = str(occ['name']) ?? '';
    const code = str(occ['code']);
    const job = str(occ['job']);
    const key = JSON.stringify([code ?? '', name, job ?? '']);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { ...(code ? { occupationCode: code } : {}), occupationName: name, ...(job ? { job } : {}), counts: [0, 0, 0, 0, 0] }));
    row.counts[col]!++;
  }
  const out: SummaryRow[] = [...rows.values()]
    .sort((a, b) => (a.occupationCode ?? '').localeCompare(b.occupationCode ?? '') || a.occupationName.localeCompare(b.occupationName, 'zh') || (a.job ?? '').localeCompare(b.job ?? '', 'zh'))
    .map((r) => ({ ...r, label: r.job ? `${r.occupationName}（${r.job}）` : r.occupationName, subtotal: r.counts.reduce((s, n) => s + n, 0) }));
  const counts = SUMMARY_LEVEL_ORDER.map((_, i) => out.reduce((s, r) => s + r.counts[i]!, 0));
  return {
    month,
    dateBasis: 'issueDate',
    institution,
    levelHeaders: SUMMARY_LEVEL_ORDER.map((l) => formHeader(l)),
    rows: out,
    total: { counts, subtotal: out.reduce((s, r) => s + r.subtotal, 0) },
  };
}

export async function monthlySummary(store: IssuanceStore, institutionId: string, month: string): Promise<MonthlySummary> {
  const { from, to } = parseMonth(month);
  const inst = await store.getInstitution(institutionId);
  if (!inst) throw new UserError({ pointer: '/institution', code: 'INSTITUTION_NOT_FOUND', params: { id: institutionId } });
  const docs = await store.listDocuments({ institutionId, kind: 'certificate', status: 'issued', issueDateFrom: from, issueDateTo: to });
  return summarize(docs, month, { id: inst.id, name: inst.name, code: inst.code });
}

/** Re-checks R-FORM-5 on a finished summary (小计 = row sum; 合计 = column sums). Returns problems, empty when sound. */
export function checkSummarySums(s: MonthlySummary): string[] {
  const problems: string[] = [];
  s.rows.forEach((r, i) => {
    const sum = r.counts.reduce((a, n) => a + n, 0);
    if (sum !== r.subtotal) problems.push(`row ${i + 1} (${r.label}): 小计 ${r.subtotal} ≠ ${sum}`);
  });
  SUMMARY_LEVEL_ORDER.forEach((_, c) => {
    const sum = s.rows.reduce((a, r) => a + r.counts[c]!, 0);
    if (sum !== s.total.counts[c]) problems.push(`合计 column ${c + 1}: ${s.total.counts[c]} ≠ ${sum}`);
  });
  const all = s.rows.reduce((a, r) => a + r.subtotal, 0);
  if (all !== s.total.subtotal) problems.push(`合计 小计: ${s.total.subtotal} ≠ ${all}`);
  return problems;
}
