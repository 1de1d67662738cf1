/**
 * The registry's `blobs` table: each image's base64 once, under the SHA-256 of that text
 * (blob-refs.ts turns records into references and back). Rows are only ever inserted (triggers
 * refuse UPDATE and DELETE), so an image a document refers to stays as it was issued.
 */
import { allIn, type SqlTx } from './sql-driver.js';
import { blobRefsOf, type InlineImage } from './blob-refs.js';
import { sha256HexOf } from './canonical-json.js';

/** Rows per INSERT, and base64 characters per INSERT (an image may be up to 4 000 000 characters). */
const INSERT_ROWS = 200;
const INSERT_CHARS = 16_000_000;
/** Rows per page while scanning documents and blobs in integrityBlobProblems. */
const DOC_PAGE = 1000;
const BLOB_PAGE = 50;

const str = (v: unknown): string => String(v);

/** Inserts the blobs the registry does not have yet (in the caller's write transaction). */
export async function insertBlobs(tx: SqlTx, blobs: ReadonlyMap<string, InlineImage>): Promise<void> {
  let chunk: (readonly [string, InlineImage])[] = [];
  let chars = 0;
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    await tx.run(
      `INSERT INTO blobs (sha256, media_type, base64) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')} ON CONFLICT (sha256) DO NOTHING`,
      chunk.flatMap(([sha, b]) => [sha, b.mediaType, b.base64]),
    );
    chunk = [];
    chars = 0;
  };
  for (const entry of blobs) {
    if (chunk.length >= INSERT_ROWS || (chunk.length > 0 && chars + entry[1].base64.length > INSERT_CHARS)) await flush();
    chunk.push(entry);
    chars += entry[1].base64.length;
  }
  await flush();
}

/** The blobs with these SHA-256s (those the table has), a few hundred keys per query. */
export async function fetchBlobs(tx: SqlTx, shas: Iterable<string>): Promise<Map<string, InlineImage>> {
  const rows = await allIn(tx, [...new Set(shas)], (list) => `SELECT sha256, media_type, base64 FROM blobs WHERE sha256 IN (${list})`);
  return new Map(rows.map((r) => [str(r.sha256), { mediaType: str(r.media_type), base64: str(r.base64) }]));
}

/**
 * What integrityCheck reports about images: a reference no blob answers (once per missing blob,
 * naming how many documents refer to it and the first of them), a record whose references cannot
 * be read, and a blob whose base64 no longer has the SHA-256 it is filed under.
 */
export async function integrityBlobProblems(tx: SqlTx): Promise<string[]> {
  const problems: string[] = [];
  const referrers = new Map<string, { first: string; count: number }>();
  for (let after = ''; ; ) {
    const docs = await tx.all('SELECT number, record FROM documents WHERE number > ? ORDER BY number LIMIT ?', [after, DOC_PAGE]);
    if (docs.length === 0) break;
    for (const d of docs) {
      const number = str(d.number);
      let refs: Set<string>;
      try {
        refs = blobRefsOf(JSON.parse(str(d.record)));
      } catch (e) {
        problems.push(`document ${number}: its stored record cannot be read (${e instanceof Error ? e.message : String(e)})`);
        continue;
      }
      for (const sha of refs) {
        const r = referrers.get(sha);
        if (r) r.count++;
        else referrers.set(sha, { first: number, count: 1 });
      }
    }
    after = str(docs[docs.length - 1]!.number);
  }
  const present = new Set(
    (await allIn(tx, [...referrers.keys()], (list) => `SELECT sha256 FROM blobs WHERE sha256 IN (${list})`)).map((r) => str(r.sha256)),
  );
  for (const [sha, r] of referrers)
    if (!present.has(sha)) problems.push(`image blob ${sha} is missing (referred to by ${r.count} document(s), first ${r.first})`);

  for (let after = ''; ; ) {
    const blobs = await tx.all('SELECT sha256, base64 FROM blobs WHERE sha256 > ? ORDER BY sha256 LIMIT ?', [after, BLOB_PAGE]);
    if (blobs.length === 0) break;
    for (const b of blobs)
      if (sha256HexOf(str(b.base64)) !== str(b.sha256)) problems.push(`image blob ${str(b.sha256)}: its base64 no longer matches its SHA-256`);
    after = str(blobs[blobs.length - 1]!.sha256);
  }
  return problems;
}
