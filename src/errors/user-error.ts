/**
 * UserError: the input is wrong and a person can fix it. Carries one or more
 * issues, each with a JSON pointer and a catalogue code; the texts come from the
 * message catalogue (src/errors/catalog.ts), never from the throw site.
 * SystemError: something on our side failed (browser crash, timeout).
 */
export interface IssueRef {
  readonly pointer: string;
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly severity?: 'error' | 'warning';
  readonly value?: unknown;
  /** Texts already produced (e.g. by the schema validator); otherwise taken from the catalogue. */
  readonly zh?: string;
  readonly en?: string;
}

export class UserError extends Error {
  readonly issues: readonly IssueRef[];
  constructor(issues: IssueRef[] | IssueRef) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map((i) => `${i.code} at ${i.pointer || '/'}`).join('; '));
    this.name = 'UserError';
    this.issues = list;
  }
}

export class SystemError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SystemError';
    this.code = code;
  }
}
