/** The public verification record (what the QR code points to): masking and both document kinds. */
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, verificationRecord } from '../../src/issuance/verification.js';
import type { StoredDocument } from '../../src/issuance/store/types.js';

const base = {
  batchId: 'b', counterKey: 'k', serial: 1, issuedAt: '2021-06-30T00:00:00Z', status: 'issued' as const, institutionId: 'inst',
};

describe('verification record', () => {
  it('masks the name and the ID number', () => {
    expect(maskName('王建军')).toBe('王*军');
    expect(maskName('阿不都热合曼')).toBe('阿****曼');
    expect(maskName('王军')).toBe('王*');
    expect(maskIdNumber('410305199003151230')).toBe('410***********1230');
  });

  it('a certificate: occupation, 工种, level text, institution and the QR payload', () => {
    const doc: StoredDocument = {
      ...base, number: 'Y000041030001213000001', kind: 'certificate', formId: 'national-skill-certificate-2021-style-1', subject: '410305199003151230', issueDate: '2021-06-30',
      record: {
        certificate: { number: 'Y000041030001213000001', issueDate: '2021-06-30' },
        holder: { name: '王建军', idType: '居民身份证', idNumber: '410305199003151230' },
        occupation: { code: '6-18-01-01', name: '车工', job: '数控车床' },
        level: 3,
        institution: { name: '河南豫华重工机械有限公司', code: 'Y000041030001' },
      },
    };
    expect(verificationRecord(doc, { verifyUrlBase: 'http://jndj.osta.org.cn/?zsbh=' })).toEqual({
      number: 'Y000041030001213000001', kind: 'certificate', status: 'issued',
      holderName: '王*军', idNumber: '410***********1230',
      occupation: { code: '6-18-01-01', name: '车工' }, job: '数控车床', level: { code: 3, text: '三级/高级工' },
      institution: { name: '河南豫华重工机械有限公司', code: 'Y000041030001' }, issueDate: '2021-06-30',
      qrPayload: 'http://jndj.osta.org.cn/?zsbh=Y000041030001213000001',
    });
  });

  it('a supervisor card: the issuer, no occupation or level, the bare number without a base URL', () => {
    const doc: StoredDocument = {
      ...base, number: 'Y030001210001', kind: 'supervisor-card', formId: 'supervisor-id-card', subject: '11010519491231002X', issueDate: '2021-09-01',
      status: 'voided', voidedAt: '2021-10-01T00:00:00Z',
      record: { holder: { name: '李强', idNumber: '11010519491231002X' }, card: { kind: '内督', number: 'Y030001210001', issueDate: '2021-09-01' }, issuer: { name: '某评价机构', code: 'Y000041030001' } },
    };
    const v = verificationRecord(doc, {});
    expect(v).toMatchObject({ status: 'voided', voidedAt: '2021-10-01T00:00:00Z', holderName: '李*', institution: { name: '某评价机构', code: 'Y000041030001' }, qrPayload: 'Y030001210001' });
    expect(v.occupation).toBeUndefined();
    expect(v.level).toBeUndefined();
  });
});
