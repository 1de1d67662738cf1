/**
 * Writes a value at a JSON pointer (RFC 6901) into a deep copy of a record, creating missing
 * objects on the way: the store writes each allocated number into the document's render input.
 */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new RangeError(`not a JSON pointer: "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function withValueAt(record: Readonly<Record<string, unknown>>, pointer: string, value: unknown): Record<string, unknown> {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new RangeError('the number pointer must name a field, not the whole record');
  const copy = structuredClone(record) as Record<string, unknown>;
  if (tokens.some((t) => t === '__proto__' || t === 'constructor' || t === 'prototype'))
    throw new RangeError(`refusing the number pointer ${pointer}`);
  let node: Record<string, unknown> = copy;
  for (const t of tokens.slice(0, -1)) {
    const next = node[t];
    if (next === undefined) node[t] = {};
    else if (typeof next !== 'object' || next === null || Array.isArray(next))
      throw new RangeError(`cannot write the number at ${pointer}: "${t}" is not an object`);
    node = node[t] as Record<string, unknown>;
  }
  node[tokens[tokens.length - 1]!] = value;
  return copy;
}
