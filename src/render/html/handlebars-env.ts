/**
 * An isolated Handlebars runtime environment holding the precompiled templates.
 * Only `handlebars/runtime` is imported: templates are compiled at build time
 * (scripts/precompile-templates.mjs) and compile() does not exist here
 * (reliability-anchors.md R-TPL-1). Prototype access stays denied (the 4.6+
 * defaults are never relaxed).
 */
import HandlebarsRuntime from 'handlebars/runtime.js';
import * as generated from '../../generated/templates.js';

// handlebars/runtime ships no typings of its own; it has the runtime half of the full API.
const Handlebars = HandlebarsRuntime as unknown as typeof import('handlebars');

type Template = (context: unknown) => string;

export interface TemplateEnv {
  kind(name: string): Template;
  form(formId: string): Template | undefined;
  /** templates/issuance/<name>.hbs (the completed 名册 and other issuance outputs). */
  issuance(name: string): Template;
}

export function createTemplateEnv(): TemplateEnv {
  const hb = Handlebars.create();
  for (const [name, spec] of Object.entries(generated.partials)) hb.registerPartial(name, hb.template(spec as never));
  const cache = new Map<string, Template>();
  const get = (key: string, spec: unknown): Template => {
    let t = cache.get(key);
    if (!t) {
      const compiled = hb.template(spec as never) as (ctx: unknown, opts?: unknown) => string;
      t = (ctx) => compiled(ctx);
      cache.set(key, t);
    }
    return t;
  };
  return {
    kind(name) {
      const spec = (generated.kinds as Record<string, unknown>)[name];
      if (!spec) throw new Error(`no kind template ${name}; run scripts/precompile-templates.mjs`);
      return get(`kind:${name}`, spec);
    },
    form(formId) {
      const spec = (generated.forms as Record<string, unknown>)[formId];
      return spec ? get(`form:${formId}`, spec) : undefined;
    },
    issuance(name) {
      const spec = (generated.issuance as Record<string, unknown>)[name];
      if (!spec) throw new Error(`no issuance template ${name}; run scripts/precompile-templates.mjs`);
      return get(`issuance:${name}`, spec);
    },
  };
}
