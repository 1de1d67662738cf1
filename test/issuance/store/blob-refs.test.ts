/** Content-addressed images in stored records (src/issuance/store/blob-refs.ts): pure round trips. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { MAX_BLOB_DEPTH, blobRefsOf, extractBlobs, inflateBlobs, type InlineImage } from '../../../src/issuance/store/blob-refs.js';

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const SEAL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PHOTO = '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYHCAgGCgkKCgoJ';

const lookupIn = (blobs: ReadonlyMap<string, InlineImage>) => (s: string) => blobs.get(s);
const roundTrip = (record: Record<string, unknown>): string => {
  const { stripped, blobs } = extractBlobs(record);
  // what the store does: the stripped record goes through JSON text
  return JSON.stringify(inflateBlobs(JSON.parse(JSON.stringify(stripped)) as Record<string, unknown>, lookupIn(blobs)));
};

describe('extractBlobs', () => {
  const record = {
    holder: { name: '张三', photo: { mediaType: 'image/jpeg', base64: PHOTO } },
    institution: { seals: [{ mediaType: 'image/png', base64: SEAL, label: '评价机构印章' }, { mediaType: 'image/png', base64: SEAL }] },
    note: 'base64',
  };

  it('replaces each inline image\'s base64 by the SHA-256 of that text, in place, keeping the other members', () => {
    const { stripped, blobs } = extractBlobs(record);
    expect(JSON.stringify(stripped)).toBe(
      JSON.stringify({
        holder: { name: '张三', photo: { mediaType: 'image/jpeg', $blob: sha(PHOTO) } },
        institution: { seals: [{ mediaType: 'image/png', $blob: sha(SEAL), label: '评价机构印章' }, { mediaType: 'image/png', $blob: sha(SEAL) }] },
        note: 'base64',
      }),
    );
    expect([...blobs.entries()]).toEqual([
      [sha(PHOTO), { mediaType: 'image/jpeg', base64: PHOTO }],
      [sha(SEAL), { mediaType: 'image/png', base64: SEAL }],
    ]);
    expect(blobRefsOf(stripped)).toEqual(new Set([sha(PHOTO), sha(SEAL)]));
    // the input is not modified
    expect(record.holder.photo.base64).toBe(PHOTO);
  });

  it('leaves objects that are not inline images, arrays and strings as they are', () => {
    const other = {
      file: { file: 'assets/photo.jpg' },
      notImage: { mediaType: 'image/png', base64: 42 },
      onlyType: { mediaType: 'image/png' },
      list: ['image/png', SEAL, 3, null, [SEAL]],
      text: `{"mediaType":"image/png","base64":"${SEAL}"}`,
    };
    const { stripped, blobs } = extractBlobs(other);
    expect(JSON.stringify(stripped)).toBe(JSON.stringify(other));
    expect(blobs.size).toBe(0);
  });

  it('gives back the same JSON text: key order, the declared media type and extra keys survive', () => {
    const odd = {
      a: { base64: SEAL, mediaType: 'image/png', dpi: 300 },
      b: { mediaType: 'image/jpeg', base64: SEAL },
      c: [{ x: 1, base64: PHOTO, y: [2], mediaType: 'image/jpeg' }],
    };
    const { stripped, blobs } = extractBlobs(odd);
    expect(blobs.size).toBe(2);
    expect(Object.keys(stripped.a as object)).toEqual(['$blob', 'mediaType', 'dpi']);
    // one base64 text declared under two media types: each record keeps its own
    expect(roundTrip(odd)).toBe(JSON.stringify(odd));
  });

  it('escapes input keys that look like references, so they never read back as images', () => {
    const tricky = {
      $blob: sha(SEAL),
      nested: { $$blob: 'x', $blobs: 1, blob: 2 },
      image: { mediaType: 'image/png', base64: SEAL, $blob: 'kept' },
    };
    const { stripped, blobs } = extractBlobs(tricky);
    expect(stripped).toEqual({
      $$blob: sha(SEAL),
      nested: { $$$blob: 'x', $blobs: 1, blob: 2 },
      image: { mediaType: 'image/png', $blob: sha(SEAL), $$blob: 'kept' },
    });
    expect(blobRefsOf(stripped)).toEqual(new Set([sha(SEAL)]));
    expect(inflateBlobs(stripped, lookupIn(blobs))).toEqual(tricky);
  });

  it('refuses records nested deeper than the bound', () => {
    const nest = (depth: number): Record<string, unknown> => {
      let v: Record<string, unknown> = { mediaType: 'image/png', base64: SEAL };
      for (let i = 0; i < depth; i++) v = { v };
      return v;
    };
    expect(extractBlobs(nest(MAX_BLOB_DEPTH)).blobs.size).toBe(1);
    expect(() => extractBlobs(nest(MAX_BLOB_DEPTH + 1))).toThrow(new RangeError(`record nests deeper than ${MAX_BLOB_DEPTH} levels`));
    expect(() => inflateBlobs(nest(MAX_BLOB_DEPTH + 1), () => undefined)).toThrow(RangeError);
  });

  it('round-trips any JSON record, images or not, to the same text', () => {
    const key = fc.oneof(fc.constantFrom('$blob', '$$blob', 'mediaType', 'base64', 'a', '__proto__'), fc.string({ maxLength: 6 }));
    const leaf = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, tie('image'), fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(key, tie('tree'), { maxKeys: 4 })),
      image: fc.record(
        { mediaType: fc.constantFrom('image/png', 'image/jpeg'), base64: fc.constantFrom(SEAL, PHOTO, 'AAAA'), extra: tie('tree') },
        { requiredKeys: ['mediaType', 'base64'] },
      ),
    }));
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 5 }), (record) => {
        const text = JSON.stringify(record);
        expect(roundTrip(JSON.parse(text) as Record<string, unknown>)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('inflateBlobs', () => {
  it('names a missing blob and a malformed reference', () => {
    const missing = sha('nothing');
    expect(() => inflateBlobs({ seal: { mediaType: 'image/png', $blob: missing } }, () => undefined)).toThrow(
      `image blob ${missing} is missing from the registry`,
    );
    expect(() => inflateBlobs({ seal: { $blob: 'not-a-hash' } }, () => undefined)).toThrow('malformed image reference "not-a-hash"');
    expect(() => blobRefsOf({ seal: { $blob: 7 } })).toThrow('malformed image reference 7');
  });
});
