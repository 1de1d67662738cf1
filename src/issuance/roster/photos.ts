/**
 * Holder photos supplied as a folder or a .zip, matched by the ID number in the file name
 * (`110105194912310021.jpg`, `张三_11010519491231002x.JPG`; the check character x/X either case).
 *
 * Only names are indexed up front; the bytes of a photo are read when a roster row asks for it.
 * ZIPs are read with yauzl, streaming and bounded: at most MAX_PHOTO_ENTRIES entries, each photo at
 * most MAX_PHOTO_BYTES (declared and actual size checked), entry names validated by yauzl (an absolute
 * path or a `..` segment refuses the whole archive: PHOTOS_ZIP_UNSAFE), directories, `__MACOSX/` and
 * dot-files ignored. Nothing is ever written to disk. A photo's type is its first bytes (JPEG/PNG).
 *
 * A found photo becomes `{ mediaType, base64 }`, the form src/cli/load-input.ts loadFileReferences
 * gives `{file}` image references and the renderer accepts (schemas/common/image.schema.json).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import yauzl from 'yauzl';
import { UserError } from '../../errors/user-error.js';
import { sniffImageType } from '../../layout/image-type.js';

export const MAX_PHOTO_ENTRIES = 50_000;
/** 3 000 000 bytes → 4 000 000 base64 characters, the image schema's bound. */
export const MAX_PHOTO_BYTES = 3_000_000;
const MAX_DIR_DEPTH = 4;

export interface LoadedPhoto {
  readonly mediaType: 'image/jpeg' | 'image/png';
  readonly base64: string;
}

export type PhotoLookup =
  | { readonly status: 'ok'; readonly file: string; readonly image: LoadedPhoto }
  | { readonly status: 'missing' }
  | { readonly status: 'ambiguous'; readonly files: readonly string[] }
  | { readonly status: 'invalid'; readonly file: string; readonly reason: string };

export interface PhotoSource {
  /** Number of photo files indexed. */
  readonly count: number;
  find(idNumber: string): Promise<PhotoLookup>;
  close(): Promise<void>;
}

const PHOTO_EXT = new Set(['.jpg', '.jpeg', '.png']);
const ID_IN_NAME = /(?<![0-9])[0-9]{17}[0-9X](?![0-9X])/g;

/** The keys a file name answers to: its whole stem and every 18-character ID number inside it. */
export function photoKeys(fileName: string): string[] {
  const stem = basename(fileName, extname(fileName)).normalize('NFKC').trim().toUpperCase();
  const keys = new Set<string>([stem]);
  for (const m of stem.matchAll(ID_IN_NAME)) keys.add(m[0]);
  return [...keys];
}

const ignored = (path: string): boolean => {
  const parts = path.split('/');
  return parts.some((p) => p === '__MACOSX' || p.startsWith('.')) || !PHOTO_EXT.has(extname(path).toLowerCase());
};

/** An index from key → entries, and a reader for one entry. */
class PhotoIndex<E extends { readonly name: string }> implements PhotoSource {
  private readonly byKey = new Map<string, E[]>();
  count = 0;
  constructor(
    private readonly read: (e: E) => Promise<{ bytes: Buffer } | { tooLarge: number }>,
    readonly close: () => Promise<void>,
  ) {}

  add(e: E): void {
    this.count++;
    for (const k of photoKeys(e.name)) {
      const list = this.byKey.get(k);
      if (list) list.push(e);
      else this.byKey.set(k, [e]);
    }
  }

  async find(idNumber: string): Promise<PhotoLookup> {
    const list = this.byKey.get(idNumber.normalize('NFKC').trim().toUpperCase());
    if (!list || list.length === 0) return { status: 'missing' };
    if (list.length > 1) return { status: 'ambiguous', files: list.map((e) => e.name) };
    const e = list[0]!;
    const r = await this.read(e);
    if ('tooLarge' in r) return { status: 'invalid', file: e.name, reason: `larger than ${MAX_PHOTO_BYTES} bytes (${r.tooLarge})` };
    const mediaType = sniffImageType(r.bytes);
    if (!mediaType) return { status: 'invalid', file: e.name, reason: 'not a JPEG or PNG image' };
    return { status: 'ok', file: e.name, image: { mediaType, base64: r.bytes.toString('base64') } };
  }
}

