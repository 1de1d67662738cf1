/**
 * Assets a page may load. The HTML references them only as
 * `https://assets.invalid/<kind>/<id>`; the PDF backend answers those URLs from
 * this bundle by request interception and aborts every other request
 * (reliability-anchors.md R-PDF-1). `.invalid` never resolves (RFC 2606 §2).
 */
import { createHash } from 'node:crypto';

export const ASSET_ORIGIN = 'https://assets.invalid';

export interface Asset {
  /** Server-generated id, `^[a-z0-9-]{1,64}$`; never taken from input data. */
  readonly id: string;
  readonly kind: 'font' | 'image' | 'css';
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export type AssetBundle = ReadonlyMap<string, Asset>;

/** A stylesheet as an asset, its id derived from its content. */
export function cssAsset(css: string): Asset {
  const bytes = new TextEncoder().encode(css);
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 32), kind: 'css', contentType: 'text/css; charset=utf-8', bytes };
}

export const assetUrl = (a: Pick<Asset, 'kind' | 'id'>): string => `${ASSET_ORIGIN}/${a.kind}/${a.id}`;

/** Path part (`/<kind>/<id>`) → asset, for the interceptor. */
export function assetByPath(bundle: AssetBundle, url: string): Asset | undefined {
  if (!url.startsWith(`${ASSET_ORIGIN}/`)) return undefined;
  const rest = url.slice(ASSET_ORIGIN.length + 1);
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  const kind = rest.slice(0, slash);
  const id = rest.slice(slash + 1);
  const a = bundle.get(id);
  return a && a.kind === kind ? a : undefined;
}
