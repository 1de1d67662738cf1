/**
 * The issuance registry: one repository interface, two backends (SQLite by default via
 * better-sqlite3, PostgreSQL via pg when a connection string is configured). One test suite
 * runs against both.
 *
 * Invariants every backend keeps (R-CN-4, R-SC-3, catalogue §14.2):
 *  - a number is allocated and its document recorded in ONE transaction;
 *  - serials per counter key are consecutive from 1, never reused (voiding keeps the number),
 *    never above the key's maximum (exhausting it is a clear error, nothing is written);
 *  - UNIQUE(number) and UNIQUE(counter_key, serial);
 *  - a batch submitted twice with the same idempotency key returns the same numbers (and
 *    allocates nothing); the same key with different content is refused;
 *  - every issue, void and reprint appends one entry to an append-only, hash-chained audit log
 *    in the same transaction as the change it records.
 */

/** What kind of number a counter hands out. */
export type DocumentKind = 'certificate' | 'supervisor-card' | 'special-ability-certificate';

/** A filed scope entry: the occupation (职业编码/名称), optional 工种, and the levels filed for it. */
export interface FiledScopeEntry {
  readonly occupationCode?: string;
  readonly occupationName: string;
  /** 工种/职业方向; absent when the occupation has none. */
  readonly job?: string;
  /** Level codes 1–5 (1 = 一级/高级技师). */
  readonly levels: readonly number[];
}

/**
 * An evaluation institution (评价机构) as filed with the HRSS department: the registry's source of
 * the printed name (R-CERT-2), the code prefix (positions 1–13), and the scope (R-CERT-7).
 * `data` keeps the whole validated institution document (schemas/issuance/institution.schema.json).
 */
export interface InstitutionRecord {
  /** Short, user-chosen id used on the CLI, e.g. `zz-metro`. */
  readonly id: string;
  readonly name: string;
  /**
   * 13-character institution code (positions 1–13 of its certificate numbers); for a body that only
   * issues supervisor cards, its authority code: 2 digits (外督, R) or 6 digits (行业部门, H).
   */
  readonly code: string;
  readonly profile: 'national' | 'henan' | 'liaoning';
  readonly data: Readonly<Record<string, unknown>>;
  readonly updatedAt: string;
}

/** One document to number and record. */
export interface IssueItem {
  /** Counter key, e.g. certificateCounterKey(...) = positions 1–16, or supervisorCardCounterKey(...). */
  readonly counterKey: string;
  /** Largest serial this key may hand out (999999 certificates, 9999 cards, 99999 专项). */
  readonly maxSerial: number;
  /** Who it is for (e.g. the holder's ID number); reported back and stored for look-up. */
  readonly subject: string;
  /** The render input of the document WITHOUT its number; the store writes the number in. */
  readonly record: Readonly<Record<string, unknown>>;
}

export interface IssueBatchRequest {
  /** Same key + same content → the same result, nothing allocated. Same key + other content → BATCH_IDEMPOTENCY_CONFLICT. */
  readonly idempotencyKey: string;
  readonly institutionId: string;
  readonly kind: DocumentKind;
  /** The form the records render with, e.g. national-skill-certificate-2021-style-1. */
  readonly formId: string;
  /** 发证日期 (YYYY-MM-DD) shared by the batch. */
  readonly issueDate: string;
  readonly items: readonly IssueItem[];
  /**
   * Builds the printed number from the key and the allocated serial (pure; called inside the
   * transaction). Throwing aborts the whole batch with nothing written.
   */
  readonly numberFor: (counterKey: string, serial: number) => string;
  /** JSON pointer (into the record) where the number is written, e.g. `/certificate/number`. */
  readonly numberPointer: string;
  readonly actor: string;
}

export interface IssuedItem {
  readonly index: number;
  readonly number: string;
  readonly counterKey: string;
  readonly serial: number;
  readonly subject: string;
}

export interface IssueBatchResult {
  readonly batchId: string;
  /** True when the idempotency key had been seen: the numbers are the ones issued then. */
  readonly replayed: boolean;
  readonly items: readonly IssuedItem[];
}

export type DocumentStatus = 'issued' | 'voided';

export interface StoredDocument {
  readonly number: string;
  readonly kind: DocumentKind;
  readonly formId: string;
  readonly institutionId: string;
  readonly batchId: string;
  readonly counterKey: string;
  readonly serial: number;
  readonly subject: string;
  /** The render input with the number written in: reprints render exactly this. */
  readonly record: Readonly<Record<string, unknown>>;
  readonly issueDate: string;
  readonly issuedAt: string;
  readonly status: DocumentStatus;
  readonly voidedAt?: string;
  readonly voidReason?: string;
}

export interface BatchRecord {
  readonly batchId: string;
  readonly idempotencyKey: string;
  readonly institutionId: string;
  readonly kind: DocumentKind;
  readonly formId: string;
  readonly issueDate: string;
  readonly createdAt: string;
  readonly count: number;
}

export type AuditAction = 'issue' | 'void' | 'reprint' | 'institution';

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly action: AuditAction;
  readonly actor: string;
  /** A certificate number, a batch id or an institution id. */
  readonly subject: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** SHA-256 hex of the previous entry (64 zeros for the first). */
  readonly prevHash: string;
  /** SHA-256 hex over (seq, at, action, actor, subject, canonical JSON payload, prevHash). */
  readonly hash: string;
}

export interface LedgerReport {
  readonly ok: boolean;
  readonly entries: number;
  /** The first entry whose hash or link does not verify, and why. */
  readonly firstBad?: { readonly seq: number; readonly problem: string };
}

export interface IntegrityReport {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

export interface DocumentFilter {
  readonly institutionId?: string;
  readonly kind?: DocumentKind;
  /** Inclusive 发证日期 range, YYYY-MM-DD. */
  readonly issueDateFrom?: string;
  readonly issueDateTo?: string;
  readonly status?: DocumentStatus;
}

export interface IssuanceStore {
  readonly backend: 'sqlite' | 'postgres';
  putInstitution(inst: Omit<InstitutionRecord, 'updatedAt'>, actor: string): Promise<InstitutionRecord>;
  getInstitution(id: string): Promise<InstitutionRecord | undefined>;
  listInstitutions(): Promise<InstitutionRecord[]>;

  issueBatch(req: IssueBatchRequest): Promise<IssueBatchResult>;
  getBatch(batchId: string): Promise<BatchRecord | undefined>;
  /** The batch's documents in issue order. */
  listBatch(batchId: string): Promise<StoredDocument[]>;
  getDocument(number: string): Promise<StoredDocument | undefined>;
  listDocuments(filter: DocumentFilter): Promise<StoredDocument[]>;

  /** Voids an issued document (its number is never reused). DOC_UNKNOWN / DOC_ALREADY_VOIDED otherwise. */
  voidDocument(number: string, reason: string, actor: string): Promise<StoredDocument>;
  /** Records that these documents were printed again (no allocation). */
  recordReprint(numbers: readonly string[], actor: string, reason?: string): Promise<void>;

  auditEntries(fromSeq?: number, limit?: number): Promise<AuditEntry[]>;
  verifyLedger(): Promise<LedgerReport>;
  /** Backend integrity (SQLite PRAGMA integrity_check / PG constraint checks) + no holes per counter key. */
  integrityCheck(): Promise<IntegrityReport>;
  close(): Promise<void>;
}
