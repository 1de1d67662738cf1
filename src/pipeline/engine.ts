/**
 * The engine: everything a render needs that is expensive to build and safe to
 * share (compiled validators, fonts, templates, the browser pool). Built by a
 * factory, never a module singleton, so tests and the CLI each own theirs.
 */
import { createAjv } from '../schema/ajv.js';
import { compileFormValidator, type FormValidator } from '../schema/validate.js';
import { formRegistry, requireForm, type FormDefinition } from '../forms/registry.js';
import { createTemplateEnv, type TemplateEnv } from '../render/html/handlebars-env.js';
import { createBrowserPool, type BrowserPool } from '../render/pdf/browser-pool.js';
import { loadFontSet, cssFontFaces, writeFontconfig, measureText, type FontSet, type CssFontFaces } from '../fonts/index.js';
import type { Measure } from '../layout/resolve.js';
import type { FontRole } from '../layout/types.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Engine {
  readonly forms: ReadonlyMap<string, FormDefinition>;
  readonly fonts: FontSet;
  /** @font-face rules and every face with its bytes; each document gets its faces subset (fonts/subset.ts). */
  readonly fontFaces: CssFontFaces;
  readonly measure: Measure;
  /** fonts.json `latin`: roles whose Latin text is set in another role. */
  readonly latinRoles: Readonly<Partial<Record<FontRole, FontRole>>>;
  readonly templates: TemplateEnv;
  validator(formId: string): FormValidator;
  form(formId: string): FormDefinition;
  /** The Chromium pool, started on first use. */
  pool(): Promise<BrowserPool>;
  close(): Promise<void>;
}

export interface EngineOptions {
  readonly poolSize?: number;
  readonly renderTimeoutMs?: number;
}

export function createEngine(opts: EngineOptions = {}): Engine {
  const forms = formRegistry();
  const ajv = createAjv();
  const validators = new Map<string, FormValidator>();
  const fonts = loadFontSet();
  const faces = cssFontFaces(fonts);
  const measure: Measure = (role, bold, sizePt, text) => measureText(fonts, role, sizePt, text, { bold });
  let pool: Promise<BrowserPool> | undefined;
  let fontconfigDir: string | undefined;
  const form = (id: string): FormDefinition => requireForm(id, forms);
  const latinRoles: Partial<Record<FontRole, FontRole>> = {};
  for (const [role, rc] of Object.entries(fonts.config.roles)) if (rc.latin) latinRoles[role as FontRole] = rc.latin as FontRole;
  return {
    forms,
    latinRoles,
    fonts,
    fontFaces: faces,
    measure,
    templates: createTemplateEnv(),
    form,
    validator(id) {
      let v = validators.get(id);
      if (!v) {
        v = compileFormValidator(ajv, form(id).schema);
        validators.set(id, v);
      }
      return v;
    },
    pool() {
      if (!pool) {
        fontconfigDir = mkdtempSync(join(tmpdir(), 'sef-fc-'));
        const fontconfigFile = writeFontconfig(fonts, fontconfigDir);
        pool = createBrowserPool({
          fontconfigFile,
          ...(opts.poolSize ? { size: opts.poolSize } : {}),
          ...(opts.renderTimeoutMs ? { timeoutMs: opts.renderTimeoutMs } : {}),
        });
      }
      return pool;
    },
    async close() {
      if (pool) await (await pool).close();
      pool = undefined;
      if (fontconfigDir) rmSync(fontconfigDir, { recursive: true, force: true });
      fontconfigDir = undefined;
    },
  };
}
