/**
 * Every pointer a flow layout binds (values, checkboxes, sums, `when` conditions, repeats and
 * groups, relative pointers inside them) names something the document's schema defines. A layout
 * binding a field that does not exist prints nothing, silently (a 工种 column bound to `job` where
 * the schema has `occupation/job`); this finds it without data. $refs into schemas/common and
 * oneOf/anyOf/allOf/if-then-else branches are followed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formRegistry } from '../../src/forms/registry.js';
import type { BlockSpec, CellSpec, InlineSpec, ParagraphSpec, RowSpec } from '../../src/layout/flow/types.js';

type Node = Record<string, unknown>;
interface At { node: Node; file: string }

const files = new Map<string, Node>();
const load = (file: string): Node => {
  let n = files.get(file);
  if (!n) files.set(file, (n = JSON.parse(readFileSync(file, 'utf8')) as Node));
  return n;
};

function pointerIn(root: Node, fragment: string): Node {
  let cur: unknown = root;
  for (const t of fragment.split('/').filter(Boolean)) cur = (cur as Node)[t.replace(/~1/g, '/').replace(/~0/g, '~')];
  return cur as Node;
}

/** A schema node with its $ref followed (siblings kept) and every branch it may take, flattened. */
function alternatives(at: At, seen = new Set<Node>()): At[] {
  if (!at.node || typeof at.node !== 'object' || seen.has(at.node)) return [];
  seen.add(at.node);
  const out: At[] = [at];
  const ref = at.node.$ref;
  if (typeof ref === 'string') {
    const [path, frag = ''] = ref.split('#');
    const file = path ? resolve(dirname(at.file), path) : at.file;
    out.push(...alternatives({ node: pointerIn(load(file), frag), file }, seen));
  }
  for (const k of ['allOf', 'anyOf', 'oneOf'])
    for (const sub of (at.node[k] as Node[] | undefined) ?? []) out.push(...alternatives({ node: sub, file: at.file }, seen));
  for (const k of ['then', 'else']) if (at.node[k]) out.push(...alternatives({ node: at.node[k] as Node, file: at.file }, seen));
  return out;
}

/** The schema nodes a pointer (tokens; '*' = any array item) can reach from `at`. */
function reach(at: At, tokens: readonly string[]): At[] {
  let cur = [at];
  for (const t of tokens) {
    const next: At[] = [];
    for (const a of cur.flatMap((c) => alternatives(c))) {
      if (t === '*' || /^\d+$/.test(t)) {
        if (a.node.items && typeof a.node.items === 'object') next.push({ node: a.node.items as Node, file: a.file });
      } else {
        const p = (a.node.properties as Record<string, Node> | undefined)?.[t];
        if (p) next.push({ node: p, file: a.file });
      }
    }
    cur = next;
    if (cur.length === 0) break;
  }
  return cur;
}

interface Bind { pointer: string; where: string }

/** Every bind of a layout, as an absolute pointer with '*' for array items. */
function bindsOf(blocks: readonly BlockSpec[]): Bind[] {
  const out: Bind[] = [];
  const abs = (bind: string, base: string) => {
    const b = bind.startsWith('!') ? bind.slice(1) : bind;
    return b.startsWith('/') ? b : `${base}/${b}`;
  };
  const add = (bind: string | undefined, base: string, where: string) => {
    if (bind !== undefined) out.push({ pointer: abs(bind, base), where });
  };
  const inline = (p: InlineSpec, base: string, where: string) => {
    if ('bind' in p) add(p.bind, base, where);
    else if ('checkbox' in p) add(p.checkbox.bind, base, where);
    else if ('sum' in p) {
      if ('each' in p.sum) {
        add(p.sum.each, base, where);
        if (p.sum.field) add(`${abs(p.sum.each, base)}/*/${p.sum.field}`, '', where);
      } else for (const b of p.sum.of) add(b, base, where);
    }
  };
  const paragraph = (p: ParagraphSpec, base: string, where: string) => {
    add(p.when, base, `${where} when`);
    add(p.bind, base, where);
    const itemBase = p.each && p.bind ? `${abs(p.bind, base)}/*` : base;
    for (const part of p.parts ?? []) inline(part, itemBase, where);
  };
  const cell = (c: CellSpec, base: string, where: string) => {
    add(c.bind, base, where);
    for (const part of c.parts ?? []) inline(part, base, where);
    for (const p of c.paragraphs ?? []) paragraph(p, base, where);
  };
  const row = (r: RowSpec, base: string, where: string) => {
    if ('group' in r) {
      add(r.group.bind, base, where);
      for (const sub of r.rows) row(sub, `${abs(r.group.bind, base)}/*`, where);
    } else if ('repeat' in r) {
      add(r.repeat.bind, base, where);
      const item = `${abs(r.repeat.bind, base)}/*`;
      for (const cells of [...(r.header ?? []), ...(r.repeat.lead ?? [])]) for (const c of cells) cell(c, base, where);
      for (const c of r.cells) cell(c, item, where);
      if (r.repeat.children) {
        add(r.repeat.children.bind, item, where);
        for (const c of r.repeat.children.cells) cell(c, `${abs(r.repeat.children.bind, item)}/*`, where);
      }
    } else {
      add(r.when, base, `${where} when`);
      for (const c of r.cells) cell(c, base, where);
    }
  };
  const block = (b: BlockSpec, base: string) => {
    switch (b.type) {
      case 'table':
        add(b.when, base, `table ${b.id} when`);
        for (const r of b.rows) row(r, base, `table ${b.id}`);
        break;
      case 'paragraph':
        paragraph(b, base, `paragraph${b.id ? ` ${b.id}` : ''}`);
        break;
      case 'content':
        add(b.bind, base, 'content');
        break;
      case 'group':
        add(b.bind, base, 'group');
        for (const sub of b.blocks) block(sub, `${abs(b.bind, base)}/*`);
        break;
      default:
        break;
    }
  };
  for (const b of blocks) block(b, '');
  return out;
}

const flowForms = [...formRegistry().values()].filter((f) => f.flow);

describe('flow layouts bind only what their schema defines', () => {
  it.each(flowForms.map((f) => [f.id, f] as const))('%s', (_id, form) => {
    const root: At = { node: form.schema as Node, file: resolve(form.dir, 'form.schema.json') };
    const binds = bindsOf(form.flow!.blocks);
    expect(binds.length).toBeGreaterThan(0);
    const missing = binds.filter((b) => reach(root, b.pointer.split('/').slice(1)).length === 0).map((b) => `${b.pointer} (${b.where})`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('finds a bind the schema does not define', () => {
    const form = formRegistry().get('henan-enterprise-filing-application')!;
    const root: At = { node: form.schema as Node, file: resolve(form.dir, 'form.schema.json') };
    expect(reach(root, ['scope', '*', 'occupation', 'job']).length).toBeGreaterThan(0);
    expect(reach(root, ['scope', '*', 'job'])).toEqual([]);
  });
});
