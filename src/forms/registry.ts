/**
 * The form registry: every folder under schemas/forms/<id>/ with a manifest.json
 * is a document. Nothing lists forms by hand; adding a folder adds a document to
 * the CLI, the demo and the conformance tests.
 *
 * Folder contents: manifest.json, form.schema.json, layout.json (canvas kinds: certificates and
 * cards; flow kinds: the filing documents, see src/layout/flow/types.ts),
 * optional template.hbs, examples/{minimal,full,...}.json and
 * examples/invalid/<case>.json + <case>.expected.json.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formsDir } from '../paths.js';
import type { LayoutSpec } from '../layout/types.js';
import type { FlowLayoutSpec } from '../layout/flow/types.js';
import { checkLayout, checkManifest } from './meta-validator.js';
import { loadFlowLayout } from './flow-layout.js';
import { UserError } from '../errors/user-error.js';

export interface Manifest {
  id: string;
  title: { zh: string; en: string };
  kind: 'certificate' | 'card' | 'cover' | 'table-form' | 'roster' | 'summary-table' | 'outline' | 'checklist';
  jurisdiction: string;
  catalogue?: string;
  source: { docNo: string; issuer?: string; date?: string; seed: string; note?: string }[];
  outputs: ('pdf' | 'docx' | 'html')[];
  numbering?: string;
  profile?: string;
  defaults?: Record<string, unknown>;
  renderModes?: ('pages' | 'imposed')[];
  completeness: { status: 'complete' | 'partial'; summary?: string; notes?: string[] };
  alsoCovers?: { id: string; catalogue: string; title: string; how: string }[];
  decisions?: { topic: string; choice: string; configurable?: string; catalogue?: string }[];
}

export interface ExampleFile { readonly name: string; readonly file: string }
export interface InvalidExample extends ExampleFile {
  readonly expected: { pointer: string; code: string }[];
}

export interface FormDefinition {
  readonly id: string;
  readonly dir: string;
  readonly manifest: Manifest;
  readonly schema: Record<string, unknown>;
  /** Canvas layout (certificates, cards). */
  readonly layout?: LayoutSpec;
  /** Flow layout (covers, table forms, rosters, the summary table, outlines, checklists). */
  readonly flow?: FlowLayoutSpec;
  readonly examples: readonly ExampleFile[];
  readonly invalidExamples: readonly InvalidExample[];
}

const readJson = (f: string): unknown => JSON.parse(readFileSync(f, 'utf8'));

export function loadForm(dir: string): FormDefinition {
  const id = basename(dir);
  const manifest = readJson(join(dir, 'manifest.json')) as Manifest;
  checkManifest(manifest, join(dir, 'manifest.json'));
  if (manifest.id !== id) throw new Error(`${dir}/manifest.json: id "${manifest.id}" differs from its folder name`);
  const schema = readJson(join(dir, 'form.schema.json')) as Record<string, unknown>;
  let layout: LayoutSpec | undefined;
  let flow: FlowLayoutSpec | undefined;
  const layoutFile = join(dir, 'layout.json');
  if (existsSync(layoutFile)) {
    const raw = readJson(layoutFile) as { kind?: unknown };
    if (raw.kind === 'certificate' || raw.kind === 'card') {
      checkLayout(raw, layoutFile);
      layout = raw as LayoutSpec;
    } else {
      flow = loadFlowLayout(raw, layoutFile);
      if (flow.kind !== manifest.kind) throw new Error(`${layoutFile}: kind "${flow.kind}" differs from the manifest's "${manifest.kind}"`);
    }
  }
  const exDir = join(dir, 'examples');
  const examples = existsSync(exDir)
    ? readdirSync(exDir).filter((f) => f.endsWith('.json')).sort().map((f) => ({ name: basename(f, '.json'), file: join(exDir, f) }))
    : [];
  const invDir = join(exDir, 'invalid');
  const invalidExamples = existsSync(invDir)
    ? readdirSync(invDir)
        .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
        .sort()
        .map((f) => {
          const name = basename(f, '.json');
          const exp = join(invDir, `${name}.expected.json`);
          if (!existsSync(exp)) throw new Error(`${join(invDir, f)} has no ${name}.expected.json`);
          return { name, file: join(invDir, f), expected: readJson(exp) as InvalidExample['expected'] };
        })
    : [];
  return { id, dir, manifest, schema, ...(layout ? { layout } : {}), ...(flow ? { flow } : {}), examples, invalidExamples };
}

let cached: ReadonlyMap<string, FormDefinition> | undefined;

/** All forms, loaded once per process (the files are part of the program). */
export function formRegistry(root = formsDir): ReadonlyMap<string, FormDefinition> {
  if (cached && root === formsDir) return cached;
  const m = new Map<string, FormDefinition>();
  if (existsSync(root))
    for (const d of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort())
      if (existsSync(join(root, d, 'manifest.json'))) m.set(d, loadForm(join(root, d)));
  if (root === formsDir) cached = m;
  return m;
}

/** The form with this id, or a FORM_UNKNOWN input error (the id usually comes from a user). */
export function requireForm(id: string, forms: ReadonlyMap<string, FormDefinition> = formRegistry()): FormDefinition {
  const f = forms.get(id);
  if (!f) throw new UserError({ pointer: '', code: 'FORM_UNKNOWN', params: { id } });
  return f;
}
