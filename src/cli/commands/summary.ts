/**
 * summary --month YYYY-MM --institution <id> -o <dir>: the Liaoning 企业职业技能等级认定结果汇总表
 * for the month, from the registry (counted by 发证日期, §16.12), as form data (JSON, checked
 * against schemas/forms/liaoning-monthly-result-summary) and XLSX. Nothing is written unless the
 * data passes the schema.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../errors/user-error.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { withStore } from '../../issuance/batch/with-store.js';
import { monthlySummary, parseMonth } from '../../issuance/outputs/monthly-summary.js';
import { checkedSummaryFormData } from '../../issuance/outputs/summary-form.js';
import { writeSummaryXlsx } from '../../issuance/outputs/summary-xlsx.js';
import { table } from '../output.js';
import type { Command } from './index.js';

export const summaryCommand: Command = async (args, opts) => {
  if (args.length || !opts.month || !opts.institution || !opts.out)
    throw new UserError({ pointer: '', code: 'USAGE', params: { reason: 'summary --month YYYY-MM --institution <id> -o <dir>' } });
  parseMonth(opts.month);
  const s = await withStore(opts.db, (store) => monthlySummary(store, opts.institution!, opts.month!));
  const data = checkedSummaryFormData(s);
  mkdirSync(opts.out, { recursive: true });
  const base = `结果汇总表-${s.institution.id}-${s.month}`;
  const json = join(opts.out, `${base}.json`);
  const xlsx = join(opts.out, `${base}.xlsx`);
  await writeFileAtomic(json, new TextEncoder().encode(JSON.stringify(data, null, 2) + '\n'));
  await writeSummaryXlsx(xlsx, s);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ ok: true, files: [json, xlsx], summary: s }, null, 2) + '\n');
    return 0;
  }
  const rows = [...s.rows.map((r) => [r.label, ...r.counts.map(String), String(r.subtotal)]), ['合  计', ...s.total.counts.map(String), String(s.total.subtotal)]];
  process.stdout.write(`企业职业技能等级认定结果汇总表 ${s.month}（按发证日期 / by issue date）— ${s.institution.name}\n`);
  process.stdout.write(table(['职业（工种）名称', ...s.levelHeaders, '小计'], rows) + '\n');
  process.stdout.write(`\n${json}\n${xlsx}\n`);
  return 0;
};
