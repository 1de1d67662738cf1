/**
 * The registry's errors. Input a person can fix → UserError with a catalogue code
 * (src/errors/messages/issuance.ts); the database failing → SystemError with a readable message.
 */
import { UserError, SystemError } from '../../errors/user-error.js';
import { messageFor } from '../../errors/catalog.js';

export const serialExhausted = (key: string, max: number, last: number, needed: number): UserError =>
  new UserError({ pointer: '/items', code: 'ISSUE_SERIAL_EXHAUSTED', params: { key, max, last, needed } });

export const maxSerialInvalid = (index: number, key: string, max: unknown): UserError =>
  new UserError({ pointer: `/items/${index}/maxSerial`, code: 'ISSUE_MAX_SERIAL_INVALID', params: { key, max: String(max) } });

export const batchEmpty = (): UserError => new UserError({ pointer: '/items', code: 'ISSUE_BATCH_EMPTY' });

export const institutionUnknown = (id: string): UserError =>
  new UserError({ pointer: '/institutionId', code: 'ISSUE_INSTITUTION_UNKNOWN', params: { id }, value: id });

export const numberTaken = (number: string): UserError =>
  new UserError({ pointer: '/items', code: 'ISSUE_NUMBER_TAKEN', params: { number }, value: number });

export const idempotencyConflict = (key: string, batchId: string): UserError =>
  new UserError({ pointer: '/idempotencyKey', code: 'BATCH_IDEMPOTENCY_CONFLICT', params: { key, batchId }, value: key });

export const docUnknown = (number: string): UserError =>
  new UserError({ pointer: '/number', code: 'DOC_UNKNOWN', params: { number }, value: number });

export const docAlreadyVoided = (number: string, voidedAt: string): UserError =>
  new UserError({ pointer: '/number', code: 'DOC_ALREADY_VOIDED', params: { number, voidedAt }, value: number });

const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300);

export const storeUnavailable = (backend: 'sqlite' | 'postgres', where: string, cause: unknown): SystemError =>
  new SystemError('STORE_UNAVAILABLE', messageFor('STORE_UNAVAILABLE', { backend, where, reason: reasonOf(cause) }).en, { cause });

export const storeWriteFailed = (cause: unknown): SystemError =>
  new SystemError('STORE_WRITE_FAILED', messageFor('STORE_WRITE_FAILED', { reason: reasonOf(cause) }).en, { cause });
