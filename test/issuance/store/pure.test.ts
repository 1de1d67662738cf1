/** The registry's pure pieces: canonical JSON, the audit chain, the counter invariant, store location, number pointer. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, canonicalSha256 } from '../../../src/issuance/store/canonical-json.js';
import { GENESIS_HASH, chainEntry, verifyChain } from '../../../src/issuance/store/audit-hash.js';
import { counterProblems } from '../../../src/issuance/store/counter-integrity.js';
import { defaultRegistryPath, resolveStoreLocation } from '../../../src/issuance/store/open-store.js';
import { withValueAt } from '../../../src/issuance/store/json-pointer-set.js';
import { requestFingerprint } from '../../../src/issuance/store/fingerprint.js';
import { parsePostgresUrl, redactUrl } from '../../../src/issuance/store/postgres-store.js';
import { item, request } from './requests.js';
import type { AuditEntry } from '../../../src/issuance/store/types.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: '是' }], a: null, c: undefined })).toBe('{"a":null,"b":[3,{"a":"是","z":1}]}');
  });
  it('is the same for any key order and parses back to the value', () => {
    /** The same value with every object's keys in reverse order. */
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]))
          : v;
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(reversed(v))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });
  it('refuses values without a JSON form', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/no JSON form/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/no JSON form/);
  });
});

