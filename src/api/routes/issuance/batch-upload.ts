/**
 * Reads the multipart body of POST /batches into a job's input/ folder, streaming, under limits:
 *  - fields `institution` (required), `issueDate` (default: today in China), `formId`, `kind`,
 *    `chunkSize`, `branch` — each checked here, so a bad value is a 400 naming the field;
 *  - one file `roster`: XLSX (a ZIP: `PK\x03\x04`), CSV or JSON (text: no NUL byte), judged by its
 *    first bytes — a name saying otherwise is refused (415);
 *  - `photos`: one ZIP, or several JPEG/PNG images (also judged by their bytes), never both;
 *  - file count, bytes per file and field sizes bounded (413). The bytes of each photo are decoded
 *    later, under the renderer's pixel cap (src/layout/images.ts), and a ZIP's entries under the
 *    roster photo reader's own bounds (src/issuance/roster/photos.ts).
 * Every file is hashed while it is written; the hashes and the fields make the content fingerprint
 * that idempotency compares.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { Multipart, MultipartFile } from '@fastify/multipart';

import { UserError } from '../../../errors/user-error.js';
import { isIsoDate, todayInChina } from '../../../codes/index.js';
import { sniffImageType } from '../../../layout/image-type.js';
import { MAX_PHOTO_BYTES } from '../../../issuance/roster/photos.js';
import { checkChunkSize, DEFAULT_CHUNK_SIZE } from '../../../issuance/batch/render-chunks.js';
import { STYLE_1, STYLE_2, SUPERVISOR_CARD } from '../../../issuance/roster/prepare.js';
import { canonicalJson } from '../../../issuance/store/canonical-json.js';
import type { RosterFormat } from '../../../issuance/roster/types.js';
import { INPUT_DIR } from '../../jobs/job-files.js';

const MiB = 1024 * 1024;

export interface UploadLimits {
  readonly rosterBytes: number;
  readonly photoZipBytes: number;
  readonly photoBytes: number;
  /** Photo image parts per request (more photos go in one ZIP). */
  readonly photoFiles: number;
  readonly fieldBytes: number;
  readonly fields: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  rosterBytes: 8 * MiB,
  photoZipBytes: 256 * MiB,
  photoBytes: MAX_PHOTO_BYTES,
  photoFiles: 2000,
  fieldBytes: 1024,
  fields: 12,
};

export const BATCH_FORMS = [STYLE_1, STYLE_2, SUPERVISOR_CARD] as const;
export const BATCH_KINDS = ['certificate', 'supervisor-card'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

const FIELD_NAMES = ['institution', 'issueDate', 'formId', 'kind', 'chunkSize', 'branch'] as const;
type FieldName = (typeof FIELD_NAMES)[number];
const FILE_NAMES = ['roster', 'photos'] as const;
const ALLOWED = [...FIELD_NAMES, ...FILE_NAMES].join(', ');

const INSTITUTION_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface BatchFields {
  readonly institution: string;
  readonly issueDate: string;
  readonly formId?: (typeof BATCH_FORMS)[number];
  readonly kind?: BatchKind;
  readonly chunkSize: number;
  readonly branch?: string;
}

export interface StoredFile {
  /** Relative to the job folder. */
  readonly path: string;
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface BatchUpload {
  readonly fields: BatchFields;
  readonly roster: StoredFile & { readonly format: RosterFormat };
  /** Relative to the job folder: the ZIP, or the folder of the images. */
  readonly photos?: { readonly path: string; readonly files: readonly StoredFile[] };
  /** SHA-256 over the fields and every file's name and hash. */
  readonly fingerprint: string;
}

const tooLarge = (field: string, file: string, limit: number): UserError =>
  new UserError({ pointer: `/${field}`, code: 'UPLOAD_FILE_TOO_LARGE', params: { field, file, limit } });

/** Counts and hashes the bytes going through; refuses more than `limit`; shows the first bytes to `check` (which may refuse). */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  head = Buffer.alloc(0);
  private checked = false;
  constructor(
    private readonly limit: number,
    private readonly onTooLarge: () => UserError,
    private readonly check: (head: Buffer) => void,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(this.onTooLarge());
    if (!this.checked) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES);
      if (this.head.length >= HEAD_BYTES) {
        const e = this.runCheck();
        if (e) return done(e);
      }
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    done(this.checked ? null : this.runCheck());
  }
  private runCheck(): Error | null {
    this.checked = true;
    try {
      this.check(this.head);
      return null;
    } catch (e) {
      return e as Error;
    }
  }
}

