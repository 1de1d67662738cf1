/**
 * createAjv(): the one way to build a validator engine. A factory, not a singleton: each caller
 * (registry, API, tests) owns its instance.
 *
 * Security posture (reliability-anchors §3.1, R-VAL-1): schemas are trusted code and come only from
 * schemas/; `strict` (all of strictSchema, strictTypes, strictTuples, strictNumbers; strictRequired
 * off, see below), no coercion, no removal, no defaults, `$data` never enabled; `allErrors` is safe
 * because every string has maxLength and every array maxItems (test/schema/secure-schemas.test.ts);
 * only the `date` and `email` formats of ajv-formats; our own checks are keywords in plain code.
 * `passContext` carries the per-run warning sink to the keywords (keywords/support.ts).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { schemasDir } from '../paths.js';
import { annotationKeywords, customKeywords } from './keywords/index.js';

export type Ajv = InstanceType<typeof Ajv2020.default>;

export const SCHEMA_HOST = 'https://schemas.skill-eval-forms.invalid';
export const commonSchemaDir = join(schemasDir, 'common');

/** The id every common entity must carry: `${SCHEMA_HOST}/common/<name>.schema.json`. */
export const commonSchemaId = (file: string): string => `${SCHEMA_HOST}/common/${file}`;

/** Parsed `schemas/common/*.schema.json`, sorted by file name. Read on every call (cheap; no shared mutable state). */
export const loadCommonSchemas = (): { file: string; schema: Record<string, unknown> }[] =>
  readdirSync(commonSchemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((file) => ({ file, schema: JSON.parse(readFileSync(join(commonSchemaDir, file), 'utf8')) as Record<string, unknown> }));

export function createAjv(): Ajv {
  const ajv = new Ajv2020.default({
    strict: true,
    // The one relaxation: a form narrows a common entity with `{ "$ref": "…/person.schema.json",
    // "type": "object", "required": [...] }`, which strictRequired rejects because the properties live
    // behind the $ref. test/schema/secure-schemas.test.ts checks every `required` name instead.
    strictRequired: false,
    allErrors: true,
    coerceTypes: false,
    removeAdditional: false,
    useDefaults: false,
    verbose: true,
    $data: false,
    passContext: true,
    // Bounded by maxLength; the u flag is what JSON Schema's ECMA-262 patterns mean.
    unicodeRegExp: true,
  });
  addFormats.default(ajv, ['date', 'email']);
  for (const k of annotationKeywords) ajv.addKeyword(k);
  for (const k of customKeywords) ajv.addKeyword(k);
  for (const { file, schema } of loadCommonSchemas()) {
    if (schema.$id !== commonSchemaId(file)) {
      throw new Error(`schemas/common/${file}: $id must be ${commonSchemaId(file)}, found ${String(schema.$id)}`);
    }
    ajv.addSchema(schema);
  }
  return ajv;
}
