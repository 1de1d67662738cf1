/**
 * A form's flow layout as the renderer sees it: the kind's defaults
 * (templates/kinds/<kind>.defaults.json: page, text styles, table defaults) with the form's own
 * layout.json on top (page fields and table defaults override, styles merge by name with the
 * form's winning, decisions add up). Both files are checked against their meta-schemas, and the
 * merged page and table must be complete.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '../paths.js';
import type { FlowKind, FlowLayoutSpec } from '../layout/flow/types.js';
import { checkFlowKind, checkFlowLayout } from './meta-validator.js';

type KindDefaults = Pick<FlowLayoutSpec, 'kind' | 'page' | 'styles' | 'leading' | 'table' | 'x-decisions'>;

const defaultsCache = new Map<FlowKind, KindDefaults>();

export function kindDefaults(kind: FlowKind): KindDefaults {
  let d = defaultsCache.get(kind);
  if (!d) {
    const file = join(templatesDir, 'kinds', `${kind}.defaults.json`);
    d = JSON.parse(readFileSync(file, 'utf8')) as KindDefaults;
    checkFlowKind(d, file);
    defaultsCache.set(kind, d);
  }
  return d;
}

export function loadFlowLayout(raw: unknown, file: string): FlowLayoutSpec {
  checkFlowLayout(raw, file);
  const own = raw as Partial<FlowLayoutSpec> & Pick<FlowLayoutSpec, 'kind' | 'blocks'>;
  const d = kindDefaults(own.kind);
  const merged: FlowLayoutSpec = {
    ...own,
    page: { ...d.page, ...own.page, marginsMm: { ...d.page.marginsMm, ...own.page?.marginsMm } },
    styles: { ...d.styles, ...own.styles },
    leading: own.leading ?? d.leading,
    table: { ...d.table, ...own.table, cellPaddingMm: { ...d.table.cellPaddingMm, ...own.table?.cellPaddingMm } },
    'x-decisions': [...(d['x-decisions'] ?? []), ...(own['x-decisions'] ?? [])],
  };
  const { blocks: _blocks, constants: _constants, ...rest } = merged;
  checkFlowKind({ ...rest, $schema: undefined }, `${file} (merged with templates/kinds/${own.kind}.defaults.json)`);
  return merged;
}
