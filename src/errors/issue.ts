/**
 * The shape every validation or code-rule problem takes on its way to a person.
 * Text never lives here: it lives in the message catalogue (src/errors/messages/*),
 * keyed by `code`, in Chinese and English.
 */
export interface CodeFailure {
  readonly ok: false;
  /** UPPER_SNAKE code from the catalogue, e.g. ID_CHECKSUM. */
  readonly code: string;
  /** Values interpolated into the zh/en message templates ({expected}, {value}, …). */
  readonly params: Readonly<Record<string, string | number>>;
}

export interface CodeSuccess<T> {
  readonly ok: true;
  readonly value: T;
}

/** Result of every pure code rule in src/codes/. */
export type CodeResult<T> = CodeSuccess<T> | CodeFailure;

export const ok = <T>(value: T): CodeSuccess<T> => ({ ok: true, value });
export const fail = (code: string, params: Record<string, string | number> = {}): CodeFailure => ({
  ok: false,
  code,
  params,
});

/** One problem found in a document, with its JSON pointer and both languages. */
export interface ValidationIssue {
  readonly pointer: string;
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly zh: string;
  readonly en: string;
  readonly value?: unknown;
}

/** A message template pair; `{name}` placeholders are filled from params. */
export interface MessageText {
  readonly zh: string;
  readonly en: string;
  /** HTTP status the API answers with when this code is the first error. */
  readonly http?: number;
}
