/**
 * The issuance registry over any SqlDriver: one implementation of IssuanceStore for SQLite and
 * PostgreSQL (reliability-anchors.md §5.3). A batch's counters move, its documents are stored
 * with their numbers, and its audit entries are chained, all in ONE transaction: either every
 * number of the batch exists with its record and audit entry, or none does.
 * Records are stored with their images moved to the content-addressed `blobs` table (each image
 * once, however many records embed it: blob-refs.ts, blob-table.ts); every read puts them back, so
 * callers always get the record exactly as it was issued, images inline.
 */
import { randomUUID } from 'node:crypto';
import type {
  AuditAction,
  AuditEntry,
  BatchRecord,
  DocumentFilter,
  DocumentKind,
  DocumentStatus,
  InstitutionRecord,
  IntegrityReport,
  IssuanceStore,
  IssueBatchRequest,
  IssueBatchResult,
  IssuedItem,
  LedgerReport,
  StoredDocument,
} from './types.js';
import { allIn, placeholders, type Row, type SqlDriver, type SqlTx } from './sql-driver.js';
import { chainEntry, verifyChain } from './audit-hash.js';
import { canonicalJson, canonicalSha256 } from './canonical-json.js';
import { requestFingerprint } from './fingerprint.js';
import { numberPointerTokens, withValueAt } from './json-pointer-set.js';
import { counterProblems, type CounterAggregate } from './counter-integrity.js';
import { blobRefsOf, extractBlobs, inflateBlobs, type InlineImage } from './blob-refs.js';
import { fetchBlobs, insertBlobs, integrityBlobProblems } from './blob-table.js';
import {
  batchEmpty,
  docAlreadyVoided,
  docUnknown,
  idempotencyConflict,
  institutionUnknown,
  maxSerialInvalid,
  numberTaken,
  serialExhausted,
} from './store-errors.js';

/** Rows per multi-row INSERT (well under SQLite's and PostgreSQL's parameter limits). */
const INSERT_CHUNK = 200;
/** Audit entries read per page while verifying the ledger. */
const LEDGER_PAGE = 5000;

const DOC_COLUMNS = [
  'number', 'counter_key', 'serial', 'batch_id', 'batch_index', 'kind', 'form_id', 'institution_id',
  'subject', 'record', 'issue_date', 'issued_at', 'status', 'voided_at', 'void_reason',
] as const;
const AUDIT_COLUMNS = ['seq', 'at', 'action', 'actor', 'subject', 'payload', 'prev_hash', 'hash'] as const;

const num = (v: unknown): number => Number(v);
const str = (v: unknown): string => String(v);

async function insertMany(tx: SqlTx, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const tuple = `(${placeholders(columns.length)})`;
    await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
  }
}

/** A document row whose record is already inflated (images inline). */
function toDocument(r: Row, record: Record<string, unknown>): StoredDocument {
  return {
    number: str(r.number),
    kind: str(r.kind) as DocumentKind,
    formId: str(r.form_id),
    institutionId: str(r.institution_id),
    batchId: str(r.batch_id),
    counterKey: str(r.counter_key),
    serial: num(r.serial),
    subject: str(r.subject),
    record,
    issueDate: str(r.issue_date),
    issuedAt: str(r.issued_at),
    status: str(r.status) as DocumentStatus,
    ...(r.voided_at != null ? { voidedAt: str(r.voided_at) } : {}),
    ...(r.void_reason != null ? { voidReason: str(r.void_reason) } : {}),
  };
}

/**
 * The stored records of these rows with their images put back, in row order. The blobs they refer
 * to are fetched together (one query per few hundred distinct images), never one query per row.
 */
async function inflatedRecords(tx: SqlTx, rows: readonly Row[]): Promise<Record<string, unknown>[]> {
  const stripped = rows.map((r) => JSON.parse(str(r.record)) as Record<string, unknown>);
  const blobs = await fetchBlobs(tx, stripped.flatMap((s) => [...blobRefsOf(s)]));
  return stripped.map((s) => inflateBlobs(s, (sha) => blobs.get(sha)));
}

async function toDocuments(tx: SqlTx, rows: readonly Row[]): Promise<StoredDocument[]> {
  const records = await inflatedRecords(tx, rows);
  return rows.map((r, i) => toDocument(r, records[i]!));
}

function toInstitution(r: Row): InstitutionRecord {
  return {
    id: str(r.id),
    name: str(r.name),
    code: str(r.code),
    profile: str(r.profile) as InstitutionRecord['profile'],
    data: JSON.parse(str(r.data)) as Record<string, unknown>,
    updatedAt: str(r.updated_at),
  };
}

