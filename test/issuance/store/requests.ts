/** Small builders for issue requests in the store tests. */
import type { IssuanceStore, IssueBatchRequest, IssueItem } from '../../../src/issuance/store/types.js';
import { UserError, SystemError } from '../../../src/errors/user-error.js';

export const INSTITUTION = { id: 'test-inst', name: '测试评价机构', code: 'Y410100000001', profile: 'national' as const, data: { note: 'test' } };

export const numberFor = (counterKey: string, serial: number): string => `${counterKey}${String(serial).padStart(6, '0')}`;
export const serialOf = (number: string): number => Number(number.slice(-6));

export const item = (counterKey: string, subject: string, maxSerial = 999_999, extra: Record<string, unknown> = {}): IssueItem => ({
  counterKey,
  maxSerial,
  subject,
  record: { holder: { name: `持证人${subject}`, idNumber: subject }, ...extra },
});

export const request = (idempotencyKey: string, items: readonly IssueItem[], over: Partial<IssueBatchRequest> = {}): IssueBatchRequest => ({
  idempotencyKey,
  institutionId: INSTITUTION.id,
  kind: 'certificate',
  formId: 'national-skill-certificate-2021-style-1',
  issueDate: '2025-06-30',
  items,
  numberFor,
  numberPointer: '/certificate/number',
  actor: 'tester',
  ...over,
});

export async function addInstitution(store: IssuanceStore): Promise<void> {
  await store.putInstitution(INSTITUTION, 'tester');
}

/** The catalogue code of a UserError / SystemError (undefined for anything else). */
export function codeOf(e: unknown): string | undefined {
  if (e instanceof UserError) return e.issues[0]?.code;
  if (e instanceof SystemError) return e.code;
  return undefined;
}

export async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail, it succeeded');
}
