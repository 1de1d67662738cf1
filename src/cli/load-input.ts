/**
 * Reads a data file (or stdin) for the CLI. Image references written as
 * `{ "file": "photos/zhang.jpg" }` are loaded here, relative to the data file's
 * folder and never outside it, and replaced by `{ mediaType, base64 }`. The
 * renderer itself never reads files on behalf of input data.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { UserError, type IssueRef } from '../errors/user-error.js';
import { joinPointer } from '../layout/pointer.js';
import { sniffImageType } from '../layout/image-type.js';

export function readJsonInput(path: string): { data: unknown; baseDir: string } {
  let text: string;
  if (path === '-') text = readFileSync(0, 'utf8');
  else {
    if (!existsSync(path)) throw new UserError({ pointer: '', code: 'FILE_NOT_FOUND', params: { path } });
    text = readFileSync(path, 'utf8');
  }
  try {
    return { data: JSON.parse(text) as unknown, baseDir: path === '-' ? process.cwd() : dirname(resolve(path)) };
  } catch (e) {
    throw new UserError({ pointer: '', code: 'JSON_SYNTAX', params: { reason: (e as Error).message.slice(0, 200) } });
  }
}


/** Returns a copy of data with every `{file}` image reference loaded. */
export function loadFileReferences(data: unknown, baseDir: string): unknown {
  const issues: IssueRef[] = [];
  const base = realpathSync(baseDir);
  const walk = (v: unknown, ptr: string): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, joinPointer(ptr, i)));
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'file' && typeof o.file === 'string') {
      const p = o.file;
      const full = resolve(base, p);
      const rel = relative(base, full);
      if (isAbsolute(p) || rel.startsWith('..') || isAbsolute(rel)) {
        issues.push({ pointer: joinPointer(ptr, 'file'), code: 'FILE_OUTSIDE_BASE', params: { path: p } });
        return v;
      }
      if (!existsSync(full)) { issues.push({ pointer: joinPointer(ptr, 'file'), code: 'FILE_NOT_FOUND', params: { path: p } }); return v; }
      const real = realpathSync(full);
      if (relative(base, real).startsWith('..')) {
        issues.push({ pointer: joinPointer(ptr, 'file'), code: 'FILE_OUTSIDE_BASE', params: { path: p } });
        return v;
      }
      const bytes = readFileSync(real);
      const mediaType = sniffImageType(bytes);
      if (!mediaType) { issues.push({ pointer: joinPointer(ptr, 'file'), code: 'IMAGE_INVALID', params: { reason: 'not JPEG/PNG' } }); return v; }
      return { mediaType, base64: bytes.toString('base64') };
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = walk(o[k], joinPointer(ptr, k));
    return out;
  };
  const res = walk(data, '');
  if (issues.length) throw new UserError(issues);
  return res;
}

/** A data file (or `-` for stdin) with its image references loaded: what every command renders or validates. */
export function readInput(path: string): unknown {
  const { data, baseDir } = readJsonInput(path);
  return loadFileReferences(data, baseDir);
}
