/**
 * Supplied files named in a request file (`supplied: { <itemId>: ["files/x.pdf", …] }`), read
 * relative to the request's folder and never outside it (as the CLI loads images in data files).
 * The declared type comes from the extension; check-request.ts then compares it with the bytes.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { UserError, type IssueRef } from '../errors/user-error.js';
import type { PacketRequest, SuppliedFile, SuppliedMediaType } from './types.js';

const BY_EXTENSION: Record<string, SuppliedMediaType> = { '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' };

export function loadSuppliedFiles(request: unknown, baseDir: string): Map<string, SuppliedFile[]> {
  const files = new Map<string, SuppliedFile[]>();
  const supplied = (request as PacketRequest | null)?.supplied;
  if (!supplied || typeof supplied !== 'object') return files;
  const base = realpathSync(baseDir);
  const issues: IssueRef[] = [];
  for (const [itemId, paths] of Object.entries(supplied)) {
    if (!Array.isArray(paths)) continue; // the request schema reports it
    const list: SuppliedFile[] = [];
    paths.forEach((p: unknown, k) => {
      const pointer = `/supplied/${itemId}/${k}`;
      if (typeof p !== 'string') return;
      const full = resolve(base, p);
      if (isAbsolute(p) || relative(base, full).startsWith('..')) return void issues.push({ pointer, code: 'FILE_OUTSIDE_BASE', params: { path: p } });
      if (!existsSync(full)) return void issues.push({ pointer, code: 'FILE_NOT_FOUND', params: { path: p } });
      const real = realpathSync(full);
      if (relative(base, real).startsWith('..')) return void issues.push({ pointer, code: 'FILE_OUTSIDE_BASE', params: { path: p } });
      const mediaType = BY_EXTENSION[extname(p).toLowerCase()];
      if (!mediaType) return void issues.push({ pointer, code: 'PACKET_FILE_TYPE', params: { name: p, expected: 'PDF, JPEG or PNG (.pdf, .jpg, .jpeg, .png)' } });
      list.push({ name: p, mediaType, bytes: new Uint8Array(readFileSync(real)) });
    });
    files.set(itemId, list);
  }
  if (issues.length) throw new UserError(issues);
  return files;
}