describe('audit chain', () => {
  const chain = (n: number): AuditEntry[] => {
    const out: AuditEntry[] = [];
    for (let i = 0; i < n; i++)
      out.push(chainEntry(out[i - 1], { at: `2025-01-0${i + 1}T00:00:00.000Z`, action: 'issue', actor: 'a', subject: `N${i}`, payload: { i } }));
    return out;
  };
  it('links every entry to the previous hash, starting from 64 zeros', () => {
    const c = chain(3);
    expect(c[0]!.prevHash).toBe(GENESIS_HASH);
    expect(c[1]!.prevHash).toBe(c[0]!.hash);
    expect(c.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(c[0]!.hash).toBe(
      canonicalSha256({ seq: 1, at: '2025-01-01T00:00:00.000Z', action: 'issue', actor: 'a', subject: 'N0', payload: { i: 0 }, prevHash: GENESIS_HASH }),
    );
    expect(verifyChain(c)).toEqual({ ok: true, entries: 3 });
    expect(verifyChain(c.slice(1), c[0])).toEqual({ ok: true, entries: 2 });
  });
  it('reports the first changed, relinked or missing entry by seq', () => {
    const c = chain(5);
    expect(verifyChain(c.map((e) => (e.seq === 3 ? { ...e, actor: 'mallory' } : e))).firstBad).toEqual({
      seq: 3,
      problem: 'content changed: the stored hash does not match the entry',
    });
    expect(verifyChain(c.filter((e) => e.seq !== 2)).firstBad?.seq).toBe(3);
    // an attacker who re-hashes entry 2 still breaks the link of entry 3
    const forged = chainEntry(c[0], { at: c[1]!.at, action: 'issue', actor: 'mallory', subject: 'N1', payload: { i: 1 } });
    expect(verifyChain([c[0]!, forged, ...c.slice(2)]).firstBad).toMatchObject({ seq: 3, problem: expect.stringContaining('link broken') });
  });
});

describe('counterProblems', () => {
  const row = { counterKey: 'K', lastSerial: 3, maxSerial: 10, documents: 3, distinctSerials: 3, minSerial: 1, maxUsedSerial: 3 };
  it('accepts exactly 1..last', () => expect(counterProblems([row, { ...row, counterKey: 'E', lastSerial: 0, documents: 0, distinctSerials: 0, minSerial: null, maxUsedSerial: null }])).toEqual([]));
  it('names holes, duplicates, a stale counter and orphan documents', () => {
    expect(counterProblems([{ ...row, lastSerial: 4, maxUsedSerial: 4 }])).toEqual(['counter key K: 1 serial(s) missing between 1 and 4']);
    expect(counterProblems([{ ...row, documents: 4 }])).toEqual(['counter key K: 1 duplicate serial(s)']);
    expect(counterProblems([{ ...row, lastSerial: 5 }])).toEqual(['counter key K: counter says last serial 5, documents go up to 3']);
    expect(counterProblems([{ ...row, minSerial: 2 }])).toEqual(['counter key K: serials start at 2, not 1']);
    expect(counterProblems([{ ...row, lastSerial: null, maxSerial: null }])).toEqual(['counter key K: 3 document(s) but no counter row']);
  });
});

describe('store location', () => {
  const env = { HOME: '/home/u' } as NodeJS.ProcessEnv;
  it('defaults to the XDG data directory, never output/', () => {
    expect(defaultRegistryPath(env)).toBe('/home/u/.local/share/skill-eval-forms/registry.sqlite');
    expect(defaultRegistryPath({ ...env, XDG_DATA_HOME: '/data' })).toBe('/data/skill-eval-forms/registry.sqlite');
    expect(resolveStoreLocation(undefined, env)).toEqual({ backend: 'sqlite', path: '/home/u/.local/share/skill-eval-forms/registry.sqlite' });
  });
  it('takes the argument, then SEF_DB; postgres URLs go to PostgreSQL', () => {
    const withDb = { ...env, SEF_DB: 'postgresql://u@h/db' };
    expect(resolveStoreLocation(undefined, withDb)).toEqual({ backend: 'postgres', url: 'postgresql://u@h/db' });
    expect(resolveStoreLocation('sqlite:/x/r.sqlite', withDb)).toEqual({ backend: 'sqlite', path: '/x/r.sqlite' });
    expect(resolveStoreLocation('sqlite:///x/r.sqlite', env)).toEqual({ backend: 'sqlite', path: '/x/r.sqlite' });
    expect(resolveStoreLocation('/abs/reg.db', env)).toEqual({ backend: 'sqlite', path: '/abs/reg.db' });
    expect(resolveStoreLocation('postgres://u:p@h:5433/d?schema=s', env)).toEqual({ backend: 'postgres', url: 'postgres://u:p@h:5433/d?schema=s' });
  });
  it('splits the schema off a PostgreSQL URL and hides the password in messages', () => {
    expect(parsePostgresUrl('postgres://u:p@h:5433/d?schema=reg_1&sslmode=disable')).toEqual({
      connectionString: 'postgres://u:p@h:5433/d?sslmode=disable',
      schema: 'reg_1',
    });
    expect(() => parsePostgresUrl('postgres://h/d?schema=a;drop')).toThrow(/plain lower-case identifier/);
    expect(redactUrl('postgres://u:secret@h/d')).toBe('postgres://u:***@h/d');
  });
});

describe('number pointer and fingerprint', () => {
  it('writes the number into a copy, creating missing objects', () => {
    const rec = { holder: { name: '张三' } };
    expect(withValueAt(rec, '/certificate/number', 'N1')).toEqual({ holder: { name: '张三' }, certificate: { number: 'N1' } });
    expect(rec).toEqual({ holder: { name: '张三' } });
    expect(withValueAt({ 'a/b': {} }, '/a~1b/n', 1)).toEqual({ 'a/b': { n: 1 } });
    expect(() => withValueAt({ holder: 'x' }, '/holder/number', 1)).toThrow(/not an object/);
    expect(() => withValueAt({}, '/__proto__/polluted', 1)).toThrow(/refusing/);
    expect(() => withValueAt({}, '', 1)).toThrow(/must name a field/);
    expect(() => withValueAt({}, 'certificate/number', 1)).toThrow(/not a JSON pointer/);
  });
  it('copies the objects on the pointer\'s path and leaves the input as it was', () => {
    const photo = { mediaType: 'image/png', base64: 'AAAA' };
    const rec = { certificate: { kind: 'x' }, holder: { photo } };
    const out = withValueAt(rec, '/certificate/number', 'N1');
    expect(out).toEqual({ certificate: { kind: 'x', number: 'N1' }, holder: { photo } });
    expect(rec.certificate).toEqual({ kind: 'x' });
  });
  it('fingerprints content, not the actor or the number builder', () => {
    const base = request('k', [item('K', 's1')]);
    expect(requestFingerprint({ ...base, actor: 'other', numberFor: () => 'x' })).toBe(requestFingerprint(base));
    expect(requestFingerprint({ ...base, issueDate: '2025-07-01' })).not.toBe(requestFingerprint(base));
    expect(requestFingerprint(request('k', [item('K', 's1', 5)]))).not.toBe(requestFingerprint(base));
  });
});
