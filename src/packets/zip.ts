/**
 * packetZip: one download of a built packet (API and CLI): packet.pdf, docx/<nn>-<item>.docx and
 * manifest.json. Entries carry the packet's creation time, so the same packet zips to the same bytes.
 */
import yazl from 'yazl';
import type { PacketResult } from './types.js';

export function packetZip(result: PacketResult): Promise<Uint8Array> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(result.manifest.createdAt);
  zip.addBuffer(Buffer.from(result.pdf), 'packet.pdf', { mtime, compress: false });
  for (const d of result.docx) zip.addBuffer(Buffer.from(d.bytes), d.name, { mtime, compress: false });
  zip.addBuffer(Buffer.from(JSON.stringify(result.manifest, null, 2) + '\n'), 'manifest.json', { mtime });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
}
