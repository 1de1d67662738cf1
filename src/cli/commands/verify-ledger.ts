/** verify-ledger: recomputes the audit log's hash chain; exit 1 naming the first bad entry (R-NUM-3). */
import { SystemError } from '../../errors/user-error.js';
import { withStore } from '../../issuance/batch/with-store.js';
import type { Command } from './index.js';

export const verifyLedgerCommand: Command = async (_args, opts) => {
  const rep = await withStore(opts.db, (store) => store.verifyLedger());
  if (opts.json) {
    process.stdout.write(JSON.stringify(rep, null, 2) + '\n');
    return rep.ok ? 0 : 1;
  }
  if (rep.ok) {
    process.stdout.write(`审计日志完好 / Ledger OK: ${rep.entries} entries\n`);
    return 0;
  }
  const bad = rep.firstBad ?? { seq: -1, problem: 'unknown problem' };
  throw new SystemError('LEDGER_BROKEN', `审计日志校验失败：第 ${bad.seq} 条记录：${bad.problem} / The audit ledger does not verify: first bad entry seq ${bad.seq}: ${bad.problem}`);
};
