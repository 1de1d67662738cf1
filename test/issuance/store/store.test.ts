/**
 * The issuance registry's contract (src/issuance/store/types.ts), run against every backend:
 * idempotent batches, exhaustion, voiding, reprints, the append-only hash-chained audit log and
 * what tampering with it looks like, and readable errors when the database cannot be opened.
 */
import { describe, expect, it } from 'vitest';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKENDS, backendAvailable, withRaw, withStore, PG_URL } from './backends.js';
import { INSTITUTION, addInstitution, codeOf, errorOf, item, request } from './requests.js';
import { messageFor } from '../../../src/errors/catalog.js';
import { UserError, SystemError } from '../../../src/errors/user-error.js';
import { openStore } from '../../../src/issuance/store/open-store.js';
import { canonicalSha256 } from '../../../src/issuance/store/canonical-json.js';
import type { IssuanceStore } from '../../../src/issuance/store/types.js';

const auditCount = async (s: IssuanceStore): Promise<number> => (await s.auditEntries(1, 1_000_000)).length;
const counterState = async (s: IssuanceStore) => (await s.listDocuments({})).map((d) => [d.number, d.status]);

describe.each(BACKENDS)('issuance store (%s)', (backend) => {
  if (!backendAvailable(backend)) return;

  it('issues consecutive serials per key in item order and writes each number into its record', async () => {
    await withStore(backend, async (store) => {
      await addInstitution(store);
      const r = await store.issueBatch(request('b1', [item('KA', 's1'), item('KB', 's2'), item('KA', 's3')]));
      expect(r.replayed).toBe(false);
      expect(r.items.map((i) => [i.index, i.number, i.counterKey, i.serial, i.subject])).toEqual([
        [0, 'KA000001', 'KA', 1, 's1'],
        [1, 'KB000001', 'KB', 1, 's2'],
        [2, 'KA000002', 'KA', 2, 's3'],
      ]);
      const doc = await store.getDocument('KA000002');
      expect(doc).toMatchObject({ status: 'issued', batchId: r.batchId, serial: 2, subject: 's3', issueDate: '2025-06-30', institutionId: INSTITUTION.id });
      expect(doc!.record).toEqual({ holder: { name: '持证人s3', idNumber: 's3' }, certificate: { number: 'KA000002' } });
      expect((await store.listBatch(r.batchId)).map((d) => d.number)).toEqual(['KA000001', 'KB000001', 'KA000002']);
      expect(await store.getBatch(r.batchId)).toMatchObject({ idempotencyKey: 'b1', count: 3, kind: 'certificate' });
      const audit = await store.auditEntries();
      expect(audit.map((e) => [e.seq, e.action, e.subject])).toEqual([
        [1, 'institution', INSTITUTION.id],
        [2, 'issue', 'KA000001'],
        [3, 'issue', 'KB000001'],
        [4, 'issue', 'KA000002'],
      ]);
      expect(audit[3]!.payload).toMatchObject({ batchId: r.batchId, serial: 2, counterKey: 'KA', recordSha256: canonicalSha256(doc!.record) });
      expect(await store.verifyLedger()).toEqual({ ok: true, entries: 4 });
      expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    });
  });

  it('(d) replays a batch with the same idempotency key and content, refuses other content, allocates nothing', async () => {
    await withStore(backend, async (store) => {
      await addInstitution(store);
      const items = [item('KA', 's1'), item('KA', 's2')];
      const first = await store.issueBatch(request('same-key', items));
      const before = await auditCount(store);
      const again = await store.issueBatch(request('same-key', items, { actor: 'someone else' }));
      expect(again).toEqual({ ...first, replayed: true });
      expect(await auditCount(store)).toBe(before);

      const changed = [item('KA', 's1'), item('KA', 's2', 999_999, { extra: 1 })];
      const e = await errorOf(store.issueBatch(request('same-key', changed)));
      expect(e).toBeInstanceOf(UserError);
      expect(codeOf(e)).toBe('BATCH_IDEMPOTENCY_CONFLICT');
      expect((e as UserError).issues[0]).toMatchObject({ pointer: '/idempotencyKey', params: { key: 'same-key', batchId: first.batchId } });
      expect(codeOf(await errorOf(store.issueBatch(request('same-key', items, { issueDate: '2025-07-01' }))))).toBe('BATCH_IDEMPOTENCY_CONFLICT');
      expect(await auditCount(store)).toBe(before);
      expect((await store.listDocuments({})).map((d) => d.serial)).toEqual([1, 2]);

      // Two submissions of one new key at the same moment: one allocates, the other replays it.
      const [x, y] = await Promise.all([store.issueBatch(request('racing', [item('KA', 's3')])), store.issueBatch(request('racing', [item('KA', 's3')]))]);
      expect([x.replayed, y.replayed].sort()).toEqual([false, true]);
      expect(x.items).toEqual(y.items);
      expect(x.items[0]!.serial).toBe(3);
      expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    });
  });

  it('(e) exhausting the maximum serial is a clear error naming the key and the maximum, and writes nothing', async () => {
    await withStore(backend, async (store) => {
      await addInstitution(store);
      await store.issueBatch(request('b1', [item('KS', 's1', 3), item('KS', 's2', 3)]));
      const snapshot = [await counterState(store), await auditCount(store)];

      const e = await errorOf(store.issueBatch(request('b2', [item('KOK', 'x1'), item('KS', 's3', 3), item('KS', 's4', 3)])));
      expect(e).toBeInstanceOf(UserError);
      const issue = (e as UserError).issues[0]!;
      expect(issue).toMatchObject({ code: 'ISSUE_SERIAL_EXHAUSTED', pointer: '/items', params: { key: 'KS', max: 3, last: 2, needed: 2 } });
      const text = messageFor(issue.code, issue.params);
      expect(text.en).toContain('"KS"');
      expect(text.en).toContain('maximum is 3');
      expect(text.zh).toContain('上限 3');
      // all or nothing: the batch's other key did not move either, and the idempotency key is free
      expect([await counterState(store), await auditCount(store)]).toEqual(snapshot);
      expect(await store.getDocument('KOK000001')).toBeUndefined();

      const last = await store.issueBatch(request('b2', [item('KS', 's3', 3)]));
      expect(last.items[0]!.number).toBe('KS000003');
      expect(codeOf(await errorOf(store.issueBatch(request('b3', [item('KS', 's4', 3)]))))).toBe('ISSUE_SERIAL_EXHAUSTED');
      expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    });
  });

  it('a numberFor that throws, an empty batch, a bad maximum or an unknown institution write nothing', async () => {
    await withStore(backend, async (store) => {
      await addInstitution(store);
      const boom = new Error('number rule refused');
      const e = await errorOf(store.issueBatch(request('b1', [item('KA', 's1')], { numberFor: () => { throw boom; } })));
      expect(e).toBe(boom);
      expect(codeOf(await errorOf(store.issueBatch(request('b1', []))))).toBe('ISSUE_BATCH_EMPTY');
      const bad = await errorOf(store.issueBatch(request('b1', [item('KA', 's1'), item('KA', 's2', 0)])));
      expect((bad as UserError).issues[0]).toMatchObject({ code: 'ISSUE_MAX_SERIAL_INVALID', pointer: '/items/1/maxSerial' });
      expect(codeOf(await errorOf(store.issueBatch(request('b1', [item('KA', 's1')], { institutionId: 'nobody' }))))).toBe('ISSUE_INSTITUTION_UNKNOWN');
      const dup = await errorOf(store.issueBatch(request('b1', [item('KA', 's1'), item('KA', 's2')], { numberFor: () => 'SAME' })));
      expect((dup as UserError).issues[0]).toMatchObject({ code: 'ISSUE_NUMBER_TAKEN', params: { number: 'SAME' } });
      expect(await store.listDocuments({})).toEqual([]);
      expect(await auditCount(store)).toBe(1);
      const ok = await store.issueBatch(request('b1', [item('KA', 's1')]));
      expect(ok.items[0]!.serial).toBe(1);
    });
  });

  it('(f) voiding keeps the number, which is never handed out again; reprints are audited', async () => {
    await withStore(backend, async (store) => {
      await addInstitution(store);
      await store.issueBatch(request('b1', [item('KA', 's1'), item('KA', 's2')]));
      const voided = await store.voidDocument('KA000002', '信息有误', 'clerk');
      expect(voided).toMatchObject({ number: 'KA000002', status: 'voided', voidReason: '信息有误' });
      expect(await store.getDocument('KA000002')).toMatchObject({ status: 'voided', voidReason: '信息有误', voidedAt: voided.voidedAt });

      const next = await store.issueBatch(request('b2', [item('KA', 's2-again')]));
      expect(next.items[0]).toMatchObject({ number: 'KA000003', serial: 3 });

      const again = await errorOf(store.voidDocument('KA000002', 'twice', 'clerk'));
      expect((again as UserError).issues[0]).toMatchObject({ code: 'DOC_ALREADY_VOIDED', params: { number: 'KA000002', voidedAt: voided.voidedAt } });
      expect(codeOf(await errorOf(store.voidDocument('KA999999', 'x', 'clerk')))).toBe('DOC_UNKNOWN');
      expect(codeOf(await errorOf(store.recordReprint(['KA000001', 'KA000002'], 'clerk')))).toBe('DOC_ALREADY_VOIDED');
      expect(codeOf(await errorOf(store.recordReprint(['KA000001', 'NOPE'], 'clerk')))).toBe('DOC_UNKNOWN');

      const before = await auditCount(store);
      await store.recordReprint(['KA000001', 'KA000003'], 'clerk', '卡纸');
      const tail = await store.auditEntries(before + 1);
      expect(tail.map((e) => [e.action, e.subject, e.payload])).toEqual([
        ['reprint', 'KA000001', { reason: '卡纸' }],
        ['reprint', 'KA000003', { reason: '卡纸' }],
      ]);
      expect((await store.listDocuments({ status: 'voided' })).map((d) => d.number)).toEqual(['KA000002']);
      expect((await store.listDocuments({ status: 'issued' })).map((d) => d.number)).toEqual(['KA000001', 'KA000003']);
      expect(await store.verifyLedger()).toMatchObject({ ok: true });
      expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    });
  });

  it('filters documents by institution, kind, issue date range and status; keeps institutions', async () => {
    await withStore(backend, async (store) => {
      await addInstitution(store);
      await store.putInstitution({ ...INSTITUTION, id: 'other', code: 'S410100000002' }, 'tester');
      await store.issueBatch(request('b1', [item('KA', 'a')], { issueDate: '2025-05-31' }));
      await store.issueBatch(request('b2', [item('KA', 'b')], { issueDate: '2025-06-01' }));
      await store.issueBatch(request('b3', [item('KC', 'c')], { issueDate: '2025-06-30', kind: 'supervisor-card', formId: 'supervisor-id-card' }));
      await store.issueBatch(request('b4', [item('KO', 'd')], { issueDate: '2025-06-15', institutionId: 'other' }));
      const june = await store.listDocuments({ issueDateFrom: '2025-06-01', issueDateTo: '2025-06-30' });
      expect(june.map((d) => d.subject)).toEqual(['b', 'd', 'c']);
      expect((await store.listDocuments({ institutionId: INSTITUTION.id, kind: 'certificate' })).map((d) => d.subject)).toEqual(['a', 'b']);
      expect((await store.listInstitutions()).map((i) => i.id)).toEqual(['other', INSTITUTION.id]);
      const updated = await store.putInstitution({ ...INSTITUTION, name: '新名称' }, 'admin');
      expect(await store.getInstitution(INSTITUTION.id)).toEqual(updated);
      expect(updated).toMatchObject({ name: '新名称', data: { note: 'test' } });
      const last = (await store.auditEntries(1, 1000)).at(-1)!;
      expect(last).toMatchObject({ action: 'institution', subject: INSTITUTION.id, actor: 'admin', payload: { change: 'update', name: '新名称' } });
      expect(await store.getInstitution('missing')).toBeUndefined();
    });
  });

  it('keeps everything across close and reopen', async () => {
    await withStore(backend, async (store, target) => {
      await addInstitution(store);
      const r = await store.issueBatch(request('b1', [item('KA', 's1'), item('KA', 's2')]));
      await store.voidDocument('KA000001', 'x', 'clerk');
      const reopened = await target.open();
      try {
        expect((await reopened.listBatch(r.batchId)).map((d) => [d.number, d.status])).toEqual([['KA000001', 'voided'], ['KA000002', 'issued']]);
        expect((await reopened.issueBatch(request('b1', [item('KA', 's1'), item('KA', 's2')]))).replayed).toBe(true);
        expect((await reopened.issueBatch(request('b2', [item('KA', 's3')]))).items[0]!.serial).toBe(3);
        expect(await reopened.verifyLedger()).toEqual({ ok: true, entries: 5 });
      } finally {
        await reopened.close();
      }
    });
  });

  it('(g) refuses UPDATE and DELETE on the audit log and DELETE of documents', async () => {
    await withStore(backend, async (store, target) => {
      await addInstitution(store);
      await store.issueBatch(request('b1', [item('KA', 's1')]));
      await withRaw(target, async (raw) => {
        await expect(raw.exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")).rejects.toThrow(/append-only/);
        await expect(raw.exec('DELETE FROM audit_log WHERE seq = 2')).rejects.toThrow(/append-only/);
        await expect(raw.exec('DELETE FROM documents')).rejects.toThrow(/never deleted/);
        await expect(raw.exec("UPDATE documents SET record = '{}'")).rejects.toThrow(/never change/);
        await expect(raw.exec('UPDATE counters SET last_serial = 0')).rejects.toThrow(/only moves up/);
        if (backend === 'postgres') await expect(raw.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      });
      expect(await store.verifyLedger()).toEqual({ ok: true, entries: 2 });
    });
  });

  it('(g) an audit row changed behind the guard is reported by its seq', async () => {
    await withStore(backend, async (store, target) => {
      await addInstitution(store);
      await store.issueBatch(request('b1', [item('KA', 's1'), item('KA', 's2'), item('KA', 's3')]));
      await store.voidDocument('KA000002', 'x', 'clerk');
      expect(await store.verifyLedger()).toEqual({ ok: true, entries: 5 });
      await withRaw(target, async (raw) => {
        const drop = backend === 'sqlite' ? 'DROP TRIGGER audit_log_no_update' : 'DROP TRIGGER audit_log_append_only ON audit_log';
        await raw.exec(drop);
        // one character of entry 3's payload (the serial of KA000002) changed
        await raw.exec(`UPDATE audit_log SET payload = replace(payload, '"serial":2', '"serial":9') WHERE seq = 3`);
      });
      const report = await store.verifyLedger();
      expect(report.ok).toBe(false);
      expect(report.firstBad).toEqual({ seq: 3, problem: 'content changed: the stored hash does not match the entry' });
      const integrity = await store.integrityCheck();
      expect(integrity.ok).toBe(false);
      expect(integrity.problems.join('\n')).toMatch(/guard trigger audit_log_(no_update|append_only).* missing/);
    });
  });

  it('(g) a deleted audit row, a re-hashed row and an edited document record are each reported by seq', async () => {
    await withStore(backend, async (store, target) => {
      await addInstitution(store);
      await store.issueBatch(request('b1', [item('KA', 's1'), item('KA', 's2'), item('KA', 's3'), item('KA', 's4')]));
      const dropAll =
        backend === 'sqlite'
          ? 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER documents_fixed'
          : 'DROP TRIGGER audit_log_append_only ON audit_log; DROP TRIGGER documents_fixed ON documents';
      await withRaw(target, async (raw) => {
        await raw.exec(dropAll);
        // A record edited in place (the holder's name): its issue entry (seq 4 = KA000003) no longer matches.
        await raw.exec(`UPDATE documents SET record = replace(record, '持证人s3', '冒名者') WHERE number = 'KA000003'`);
        expect(await store.verifyLedger()).toMatchObject({ ok: false, firstBad: { seq: 4, problem: expect.stringContaining('KA000003') } });
        // An entry removed from the middle: the chain breaks at the next one.
        await raw.exec('DELETE FROM audit_log WHERE seq = 2');
        expect(await store.verifyLedger()).toMatchObject({ ok: false, firstBad: { seq: 3, problem: expect.stringContaining('sequence gap') } });
      });
    });
  });

  it('opening a registry that cannot be reached is STORE_UNAVAILABLE with a readable message', async () => {
    if (backend === 'sqlite') {
      const dir = await mkdtemp(join(tmpdir(), 'sef-store-bad-'));
      try {
        const notDb = join(dir, 'not-a-db.sqlite');
        await writeFile(notDb, 'this is a text file, not a database '.repeat(40));
        const e = await errorOf(openStore(notDb));
        expect(e).toBeInstanceOf(SystemError);
        expect((e as SystemError).code).toBe('STORE_UNAVAILABLE');
        expect((e as SystemError).message).toBe(`Cannot open the issuance registry (sqlite: ${notDb}): file is not a database`);
        const under = await errorOf(openStore(join(notDb, 'sub', 'x.sqlite')));
        expect((under as SystemError).code).toBe('STORE_UNAVAILABLE');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    } else {
      const u = new URL(PG_URL!);
      u.password = 'sekret-pw';
      u.port = '1';
      const e = await errorOf(openStore(u.toString()));
      expect(e).toBeInstanceOf(SystemError);
      expect((e as SystemError).code).toBe('STORE_UNAVAILABLE');
      expect((e as SystemError).message).toMatch(/^Cannot open the issuance registry \(postgres: postgres:\/\/.*:\*\*\*@127\.0\.0\.1:1\/.*\): .*ECONNREFUSED/);
      expect((e as SystemError).message).not.toContain('sekret-pw');
      expect(codeOf(await errorOf(openStore(`${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}schema=Bad-Name`)))).toBe('STORE_UNAVAILABLE');
    }
  });
});

