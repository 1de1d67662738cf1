/**
 * PostgreSQL schema of the issuance registry: the same tables and guards as the SQLite schema
 * (sqlite-schema.ts), in PostgreSQL's dialect. Text columns keep JSON exactly as written (the
 * audit hashes are computed over canonical JSON, never over a reformatted jsonb value).
 */
export const POSTGRES_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
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
  seq       BIGINT PRIMARY KEY,
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
CREATE FUNCTION sef_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION sef_refuse('audit_log is append-only');
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION sef_refuse('audit_log is append-only');
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION sef_refuse('documents are voided, never deleted');
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
  FOR EACH STATEMENT EXECUTE FUNCTION sef_refuse('documents are voided, never deleted');
CREATE TRIGGER documents_fixed BEFORE UPDATE OF number, counter_key, serial, batch_id, batch_index, kind, form_id,
  institution_id, subject, record, issue_date, issued_at ON documents
  FOR EACH ROW EXECUTE FUNCTION sef_refuse('a document''s number and content never change');
CREATE TRIGGER documents_no_unvoid BEFORE UPDATE ON documents FOR EACH ROW WHEN (OLD.status = 'voided')
  EXECUTE FUNCTION sef_refuse('a voided document stays voided');
CREATE TRIGGER counters_forward_only BEFORE UPDATE ON counters FOR EACH ROW
  WHEN (NEW.last_serial < OLD.last_serial OR NEW.counter_key <> OLD.counter_key)
  EXECUTE FUNCTION sef_refuse('a counter only moves up');
CREATE TRIGGER counters_no_delete BEFORE DELETE ON counters
  FOR EACH ROW EXECUTE FUNCTION sef_refuse('counters are never deleted');
CREATE TRIGGER blobs_append_only BEFORE UPDATE OR DELETE ON blobs
  FOR EACH ROW EXECUTE FUNCTION sef_refuse('an image blob never changes and is never deleted');
CREATE TRIGGER blobs_no_truncate BEFORE TRUNCATE ON blobs
  FOR EACH STATEMENT EXECUTE FUNCTION sef_refuse('an image blob never changes and is never deleted');
`,
  },
];

export const POSTGRES_GUARD_TRIGGERS: readonly { readonly table: string; readonly trigger: string }[] = [
  { table: 'audit_log', trigger: 'audit_log_append_only' },
  { table: 'audit_log', trigger: 'audit_log_no_truncate' },
  { table: 'documents', trigger: 'documents_no_delete' },
  { table: 'documents', trigger: 'documents_no_truncate' },
  { table: 'documents', trigger: 'documents_fixed' },
  { table: 'documents', trigger: 'documents_no_unvoid' },
  { table: 'counters', trigger: 'counters_forward_only' },
  { table: 'counters', trigger: 'counters_no_delete' },
  { table: 'blobs', trigger: 'blobs_append_only' },
  { table: 'blobs', trigger: 'blobs_no_truncate' },
];