function toBatch(r: Row): BatchRecord {
  return {
    batchId: str(r.batch_id),
    idempotencyKey: str(r.idempotency_key),
    institutionId: str(r.institution_id),
    kind: str(r.kind) as DocumentKind,
    formId: str(r.form_id),
    issueDate: str(r.issue_date),
    createdAt: str(r.created_at),
    count: num(r.item_count),
  };
}

function toAudit(r: Row): AuditEntry {
  return {
    seq: num(r.seq),
    at: str(r.at),
    action: str(r.action) as AuditAction,
    actor: str(r.actor),
    subject: str(r.subject),
    payload: JSON.parse(str(r.payload)) as Record<string, unknown>,
    prevHash: str(r.prev_hash),
    hash: str(r.hash),
  };
}

interface AuditFields {
  readonly action: AuditAction;
  readonly subject: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Appends entries to the chain (inside the caller's write transaction, which serialises writers). */
async function appendAudit(tx: SqlTx, at: string, actor: string, fields: readonly AuditFields[]): Promise<AuditEntry[]> {
  const head = await tx.get('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  let prev = head ? { seq: num(head.seq), hash: str(head.hash) } : undefined;
  const entries: AuditEntry[] = [];
  for (const f of fields) {
    const e = chainEntry(prev, { at, actor, ...f });
    entries.push(e);
    prev = e;
  }
  await insertMany(
    tx,
    'audit_log',
    AUDIT_COLUMNS,
    entries.map((e) => [e.seq, e.at, e.action, e.actor, e.subject, canonicalJson(e.payload), e.prevHash, e.hash]),
  );
  return entries;
}

interface KeyPlan {
  readonly counterKey: string;
  readonly maxSerial: number;
  readonly indices: number[];
}

function planKeys(req: IssueBatchRequest): KeyPlan[] {
  const plans = new Map<string, KeyPlan>();
  req.items.forEach((item, index) => {
    if (!Number.isSafeInteger(item.maxSerial) || item.maxSerial < 1) throw maxSerialInvalid(index, item.counterKey, item.maxSerial);
    const p = plans.get(item.counterKey);
    if (p) {
      p.indices.push(index);
      if (item.maxSerial < p.maxSerial) plans.set(item.counterKey, { ...p, maxSerial: item.maxSerial });
    } else plans.set(item.counterKey, { counterKey: item.counterKey, maxSerial: item.maxSerial, indices: [index] });
  });
  return [...plans.values()];
}

export class SqlIssuanceStore implements IssuanceStore {
  constructor(private readonly db: SqlDriver) {}

  get backend(): 'sqlite' | 'postgres' {
    return this.db.backend;
  }

  async putInstitution(inst: Omit<InstitutionRecord, 'updatedAt'>, actor: string): Promise<InstitutionRecord> {
    const updatedAt = new Date().toISOString();
    const record: InstitutionRecord = { id: inst.id, name: inst.name, code: inst.code, profile: inst.profile, data: inst.data, updatedAt };
    await this.db.write(async (tx) => {
      const before = await tx.get('SELECT id FROM institutions WHERE id = ?', [inst.id]);
      await tx.run(
        `INSERT INTO institutions (id, name, code, profile, data, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, code = excluded.code, profile = excluded.profile,
           data = excluded.data, updated_at = excluded.updated_at`,
        [inst.id, inst.name, inst.code, inst.profile, JSON.stringify(inst.data), updatedAt],
      );
      await appendAudit(tx, updatedAt, actor, [
        {
          action: 'institution',
          subject: inst.id,
          payload: { change: before ? 'update' : 'create', name: inst.name, code: inst.code, profile: inst.profile, dataSha256: canonicalSha256(inst.data) },
        },
      ]);
    });
    return record;
  }

  async getInstitution(id: string): Promise<InstitutionRecord | undefined> {
    const r = await this.db.read((tx) => tx.get('SELECT * FROM institutions WHERE id = ?', [id]));
    return r ? toInstitution(r) : undefined;
  }

  async listInstitutions(): Promise<InstitutionRecord[]> {
    return (await this.db.read((tx) => tx.all('SELECT * FROM institutions ORDER BY id'))).map(toInstitution);
  }

  async issueBatch(req: IssueBatchRequest): Promise<IssueBatchResult> {
    if (req.items.length === 0) throw batchEmpty();
    const plans = planKeys(req);
    numberPointerTokens(req.numberPointer);
    const fingerprint = requestFingerprint(req);
    return this.db.write(async (tx) => {
      const seen = await tx.get('SELECT batch_id, fingerprint FROM batches WHERE idempotency_key = ?', [req.idempotencyKey]);
      if (seen) {
        if (str(seen.fingerprint) !== fingerprint) throw idempotencyConflict(req.idempotencyKey, str(seen.batch_id));
        const rows = await tx.all('SELECT number, counter_key, serial, subject, batch_index FROM documents WHERE batch_id = ? ORDER BY batch_index', [
          seen.batch_id,
        ]);
        const items: IssuedItem[] = rows.map((r) => ({
          index: num(r.batch_index),
          number: str(r.number),
          counterKey: str(r.counter_key),
          serial: num(r.serial),
          subject: str(r.subject),
        }));
        return { batchId: str(seen.batch_id), replayed: true, items };
      }
      if (!(await tx.get('SELECT id FROM institutions WHERE id = ?', [req.institutionId]))) throw institutionUnknown(req.institutionId);

      // Move each counter once for all of the batch's items on that key; serials follow item order.
      const serials = new Array<number>(req.items.length);
      for (const p of plans) {
        const n = p.indices.length;
        await tx.run('INSERT INTO counters (counter_key, last_serial, max_serial) VALUES (?, 0, ?) ON CONFLICT (counter_key) DO NOTHING', [
          p.counterKey,
          p.maxSerial,
        ]);
        const moved = await tx.get(
          `UPDATE counters SET last_serial = last_serial + ?
           WHERE counter_key = ? AND last_serial + ? <= max_serial AND last_serial + ? <= ? RETURNING last_serial`,
          [n, p.counterKey, n, n, p.maxSerial],
        );
        if (!moved) {
          const c = (await tx.get('SELECT last_serial, max_serial FROM counters WHERE counter_key = ?', [p.counterKey]))!;
          throw serialExhausted(p.counterKey, Math.min(num(c.max_serial), p.maxSerial), num(c.last_serial), n);
        }
        const first = num(moved.last_serial) - n + 1;
        p.indices.forEach((itemIndex, k) => (serials[itemIndex] = first + k));
      }

      const batchId = randomUUID();
      const now = new Date().toISOString();
      const items: IssuedItem[] = req.items.map((item, index) => ({
        index,
        number: req.numberFor(item.counterKey, serials[index]!),
        counterKey: item.counterKey,
        serial: serials[index]!,
        subject: item.subject,
      }));
      const numbers = new Set<string>();
      for (const it of items) {
        if (numbers.has(it.number)) throw numberTaken(it.number);
        numbers.add(it.number);
      }
      const taken = await allIn(tx, [...numbers], (list) => `SELECT number FROM documents WHERE number IN (${list})`);
      if (taken.length > 0) throw numberTaken(str(taken[0]!.number));

      await tx.run(
        `INSERT INTO batches (batch_id, idempotency_key, fingerprint, institution_id, kind, form_id, issue_date, number_pointer, actor, created_at, item_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [batchId, req.idempotencyKey, fingerprint, req.institutionId, req.kind, req.formId, req.issueDate, req.numberPointer, req.actor, now, items.length],
      );
      const records = items.map((it) => withValueAt(req.items[it.index]!.record, req.numberPointer, it.number));
      // The audit entry anchors the full record (images inline); the documents table holds it with
      // its images moved to `blobs`, each image stored once.
      const recordHashes = records.map((r) => canonicalSha256(r));
      const blobs = new Map<string, InlineImage>();
      const stripped = records.map((r) => {
        const x = extractBlobs(r);
        for (const [sha, b] of x.blobs) if (!blobs.has(sha)) blobs.set(sha, b);
        return x.stripped;
      });
      await insertBlobs(tx, blobs);
      await insertMany(
        tx,
        'documents',
        DOC_COLUMNS,
        items.map((it, i) => [
          it.number, it.counterKey, it.serial, batchId, it.index, req.kind, req.formId, req.institutionId,
          it.subject, JSON.stringify(stripped[i]), req.issueDate, now, 'issued', null, null,
        ]),
      );
      await appendAudit(
        tx,
        now,
        req.actor,
        items.map((it, i) => ({
          action: 'issue' as const,
          subject: it.number,
          payload: {
            batchId,
            idempotencyKey: req.idempotencyKey,
            institutionId: req.institutionId,
            kind: req.kind,
            formId: req.formId,
            issueDate: req.issueDate,
            counterKey: it.counterKey,
            serial: it.serial,
            subject: it.subject,
            recordSha256: recordHashes[i],
          },
        })),
      );
      return { batchId, replayed: false, items };
    });
  }

  async getBatch(batchId: string): Promise<BatchRecord | undefined> {
    const r = await this.db.read((tx) => tx.get('SELECT * FROM batches WHERE batch_id = ?', [batchId]));
    return r ? toBatch(r) : undefined;
  }

  async listBatch(batchId: string): Promise<StoredDocument[]> {
    return this.db.read(async (tx) => toDocuments(tx, await tx.all('SELECT * FROM documents WHERE batch_id = ? ORDER BY batch_index', [batchId])));
  }

  async getDocument(number: string): Promise<StoredDocument | undefined> {
    return this.db.read(async (tx) => {
      const r = await tx.get('SELECT * FROM documents WHERE number = ?', [number]);
      return r ? (await toDocuments(tx, [r]))[0] : undefined;
    });
  }

  async listDocuments(filter: DocumentFilter): Promise<StoredDocument[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown): void => {
      where.push(sql);
      params.push(v);
    };
    if (filter.institutionId !== undefined) add('institution_id = ?', filter.institutionId);
    if (filter.kind !== undefined) add('kind = ?', filter.kind);
    if (filter.issueDateFrom !== undefined) add('issue_date >= ?', filter.issueDateFrom);
    if (filter.issueDateTo !== undefined) add('issue_date <= ?', filter.issueDateTo);
    if (filter.status !== undefined) add('status = ?', filter.status);
    const sql = `SELECT * FROM documents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY issue_date, counter_key, serial`;
    return this.db.read(async (tx) => toDocuments(tx, await tx.all(sql, params)));
  }

  async voidDocument(number: string, reason: string, actor: string): Promise<StoredDocument> {
    return this.db.write(async (tx) => {
      const r = await tx.get('SELECT * FROM documents WHERE number = ?', [number]);
      if (!r) throw docUnknown(number);
      const doc = (await toDocuments(tx, [r]))[0]!;
      if (doc.status === 'voided') throw docAlreadyVoided(number, doc.voidedAt ?? '');
      const at = new Date().toISOString();
      await tx.run("UPDATE documents SET status = 'voided', voided_at = ?, void_reason = ? WHERE number = ? AND status = 'issued'", [at, reason, number]);
      await appendAudit(tx, at, actor, [{ action: 'void', subject: number, payload: { reason, counterKey: doc.counterKey, serial: doc.serial } }]);
      return { ...doc, status: 'voided' as const, voidedAt: at, voidReason: reason };
    });
  }

  /** Voided documents are refused (DOC_ALREADY_VOIDED): a voided certificate is never printed again. */
  async recordReprint(numbers: readonly string[], actor: string, reason?: string): Promise<void> {
    if (numbers.length === 0) return;
    await this.db.write(async (tx) => {
      const rows = await allIn(tx, [...new Set(numbers)], (list) => `SELECT number, status, voided_at FROM documents WHERE number IN (${list})`);
      const found = new Map(rows.map((r) => [str(r.number), r]));
      for (const number of numbers) {
        const r = found.get(number);
        if (!r) throw docUnknown(number);
        if (str(r.status) === 'voided') throw docAlreadyVoided(number, str(r.voided_at));
      }
      const at = new Date().toISOString();
      await appendAudit(
        tx,
        at,
        actor,
        numbers.map((number) => ({ action: 'reprint' as const, subject: number, payload: reason !== undefined ? { reason } : {} })),
      );
    });
  }

  async auditEntries(fromSeq = 1, limit = 1000): Promise<AuditEntry[]> {
    return (await this.db.read((tx) => tx.all('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?', [fromSeq, limit]))).map(toAudit);
  }

  /**
   * Recomputes the whole chain, then checks every document against its issue entry (the SHA-256
   * of its record, counter key and serial) and every voided document against a void entry. A
   * document with no issue entry at all is reported with seq 0.
   */
  async verifyLedger(): Promise<LedgerReport> {
    return this.db.read(async (tx) => {
      const issued = new Map<string, { seq: number; recordSha256: unknown; counterKey: unknown; serial: unknown }>();
      const voided = new Set<string>();
      let prev: AuditEntry | undefined;
      let entries = 0;
      for (;;) {
        const page = (await tx.all('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?', [prev?.seq ?? 0, LEDGER_PAGE])).map(toAudit);
        if (page.length === 0) break;
        const report = verifyChain(page, prev);
        if (!report.ok) return { ...report, entries: entries + report.entries };
        entries += page.length;
        for (const e of page) {
          if (e.action === 'issue') issued.set(e.subject, { seq: e.seq, ...pick(e.payload) });
          else if (e.action === 'void') voided.add(e.subject);
        }
        prev = page[page.length - 1];
      }
      const docs = await tx.all('SELECT number, counter_key, serial, record, status FROM documents ORDER BY number');
      // Each record is hashed as issued: with its images put back from the blobs table.
      const parsed = docs.map((d) =>
        attempt(() => {
          const stripped = JSON.parse(str(d.record)) as Record<string, unknown>;
          return { stripped, refs: blobRefsOf(stripped) };
        }),
      );
      const blobs = await fetchBlobs(tx, parsed.flatMap((p) => (p instanceof Error ? [] : [...p.refs])));
      const recordHash = (p: (typeof parsed)[number]): string | Error =>
        p instanceof Error ? p : attempt(() => canonicalSha256(inflateBlobs(p.stripped, (sha) => blobs.get(sha))));
      const bad: { seq: number; problem: string }[] = [];
      for (const [i, d] of docs.entries()) {
        const number = str(d.number);
        const entry = issued.get(number);
        if (!entry) {
          bad.push({ seq: 0, problem: `document ${number} has no issue entry in the audit log` });
          continue;
        }
        issued.delete(number);
        const hash = recordHash(parsed[i]!);
        if (hash instanceof Error) bad.push({ seq: entry.seq, problem: `document ${number}: its record cannot be read back (${hash.message})` });
        else if (hash !== entry.recordSha256)
          bad.push({ seq: entry.seq, problem: `document ${number}: its record no longer matches the issue entry` });
        else if (str(d.counter_key) !== entry.counterKey || num(d.serial) !== entry.serial)
          bad.push({ seq: entry.seq, problem: `document ${number}: counter key or serial differ from the issue entry` });
        else if (str(d.status) === 'voided' && !voided.has(number))
          bad.push({ seq: entry.seq, problem: `document ${number} is voided but the audit log has no void entry` });
      }
      for (const [number, e] of issued) bad.push({ seq: e.seq, problem: `issue entry for ${number} has no document` });
      if (bad.length === 0) return { ok: true, entries };
      bad.sort((a, b) => a.seq - b.seq);
      return { ok: false, entries, firstBad: bad[0]! };
    });
  }

  async integrityCheck(): Promise<IntegrityReport> {
    const problems = await this.db.backendProblems();
    problems.push(...(await this.db.read(async (tx) => [...counterProblems(await counterAggregates(tx)), ...(await integrityBlobProblems(tx))])));
    return { ok: problems.length === 0, problems };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** Per counter key: the counter row and what the documents on that key hold (counter-integrity.ts checks them). */
async function counterAggregates(tx: SqlTx): Promise<CounterAggregate[]> {
  const rows = await tx.all(`
    SELECT c.counter_key, c.last_serial, c.max_serial, COUNT(d.serial) AS documents,
           COUNT(DISTINCT d.serial) AS distinct_serials, MIN(d.serial) AS min_serial, MAX(d.serial) AS max_used
    FROM counters c LEFT JOIN documents d ON d.counter_key = c.counter_key
    GROUP BY c.counter_key, c.last_serial, c.max_serial
    UNION ALL
    SELECT d.counter_key, NULL, NULL, COUNT(*), COUNT(DISTINCT d.serial), MIN(d.serial), MAX(d.serial)
    FROM documents d WHERE NOT EXISTS (SELECT 1 FROM counters c WHERE c.counter_key = d.counter_key)
    GROUP BY d.counter_key`);
  const nullable = (v: unknown): number | null => (v == null ? null : num(v));
  return rows.map((r) => ({
    counterKey: str(r.counter_key),
    lastSerial: nullable(r.last_serial),
    maxSerial: nullable(r.max_serial),
    documents: num(r.documents),
    distinctSerials: num(r.distinct_serials),
    minSerial: nullable(r.min_serial),
    maxUsedSerial: nullable(r.max_used),
  }));
}

/** fn's result, or what it threw as an Error. */
function attempt<T>(fn: () => T): T | Error {
  try {
    return fn();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

const pick = (p: Readonly<Record<string, unknown>>) => ({ recordSha256: p.recordSha256, counterKey: p.counterKey, serial: p.serial });
