/**
 * Photos and seals: decoded with sharp under a pixel cap (a PNG bomb is an
 * input error, not a crash), the real type read from the bytes, then fitted to
 * the exact box of the layout: photos cropped to the box's aspect ratio
 * (`cover`) and re-encoded as JPEG at 300 dpi, which also drops EXIF; seals kept
 * as PNG with their transparency (`contain`). reliability-anchors.md §3.3.
 */
import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { UserError } from '../errors/user-error.js';
import type { ImageInput } from './types.js';
import { sniffImageType } from './image-type.js';

export const MAX_INPUT_PIXELS = 40_000_000;
const DPI = 300;

export interface FittedImage { readonly assetId: string; readonly image: ImageInput }

export async function fitImage(
  src: ImageInput,
  box: { widthMm: number; heightMm: number },
  fit: 'cover' | 'contain',
  pointer: string,
): Promise<FittedImage> {
  const actual = sniffImageType(src.bytes);
  if (!actual) throw new UserError({ pointer, code: 'IMAGE_INVALID', params: { reason: 'not JPEG/PNG' } });
  if (actual !== src.mediaType)
    throw new UserError({ pointer, code: 'IMAGE_TYPE_MISMATCH', params: { actual, declared: src.mediaType } });
  let meta: Metadata;
  try {
    meta = await sharp(src.bytes, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw new UserError({ pointer, code: 'IMAGE_INVALID', params: { reason: (e as Error).message.slice(0, 120) } });
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > MAX_INPUT_PIXELS)
    throw new UserError({ pointer, code: 'IMAGE_TOO_LARGE', params: { pixels, limit: MAX_INPUT_PIXELS } });
  const w = Math.round((box.widthMm / 25.4) * DPI);
  const h = Math.round((box.heightMm / 25.4) * DPI);
  let out: Buffer;
  try {
    const img = sharp(src.bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
    out =
      fit === 'cover'
        ? await img.resize(w, h, { fit: 'cover', position: 'centre' }).flatten({ background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer()
        : await img.resize(w, h, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
  } catch (e) {
    throw new UserError({ pointer, code: 'IMAGE_INVALID', params: { reason: (e as Error).message.slice(0, 120) } });
  }
  const image: ImageInput = { bytes: new Uint8Array(out), mediaType: fit === 'cover' ? 'image/jpeg' : 'image/png' };
  const assetId = createHash('sha256').update(out).digest('hex').slice(0, 32);
  return { assetId, image };
}
