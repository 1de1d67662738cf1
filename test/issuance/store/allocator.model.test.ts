/**
 * (a) Model-based test of the allocator (reliability-anchors.md §6.2), on every backend: any
 * interleaving of issue (including replays, idempotency conflicts, exhaustion and two batches
 * submitted at the same moment), void, reprint and reopen keeps, after every step, the serials of
 * each counter key exactly 1..last (consecutive, unique), voided numbers present and never reused,
 * and the store equal to a plain in-memory model. The ledger and integrity checks pass at the end.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BACKENDS, backendAvailable, freshTarget, type Target } from './backends.js';
import { addInstitution, codeOf, errorOf, item, numberFor, request } from './requests.js';
import type { IssuanceStore, IssueItem } from '../../../src/issuance/store/types.js';

/** Three keys; KS is small so that exhaustion happens often. */
const KEYS = ['KA', 'KB', 'KS'] as const;
const MAX: Record<string, number> = { KA: 999_999, KB: 999_999, KS: 5 };

interface Model {
  last: Map<string, number>;
  /** number → status, in issue order */
  docs: Map<string, 'issued' | 'voided'>;
  /** idempotency key → the content it was first used with, and the numbers it got */
  batches: Map<string, { content: string; numbers: string[] }>;
  audit: number;
}
interface Real {
  store: IssuanceStore;
  readonly target: Target;
}

type Spec = { keys: number[]; variant: number };
const itemsOf = (spec: Spec, tag: string): IssueItem[] =>
  spec.keys.map((k, i) => item(KEYS[k]!, `${tag}-${i}`, MAX[KEYS[k]!], { variant: spec.variant }));
const contentOf = (spec: Spec): string => JSON.stringify(spec);

/** What the model expects from issuing `spec` under a new key, or the error code. */
function allocate(m: Model, spec: Spec): { numbers: string[] } | { code: 'ISSUE_SERIAL_EXHAUSTED' } {
  const need = new Map<string, number>();
  for (const k of spec.keys) need.set(KEYS[k]!, (need.get(KEYS[k]!) ?? 0) + 1);
  for (const [key, n] of need) if ((m.last.get(key) ?? 0) + n > MAX[key]!) return { code: 'ISSUE_SERIAL_EXHAUSTED' };
  const numbers = spec.keys.map((k) => {
    const key = KEYS[k]!;
    const serial = (m.last.get(key) ?? 0) + 1;
    m.last.set(key, serial);
    return numberFor(key, serial);
  });
  for (const n of numbers) m.docs.set(n, 'issued');
  m.audit += numbers.length;
  return { numbers };
}

async function checkInvariants(m: Model, r: Real): Promise<void> {
  const docs = await r.store.listDocuments({});
  expect(new Set(docs.map((d) => d.number)).size).toBe(docs.length);
  for (const key of KEYS) {
    const serials = docs.filter((d) => d.counterKey === key).map((d) => d.serial);
    expect(serials, key).toEqual(Array.from({ length: m.last.get(key) ?? 0 }, (_, i) => i + 1));
  }
  expect(new Map(docs.map((d) => [d.number, d.status]))).toEqual(m.docs);
}

class IssueCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly idem: string, readonly spec: Spec) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const req = request(this.idem, itemsOf(this.spec, this.idem));
    const seen = m.batches.get(this.idem);
    if (seen) {
      if (seen.content === contentOf(this.spec)) {
        const res = await r.store.issueBatch(req);
        expect(res.replayed).toBe(true);
        expect(res.items.map((i) => i.number)).toEqual(seen.numbers);
      } else expect(codeOf(await errorOf(r.store.issueBatch(req)))).toBe('BATCH_IDEMPOTENCY_CONFLICT');
    } else {
      const want = allocate(m, this.spec);
      if ('code' in want) expect(codeOf(await errorOf(r.store.issueBatch(req)))).toBe(want.code);
      else {
        const res = await r.store.issueBatch(req);
        expect(res.replayed).toBe(false);
        expect(res.items.map((i) => i.number)).toEqual(want.numbers);
        m.batches.set(this.idem, { content: contentOf(this.spec), numbers: want.numbers });
      }
    }
    await checkInvariants(m, r);
  }
  toString = () => `issue(${this.idem}, ${contentOf(this.spec)})`;
}

