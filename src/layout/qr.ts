/**
 * QR symbol as a list of dark module runs, drawn by the backends as exact
 * rectangles in a box of the layout's size (quiet zone excluded: the paper
 * around it is white, and layouts keep 4 modules clear).
 */
import QRCode from 'qrcode';

export interface QrMatrix {
  readonly modules: number;
  /** Dark runs per row: [row, startCol, length] packed as [row*modules+col, length]. */
  readonly cells: readonly (readonly [number, number])[];
}

export function qrMatrix(payload: string, ecc: 'L' | 'M' | 'Q' | 'H' = 'M'): QrMatrix {
  const qr = QRCode.create(payload, { errorCorrectionLevel: ecc });
  const n = qr.modules.size;
  const data = qr.modules.data;
  const cells: [number, number][] = [];
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (data[r * n + c]) {
        const start = c;
        while (c < n && data[r * n + c]) c++;
        cells.push([r * n + start, c - start]);
      } else c++;
    }
  }
  return { modules: n, cells };
}
