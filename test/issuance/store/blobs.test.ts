/**
 * Content-addressed images in the registry, on every backend: a batch whose records share one
 * seal stores it once, callers get every record back exactly as submitted (images inline), the
 * audit anchors the full record, and a changed or missing image is reported.
 */
import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { BACKENDS, backendAvailable, withRaw, withStore, type RawSql } from './backends.js';
import { addInstitution, request } from './requests.js';
import { canonicalSha256 } from '../../../src/issuance/store/canonical-json.js';
import { withValueAt } from '../../../src/issuance/store/json-pointer-set.js';
import type { IssueItem } from '../../../src/issuance/store/types.js';

const N = 30;
const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const SEAL = randomBytes(6000).toString('base64');
const photos = Array.from({ length: N }, () => randomBytes(1500).toString('base64'));

/** Records as the batch builder makes them: the holder's photo, the institution's seal (twice). */
const items = (from: number, pics: readonly string[]): IssueItem[] =>
  pics.map((photo, i) => ({
    counterKey: 'KA',
    maxSerial: 999_999,
    subject: `s${from + i}`,
    record: {
      holder: { name: `持证人${from + i}`, photo: i % 2 === 0 ? { mediaType: 'image/jpeg', base64: photo } : { base64: photo, mediaType: 'image/jpeg' } },
      institution: { name: '测试评价机构', seal: { mediaType: 'image/png', base64: SEAL } },
      signatures: [{ role: '评价机构', seal: { mediaType: 'image/png', base64: SEAL, widthMm: 40 } }],
    },
  }));

const countOf = async (raw: RawSql, sql: string): Promise<number> => Number((await raw.query(sql))[0]!.n);

