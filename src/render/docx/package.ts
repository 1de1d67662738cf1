/**
 * Deterministic packaging: docx stamps docProps/core.xml with the current time and the zip entries
 * with the current mtime, so the same document would give different bytes on every run. The parts
 * are re-zipped in the same order with one fixed time (the caller's creation date) written into
 * dcterms:created / dcterms:modified and every entry's mtime.
 */
import yauzl from 'yauzl';
import yazl from 'yazl';

const CORE = 'docProps/core.xml';

export const w3cdtf = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function readEntries(zip: Buffer): Promise<{ name: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err ?? new Error('docx: cannot read the package'));
      const out: { name: string; data: Buffer }[] = [];
      file.on('error', reject);
      file.on('end', () => resolve(out));
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return file.readEntry();
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(`docx: cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}

function stampCore(xml: string, when: Date): string {
  const t = w3cdtf(when);
  return xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${t}$3`);
}

/** The package with every time in it set to `when`. */
export async function repackDeterministic(zip: Buffer, when: Date): Promise<Uint8Array> {
  const entries = await readEntries(zip);
  const out = new yazl.ZipFile();
  for (const e of entries) {
    const data = e.name === CORE ? Buffer.from(stampCore(e.data.toString('utf8'), when), 'utf8') : e.data;
    out.addBuffer(data, e.name, { mtime: when, mode: 0o100644, compress: true });
  }
  out.end();
  const chunks: Buffer[] = [];
  for await (const c of out.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return new Uint8Array(Buffer.concat(chunks));
}
