/**
 * Photos from a folder or a ZIP, matched by the ID number in the file name; bounded, streaming ZIP
 * reading that refuses path traversal and ignores directories and __MACOSX.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors/user-error.js';
import { MAX_PHOTO_BYTES, openPhotoSource, photoKeys } from '../../../src/issuance/roster/photos.js';
import { citizenId, photoJpeg, tempDir, zipStored } from './fixtures.js';

const idX = '11010519491231002X'; // GB 11643 example with check character X
const a = citizenId('1990-03-15', 123);
const b = citizenId('1985-07-08', 264);

describe('photo folder', () => {
  it('matches by ID number in the name (any case of x), in sub-folders, and reports missing, ambiguous and non-image files', async () => {
    const dir = tempDir();
    const jpg = await photoJpeg();
    mkdirSync(join(dir, '一班'));
    mkdirSync(join(dir, '__MACOSX'));
    writeFileSync(join(dir, `${idX.toLowerCase()}.JPG`), jpg);
    writeFileSync(join(dir, '一班', `王建军_${a}.jpeg`), jpg);
    writeFileSync(join(dir, '__MACOSX', `${b}.jpg`), jpg);
    writeFileSync(join(dir, `.${b}.jpg`), jpg);
    writeFileSync(join(dir, `${b}.txt`), 'not a photo');
    const c = citizenId('1970-01-01', 11);
    writeFileSync(join(dir, `${c}.jpg`), 'plain text, not a JPEG');
    const d = citizenId('1971-01-01', 11);
    writeFileSync(join(dir, `${d}.jpg`), jpg);
    writeFileSync(join(dir, `${d}.png`), jpg);
    const src = await openPhotoSource(dir);
    expect(src.count).toBe(5);
    const x = await src.find(idX);
    expect(x).toMatchObject({ status: 'ok', file: `${idX.toLowerCase()}.JPG`, image: { mediaType: 'image/jpeg' } });
    expect(x.status === 'ok' && Buffer.from(x.image.base64, 'base64').equals(jpg)).toBe(true);
    expect(await src.find(a)).toMatchObject({ status: 'ok', file: `一班/王建军_${a}.jpeg` });
    expect(await src.find(b)).toEqual({ status: 'missing' });
    expect(await src.find(c)).toMatchObject({ status: 'invalid', reason: 'not a JPEG or PNG image' });
    expect(await src.find(d)).toMatchObject({ status: 'ambiguous', files: [`${d}.jpg`, `${d}.png`] });
    await src.close();
  });

  it('a path that does not exist is PHOTOS_NOT_FOUND', async () => {
    await expect(openPhotoSource(join(tempDir(), 'nope'))).rejects.toMatchObject({ issues: [{ code: 'PHOTOS_NOT_FOUND' }] });
  });
});

describe('photo ZIP', () => {
  it('indexes photo entries only (directories, __MACOSX and other files ignored) and reads the one asked for', async () => {
    const dir = tempDir();
    const jpg = await photoJpeg();
    const zip = join(dir, 'photos.zip');
    writeFileSync(
      zip,
      zipStored([
        { name: 'photos/', data: Buffer.alloc(0) },
        { name: `photos/${a}.jpg`, data: jpg },
        { name: `__MACOSX/photos/._${a}.jpg`, data: Buffer.from('resource fork') },
        { name: 'photos/readme.txt', data: Buffer.from('hello') },
        { name: `photos/${idX.toLowerCase()}.jpg`, data: jpg },
      ]),
    );
    const src = await openPhotoSource(zip);
    expect(src.count).toBe(2);
    const r = await src.find(a);
    expect(r).toMatchObject({ status: 'ok', file: `photos/${a}.jpg`, image: { mediaType: 'image/jpeg' } });
    expect(r.status === 'ok' && Buffer.from(r.image.base64, 'base64').equals(jpg)).toBe(true);
    expect(await src.find(idX)).toMatchObject({ status: 'ok' });
    expect(await src.find(b)).toEqual({ status: 'missing' });
    await src.close();
  });

  it('refuses an archive with a path-traversal entry or an absolute path', async () => {
    const dir = tempDir();
    const jpg = await photoJpeg();
    for (const [i, name] of [`../${a}.jpg`, `photos/../../${a}.jpg`, `/etc/${a}.jpg`].entries()) {
      const zip = join(dir, `evil-${i}.zip`);
      writeFileSync(zip, zipStored([{ name: `${b}.jpg`, data: jpg }, { name, data: jpg }]));
      const err = await openPhotoSource(zip).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).issues[0]).toMatchObject({ code: 'PHOTOS_ZIP_UNSAFE', params: { entry: name } });
    }
  });

  it('an entry larger than the per-photo bound is not read and is reported as invalid', async () => {
    const dir = tempDir();
    const big = Buffer.alloc(MAX_PHOTO_BYTES + 1, 0xff);
    const zip = join(dir, 'big.zip');
    writeFileSync(zip, zipStored([{ name: `${a}.jpg`, data: big }]));
    const src = await openPhotoSource(zip);
    expect(await src.find(a)).toMatchObject({ status: 'invalid', reason: `larger than ${MAX_PHOTO_BYTES} bytes (${MAX_PHOTO_BYTES + 1})` });
    await src.close();
  });

  it('a file that is not a ZIP is PHOTOS_ZIP_UNREADABLE', async () => {
    const zip = join(tempDir(), 'broken.zip');
    writeFileSync(zip, 'not a zip at all');
    await expect(openPhotoSource(zip)).rejects.toMatchObject({ issues: [{ code: 'PHOTOS_ZIP_UNREADABLE' }] });
  });
});

describe('photoKeys', () => {
  it('a stem and every 18-character ID inside it, upper-cased', () => {
    expect(photoKeys(`张三_${idX.toLowerCase()}.jpg`)).toEqual([`张三_${idX}`, idX]);
    expect(photoKeys('1101051949123100211.jpg')).toEqual(['1101051949123100211']);
  });
});
