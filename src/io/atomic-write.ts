/**
 * Never a half-written file (reliability-anchors.md R-IO-1): the bytes go to a
 * temp file in the target's directory, are fsynced, and the temp is renamed over
 * the target (atomic within one file system); then the directory is fsynced so
 * the rename itself survives a power loss. A crash leaves either the old file or
 * the new one at the final name, and at worst a `.<name>.<pid>.<rand>.tmp`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** File mode of a new file (before umask). Default 0o666. */
  readonly mode?: number;
}

export async function writeFileAtomic(path: string, bytes: Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const fh = await open(tmp, 'wx', opts.mode ?? 0o666);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    renamed = true;
    await fsyncDir(dir);
  } catch (e) {
    if (!renamed) await rm(tmp, { force: true }).catch(() => {});
    throw e;
  }
}

async function fsyncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (e) {
    // Some platforms (Windows) and file systems refuse to fsync a directory; the rename stands.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw e;
  } finally {
    await fh?.close();
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
