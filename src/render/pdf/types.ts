import type { AssetBundle } from '../assets.js';

/** A complete HTML document whose pages all have the given exact size. */
export interface PdfJob {
  readonly html: string;
  readonly assets: AssetBundle;
  /** Exact page size every page gets (MediaBox = CropBox, anchored top-left). */
  readonly pageWidthMm: number;
  readonly pageHeightMm: number;
  /** Document metadata written with pdf-lib (deterministic dates). */
  readonly title?: string;
  readonly creationDate?: Date;
}

export interface PdfResult {
  readonly bytes: Uint8Array;
  readonly pageCount: number;
  /** Requests the page tried that were not whitelisted assets (URL scheme+host only, no data). */
  readonly blockedRequests: readonly string[];
}
