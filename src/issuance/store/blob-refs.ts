/**
 * Content-addressed images in stored records. A render record embeds every image inline as
 * `{ "mediaType": …, "base64": … }` (schemas/common/image.schema.json); the institution's seal is the
 * same in every record of a batch. The registry keeps each image's base64 once, under the SHA-256
 * of its base64 text, and stores records with references instead:
 *
 *   { "mediaType": "image/png", "base64": "iVBOR…" }  ⇄  { "mediaType": "image/png", "$blob": "<sha256 hex>" }
 *
 * Only the `base64` member is replaced, in place: the object's other members (its mediaType too)
 * and the order of its keys stay as given, so inflating gives back the same JSON text, and one
 * base64 text declared under two media types still comes back as each record declared it.
 * An input key that already looks like a reference (`$blob`, `$$blob`, …) is escaped with one more
 * `$` and unescaped on the way back, so no record can be mistaken for one that holds a reference.
 * Arrays and scalars are copied as they are. Pure: the store does the SQL (blob-table.ts).
 */
import { sha256HexOf } from './canonical-json.js';

const BLOB_REF_KEY = '$blob';
/** Deepest object/array nesting accepted, the record itself being level 0 (render records are a few levels deep). */
export const MAX_BLOB_DEPTH = 64;

export interface InlineImage {
  readonly mediaType: string;
  readonly base64: string;
}

export interface ExtractedRecord {
  /** The record with every inline image's base64 replaced by a `$blob` reference. */
  readonly stripped: Record<string, unknown>;
  /** The images it referred to, by the SHA-256 (hex) of their base64 text. */
  readonly blobs: Map<string, InlineImage>;
}

/** Looks a blob up by its SHA-256; undefined when the registry does not have it. */
export type BlobLookup = (sha256: string) => InlineImage | undefined;

const REF_LIKE = /^\$+blob$/;
const ESCAPED_REF_LIKE = /^\$\$+blob$/;

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

const isInlineImage = (o: Record<string, unknown>): o is Record<string, unknown> & InlineImage =>
  typeof o.mediaType === 'string' && typeof o.base64 === 'string';

const tooDeep = (): RangeError => new RangeError(`record nests deeper than ${MAX_BLOB_DEPTH} levels`);

/** The record's images moved out into `blobs`, referenced by their SHA-256. */
export function extractBlobs(record: Readonly<Record<string, unknown>>): ExtractedRecord {
  const blobs = new Map<string, InlineImage>();
  const walk = (value: unknown, depth: number): unknown => {
    const array = Array.isArray(value);
    if (!array && !isPlainObject(value)) return value;
    if (depth > MAX_BLOB_DEPTH) throw tooDeep();
    if (array) return value.map((v) => walk(v, depth + 1));
    const image = isInlineImage(value);
    const entries = Object.entries(value).map(([k, v]): [string, unknown] => {
      if (image && k === 'base64') {
        const sha = sha256HexOf(value.base64);
        if (!blobs.has(sha)) blobs.set(sha, { mediaType: value.mediaType, base64: value.base64 });
        return [BLOB_REF_KEY, sha];
      }
      return [REF_LIKE.test(k) ? `$${k}` : k, walk(v, depth + 1)];
    });
    return Object.fromEntries(entries);
  };
  if (!isPlainObject(record)) throw new TypeError('extractBlobs: a record must be a plain object');
  return { stripped: walk(record, 0) as Record<string, unknown>, blobs };
}

const refOf = (o: Record<string, unknown>): string => {
  const sha = o[BLOB_REF_KEY];
  if (typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha)) throw new RangeError(`malformed image reference ${JSON.stringify(sha)}`);
  return sha;
};

/** The SHA-256s a stripped record refers to. */
export function blobRefsOf(stripped: unknown): Set<string> {
  const refs = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    if (!Array.isArray(value) && !isPlainObject(value)) return;
    if (depth > MAX_BLOB_DEPTH) throw tooDeep();
    if (Array.isArray(value)) for (const v of value) walk(v, depth + 1);
    else
      for (const [k, v] of Object.entries(value)) {
        if (k === BLOB_REF_KEY) refs.add(refOf(value));
        else walk(v, depth + 1);
      }
  };
  walk(stripped, 0);
  return refs;
}

/** The inverse of extractBlobs: every reference replaced by its image's base64, escaped keys restored. */
export function inflateBlobs(stripped: Readonly<Record<string, unknown>>, lookup: BlobLookup): Record<string, unknown> {
  const walk = (value: unknown, depth: number): unknown => {
    const array = Array.isArray(value);
    if (!array && !isPlainObject(value)) return value;
    if (depth > MAX_BLOB_DEPTH) throw tooDeep();
    if (array) return value.map((v) => walk(v, depth + 1));
    const entries = Object.entries(value).map(([k, v]): [string, unknown] => {
      if (k === BLOB_REF_KEY) {
        const sha = refOf(value);
        const blob = lookup(sha);
        if (blob === undefined) throw new Error(`image blob ${sha} is missing from the registry`);
        return ['base64', blob.base64];
      }
      return [ESCAPED_REF_LIKE.test(k) ? k.slice(1) : k, walk(v, depth + 1)];
    });
    return Object.fromEntries(entries);
  };
  if (!isPlainObject(stripped)) throw new TypeError('inflateBlobs: a record must be a plain object');
  return walk(stripped, 0) as Record<string, unknown>;
}
