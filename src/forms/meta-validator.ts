/**
 * Validates the declarative files of a form folder (manifest.json, layout.json)
 * against schemas/meta/*. These files are ours, not user input; a failure here
 * is a build error that names the file and the pointer.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemasDir } from '../paths.js';

const ajv = new Ajv2020.default({ strict: true, allErrors: true, strictRequired: false, allowMatchingProperties: true });
addFormats.default(ajv, ['date']);
ajv.addKeyword('x-source');
const load = (f: string) => JSON.parse(readFileSync(join(schemasDir, 'meta', f), 'utf8')) as object;
const manifestValidator = ajv.compile(load('manifest.schema.json'));
const layoutValidator = ajv.compile(load('layout.schema.json'));
const flowLayoutValidator = ajv.compile(load('flow-layout.schema.json'));
const flowKindValidator = ajv.compile(load('flow-kind.schema.json'));

function check(v: typeof manifestValidator, data: unknown, file: string): void {
  if (!v(data)) {
    const msg = (v.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n  ');
    throw new Error(`${file} does not match its meta-schema:\n  ${msg}`);
  }
}

export const checkManifest = (data: unknown, file: string) => check(manifestValidator, data, file);
export const checkLayout = (data: unknown, file: string) => check(layoutValidator, data, file);
export const checkFlowLayout = (data: unknown, file: string) => check(flowLayoutValidator, data, file);
export const checkFlowKind = (data: unknown, file: string) => check(flowKindValidator, JSON.parse(JSON.stringify(data)), file);
