/**
 * SQLite schema of the issuance registry, as numbered migrations (schema_migrations keeps the
 * version applied). Guards in the database itself, so a bug or a hand-typed statement cannot undo
 * them: the audit log is append-only, documents are voided and never deleted, a document's
 * identity and content never change, a counter only moves up, an image blob (each image's base64
 * once, under its SHA-256: blob-refs.ts) never changes and is never deleted.
 */
export const SQLITE_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE institutions (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  code       TEXT NOT NULL,
  profile    TEXT NOT NULL CHECK (profile IN ('national', 'henan', 'liaoning')),
  data       TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE counters (
  counter_key TEXT PRIMARY KEY,
  last_serial INTEGER NOT NULL CHECK (last_serial >= 0),
  max_serial  INTEGER NOT NULL CHECK (max_serial > 0),
  CHECK (last_serial <= max_serial)
);
CREATE TABLE batches (
  batch_id        TEXT PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  fingerprint     TEXT NOT NULL,
  institution_id  TEXT NOT NULL REFERENCES institutions (id),
  kind            TEXT NOT NULL,
  form_id         TEXT NOT NULL,
  issue_date      TEXT NOT NULL,
  number_pointer  TEXT NOT NULL,
  actor           TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  item_count      INTEGER NOT NULL CHECK (item_count > 0)
);
CREATE TABLE documents (
  number         TEXT PRIMARY KEY,
  counter_key    TEXT NOT NULL REFERENCES counters (counter_key),
  serial         INTEGER NOT NULL CHECK (serial >= 1),
  batch_id       TEXT NOT NULL REFERENCES batches (batch_id),
  batch_index    INTEGER NOT NULL CHECK (batch_index >= 0),
  kind           TEXT NOT NULL CHECK (kind IN ('certificate', 'supervisor-card', 'special-ability-certificate')),
  form_id        TEXT NOT NULL,
  institution_id TEXT NOT NULL REFERENCES institutions (id),
  subject        TEXT NOT NULL,
  record         TEXT NOT NULL,
  issue_date     TEXT NOT NULL,
  issued_at      TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('issued', 'voided')),
  voided_at      TEXT,
  void_reason    TEXT,
  UNIQUE (counter_key, serial),
  UNIQUE (batch_id, batch_index)
);
CREATE INDEX documents_by_issue_date ON documents (issue_date, institution_id);
CREATE INDEX documents_by_subject ON documents (subject);
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action IN ('issue', 'void', 'reprint', 'institution')),
  actor     TEXT NOT NULL,
  subject   TEXT NOT NULL,
  payload   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL UNIQUE
);
CREATE TABLE blobs (
  sha256     TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  base64     TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
  BEGIN SELECT RAISE(ABORT, 'documents are voided, never deleted'); END;
CREATE TRIGGER documents_fixed BEFORE UPDATE OF number, counter_key, serial, batch_id, batch_index, kind, form_id,
  institution_id, subject, record, issue_date, issued_at ON documents
  BEGIN SELECT RAISE(ABORT, 'a document''s number and content never change'); END;
CREATE TRIGGER documents_no_unvoid BEFORE UPDATE ON documents WHEN OLD.status = 'voided'
  BEGIN SELECT RAISE(ABORT, 'a voided document stays voided'); END;
CREATE TRIGGER counters_forward_only BEFORE UPDATE ON counters
  WHEN NEW.last_serial < OLD.last_serial OR NEW.counter_key <> OLD.counter_key
  BEGIN SELECT RAISE(ABORT, 'a counter only moves up'); END;
CREATE TRIGGER counters_no_delete BEFORE DELETE ON counters
  BEGIN SELECT RAISE(ABORT, 'counters are never deleted'); END;
CREATE TRIGGER blobs_no_update BEFORE UPDATE ON blobs
  BEGIN SELECT RAISE(ABORT, 'an image blob never changes'); END;
CREATE TRIGGER blobs_no_delete BEFORE DELETE ON blobs
  BEGIN SELECT RAISE(ABORT, 'an image blob is never deleted'); END;
`,
  },
];

/** Triggers integrityCheck expects to find (their absence means someone removed a guard). */
export const SQLITE_GUARD_TRIGGERS = [
  'audit_log_no_update',
  'audit_log_no_delete',
  'documents_no_delete',
  'documents_fixed',
  'documents_no_unvoid',
  'counters_forward_only',
  'counters_no_delete',
  'blobs_no_update',
  'blobs_no_delete',
] as const;
