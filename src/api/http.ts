/**
 * Small HTTP helpers shared by the routes: download headers (RFC 6266 Content-Disposition with an
 * RFC 5987 UTF-8 filename*, so Chinese file names survive), and JSON carried in a response header
 * as base64url (header values must be ASCII; base64url needs no further quoting).
 */

/** RFC 5987 attr-char: everything else is percent-encoded (encodeURIComponent leaves ' ( ) * ! unencoded). */
const encodeRfc5987 = (s: string): string =>
  encodeURIComponent(s).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `attachment; filename="<ascii fallback>"; filename*=UTF-8''<utf-8 name>`. */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

/** Reads the UTF-8 name back from a Content-Disposition value (tests and clients). */
export function filenameFromDisposition(value: string): string | undefined {
  const m = /filename\*=UTF-8''([^;\s]+)/i.exec(value);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

/** A file name without path separators or control characters. */
export const safeFileName = (s: string): string => s.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').slice(0, 120);

export const headerJson = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
export const parseHeaderJson = (value: string): unknown => JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
