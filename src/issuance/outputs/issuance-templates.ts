/**
 * The precompiled templates of templates/issuance/ (scripts/precompile-templates.mjs), run by
 * an isolated `handlebars/runtime` environment: never compile() at run time (R-TPL-1).
 */
import HandlebarsRuntime from 'handlebars/runtime.js';
import * as generated from '../../generated/templates.js';

const Handlebars = HandlebarsRuntime as unknown as typeof import('handlebars');

export type IssuanceTemplate = (context: unknown) => string;

const cache = new Map<string, IssuanceTemplate>();
const hb = Handlebars.create();

export function issuanceTemplate(name: string): IssuanceTemplate {
  let t = cache.get(name);
  if (t) return t;
  const spec = ((generated as Record<string, unknown>)['issuance'] as Record<string, unknown> | undefined)?.[name];
  if (!spec) throw new Error(`no issuance template ${name}; run scripts/precompile-templates.mjs`);
  const compiled = hb.template(spec as never) as (ctx: unknown) => string;
  t = (ctx) => compiled(ctx);
  cache.set(name, t);
  return t;
}