/** Two new batches on the non-exhaustible keys submitted at the same moment. */
class ConcurrentIssueCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly a: Spec, readonly b: Spec, readonly tag: number) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const keys = [`c${this.tag}-a`, `c${this.tag}-b`];
    if (keys.some((k) => m.batches.has(k))) return;
    const [ra, rb] = await Promise.all([
      r.store.issueBatch(request(keys[0]!, itemsOf(this.a, keys[0]!))),
      r.store.issueBatch(request(keys[1]!, itemsOf(this.b, keys[1]!))),
    ]);
    // Whichever committed first took the lower serials of a key both use; the model replays that order
    // and must then predict every number exactly (consecutive per key, each batch in item order).
    const minOn = (items: readonly { counterKey: string; serial: number }[], key: string) =>
      Math.min(...items.filter((i) => i.counterKey === key).map((i) => i.serial));
    const shared = KEYS.find((k) => ra.items.some((i) => i.counterKey === k) && rb.items.some((i) => i.counterKey === k));
    const firstIsA = shared === undefined || minOn(ra.items, shared) < minOn(rb.items, shared);
    const order = firstIsA ? ([[this.a, ra, keys[0]!], [this.b, rb, keys[1]!]] as const) : ([[this.b, rb, keys[1]!], [this.a, ra, keys[0]!]] as const);
    for (const [spec, res, idem] of order) {
      const want = allocate(m, spec);
      expect(want).toEqual({ numbers: res.items.map((i) => i.number) });
      m.batches.set(idem, { content: contentOf(spec), numbers: res.items.map((i) => i.number) });
    }
    await checkInvariants(m, r);
  }
  toString = () => `concurrent(${contentOf(this.a)}, ${contentOf(this.b)})`;
}

class VoidCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const numbers = [...m.docs.keys()];
    if (numbers.length === 0) {
      expect(codeOf(await errorOf(r.store.voidDocument('KA999999', 'no such', 'model')))).toBe('DOC_UNKNOWN');
      return;
    }
    const n = numbers[this.pick % numbers.length]!;
    if (m.docs.get(n) === 'voided') expect(codeOf(await errorOf(r.store.voidDocument(n, 'again', 'model')))).toBe('DOC_ALREADY_VOIDED');
    else {
      expect((await r.store.voidDocument(n, 'model', 'model')).status).toBe('voided');
      m.docs.set(n, 'voided');
      m.audit++;
    }
    await checkInvariants(m, r);
  }
  toString = () => `void(#${this.pick})`;
}

class ReprintCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.docs.size > 0;
  async run(m: Model, r: Real): Promise<void> {
    const numbers = [...m.docs.keys()];
    const n = numbers[this.pick % numbers.length]!;
    if (m.docs.get(n) === 'voided') expect(codeOf(await errorOf(r.store.recordReprint([n], 'model')))).toBe('DOC_ALREADY_VOIDED');
    else {
      await r.store.recordReprint([n], 'model', 'model');
      m.audit++;
    }
    await checkInvariants(m, r);
  }
  toString = () => `reprint(#${this.pick})`;
}

class ReopenCmd implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await r.store.close();
    r.store = await r.target.open();
    await checkInvariants(m, r);
  }
  toString = () => 'reopen';
}

const spec = (keyIndices: fc.Arbitrary<number>) => fc.record({ keys: fc.array(keyIndices, { minLength: 1, maxLength: 4 }), variant: fc.integer({ min: 0, max: 1 }) });
const commands = [
  fc.tuple(fc.constantFrom('b0', 'b1', 'b2', 'b3', 'b4', 'b5'), spec(fc.integer({ min: 0, max: 2 }))).map(([k, s]) => new IssueCmd(k, s)),
  fc.tuple(spec(fc.integer({ min: 0, max: 1 })), spec(fc.integer({ min: 0, max: 1 })), fc.nat(1_000_000)).map(([a, b, t]) => new ConcurrentIssueCmd(a, b, t)),
  fc.nat(50).map((p) => new VoidCmd(p)),
  fc.nat(50).map((p) => new ReprintCmd(p)),
  fc.constant(new ReopenCmd()),
];

describe.each(BACKENDS)('allocator model (%s)', (backend) => {
  if (!backendAvailable(backend)) return;

  it('(a) any interleaving of issue/void/reprint/reopen keeps serials consecutive per key, unique, never reused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: 'large' }), async (cmds) => {
        const target = await freshTarget(backend);
        const real: Real = { store: await target.open(), target };
        try {
          await addInstitution(real.store);
          const model: Model = { last: new Map(), docs: new Map(), batches: new Map(), audit: 1 };
          await fc.asyncModelRun(() => ({ model, real }), cmds);
          expect(await real.store.integrityCheck()).toEqual({ ok: true, problems: [] });
          expect(await real.store.verifyLedger()).toEqual({ ok: true, entries: model.audit });
        } finally {
          await real.store.close();
          await target.cleanup();
        }
      }),
      { numRuns: backend === 'sqlite' ? 40 : 25 },
    );
  });
});