/** Bytes a file's type is judged from (magic numbers; a JSON roster's first character). */
const HEAD_BYTES = 64;

const isZip = (b: Buffer): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isText = (b: Buffer): boolean => b.length > 0 && !b.includes(0);
const firstNonSpace = (b: Buffer): string => b.toString('utf8').replace(/^\ufeff/, '').trimStart().charAt(0);

/** The roster's format from its bytes, checked against its name's extension (415 when they disagree). */
function rosterFormat(head: Buffer, name: string): RosterFormat {
  const ext = extname(name).toLowerCase();
  const refuse = (): never => {
    throw new UserError({ pointer: '/roster', code: 'UPLOAD_FILE_TYPE', params: { file: name, expected: 'XLSX, CSV or JSON' } });
  };
  if (isZip(head)) return ext === '' || ext === '.xlsx' ? 'xlsx' : refuse();
  if (!isText(head)) return refuse();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  if (ext !== '') return refuse();
  return firstNonSpace(head) === '[' ? 'json' : 'csv';
}

/** A file name to keep inside input/: no separators, control characters or leading dot. */
const storedName = (name: string, fallback: string): string => {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f:*?"<>|]/g, '_').replace(/^\.+/, '_').slice(0, 120);
  return clean === '' ? fallback : clean;
};

function fieldValue(name: FieldName, raw: string): unknown {
  const v = raw.trim();
  const invalid = (expected: string): never => {
    throw new UserError({ pointer: `/${name}`, code: 'UPLOAD_FIELD_INVALID', params: { field: name, value: v.slice(0, 100), expected }, value: v.slice(0, 100) });
  };
  switch (name) {
    case 'institution':
      return INSTITUTION_ID.test(v) ? v : invalid('an institution id (lower-case letters, digits and "-")');
    case 'issueDate':
      if (!isIsoDate(v)) throw new UserError({ pointer: '/issueDate', code: 'ISSUE_DATE_FORMAT', params: { value: v.slice(0, 100) }, value: v.slice(0, 100) });
      return v;
    case 'formId':
      return (BATCH_FORMS as readonly string[]).includes(v) ? v : invalid(BATCH_FORMS.join(' | '));
    case 'kind':
      return (BATCH_KINDS as readonly string[]).includes(v) ? v : invalid(BATCH_KINDS.join(' | '));
    case 'chunkSize':
      return checkChunkSize(/^[0-9]{1,6}$/.test(v) ? Number(v) : NaN);
    case 'branch':
      return v.length > 0 && v.length <= 100 ? v : invalid('a branch name or code (1–100 characters)');
  }
}

/** Maps the multipart plugin's limit and format errors to pointed catalogue errors. */
function uploadError(e: unknown, limits: UploadLimits): unknown {
  const code = (e as { code?: unknown }).code;
  switch (code) {
    case 'FST_FILES_LIMIT':
      return new UserError({ pointer: '/photos', code: 'UPLOAD_TOO_MANY_FILES', params: { limit: limits.photoFiles } });
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new UserError({ pointer: '', code: 'UPLOAD_TOO_MANY_PARTS', params: { limit: limits.fields } });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new UserError({ pointer: '', code: 'UPLOAD_NOT_MULTIPART' });
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
    case 'FST_MP_PREMATURE_CLOSE':
      return new UserError({ pointer: '', code: 'UPLOAD_MALFORMED', params: { reason: String((e as Error).message).slice(0, 100) } });
    default:
      if (e instanceof Error && !(e instanceof UserError) && /multipart|boundary|Unexpected end/i.test(e.message))
        return new UserError({ pointer: '', code: 'UPLOAD_MALFORMED', params: { reason: e.message.slice(0, 100) } });
      return e;
  }
}

