/** Types for scripts/fetch-fangsong.mjs (setup-time FandolFang extraction). */
export interface FetchFangsongOptions {
  readonly root?: string;
  readonly quiet?: boolean;
  /** Re-extract even when the cache file exists. */
  readonly force?: boolean;
  readonly localDir?: string;
  readonly cacheDir?: string;
}

export interface FetchFangsongResult {
  readonly status: 'local' | 'cached' | 'extracted' | 'skipped' | 'fallback';
  readonly file?: string;
  readonly message: string;
}

export function fetchFangsong(opts?: FetchFangsongOptions): Promise<FetchFangsongResult>;
export function findLocalFangsong(opts?: { root?: string; localDir?: string }): { file: string; truetype: boolean } | null;
