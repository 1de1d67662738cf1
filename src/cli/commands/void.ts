/** void <number> --reason <text>: voids an issued document; its number is never reused (R-CN-4). */
import { UserError } from '../../errors/user-error.js';
import { cliActor, withStore } from '../../issuance/batch/with-store.js';
import type { Command } from './index.js';

export const voidCommand: Command = async (args, opts) => {
  const [number] = args;
  const reason = opts.reason?.trim();
  if (!number || !reason || args.length > 1)
    throw new UserError({ pointer: '', code: 'USAGE', params: { reason: 'void <certificate-number> --reason <text>' } });
  const doc = await withStore(opts.db, (store) => store.voidDocument(number, reason, cliActor()));
  if (opts.json) process.stdout.write(JSON.stringify({ ok: true, number: doc.number, status: doc.status, voidedAt: doc.voidedAt, reason: doc.voidReason }, null, 2) + '\n');
  else process.stdout.write(`已作废 / Voided: ${doc.number} (${doc.voidedAt ?? ''}) — ${doc.voidReason ?? reason}\n`);
  return 0;
};