export interface ReadUploadOptions {
  readonly limits?: UploadLimits;
  /** Called as soon as the `institution` field arrives (before the files when sent first): may refuse early. */
  readonly onInstitution?: (id: string) => Promise<void>;
}

/** Reads the upload into `<jobDir>/input/`; throws UserError (400/413/415) naming the field. */
export async function readBatchUpload(request: FastifyRequest, jobDirPath: string, o: ReadUploadOptions = {}): Promise<BatchUpload> {
  const limits = o.limits ?? DEFAULT_UPLOAD_LIMITS;
  if (!request.isMultipart()) throw new UserError({ pointer: '', code: 'UPLOAD_NOT_MULTIPART' });
  const inputDir = join(jobDirPath, INPUT_DIR);
  await mkdir(inputDir, { recursive: true });
  const fields: Partial<Record<FieldName, unknown>> = {};
  let roster: BatchUpload['roster'] | undefined;
  let zip: StoredFile | undefined;
  const images: StoredFile[] = [];
  const imageNames = new Set<string>();
  const parts = request.parts({
    limits: {
      files: limits.photoFiles + 1,
      fields: limits.fields,
      parts: limits.photoFiles + 1 + limits.fields,
      fieldSize: limits.fieldBytes,
      // Each part is held to its own bound by the Meter first; busboy's cap is only the backstop.
      fileSize: Math.max(limits.rosterBytes, limits.photoZipBytes, limits.photoBytes) + 1,
      headerPairs: 100,
    },
  });

  let seq = 0;
  /** Streams a file part into input/ under a temporary name; `check` sees its first bytes. */
  const store = async (part: MultipartFile, limit: number, field: string, check: (head: Buffer) => void): Promise<StoredFile & { head: Buffer }> => {
    const rel = join(INPUT_DIR, `.part-${++seq}`);
    const meter = new Meter(limit, () => tooLarge(field, part.filename, limit), check);
    await pipeline(part.file, meter, createWriteStream(join(jobDirPath, rel), { flags: 'wx' }));
    if (meter.bytes === 0) throw new UserError({ pointer: `/${field}`, code: 'UPLOAD_FILE_EMPTY', params: { file: part.filename } });
    return { path: rel, name: part.filename, sha256: meter.hash.digest('hex'), bytes: meter.bytes, head: meter.head };
  };
  const moveTo = async (f: StoredFile, rel: string): Promise<StoredFile> => {
    await rename(join(jobDirPath, f.path), join(jobDirPath, rel));
    return { path: rel, name: f.name, sha256: f.sha256, bytes: f.bytes };
  };

  try {
    for await (const part of parts as AsyncIterableIterator<Multipart>) {
      const name = part.fieldname;
      if (part.type === 'field') {
        if (!(FIELD_NAMES as readonly string[]).includes(name)) {
          if ((FILE_NAMES as readonly string[]).includes(name)) throw new UserError({ pointer: `/${name}`, code: 'UPLOAD_FILE_EXPECTED', params: { field: name } });
          throw new UserError({ pointer: `/${name.slice(0, 100)}`, code: 'UPLOAD_FIELD_UNKNOWN', params: { field: name.slice(0, 100), allowed: ALLOWED } });
        }
        const f = name as FieldName;
        if (f in fields) throw new UserError({ pointer: `/${f}`, code: 'UPLOAD_FIELD_DUPLICATE', params: { field: f } });
        if (part.valueTruncated) throw new UserError({ pointer: `/${f}`, code: 'UPLOAD_FIELD_TOO_LARGE', params: { field: f, limit: limits.fieldBytes } });
        fields[f] = fieldValue(f, String(part.value));
        if (f === 'institution' && o.onInstitution) await o.onInstitution(fields[f] as string);
        continue;
      }
      if (name === 'roster') {
        if (roster) throw new UserError({ pointer: '/roster', code: 'UPLOAD_FIELD_DUPLICATE', params: { field: 'roster' } });
        let format: RosterFormat | undefined;
        const stored = await store(part, limits.rosterBytes, 'roster', (head) => (format = rosterFormat(head, part.filename)));
        const stem = storedName(part.filename, 'roster').replace(/\.(xlsx|csv|json)$/i, '') || 'roster';
        roster = { ...(await moveTo(stored, join(INPUT_DIR, `${stem}.${format!}`))), format: format! };
        continue;
      }
      if (name === 'photos' || name === 'photo') {
        let type: 'zip' | 'image/jpeg' | 'image/png' | undefined;
        const checkPhoto = (head: Buffer): void => {
          type = isZip(head) ? 'zip' : sniffImageType(head);
          if (!type) throw new UserError({ pointer: '/photos', code: 'UPLOAD_FILE_TYPE', params: { file: part.filename, expected: 'a ZIP, JPEG or PNG' } });
          if (type === 'zip' ? zip !== undefined || images.length > 0 : zip !== undefined)
            throw new UserError({ pointer: '/photos', code: zip && type === 'zip' ? 'UPLOAD_FIELD_DUPLICATE' : 'UPLOAD_PHOTOS_MIXED', params: { field: 'photos' } });
        };
        // A ZIP may be large; an image part is held to the per-photo bound once its type is known.
        const stored = await store(part, Math.max(limits.photoZipBytes, limits.photoBytes), 'photos', checkPhoto);
        if (type === 'zip') {
          if (stored.bytes > limits.photoZipBytes) throw tooLarge('photos', part.filename, limits.photoZipBytes);
          zip = await moveTo(stored, join(INPUT_DIR, 'photos.zip'));
          continue;
        }
        if (stored.bytes > limits.photoBytes) throw tooLarge('photos', part.filename, limits.photoBytes);
        let file = storedName(part.filename, `photo-${images.length + 1}`);
        if (!['.jpg', '.jpeg', '.png'].includes(extname(file).toLowerCase())) file += type === 'image/png' ? '.png' : '.jpg';
        if (imageNames.has(file.toUpperCase())) throw new UserError({ pointer: '/photos', code: 'UPLOAD_PHOTO_NAME_DUPLICATE', params: { file } });
        imageNames.add(file.toUpperCase());
        if (images.length === 0) await mkdir(join(inputDir, 'photos'), { recursive: true });
        images.push(await moveTo(stored, join(INPUT_DIR, 'photos', file)));
        continue;
      }
      throw new UserError({ pointer: `/${name.slice(0, 100)}`, code: 'UPLOAD_FIELD_UNKNOWN', params: { field: name.slice(0, 100), allowed: ALLOWED } });
    }
  } catch (e) {
    throw uploadError(e, limits);
  }

  if (fields.institution === undefined) throw new UserError({ pointer: '/institution', code: 'UPLOAD_FIELD_REQUIRED', params: { field: 'institution' } });
  if (!roster) throw new UserError({ pointer: '/roster', code: 'UPLOAD_FIELD_REQUIRED', params: { field: 'roster' } });
  const batchFields: BatchFields = {
    institution: fields.institution as string,
    issueDate: (fields.issueDate as string | undefined) ?? todayInChina(),
    ...(fields.formId !== undefined ? { formId: fields.formId as BatchFields['formId'] } : {}),
    ...(fields.kind !== undefined ? { kind: fields.kind as BatchKind } : {}),
    chunkSize: (fields.chunkSize as number | undefined) ?? DEFAULT_CHUNK_SIZE,
    ...(fields.branch !== undefined ? { branch: fields.branch as string } : {}),
  };
  const photos = zip ? { path: zip.path, files: [zip] } : images.length ? { path: join(INPUT_DIR, 'photos'), files: images } : undefined;
  const fingerprint = createHash('sha256')
    .update(
      canonicalJson({
        fields: batchFields,
        roster: { format: roster.format, sha256: roster.sha256 },
        photos: photos ? photos.files.map((f) => [zip ? 'zip' : f.path.split(/[\\/]/).pop(), f.sha256]).sort() : [],
      }),
    )
    .digest('hex');
  return { fields: batchFields, roster, ...(photos ? { photos } : {}), fingerprint };
}