const tooMany = (): UserError => new UserError({ pointer: '', code: 'PHOTOS_TOO_MANY', params: { max: MAX_PHOTO_ENTRIES } });

async function openFolder(dir: string): Promise<PhotoSource> {
  const index = new PhotoIndex<{ name: string; full: string; size: number }>(
    async (e) => (e.size > MAX_PHOTO_BYTES ? { tooLarge: e.size } : { bytes: await readFile(e.full) }),
    async () => {},
  );
  let seen = 0;
  const walk = async (abs: string, rel: string, depth: number): Promise<void> => {
    for (const d of await readdir(abs, { withFileTypes: true })) {
      if (++seen > MAX_PHOTO_ENTRIES) throw tooMany();
      const r = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) {
        if (depth < MAX_DIR_DEPTH && d.name !== '__MACOSX' && !d.name.startsWith('.')) await walk(join(abs, d.name), r, depth + 1);
      } else if (d.isFile() && !ignored(r)) {
        const full = join(abs, d.name);
        index.add({ name: r, full, size: (await stat(full)).size });
      }
    }
  };
  await walk(dir, '', 0);
  return index;
}

const zipError = (path: string, e: Error): UserError => {
  const m = /^(absolute path|invalid relative path|invalid characters in fileName): (.*)$/.exec(e.message);
  if (m) return new UserError({ pointer: '', code: 'PHOTOS_ZIP_UNSAFE', params: { entry: m[2]!.slice(0, 200), reason: m[1]! } });
  return new UserError({ pointer: '', code: 'PHOTOS_ZIP_UNREADABLE', params: { path, reason: e.message.slice(0, 200) } });
};

async function openZip(path: string): Promise<PhotoSource> {
  const zip = await new Promise<yauzl.ZipFile>((res, rej) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true }, (err, z) =>
      err ? rej(zipError(path, err)) : res(z),
    ),
  );
  const close = async (): Promise<void> => {
    if (zip.isOpen) zip.close();
  };
  const readEntry = (e: yauzl.Entry): Promise<{ bytes: Buffer } | { tooLarge: number }> => {
    if (e.uncompressedSize > MAX_PHOTO_BYTES) return Promise.resolve({ tooLarge: e.uncompressedSize });
    return new Promise((res, rej) => {
      zip.openReadStream(e, (err, stream) => {
        if (err) return rej(zipError(path, err));
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_PHOTO_BYTES) {
            stream.destroy();
            res({ tooLarge: size });
            return;
          }
          chunks.push(c);
        });
        stream.on('error', (e2: Error) => rej(zipError(path, e2)));
        stream.on('end', () => res({ bytes: Buffer.concat(chunks) }));
      });
    });
  };
  const index = new PhotoIndex<{ name: string; entry: yauzl.Entry }>((e) => readEntry(e.entry), close);
  try {
    if (zip.entryCount > MAX_PHOTO_ENTRIES) throw tooMany();
    await new Promise<void>((res, rej) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (!name.endsWith('/') && !ignored(name)) index.add({ name, entry });
        zip.readEntry();
      });
      zip.on('end', () => res());
      zip.on('error', (e: Error) => rej(zipError(path, e)));
      zip.readEntry();
    });
  } catch (e) {
    await close();
    throw e;
  }
  return index;
}

/** Opens a photo folder or .zip. PHOTOS_NOT_FOUND, PHOTOS_ZIP_UNREADABLE, PHOTOS_ZIP_UNSAFE, PHOTOS_TOO_MANY. */
export async function openPhotoSource(path: string): Promise<PhotoSource> {
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new UserError({ pointer: '', code: 'PHOTOS_NOT_FOUND', params: { path } });
  }
  if (st.isDirectory()) return openFolder(path);
  if (st.isFile() && extname(path).toLowerCase() === '.zip') return openZip(path);
  throw new UserError({ pointer: '', code: 'PHOTOS_NOT_FOUND', params: { path } });
}

/** No photos supplied: every lookup is missing. */
export const noPhotos: PhotoSource = { count: 0, find: async () => ({ status: 'missing' }), close: async () => {} };
