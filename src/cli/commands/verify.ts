/**
 * verify <number>: prints the verification record the certificate's QR code points to (masked
 * holder data, status issued/voided). Exit 2 when the number is not in the registry.
 */
import { UserError } from '../../errors/user-error.js';
import { formRegistry } from '../../forms/registry.js';
import { withStore } from '../../issuance/batch/with-store.js';
import { verificationRecord } from '../../issuance/verification.js';
import { table } from '../output.js';
import type { Command } from './index.js';

export const verifyCommand: Command = async (args, opts) => {
  const [number] = args;
  if (!number || args.length > 1) throw new UserError({ pointer: '', code: 'USAGE', params: { reason: 'verify <certificate-number>' } });
  const rec = await withStore(opts.db, async (store) => {
    const doc = await store.getDocument(number);
    if (!doc) throw new UserError({ pointer: '/number', code: 'DOC_NOT_IN_REGISTRY', params: { number }, value: number });
    const inst = await store.getInstitution(doc.institutionId);
    const defaults = formRegistry().get(doc.formId)?.manifest.defaults ?? {};
    return verificationRecord(doc, defaults, inst?.data);
  });
  if (opts.json) {
    process.stdout.write(JSON.stringify(rec, null, 2) + '\n');
    return 0;
  }
  const status = rec.status === 'issued' ? '有效 issued' : `已作废 voided (${rec.voidedAt ?? ''})`;
  const rows: string[][] = [
    ['编号 number', rec.number],
    ['状态 status', status],
    ['姓名 name', rec.holderName],
    ['证件号码 ID number', rec.idNumber],
    ...(rec.occupation ? [['职业 occupation', `${rec.occupation.code ? rec.occupation.code + ' ' : ''}${rec.occupation.name}`]] : []),
    ...(rec.job ? [['工种 job', rec.job]] : []),
    ...(rec.level ? [['等级 level', rec.level.text]] : []),
    ['发证机构 institution', rec.institution.name],
    ['发证日期 issue date', rec.issueDate],
    ['二维码 QR payload', rec.qrPayload],
  ];
  process.stdout.write(table(['field', 'value'], rows) + '\n');
  return 0;
};
