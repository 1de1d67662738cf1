/** RFC 6901 JSON pointers, read-only, own properties only (never the prototype chain). */
export function getPointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export const escapePointerToken = (t: string): string => t.replace(/~/g, '~0').replace(/\//g, '~1');
export const joinPointer = (base: string, ...tokens: (string | number)[]): string =>
  base + tokens.map((t) => '/' + escapePointerToken(String(t))).join('');