describe.each(BACKENDS)('registry images (%s)', (backend) => {
  if (!backendAvailable(backend)) return;

  it('stores each image once and gives every record back as submitted, images inline', async () => {
    await withStore(backend, async (store, target) => {
      await addInstitution(store);
      const batch = items(1, photos);
      const issued = await store.issueBatch(request('b1', batch));
      const expected = new Map(issued.items.map((it) => [it.number, JSON.stringify(withValueAt(batch[it.index]!.record, '/certificate/number', it.number))]));

      await withRaw(target, async (raw) => {
        expect(await countOf(raw, 'SELECT COUNT(*) AS n FROM blobs')).toBe(N + 1);
        const stored = String((await raw.query("SELECT record FROM documents WHERE number = 'KA000002'"))[0]!.record);
        expect(stored).not.toContain(SEAL);
        expect(stored).not.toContain(photos[1]);
        expect(JSON.parse(stored)).toEqual({
          holder: { name: '持证人2', photo: { $blob: sha(photos[1]!), mediaType: 'image/jpeg' } },
          institution: { name: '测试评价机构', seal: { mediaType: 'image/png', $blob: sha(SEAL) } },
          signatures: [{ role: '评价机构', seal: { mediaType: 'image/png', $blob: sha(SEAL), widthMm: 40 } }],
          certificate: { number: 'KA000002' },
        });
        const seal = await raw.query(`SELECT media_type, base64 FROM blobs WHERE sha256 = '${sha(SEAL)}'`);
        expect(seal).toEqual([{ media_type: 'image/png', base64: SEAL }]);
      });

      // every read path returns the same JSON text that was submitted (with the number written in)
      const text = (r: unknown): string => JSON.stringify(r);
      const listed = await store.listBatch(issued.batchId);
      expect(listed.map((d) => [d.number, text(d.record)])).toEqual([...expected]);
      expect((await store.listDocuments({})).map((d) => [d.number, text(d.record)])).toEqual([...expected]);
      for (const number of ['KA000001', 'KA000002', `KA0000${N}`]) expect(text((await store.getDocument(number))!.record)).toBe(expected.get(number));
      const voided = await store.voidDocument('KA000003', '信息有误', 'clerk');
      expect(text(voided.record)).toBe(expected.get('KA000003'));

      // the audit anchors the full record, images inline
      const audit = await store.auditEntries(1, 1000);
      const issueOf3 = audit.find((e) => e.action === 'issue' && e.subject === 'KA000003')!;
      expect(issueOf3.payload.recordSha256).toBe(canonicalSha256(JSON.parse(expected.get('KA000003')!)));

      // a replay returns the same numbers and stores nothing; a later batch reuses the seal
      const again = await store.issueBatch(request('b1', batch, { actor: 'someone else' }));
      expect(again).toEqual({ ...issued, replayed: true });
      const more = photos.slice(0, 3).map((p) => `${p}AAAA`);
      await store.issueBatch(request('b2', items(N + 1, more)));
      expect(await withRaw(target, (raw) => countOf(raw, 'SELECT COUNT(*) AS n FROM blobs'))).toBe(N + 1 + 3);
      expect(await store.verifyLedger()).toEqual({ ok: true, entries: 1 + N + 1 + 3 });
      expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    });
  });

  it('refuses changing or deleting a blob', async () => {
    await withStore(backend, async (store, target) => {
      await addInstitution(store);
      await store.issueBatch(request('b1', items(1, photos.slice(0, 2))));
      await withRaw(target, async (raw) => {
        await expect(raw.exec("UPDATE blobs SET base64 = 'AAAA'")).rejects.toThrow(/never changes/);
        await expect(raw.exec('DELETE FROM blobs')).rejects.toThrow(/never deleted/);
        if (backend === 'postgres') await expect(raw.exec('TRUNCATE blobs')).rejects.toThrow(/never deleted/);
        expect(await countOf(raw, 'SELECT COUNT(*) AS n FROM blobs')).toBe(3);
      });
      expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    });
  });

  it('a blob changed behind its guard is reported by integrityCheck and verifyLedger', async () => {
    await withStore(backend, async (store, target) => {
      await addInstitution(store);
      await store.issueBatch(request('b1', items(1, photos.slice(0, 4))));
      await withRaw(target, async (raw) => {
        await raw.exec(backend === 'sqlite' ? 'DROP TRIGGER blobs_no_update' : 'DROP TRIGGER blobs_append_only ON blobs');
        // the seal's first four characters swapped for others
        await raw.exec(`UPDATE blobs SET base64 = 'QUJD' || substr(base64, 5) WHERE sha256 = '${sha(SEAL)}'`);
      });
      const integrity = await store.integrityCheck();
      expect(integrity.ok).toBe(false);
      expect(integrity.problems).toContain(`image blob ${sha(SEAL)}: its base64 no longer matches its SHA-256`);
      expect(integrity.problems.join('\n')).toMatch(/guard trigger blobs_(no_update|append_only).* missing/);
      // every record embeds the seal: the first issue entry (seq 2) no longer matches its document
      expect(await store.verifyLedger()).toEqual({
        ok: false,
        entries: 5,
        firstBad: { seq: 2, problem: 'document KA000001: its record no longer matches the issue entry' },
      });
    });
  });

  it('a missing blob is reported by integrityCheck and verifyLedger, and reading its document names it', async () => {
    await withStore(backend, async (store, target) => {
      await addInstitution(store);
      await store.issueBatch(request('b1', items(1, photos.slice(0, 3))));
      await withRaw(target, async (raw) => {
        await raw.exec(backend === 'sqlite' ? 'DROP TRIGGER blobs_no_delete' : 'DROP TRIGGER blobs_append_only ON blobs');
        await raw.exec(`DELETE FROM blobs WHERE sha256 = '${sha(photos[1]!)}'`);
      });
      const integrity = await store.integrityCheck();
      expect(integrity.problems).toContain(`image blob ${sha(photos[1]!)} is missing (referred to by 1 document(s), first KA000002)`);
      expect(await store.verifyLedger()).toEqual({
        ok: false,
        entries: 4,
        firstBad: { seq: 3, problem: `document KA000002: its record cannot be read back (image blob ${sha(photos[1]!)} is missing from the registry)` },
      });
      await expect(store.getDocument('KA000002')).rejects.toThrow(`image blob ${sha(photos[1]!)} is missing from the registry`);
      expect((await store.getDocument('KA000001'))!.record).toMatchObject({ holder: { photo: { base64: photos[0] } } });
    });
  });
});
