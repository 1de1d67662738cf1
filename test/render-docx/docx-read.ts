/**
 * Reading a DOCX back in tests: its parts as text (yauzl), and a tiny walk over word/document.xml
 * that gives each table's grid, rows and cells with the grid column every cell starts at — enough
 * to assert widths in DXA, gridSpan/vMerge positions, header rows, row heights and borders.
 */
import yauzl from 'yauzl';

export async function docxParts(bytes: Uint8Array): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const parts = new Map<string, string>();
      zip.on('error', reject);
      zip.on('end', () => resolve(parts));
      zip.on('entry', (e: yauzl.Entry) => {
        zip.openReadStream(e, (e2, s) => {
          if (e2 || !s) return reject(e2);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            parts.set(e.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Attributes of the first `<tag …>` in xml (w: prefix included in names). */
export function attrs(xml: string, tag: string): Record<string, string> | undefined {
  const m = new RegExp(`<${tag}(\\s[^>]*?)?/?>`).exec(xml);
  if (!m) return undefined;
  return Object.fromEntries([...(m[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
}

/** Top-level elements `<tag>…</tag>` (no nesting of the same tag inside, true for w:tbl here). */
export function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`, 'g'))].map((m) => m[0]);
}

export interface CellInfo { gridStart: number; span: number; vMerge?: string; width: number; borders: Record<string, { val: string; sz: string }>; text: string; paragraphs: string[] }
export interface RowInfo { header: boolean; cantSplit: boolean; height?: { val: number; rule: string }; cells: CellInfo[] }
export interface TableInfo { grid: number[]; width: number; layout?: string; rows: RowInfo[] }

const text = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

export function tables(documentXml: string): TableInfo[] {
  return elements(documentXml, 'w:tbl').map((tbl) => {
    const grid = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const rows = elements(tbl, 'w:tr').map((tr): RowInfo => {
      const trPr = /<w:trPr>([\s\S]*?)<\/w:trPr>/.exec(tr)?.[1] ?? '';
      const h = attrs(trPr, 'w:trHeight');
      let col = 0;
      const cells = elements(tr, 'w:tc').map((tc): CellInfo => {
        const span = Number(attrs(tc, 'w:gridSpan')?.['w:val'] ?? 1);
        const vm = attrs(tc, 'w:vMerge');
        const bordersXml = /<w:tcBorders>([\s\S]*?)<\/w:tcBorders>/.exec(tc)?.[1] ?? '';
        const borders = Object.fromEntries(['top', 'left', 'bottom', 'right'].map((s) => {
          const a = attrs(bordersXml, `w:${s}`);
          return [s, { val: a?.['w:val'] ?? '', sz: a?.['w:sz'] ?? '' }];
        }));
        const cell: CellInfo = {
          gridStart: col, span, width: Number(attrs(tc, 'w:tcW')?.['w:w']), borders, text: text(tc), paragraphs: elements(tc, 'w:p'),
          ...(vm ? { vMerge: vm['w:val'] ?? 'continue' } : {}),
        };
        col += span;
        return cell;
      });
      return { header: trPr.includes('<w:tblHeader/>'), cantSplit: trPr.includes('<w:cantSplit/>'), ...(h ? { height: { val: Number(h['w:val']), rule: h['w:hRule']! } } : {}), cells };
    });
    return { grid, width: Number(attrs(tbl, 'w:tblW')?.['w:w']), layout: attrs(tbl, 'w:tblLayout')?.['w:type'], rows };
  });
}

/** The `<w:style>` of a paragraph style id. */
export function style(stylesXml: string, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(stylesXml);
  if (!m) throw new Error(`style ${id} not found`);
  return m[0];
}
